"""The log's own commands: `open LOG`, `demo PATH` and `check LOG`.

`check` only reads: SQLite's checks run on a read-only connection (`db.health`), and the records are counted
without the window lock, so it works while the app has the log open and never upgrades or writes the log.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from stls_desk.cli.common import EXIT_DAMAGED, EXIT_OK, CommandError, add_log_argument

if TYPE_CHECKING:
    from stls_desk.db.driver import LogKey


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `open`, `demo` and `check`."""
    p = subparsers.add_parser(
        "open", help="open the app on the log file LOG", description="Open the app on the log file LOG."
    )
    add_log_argument(p, "the log file to open")
    p.set_defaults(run=_run_open)

    p = subparsers.add_parser(
        "demo",
        help="write the demo log to PATH",
        description="Write the demo log (the Kent STLS dispute, with fictional people) to PATH. "
        "Refuses to overwrite an existing file.",
    )
    p.add_argument("path", metavar="PATH", type=Path, help="where to write the demo log (a new file)")
    p.set_defaults(run=_run_demo)

    p = subparsers.add_parser(
        "check",
        help="check a log's integrity and format, and count its records",
        description="Check the log file LOG without changing it: SQLite's integrity check, its references, "
        "its format and what it holds. Works while the app has the log open. Exits 1 if the log is damaged.",
    )
    add_log_argument(p, "the log file to check")
    p.set_defaults(run=_run_check)


def _run_open(args: argparse.Namespace) -> int:
    from stls_desk.cli.common import key_for
    from stls_desk.cli.gui import open_log_file

    path: Path = args.log.expanduser()
    key = key_for(path, args.passphrase_file) if args.passphrase_file and path.is_file() else None
    return open_log_file(path, key)


def _run_demo(args: argparse.Namespace) -> int:
    from stls_desk.demo import write_demo_log

    path = write_demo_log(args.path)
    print(f"Wrote the demo log to {path}. Open it with: stls-desk open {path}")
    return EXIT_OK


def _run_check(args: argparse.Namespace) -> int:
    from stls_desk.cli.common import key_for
    from stls_desk.db.health import check_log
    from stls_desk.db.log import APPLICATION_ID, LogError, vet_file

    path: Path = args.log.expanduser()
    key = key_for(path, args.passphrase_file) if path.is_file() else None
    facts = vet_file(path, key)  # refuses a folder, another program's file and a newer log from the header
    if not facts.exists:
        raise LogError(f"There is no log at {path}. Check the path.")
    if facts.size == 0 or facts.application_id != APPLICATION_ID:
        raise LogError(f"{path} is empty: it is not an STLS Desk log (yet).")
    report = check_log(path, quick=False, key=key)
    for line in report.lines():
        print(line)
    if report.damaged or report.foreign_keys:
        found = (report.foreign_keys if not report.damaged else report.integrity)[0]
        raise CommandError(
            f"{path} is damaged ({found}); it was not changed. Restore it from a backup, and keep this copy "
            "until you have checked the backup holds what you need.",
            EXIT_DAMAGED,
        )
    if report.problems:
        raise LogError(f"{path}: {report.problems[0]}")
    counts = record_counts_of(path, facts.user_version, key)
    print("  records:")
    width = max((len(name) for name in counts), default=0)
    for name, count in counts.items():
        print(f"    {name:<{width}}  {count:>7}")
    print("The log is sound.")
    return EXIT_OK


def record_counts_of(path: Path, user_version: int, key: LogKey | None = None) -> dict[str, int]:
    """How many of each record a whole log holds, without changing it.

    An up-to-date log is opened without the window lock (WAL lets it read alongside an open window); one
    that would need migrating is read as it is, through a read-only connection, so checking never
    upgrades it.
    """
    from stls_desk.db.health import read_only_connection
    from stls_desk.db.log import SCHEMA_VERSION, open_log
    from stls_desk.services.disputes import RECORD_KINDS, record_counts

    if user_version == SCHEMA_VERSION:
        log = open_log(path, exclusive=False, key=key)
        try:
            return record_counts(log)
        finally:
            log.close(forget_key=False)
    conn = read_only_connection(path, key)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {
            name: int(conn.execute(f'SELECT count(*) FROM "{model.__tablename__}"').fetchone()[0])
            for name, model in RECORD_KINDS
            if model.__tablename__ in tables
        }
    finally:
        conn.close()
