"""`export ics LOG -o OUT.ics [--dispute ID_OR_TITLE]`: a dispute's dates as an iCalendar file.

Only reads the log (no window lock), so it works while the app has it open. Members' names are redacted
from every event (`services.upcoming.calendar_events`); the file is written whole or not at all.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from stls_desk.cli.common import EXIT_OK, CommandError, add_log_argument, pick_dispute


def register_export(formats: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `export ics`."""
    p = formats.add_parser(
        "ics",
        help="write a dispute's dates to an iCalendar (.ics) file",
        description="Write a dispute's dates to an iCalendar file any calendar program can import: strike "
        "days, ballots, notice and mandate deadlines, grievance and proposal deadlines, meetings. Members' "
        "names are left out. Importing a newer export updates the same events. Works while the app has the "
        "log open.",
    )
    add_log_argument(p, "the log file to read")
    p.add_argument("-o", "--output", metavar="OUT.ics", type=Path, required=True, help="the file to write")
    p.add_argument(
        "--dispute",
        metavar="ID_OR_TITLE",
        help="which dispute, by number or title (needed only when the log holds more than one)",
    )
    p.set_defaults(run=_run_ics)


def _run_ics(args: argparse.Namespace) -> int:
    from datetime import date

    from stls_desk.cli.common import open_for_reading, warn_if_unprotected
    from stls_desk.export.calendar import write_calendar
    from stls_desk.services.disputes import list_disputes
    from stls_desk.services.upcoming import calendar_events

    target: Path = args.output.expanduser()
    if target.is_dir():
        raise CommandError(f"{target} is a folder; give the file to write, such as {target / 'dispute.ics'}.")
    if not target.parent.is_dir():
        raise CommandError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    log = open_for_reading(args.log.expanduser(), args.passphrase_file)
    try:
        dispute = pick_dispute(list_disputes(log), args.dispute, log.path)
        events = calendar_events(log, dispute.id, date.today())
    finally:
        log.close()
    write_calendar(events, target, f"{dispute.title} (STLS Desk)")
    plural = "event" if len(events) == 1 else "events"
    print(f"Wrote {len(events)} {plural} from '{dispute.title}' to {target}.")
    warn_if_unprotected(log, target)
    return EXIT_OK
