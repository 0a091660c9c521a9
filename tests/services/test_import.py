"""Spreadsheets in: round trips, files wrong in every way, all or nothing, duplicates, audit."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from stls_desk.db.log import Log
from stls_desk.db.models import AuditEntry
from stls_desk.domain.enums import GrievanceStatus, KeyDateKind, PersonRole
from stls_desk.services import ballots, disputes, grievances, meetings, people
from stls_desk.services import table_import as ti
from stls_desk.services.grievances import GrievanceQuery
from stls_desk.services.table_import import ImportRefused, apply_import, preview_import
from stls_desk.services.tables import export_table

IMPORTABLE = ["people", "grievances", "action_items", "key_dates"]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def audit_count(log: Log) -> int:
    with log.reading() as s:
        return int(s.scalar(select(func.count(AuditEntry.id))) or 0)


def snapshot(log: Log, dispute_id: int) -> dict[str, list[tuple[object, ...]]]:
    """What a dispute holds, without ids, to compare two disputes' contents."""
    gs = grievances.list_grievances(log, GrievanceQuery(dispute_id))
    details = [grievances.get_grievance(log, g.id) for g in gs]
    return {
        "people": [
            (p.name, p.role, p.workplace, p.contact, p.notes) for p in people.list_people(log, dispute_id)
        ],
        "grievances": [
            (
                d.row.title,
                d.detail,
                d.row.category,
                d.row.scope,
                d.staff_group,
                d.row.raised_on,
                d.row.stage,
                d.row.status,
                d.employer_response,
                d.row.response_due,
                d.row.resolved_on,
                d.row.confidential,
                tuple(name for _, name in d.raised_by),
            )
            for d in details
        ],
        "actions": [
            (a.description, a.owner, a.due_on, a.done_on) for a in meetings.list_actions(log, dispute_id)
        ],
        "key_dates": [
            (k.kind, k.title, k.starts_on, k.ends_on, k.note, k.employer_agreed_short_notice)
            for k in ballots.list_key_dates(log, dispute_id)
        ],
    }


def fill(log: Log, dispute_id: int, *, with_meeting: bool = True) -> None:
    ada = people.create_person(
        log, dispute_id, "Ada Lovelace", workplace="Ashford", contact="=ada@example.org"
    ).id
    people.create_person(log, dispute_id, "Zoë Ćwik", role=PersonRole.REP, notes="Notes\nover two lines")
    grievances.create_grievance(
        log,
        dispute_id,
        "Cover",
        detail="-5 hours a week\r\nand more",
        raised_by=[ada],
        raised_on=date(2024, 6, 1),
        response_due=date(2024, 6, 20),
        status=GrievanceStatus.RAISED,
        confidential=True,
    )
    grievances.create_grievance(
        log, dispute_id, "Travel time", category="Pay", staff_group="Specialist teachers"
    )
    if with_meeting:
        meeting = meetings.create_meeting(log, dispute_id, "Negotiation", datetime(2024, 6, 3, 14, 30)).id
        meetings.add_action(log, meeting, "Send the letter", owner_id=ada, due_on=date(2024, 6, 10))
        meetings.add_action(log, meeting, "@Book the room")
    ballots.create_key_date(
        log,
        dispute_id,
        KeyDateKind.STRIKE_DAY,
        "Strike",
        date(2024, 7, 1),
        ends_on=date(2024, 7, 2),
        note="+ rally",
    )


@pytest.fixture
def second(log: Log) -> int:
    return disputes.create_dispute(log, "Another dispute").id


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_dispute_imports_into_another_unchanged(
    log: Log, dispute_id: int, second: int, tmp_path: Path, fmt: str
) -> None:
    fill(log, dispute_id)
    meetings.create_meeting(log, second, "Negotiation", datetime(2024, 6, 3, 14, 30))
    for table in IMPORTABLE:
        path = tmp_path / f"{table}.{fmt}"
        export_table(log, dispute_id, table, fmt, path)
        preview = preview_import(log, second, table, path)
        assert preview.problems == () and preview.duplicates == ()
        result = apply_import(log, second, table, preview)
        assert len(result.created) == preview.new_rows > 0
    assert snapshot(log, second) == snapshot(log, dispute_id)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_importing_back_into_the_same_dispute_adds_nothing(
    log: Log, dispute_id: int, tmp_path: Path, fmt: str
) -> None:
    fill(log, dispute_id)
    before = snapshot(log, dispute_id)
    for table in IMPORTABLE:
        path = tmp_path / f"{table}.{fmt}"
        export_table(log, dispute_id, table, fmt, path)
        preview = preview_import(log, dispute_id, table, path)
        assert preview.new_rows == 0 and preview.duplicates
        assert all(d.of_line is None for d in preview.duplicates)
        assert apply_import(log, dispute_id, table, preview).created == ()
    assert snapshot(log, dispute_id) == before


texts = st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(detail=texts, category=texts.map(lambda t: t[:100]), fmt=st.sampled_from(["csv", "xlsx"]))
def test_any_text_round_trips_exactly(
    log: Log, dispute_id: int, tmp_path: Path, detail: str, category: str, fmt: str
) -> None:
    source = disputes.create_dispute(log, "Source").id
    target = disputes.create_dispute(log, "Target").id
    grievances.create_grievance(log, source, "Round trip", detail=detail, category=category)
    path = tmp_path / f"round.{fmt}"
    export_table(log, source, "grievances", fmt, path)
    apply_import(log, target, "grievances", preview_import(log, target, "grievances", path))
    assert snapshot(log, target)["grievances"] == snapshot(log, source)["grievances"]


def test_headers_match_without_regard_to_case_or_order_and_extra_columns_are_ignored(
    log: Log, dispute_id: int, tmp_path: Path
) -> None:
    path = write(tmp_path / "p.csv", "NOTES,name,Shoe size,ROLE\nlikes tea,Ada,7,Rep\n")
    preview = preview_import(log, dispute_id, "people", path)
    assert preview.mapping == {"NOTES": "notes", "name": "name", "Shoe size": None, "ROLE": "role"}
    apply_import(log, dispute_id, "people", preview)
    (ada,) = people.list_people(log, dispute_id)
    assert (ada.name, ada.role, ada.notes) == ("Ada", PersonRole.REP, "likes tea")


def test_the_rep_can_match_columns_by_hand(log: Log, dispute_id: int, tmp_path: Path) -> None:
    path = write(tmp_path / "g.csv", "Issue,Raised\nCover,01/06/2024\n")
    preview = preview_import(log, dispute_id, "grievances", path)
    assert [str(p) for p in preview.blocking] == [
        "line 1, Title: there is no 'Title' column, and grievances need one."
    ]
    mapping = {"Issue": "title", "Raised": "raised_on"}
    assert preview_import(log, dispute_id, "grievances", path, mapping).problems == ()
    apply_import(log, dispute_id, "grievances", preview, mapping)
    (g,) = grievances.list_grievances(log, GrievanceQuery(dispute_id))
    assert (g.title, g.raised_on) == ("Cover", date(2024, 6, 1))


BAD_GRIEVANCES = (
    "Title,Raised on,Resolved on,Status,Confidential,Raised by,Detail\n"
    "Fine,2024-06-01,,Open,No,,ok\n"  # line 2
    "Bad date,31/02/2024,,Open,No,,\n"  # line 3
    "Bad status,,,Urgent,No,,\n"  # line 4
    "Bad yes/no,,,Open,maybe,,\n"  # line 5
    ",,,Open,No,,no title\n"  # line 6
    "Backwards,2024-06-10,2024-06-01,Open,No,,\n"  # line 7
    "Stranger,,,Open,No,Nobody Known,\n"  # line 8
    '"Quoted, with new lines",,,,,,"one\ntwo\nthree"\n'  # lines 9-11
    "After the quoted lines,not a date,,,,,\n"  # line 12
    "\n"  # line 13: blank, ignored
    "Too many cells,,,,,,,surplus\n"  # line 14
    "Fine,2024-06-01,,Open,No,,ok\n"  # line 15: the same as line 2
)


def test_every_bad_row_is_listed_with_its_line_and_column(log: Log, dispute_id: int, tmp_path: Path) -> None:
    path = write(tmp_path / "g.csv", BAD_GRIEVANCES)
    preview = preview_import(log, dispute_id, "grievances", path)
    found = {(p.line, p.field) for p in preview.problems}
    assert found == {
        (3, "Raised on"),
        (4, "Status"),
        (5, "Confidential"),
        (6, "Title"),
        (7, "Resolved on"),
        (8, "Raised by"),
        (12, "Raised on"),
        (14, ""),
    }
    messages = {p.line: p.message for p in preview.problems}
    assert "'31/02/2024' is not a date" in messages[3]
    assert "is not one of: Open, Raised with employer" in messages[4]
    assert "no one called 'Nobody Known'" in messages[8]
    assert [str(d) for d in preview.duplicates] == ["line 15: the same as line 2; skipped"]
    assert preview.new_rows == 2 and preview.bad_lines == {3, 4, 5, 6, 7, 8, 12, 14}


def test_nothing_is_imported_while_problems_remain(log: Log, dispute_id: int, tmp_path: Path) -> None:
    path = write(tmp_path / "g.csv", BAD_GRIEVANCES)
    preview = preview_import(log, dispute_id, "grievances", path)
    audits = audit_count(log)
    with pytest.raises(
        ImportRefused, match=r"Nothing was imported: 8 lines of g\.csv have problems"
    ) as refused:
        apply_import(log, dispute_id, "grievances", preview)
    assert len(refused.value.problems) == 8
    assert grievances.count_grievances(log, GrievanceQuery(dispute_id)) == 0
    assert audit_count(log) == audits


def test_bad_rows_can_be_skipped_on_request(log: Log, dispute_id: int, tmp_path: Path) -> None:
    path = write(tmp_path / "g.csv", BAD_GRIEVANCES)
    result = apply_import(
        log, dispute_id, "grievances", preview_import(log, dispute_id, "grievances", path), skip_bad_rows=True
    )
    assert result.skipped_lines == (3, 4, 5, 6, 7, 8, 12, 14)
    assert [str(d) for d in result.duplicates] == ["line 15: the same as line 2; skipped"]
    titles = [g.title for g in grievances.list_grievances(log, GrievanceQuery(dispute_id))]
    assert titles == ["Fine", "Quoted, with new lines"]
    quoted = grievances.get_grievance(log, grievances.list_grievances(log, GrievanceQuery(dispute_id))[1].id)
    assert quoted.detail == "one\ntwo\nthree"


def test_a_missing_column_cannot_be_skipped(log: Log, dispute_id: int, tmp_path: Path) -> None:
    path = write(tmp_path / "k.csv", "Title,Note\nStrike,\n")
    preview = preview_import(log, dispute_id, "key_dates", path)
    with pytest.raises(ImportRefused):
        apply_import(log, dispute_id, "key_dates", preview, skip_bad_rows=True)


def test_the_import_is_one_transaction(
    log: Log, dispute_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "p.csv", "Name\nOne\nTwo\nThree\n")
    preview = preview_import(log, dispute_id, "people", path)
    real = ti._create
    made: list[int] = []

    def fail_on_the_third(*args: object) -> object:
        if len(made) == 2:
            raise RuntimeError("the disk went away")
        made.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(ti, "_create", fail_on_the_third)
    with pytest.raises(RuntimeError):
        apply_import(log, dispute_id, "people", preview)
    assert people.list_people(log, dispute_id) == []


def test_an_import_is_audited_without_personal_values(log: Log, dispute_id: int, tmp_path: Path) -> None:
    path = write(
        tmp_path / "p.csv", "Name,Contact\nAda Lovelace,07700 900123\nBrian Boru,brian@example.org\n"
    )
    apply_import(log, dispute_id, "people", preview_import(log, dispute_id, "people", path))
    with log.reading() as s:
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        people_entries = [e for e in entries if e.entity == "person"]
        assert len(people_entries) == 2
        assert (
            entries[-1].entity == "dispute" and entries[-1].summary == "Imported 2 people from a spreadsheet"
        )
        trail = json.dumps([(e.summary, e.changes) for e in entries])
    for personal in ("Ada", "Lovelace", "07700", "Brian", "brian@"):
        assert personal not in trail


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8-sig", "Name,Workplace\nZoë Ćwik,Café £5\n"),
        ("utf-8", "Name,Workplace\nZoë Ćwik,Café £5\n"),
        ("cp1252", "Name,Workplace\nZoë O’Brien,Café £5\n"),
        ("utf-16", "Name\tWorkplace\r\nZoë Ćwik\tCafé £5\r\n"),
    ],
    ids=["utf-8 with BOM", "utf-8", "windows-1252", "utf-16 tab-separated"],
)
def test_encodings_a_spreadsheet_may_save_in(
    log: Log, dispute_id: int, tmp_path: Path, encoding: str, text: str
) -> None:
    path = write(tmp_path / "p.csv", text, encoding)
    preview = preview_import(log, dispute_id, "people", path)
    assert preview.problems == ()
    apply_import(log, dispute_id, "people", preview)
    (person,) = people.list_people(log, dispute_id)
    expected_name = text.splitlines()[1].split("\t" if "\t" in text else ",")[0]
    assert (person.name, person.workplace) == (expected_name, "Café £5")


def test_semicolons_and_uk_dates_and_quoted_formulas(log: Log, dispute_id: int, tmp_path: Path) -> None:
    path = write(tmp_path / "k.csv", "Kind;Title;Starts on;Note\nStrike day;'=Strike;1 July 2024;'+ rally\n")
    apply_import(log, dispute_id, "key_dates", preview_import(log, dispute_id, "key_dates", path))
    (k,) = ballots.list_key_dates(log, dispute_id)
    assert (k.kind, k.title, k.starts_on, k.note) == (
        KeyDateKind.STRIKE_DAY,
        "=Strike",
        date(2024, 7, 1),
        "+ rally",
    )


def test_action_items_find_their_meeting_and_owner(log: Log, dispute_id: int, tmp_path: Path) -> None:
    ada = people.create_person(log, dispute_id, "Ada Lovelace").id
    meetings.create_meeting(log, dispute_id, "Negotiation", datetime(2024, 6, 3, 14, 30))
    meetings.create_meeting(log, dispute_id, "Negotiation", datetime(2024, 7, 1, 10, 0))
    path = write(
        tmp_path / "a.csv",
        "Meeting,Meeting held,Action,Owner,Due on\n"
        "negotiation,2024-07-01,Write up,ada lovelace,2024-07-05\n"  # found: title and day, any case
        "Negotiation,,Ambiguous,,\n"  # two meetings have this title
        "Negotiation,2024-08-01,No such day,,\n"
        "Negotiation,2024-06-03 14:30,Stranger,Nobody,\n"
        "Negotiation,2024-06-03,Too early,,2024-06-01\n",  # due before the meeting
    )
    preview = preview_import(log, dispute_id, "action_items", path)
    assert {(p.line, p.field) for p in preview.problems} == {
        (3, "Meeting"),
        (4, "Meeting"),
        (5, "Owner"),
        (6, "Due on"),
    }
    result = apply_import(log, dispute_id, "action_items", preview, skip_bad_rows=True)
    (action,) = meetings.list_actions(log, dispute_id)
    assert (action.description, action.owner_id, action.due_on) == ("Write up", ada, date(2024, 7, 5))
    assert len(result.created) == 1


def test_an_excel_workbook_with_real_dates_and_booleans(log: Log, dispute_id: int, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Title", "Starts on", "Employer agreed short notice", "Kind"])
    sheet.append(["Strike", datetime(2024, 7, 1), True, "strike_day"])
    sheet.append([None, None, None, None])  # a blank row, ignored
    sheet.append([20240702, "2024-07-02", False, "Other"])  # a number where text was wanted
    path = tmp_path / "k.xlsx"
    book.save(path)
    preview = preview_import(log, dispute_id, "key_dates", path)
    assert preview.problems == () and preview.encoding == "Excel workbook"
    apply_import(log, dispute_id, "key_dates", preview)
    dates = ballots.list_key_dates(log, dispute_id)
    assert [(k.title, k.starts_on, k.employer_agreed_short_notice) for k in dates] == [
        ("Strike", date(2024, 7, 1), True),
        ("20240702", date(2024, 7, 2), False),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "has no rows"),
        (b"\n\n  \n", "has no rows"),
        (b"PK\x03\x04 not really a workbook", "cannot be read as an Excel workbook"),
        (bytes(range(256)) * 4, "not a text file"),
        (b"\xef\xbb\xbfName\n\xff\xfe\n", "says it is UTF-8"),
    ],
    ids=["empty", "only blank lines", "broken xlsx", "binary", "bad utf-8 after a BOM"],
)
def test_files_that_are_not_spreadsheets_are_refused(
    log: Log, dispute_id: int, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    with pytest.raises(ImportRefused, match=message):
        preview_import(log, dispute_id, "people", path)


def test_only_the_four_tables_can_be_imported(log: Log, dispute_id: int, tmp_path: Path) -> None:
    path = write(tmp_path / "b.csv", "Question\nStrike?\n")
    with pytest.raises(ti.ServiceError, match="Ballots cannot be imported"):
        preview_import(log, dispute_id, "ballots", path)


def test_a_column_matched_twice_is_a_problem(log: Log, dispute_id: int, tmp_path: Path) -> None:
    path = write(tmp_path / "p.csv", "Name,Full name\nAda,Ada L\n")
    preview = preview_import(log, dispute_id, "people", path, {"Name": "name", "Full name": "name"})
    assert preview.blocking and "both 'Name' and 'Full name'" in preview.blocking[0].message


def test_a_reference_already_used_is_noted_not_overwritten(log: Log, dispute_id: int, tmp_path: Path) -> None:
    grievances.create_grievance(log, dispute_id, "Cover")
    path = write(tmp_path / "g.csv", "Reference,Title\nG-001,Cover (edited in Excel)\n")
    preview = preview_import(log, dispute_id, "grievances", path)
    assert preview.problems == () and "G-001 is already in the log" in preview.notes[0].message
    apply_import(log, dispute_id, "grievances", preview)
    titles = [g.title for g in grievances.list_grievances(log, GrievanceQuery(dispute_id))]
    assert titles == ["Cover", "Cover (edited in Excel)"]
