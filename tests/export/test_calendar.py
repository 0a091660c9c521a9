"""The calendar file, read back by a second, independent parser (vobject), never just by icalendar itself.

What it must hold: all-day events for dated records and derived deadlines, timed meetings in Europe/London,
stable UIDs that survive an edit, and no member's name anywhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from stls_desk.cli import main
from stls_desk.db.log import Log
from stls_desk.domain.enums import KeyDateKind, PersonRole, Side
from stls_desk.export import calendar as ics
from stls_desk.export.calendar import CalendarEvent, calendar_bytes, write_calendar
from stls_desk.services import ballots, disputes, grievances, meetings, people
from stls_desk.services.upcoming import calendar_events

STAMP = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
TODAY = date(2025, 3, 1)
MEMBER = "Siân Llŷr"


def parse(data: bytes) -> Any:
    """The file as vobject reads it: a calendar program's view, not the writer's."""
    return vobject.readOne(data.decode("utf-8"))


def by_uid(calendar: Any) -> dict[str, Any]:
    return {event.uid.value: event for event in calendar.vevent_list}


def unfolded(data: bytes) -> str:
    """The file's text with folded lines joined again, so a name split by folding is still found."""
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")


# ----- the writer, on events made by hand --------------------------------------------------------------


def test_all_day_and_timed_events_read_back_as_written() -> None:
    events = [
        CalendarEvent.for_days("strike@test", "Strike day", date(2025, 2, 25), date(2025, 2, 27)),
        CalendarEvent.for_days("due@test", "Response due", date(2025, 3, 3), categories=("STLS Desk", "Due")),
        CalendarEvent.for_time(
            "summer@test", "Talks", datetime(2025, 6, 10, 10), datetime(2025, 6, 10, 11, 30), location="Hall"
        ),
        CalendarEvent.for_time(
            "winter@test", "Talks", datetime(2025, 12, 10, 10), datetime(2025, 12, 10, 11)
        ),
        CalendarEvent.for_time("utc@test", "Acas", datetime(2025, 7, 1, 9, tzinfo=UTC)),
    ]
    data = calendar_bytes(events, calendar_name="STLS restructure", stamp=STAMP)
    calendar = parse(data)

    assert calendar.prodid.value == "-//STLS Desk//EN"
    assert calendar.version.value == "2.0"
    assert calendar.contents["x-wr-calname"][0].value == "STLS restructure"
    found = by_uid(calendar)
    assert list(found) == [e.uid for e in events]
    for event in found.values():
        assert event.dtstamp.value == STAMP

    strike = found["strike@test"]
    assert type(strike.dtstart.value) is date and strike.dtstart.value == date(2025, 2, 25)
    assert strike.dtend.value == date(2025, 2, 28)  # DTEND is exclusive: the day after the last day
    assert found["due@test"].dtend.value == date(2025, 3, 4)
    assert found["due@test"].categories.value == ["STLS Desk", "Due"]

    summer, winter = found["summer@test"], found["winter@test"]
    text = unfolded(data)
    assert "DTSTART;TZID=Europe/London:20250610T100000" in text
    assert "DTEND;TZID=Europe/London:20250610T113000" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/London" in text
    assert summer.dtstart.value.utcoffset() == timedelta(hours=1)  # British Summer Time
    assert winter.dtstart.value.utcoffset() == timedelta(0)
    assert (summer.dtend.value - summer.dtstart.value) == timedelta(minutes=90)
    assert summer.location.value == "Hall"
    # An aware time is converted to London: 09:00 UTC in July is 10:00 BST.
    assert "DTSTART;TZID=Europe/London:20250701T100000" in text
    assert not hasattr(found["utc@test"], "dtend")


def test_a_calendar_without_timed_events_needs_no_time_zone() -> None:
    data = calendar_bytes([CalendarEvent.for_days("a@test", "A", date(2025, 1, 1))], calendar_name="X")
    assert b"VTIMEZONE" not in data
    assert len(parse(data).vevent_list) == 1


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: CalendarEvent(" ", "No UID", first_day=date(2025, 1, 1)), "needs a UID"),
        (lambda: CalendarEvent("x", "Neither"), "either all-day or timed"),
        (
            lambda: CalendarEvent("x", "Both", first_day=date(2025, 1, 1), start=datetime(2025, 1, 1, 9)),
            "either all-day or timed",
        ),
        (lambda: CalendarEvent.for_days("x", "Back", date(2025, 1, 2), date(2025, 1, 1)), "before it starts"),
        (
            lambda: CalendarEvent.for_time("x", "Back", datetime(2025, 1, 1, 10), datetime(2025, 1, 1, 9)),
            "ends before it starts",
        ),
    ],
)
def test_impossible_events_are_refused(make: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def test_two_events_with_one_uid_are_refused() -> None:
    twice = [CalendarEvent.for_days("same@test", s, date(2025, 1, 1)) for s in ("A", "B")]
    with pytest.raises(ValueError, match="share the UID"):
        calendar_bytes(twice, calendar_name="X")


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\r"),
        min_size=1,
        max_size=120,
    ).filter(lambda s: s.strip() == s and s.strip()),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")) | st.just("\n"), max_size=300),
)
def test_any_text_survives_the_round_trip(summary: str, description: str) -> None:
    """Commas, semicolons, backslashes, new lines and any script come back as the rep wrote them."""
    description = description.strip()
    event = CalendarEvent.for_days("t@test", summary, date(2025, 1, 1), description=description)
    (read,) = parse(calendar_bytes([event], calendar_name="X")).vevent_list
    assert read.summary.value == summary
    assert (read.description.value if description else "") == description


def test_writing_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "dispute.ics"
    write_calendar([CalendarEvent.for_days("a@test", "First", date(2025, 1, 1))], target, "X")
    write_calendar([CalendarEvent.for_days("a@test", "Second", date(2025, 1, 1))], target, "X")
    assert [e.summary.value for e in parse(target.read_bytes()).vevent_list] == ["Second"]
    assert [p.name for p in tmp_path.iterdir()] == ["dispute.ics"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "dispute.ics"
    write_calendar([CalendarEvent.for_days("a@test", "Old", date(2025, 1, 1))], target, "X")
    before = target.read_bytes()

    def no_room(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ics.os, "replace", no_room)
    with pytest.raises(OSError):
        write_calendar([CalendarEvent.for_days("a@test", "New", date(2025, 1, 1))], target, "X")
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["dispute.ics"]


# ----- from a real log ---------------------------------------------------------------------------------


def build_dispute(log: Log, dispute_id: int) -> dict[str, int]:
    """A dispute whose free text names a member in full, by surname and by first name alone."""
    member = people.create_person(log, dispute_id, MEMBER, PersonRole.MEMBER).id
    hr = people.create_person(log, dispute_id, "Mark Jones", PersonRole.EMPLOYER_REP).id
    ballot = ballots.create_ballot(
        log,
        dispute_id,
        "Are you prepared to take strike action?",
        date(2025, 1, 6),
        date(2025, 1, 31),
        eligible=100,
        votes_cast=60,
        yes_votes=50,
        no_votes=10,
    ).id
    notice = ballots.create_key_date(
        log, dispute_id, KeyDateKind.NOTICE_SERVED, "Notice served", date(2025, 2, 3)
    )
    strike = ballots.create_key_date(
        log,
        dispute_id,
        KeyDateKind.STRIKE_DAY,
        "Strike",
        date(2025, 2, 25),
        ends_on=date(2025, 2, 27),
        note="Picket at Ms Llŷr's hub",
    )
    grievance = grievances.create_grievance(
        log,
        dispute_id,
        f"{MEMBER}'s travel claim",
        raised_on=date(2025, 1, 10),
        response_due=date(2025, 3, 14),
        raised_by=[member],
    )
    summer = meetings.create_meeting(
        log, dispute_id, "Talks with Siân and Mark Jones", datetime(2025, 6, 10, 10), location="Siân's school"
    )
    meetings.set_attendees(log, summer.id, [(member, Side.UNION), (hr, Side.EMPLOYER)])
    winter = meetings.create_meeting(log, dispute_id, "Branch meeting", datetime(2025, 12, 2, 18, 30))
    secret = grievances.create_grievance(
        log, dispute_id, "Llŷr capability case", response_due=date(2025, 3, 20), confidential=True
    )
    return {
        "ballot": ballot,
        "notice": notice.id,
        "strike": strike.id,
        "grievance": grievance.id,
        "summer": summer.id,
        "winter": winter.id,
        "secret": secret.id,
    }


def uuid_of(log: Log, model: Any, row_id: int) -> str:
    with log.reading() as s:
        return str(s.get(model, row_id).uuid)


def test_the_log_exports_every_date_with_stable_uids(log: Log, dispute_id: int) -> None:
    from stls_desk.db.models import Ballot, Grievance, KeyDate, Meeting

    ids = build_dispute(log, dispute_id)
    data = calendar_bytes(calendar_events(log, dispute_id, TODAY), calendar_name="STLS", stamp=STAMP)
    found = by_uid(parse(data))

    ballot = uuid_of(log, Ballot, ids["ballot"])
    expected = {
        f"{ballot}-{role}@stls-desk": day
        for role, day in (
            ("notice-of-ballot", date(2024, 12, 30)),
            ("sample-voting-paper", date(2025, 1, 3)),
            ("opens", date(2025, 1, 6)),
            ("closes", date(2025, 1, 31)),
            ("mandate", date(2025, 7, 30)),
        )
    }
    expected[f"{uuid_of(log, KeyDate, ids['notice'])}-date@stls-desk"] = date(2025, 2, 3)
    expected[f"{uuid_of(log, KeyDate, ids['notice'])}-earliest-action@stls-desk"] = date(2025, 2, 17)
    expected[f"{uuid_of(log, KeyDate, ids['strike'])}-date@stls-desk"] = date(2025, 2, 25)
    expected[f"{uuid_of(log, Grievance, ids['grievance'])}-response-due@stls-desk"] = date(2025, 3, 14)
    expected[f"{uuid_of(log, Grievance, ids['secret'])}-response-due@stls-desk"] = date(2025, 3, 20)
    all_day = {uid: event.dtstart.value for uid, event in found.items() if "meeting@" not in uid}
    assert all_day == expected
    assert all(type(day) is date for day in all_day.values())

    strike = found[f"{uuid_of(log, KeyDate, ids['strike'])}-date@stls-desk"]
    assert strike.summary.value == "Strike day: Strike"
    assert strike.dtend.value == date(2025, 2, 28)
    mandate = found[f"{ballot}-mandate@stls-desk"]
    assert mandate.summary.value.startswith("Last day of the mandate: Statutory ballot: Are you prepared")
    assert "TU Act 2016" in mandate.description.value
    assert mandate.categories.value == ["STLS Desk", "Last day of the mandate", "Worked out"]
    assert found[f"{ballot}-opens@stls-desk"].categories.value[-1] == "Entered"

    summer = found[f"{uuid_of(log, Meeting, ids['summer'])}-meeting@stls-desk"]
    winter = found[f"{uuid_of(log, Meeting, ids['winter'])}-meeting@stls-desk"]
    assert summer.dtstart.value.utcoffset() == timedelta(hours=1)
    assert summer.dtstart.value.replace(tzinfo=None) == datetime(2025, 6, 10, 10)
    assert summer.dtend.value - summer.dtstart.value == timedelta(minutes=90)  # no end time is stored
    assert winter.dtstart.value.utcoffset() == timedelta(0)
    assert winter.summary.value == "Branch meeting"
    assert "DTSTART;TZID=Europe/London:20251202T183000" in unfolded(data)

    secret = found[f"{uuid_of(log, Grievance, ids['secret'])}-response-due@stls-desk"]
    assert secret.summary.value == "Employer's response due: G-002 (confidential)"


def test_no_member_is_named_anywhere_in_the_file(log: Log, dispute_id: int) -> None:
    build_dispute(log, dispute_id)
    people.create_person(log, dispute_id, "Ewa Nowak-Jones", PersonRole.MEMBER)
    ballots.create_key_date(log, dispute_id, KeyDateKind.OTHER, "NOWAK’s rota; ask Ewa", date(2025, 3, 5))
    data = calendar_bytes(calendar_events(log, dispute_id, TODAY), calendar_name="STLS")
    text = unicodedata.normalize("NFC", unfolded(data)).casefold()
    for part in ("siân", "llŷr", "sian", "llyr", "nowak", "ewa"):
        assert part not in text

    found = parse(data).vevent_list
    summaries = {e.summary.value for e in found}
    assert "Employer's response due: G-001 Member A's travel claim" in summaries
    assert "Talks with Member A and Mark Jones" in summaries  # the employer's side is not redacted
    strike = next(e for e in found if e.summary.value == "Strike day: Strike")
    assert "Picket at Ms Member A's hub" in strike.description.value
    assert next(e for e in found if e.summary.value.startswith("Talks")).location.value == "Member A's school"
    assert "Date: Member B’s rota; ask Member B" in summaries


def test_re_exporting_after_an_edit_updates_the_same_events(log: Log, dispute_id: int) -> None:
    ids = build_dispute(log, dispute_id)
    before = by_uid(parse(calendar_bytes(calendar_events(log, dispute_id, TODAY), calendar_name="X")))

    ballots.change_ballot(log, ids["ballot"], closes_on=date(2025, 2, 7))
    meetings.change_meeting(log, ids["summer"], title="Talks moved", held_at=datetime(2025, 6, 11, 14))
    ballots.change_key_date(log, ids["strike"], kind=KeyDateKind.ACTION_SHORT_OF_STRIKE)
    after = by_uid(parse(calendar_bytes(calendar_events(log, dispute_id, TODAY), calendar_name="X")))

    assert after.keys() == before.keys()
    changed = {
        uid: (before[uid].dtstart.value, after[uid].dtstart.value, after[uid].summary.value)
        for uid in after
        if (before[uid].dtstart.value, before[uid].summary.value)
        != (after[uid].dtstart.value, after[uid].summary.value)
    }
    summer = next(uid for uid in changed if uid.endswith("-meeting@stls-desk"))
    mandate = next(uid for uid in changed if uid.endswith("-mandate@stls-desk"))
    closes = next(uid for uid in changed if uid.endswith("-closes@stls-desk"))
    strike = next(uid for uid in changed if after[uid].summary.value.startswith("Action short of strike"))
    assert changed[mandate][:2] == (date(2025, 7, 30), date(2025, 8, 6))
    assert changed[closes][:2] == (date(2025, 1, 31), date(2025, 2, 7))
    assert changed[summer][2] == "Talks moved"
    assert changed[summer][1].replace(tzinfo=None) == datetime(2025, 6, 11, 14)
    assert changed[strike][2] == "Action short of strike: Strike"
    assert set(changed) == {summer, mandate, closes, strike}


# ----- the command line --------------------------------------------------------------------------------


def one_error(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("stls-desk: error: "), err
    return lines[0]


def test_export_ics_writes_the_only_dispute(
    log: Log, dispute_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build_dispute(log, dispute_id)
    out = tmp_path / "out.ics"

    assert main(["export", "ics", str(log.path), "-o", str(out)]) == 0

    count = len(calendar_events(log, dispute_id, TODAY))
    assert capsys.readouterr().out == f"Wrote {count} events from 'STLS restructure' to {out}.\n"
    calendar = parse(out.read_bytes())
    assert len(calendar.vevent_list) == count
    assert calendar.contents["x-wr-calname"][0].value == "STLS restructure (STLS Desk)"


def test_export_ics_picks_a_dispute_by_id_or_title(
    log: Log, dispute_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = disputes.create_dispute(log, "Pay and grading").id
    ballots.create_key_date(log, other, KeyDateKind.OTHER, "Pay review", date(2025, 4, 1))
    out = tmp_path / "out.ics"

    for wanted in (str(other), "PAY AND GRADING", "grading"):
        assert main(["export", "ics", str(log.path), "-o", str(out), "--dispute", wanted]) == 0
        assert capsys.readouterr().out == f"Wrote 1 event from 'Pay and grading' to {out}.\n"
        assert [e.summary.value for e in parse(out.read_bytes()).vevent_list] == ["Date: Pay review"]
    assert main(["export", "ics", str(log.path), "-o", str(out), "--dispute", str(dispute_id)]) == 0
    assert "from 'STLS restructure'" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("titles", "wanted", "message"),
    [
        ((), None, "holds no dispute yet"),
        (("Pay",), None, "holds 2 disputes; choose one with --dispute: 2 'Pay'; 1 'STLS restructure'"),
        (("Pay",), "Leave", "No dispute in .* is called or numbered 'Leave'; the disputes are: 2 'Pay'; 1 "),
        (("STLS restructure",), "stls restructure", "fits 2 disputes; give its number instead: 1 'STLS"),
        (("Pay review", "Pay grades"), "pay", "'pay' fits 2 disputes"),
    ],
)
def test_export_ics_explains_which_dispute_it_could_not_pick(
    log: Log,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    titles: tuple[str, ...],
    wanted: str | None,
    message: str,
) -> None:
    if titles:
        disputes.create_dispute(log, "STLS restructure")
    for title in titles:
        disputes.create_dispute(log, title)
    out = tmp_path / "out.ics"
    args = ["export", "ics", str(log.path), "-o", str(out), *(["--dispute", wanted] if wanted else [])]

    assert main(args) == 2

    import re

    assert re.search(message, one_error(capsys.readouterr().err))
    assert not out.exists()


def test_export_ics_refuses_a_missing_log_or_folder(
    log: Log, dispute_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "ics", str(tmp_path / "none.stlslog"), "-o", str(tmp_path / "a.ics")]) == 2
    assert "There is no log at" in one_error(capsys.readouterr().err)
    assert main(["export", "ics", str(log.path), "-o", str(tmp_path / "no" / "a.ics")]) == 2
    assert "the folder" in one_error(capsys.readouterr().err)
    assert main(["export", "ics", str(log.path), "-o", str(tmp_path)]) == 2
    assert "is a folder" in one_error(capsys.readouterr().err)
    assert main(["export", "ics", str(log.path)]) == 2
    assert "-o" in one_error(capsys.readouterr().err)


def test_export_ics_runs_as_a_real_command_while_the_log_is_open(
    log: Log, dispute_id: int, tmp_path: Path
) -> None:
    build_dispute(log, dispute_id)  # `log` stays open, holding the window lock, as the app would
    out = tmp_path / "dates.ics"
    done = subprocess.run(
        [sys.executable, "-m", "stls_desk", "export", "ics", str(log.path), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("Wrote ") and done.stdout.endswith(f" to {out}.\n")
    assert len(parse(out.read_bytes()).vevent_list) == int(done.stdout.split()[1])
