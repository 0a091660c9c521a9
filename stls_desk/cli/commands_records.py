"""Keeping the record: `export csv|xlsx`, `import csv|xlsx`, `backup` and `restore`.

`export` and `backup` only read the log, so they work while the app has it open. `import` and `restore`
write to it, and refuse while a window holds its lock. An import is all or nothing: if any row has a
problem, nothing is imported and every problem is listed, one per line, after the usual
"stls-desk: error:" line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from stls_desk.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    PROG,
    CommandError,
    add_log_argument,
    pick_dispute,
)

if TYPE_CHECKING:
    from stls_desk.db.log import Log
    from stls_desk.services.disputes import DisputeRow

TABLES_HELP = "grievances, proposals, people, meetings, action_items, key_dates or ballots"
IMPORT_TABLES_HELP = "grievances, people, action_items or key_dates"
BACKUPS_HELP = "the backups folder (default: the one beside your STLS Desk data)"


def _dispute_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dispute",
        metavar="ID_OR_TITLE",
        help="which dispute, by number or title (needed only when the log holds more than one)",
    )


def register_export(formats: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `export csv` and `export xlsx`."""
    for fmt, what in (("csv", "a CSV file"), ("xlsx", "an Excel workbook (.xlsx)")):
        p = formats.add_parser(
            fmt,
            help=f"write one of a dispute's tables to {what}",
            description=f"Write one table of a dispute to {what}, with a header row that `import` reads "
            "back. Cells a spreadsheet would run as formulas are written with a ' in front. Works while "
            "the app has the log open.",
        )
        add_log_argument(p, "the log file to read")
        p.add_argument("--table", metavar="NAME", required=True, help=f"the table: {TABLES_HELP}")
        p.add_argument("-o", "--output", metavar="OUT", type=Path, required=True, help="the file to write")
        _dispute_option(p)
        p.set_defaults(run=_run_export, format=fmt)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `import csv|xlsx`, `backup` and `restore`."""
    p = subparsers.add_parser(
        "import",
        help="add rows from a spreadsheet to a log (all or nothing)",
        description="Add the rows of a CSV file or Excel workbook to one of a dispute's tables. Columns are "
        "matched by their headings, whatever their case (the headings `export` writes). If any row has a "
        "problem nothing is imported, and every problem is listed. Rows already in the log are skipped. "
        "Refused while the app has the log open.",
    )
    formats = p.add_subparsers(dest="format", metavar="FORMAT", title="formats", required=True)
    for fmt, what in (("csv", "a CSV file"), ("xlsx", "an Excel workbook (.xlsx)")):
        q = formats.add_parser(fmt, help=f"import {what}", description=f"Import {what} into a log.")
        add_log_argument(q, "the log file to add to")
        q.add_argument("file", metavar="FILE", type=Path, help=f"the {fmt} file to read")
        q.add_argument("--table", metavar="NAME", required=True, help=f"the table: {IMPORT_TABLES_HELP}")
        _dispute_option(q)
        q.set_defaults(run=_run_import)

    p = subparsers.add_parser(
        "backup",
        help="make a checked backup of a log, or list its backups",
        description="Back the log up, checked with SQLite's integrity check before it is kept: into the "
        "backups folder, or to the file or folder OUT. Works while the app has the log open.",
    )
    add_log_argument(p, "the log file to back up")
    p.add_argument("-o", "--output", metavar="OUT", type=Path, help="a new file, or a folder, to write to")
    p.add_argument("--backups", metavar="DIR", type=Path, help=BACKUPS_HELP)
    p.add_argument("--list", action="store_true", help="list the log's backups instead of making one")
    p.set_defaults(run=_run_backup)

    p = subparsers.add_parser(
        "restore",
        help="put a backup in a log's place",
        description="Replace LOG with the backup BACKUP, after checking the backup. The log as it was is "
        "backed up first (or, if damaged, copied aside), so a restore can be undone. Refused while the app "
        "has the log open.",
    )
    p.add_argument("backup", metavar="BACKUP", type=Path, help="the backup file to restore")
    add_log_argument(p, "the log file to replace (or create)")
    p.add_argument("--backups", metavar="DIR", type=Path, help=BACKUPS_HELP)
    p.set_defaults(run=_run_restore)


def _pick(log: Log, wanted: str | None) -> DisputeRow:
    """The dispute `wanted` names (the same rule as every command: cli.common.pick_dispute)."""
    from stls_desk.services.disputes import list_disputes

    return pick_dispute(list_disputes(log), wanted, log.path)


def _target(path: Path) -> Path:
    target = path.expanduser()
    if target.is_dir():
        raise CommandError(
            f"{target} is a folder; give the file to write, such as {target / 'grievances.csv'}."
        )
    if not target.parent.is_dir():
        raise CommandError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    return target


def _run_export(args: argparse.Namespace) -> int:
    from stls_desk.cli.common import open_for_reading, warn_if_unprotected
    from stls_desk.services.tables import export_table, table_named

    spec = table_named(args.table)
    target = _target(args.output)
    log = open_for_reading(args.log.expanduser(), args.passphrase_file)
    try:
        dispute = _pick(log, args.dispute)
        count = export_table(log, dispute.id, spec.name, args.format, target)
    finally:
        log.close()
    print(f"Wrote {count} {spec.label} from '{dispute.title}' to {target}.")
    warn_if_unprotected(log, target)
    return EXIT_OK


def _print_refusal(message: str, lines: list[str]) -> int:
    """The error line, then each problem on its own line: a list the rep can work through."""
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)
    for line in lines:
        print(f"  {' '.join(line.split())}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _run_import(args: argparse.Namespace) -> int:
    import getpass

    from stls_desk.cli.common import key_for, refuse_if_open
    from stls_desk.db.log import open_log
    from stls_desk.services.table_import import ImportRefused, apply_import, preview_import
    from stls_desk.services.tables import table_named

    spec = table_named(args.table)
    source: Path = args.file.expanduser()
    if not source.is_file():
        raise CommandError(f"There is no file at {source}.")
    is_workbook = source.read_bytes()[:4] == b"PK\x03\x04"
    if is_workbook != (args.format == "xlsx"):
        other = "xlsx" if is_workbook else "csv"
        kind = "an Excel workbook" if is_workbook else "not an Excel workbook"
        raise CommandError(f"{source.name} is {kind}; import it with '{PROG} import {other}'.")
    log_path: Path = args.log.expanduser()
    refuse_if_open(log_path, f"import into {log_path.name}")
    key = key_for(log_path, args.passphrase_file)
    log = open_log(log_path, actor=f"{getpass.getuser()} (command line)", key=key)
    try:
        dispute = _pick(log, args.dispute)
        try:
            preview = preview_import(log, dispute.id, spec.name, source)
            if preview.problems:
                count = len({p.line for p in preview.problems})
                return _print_refusal(
                    f"Nothing was imported: {count} line{'s' if count != 1 else ''} of {source.name} "
                    f"{'have' if count != 1 else 'has'} problems:",
                    [str(p) for p in preview.problems],
                )
            result = apply_import(log, dispute.id, spec.name, preview)
        except ImportRefused as refused:
            return _print_refusal(str(refused), [str(p) for p in refused.problems])
    finally:
        log.close()
    print(f"Imported {len(result.created)} {spec.label} into '{dispute.title}' from {source.name}.")
    if result.duplicates:
        print(f"Skipped {len(result.duplicates)} duplicate row{'s' if len(result.duplicates) != 1 else ''}:")
        for duplicate in result.duplicates:
            print(f"  {duplicate}")
    for note in preview.notes:
        print(f"Note: {note}")
    return EXIT_OK


def _run_backup(args: argparse.Namespace) -> int:
    from stls_desk.cli.common import key_for
    from stls_desk.db.backup import backup_to_file, default_backups_dir, list_backups, make_backup

    log_path: Path = args.log.expanduser()
    folder: Path = args.backups.expanduser() if args.backups else default_backups_dir()
    key = key_for(log_path, args.passphrase_file) if log_path.exists() else None
    if args.list:
        backups = list_backups(folder, log_path.stem, key=key)
        if not backups:
            print(f"No backups of {log_path.name} in {folder}.")
        for b in backups:
            held = f"{b.records} records" if b.readable else f"cannot be read: {b.problem}"
            print(f"{b.taken_at:%Y-%m-%d %H:%M:%S} UTC  {held:>14}  {b.path}")
        return EXIT_OK
    if args.output is not None and not args.output.expanduser().is_dir():
        made = backup_to_file(log_path, args.output, key=key)
    else:
        made = make_backup(log_path, args.output.expanduser() if args.output else folder, key=key)
    sealed = "; encrypted with the log's passphrase" if made.encrypted else ""
    print(f"Backed up {log_path.name} to {made.path} ({made.records} records; integrity check: ok{sealed}).")
    return EXIT_OK


def _run_restore(args: argparse.Namespace) -> int:
    from stls_desk.cli.common import key_for, refuse_if_open
    from stls_desk.db.backup import restore_backup

    log_path: Path = args.log.expanduser()
    refuse_if_open(log_path, f"restore a backup over {log_path.name}")
    backup_path: Path = args.backup.expanduser()
    # An encrypted backup shares its log's key; a plain backup over an encrypted log needs the log's.
    key = key_for(backup_path, args.passphrase_file) if backup_path.is_file() else None
    if key is None and log_path.is_file():
        key = key_for(log_path, args.passphrase_file)
    result = restore_backup(
        backup_path, log_path, args.backups.expanduser() if args.backups else None, key=key
    )
    restored = result.restored
    print(
        f"Restored {log_path} from {restored.path.name} (taken {restored.taken_at:%Y-%m-%d %H:%M} UTC; "
        f"{restored.records} records)."
    )
    if result.safety_backup is not None:
        print(f"The log as it was is kept in {result.safety_backup.path}; restore that to undo this.")
    if result.damaged_copy is not None:
        print(f"The damaged log as it was is kept as {result.damaged_copy}.")
    return EXIT_OK
