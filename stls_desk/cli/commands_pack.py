"""`export pdf LOG -o OUT.pdf [--audience officers|members] [--dispute …] [--from DATE] [--to DATE] [--sections …]`.

The members' pack is the default, because it is the one that is safe to hand out. Only reads the log (no
window lock), so it works while the app has it open; ReportLab is imported only when the command runs.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from stls_desk.cli.common import EXIT_OK, CommandError, UsageError, add_log_argument, pick_dispute

SECTION_NAMES = ("at_a_glance", "timeline", "grievances", "proposals", "meetings", "ballots")


def register_export(formats: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `export pdf`."""
    p = formats.add_parser(
        "pdf",
        help="write a briefing pack (PDF) for branch officers or for members",
        description="Write a dispute's briefing pack as a PDF. The members' pack (the default) names no member "
        "and leaves out confidential records, contact details and attachments; the officers' pack is "
        "confidential and complete. Works while the app has the log open.",
    )
    add_log_argument(p, "the log file to read")
    p.add_argument("-o", "--output", metavar="OUT.pdf", type=Path, required=True, help="the file to write")
    p.add_argument(
        "--audience",
        choices=("members", "officers"),
        default="members",
        help="members (personal details removed; the default) or officers (confidential)",
    )
    p.add_argument(
        "--dispute", metavar="ID_OR_TITLE", help="which dispute (needed when the log holds several)"
    )
    p.add_argument("--from", dest="date_from", metavar="DATE", help="only records from this day (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="only records up to this day (YYYY-MM-DD)")
    p.add_argument(
        "--sections",
        metavar="LIST",
        help=f"comma-separated sections to include (default all): {', '.join(SECTION_NAMES)}",
    )
    p.set_defaults(run=_run_pdf)


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"{option} {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-02-25."
        ) from None


def _sections(text: str | None) -> frozenset[str]:
    if text is None:
        return frozenset(SECTION_NAMES)
    chosen = {
        part.strip().lower().replace("-", "_").replace(" ", "_") for part in text.split(",") if part.strip()
    }
    unknown = sorted(chosen - set(SECTION_NAMES))
    if unknown or not chosen:
        raise UsageError(
            f"--sections: {', '.join(unknown) or 'none given'} is not a section; choose from {', '.join(SECTION_NAMES)}."
        )
    return frozenset(chosen)


def _run_pdf(args: argparse.Namespace) -> int:
    date_from, date_to = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if date_from and date_to and date_from > date_to:
        raise UsageError(f"--from {date_from} is after --to {date_to}; swap them.")
    sections = _sections(args.sections)
    target: Path = args.output.expanduser()
    if target.is_dir():
        raise CommandError(f"{target} is a folder; give the file to write, such as {target / 'pack.pdf'}.")
    if not target.parent.is_dir():
        raise CommandError(f"Cannot write {target}: the folder {target.parent} does not exist.")

    from stls_desk.cli.common import open_for_reading, warn_if_unprotected
    from stls_desk.export.pack import Audience, PackOptions, Section
    from stls_desk.services.briefing import export_briefing_pack
    from stls_desk.services.disputes import list_disputes

    options = PackOptions(
        Audience(args.audience),
        frozenset(Section(name) for name in sections),
        date_from=date_from,
        date_to=date_to,
    )
    log = open_for_reading(args.log.expanduser(), args.passphrase_file)
    try:
        dispute = pick_dispute(list_disputes(log), args.dispute, log.path)
        result = export_briefing_pack(log, dispute.id, options, target)
    finally:
        log.close()
    print(
        f"Wrote the {options.audience.label.lower()} for '{dispute.title}' ({result.page_count} pages) to {target}."
    )
    warn_if_unprotected(log, target)
    return EXIT_OK
