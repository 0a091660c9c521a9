"""Spreadsheets out: every table as CSV and .xlsx, read back by the csv module and openpyxl."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stls_desk.db.log import Log
from stls_desk.domain.enums import KeyDateKind, Side
from stls_desk.services import ballots, grievances, meetings, people, proposals
from stls_desk.services.core import ServiceError
from stls_desk.services.tables import (
    TABLES,
    export_table,
    neutralise,
    restore,
    table_named,
    xlsx_escape,
    xlsx_unescape,
)

FORMULAS = [
    "=1+1",
    "+44 7700 900123",
    "-5 hours a week",
    "@SUM(A1:A9)",
    "\tindented",
    "\rreturn",
    "=cmd|' /C calc'!A0",
]


@pytest.fixture
def filled(log: Log, dispute_id: int) -> int:
    ada = people.create_person(
        log, dispute_id, "Ada Lovelace", workplace="Ashford", contact="ada@example.org"
    ).id
    bob = people.create_person(log, dispute_id, "Bob Employer", role="employer_rep").id
    g1 = grievances.create_grievance(
        log,
        dispute_id,
        "Cover for absent colleagues",
        detail='Two lines:\nfirst, and "quoted", second; with £ and é',
        raised_by=[ada],
        raised_on=date(2024, 6, 1),
        category="Workload",
    ).id
    for text in FORMULAS:
        grievances.create_grievance(log, dispute_id, f"Formula {text!r}", detail=text)
    proposal = proposals.create_proposal(
        log, dispute_id, "Offer on cover", employer_position='=HYPERLINK("http://x")', grievances=[g1]
    )
    proposals.add_revision(log, proposal.id, date(2024, 6, 5), "Revised offer")
    meeting = meetings.create_meeting(
        log, dispute_id, "Negotiation", datetime(2024, 6, 3, 14, 30), minutes="@Ada said"
    )
    meetings.set_attendees(log, meeting.id, [(ada, Side.UNION), (bob, Side.EMPLOYER)])
    meetings.add_action(log, meeting.id, "Send the letter", owner_id=ada, due_on=date(2024, 6, 10))
    ballots.create_key_date(log, dispute_id, KeyDateKind.STRIKE_DAY, "First strike day", date(2024, 7, 1))
    ballots.create_ballot(
        log,
        dispute_id,
        "Are you prepared to strike?",
        date(2024, 5, 1),
        date(2024, 5, 20),
        eligible=120,
        votes_cast=80,
        yes_votes=70,
        no_votes=10,
    )
    return dispute_id


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def read_xlsx(path: Path) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} would run as a formula"
    return [tuple(r) for r in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("table", list(TABLES))
def test_every_table_exports_as_csv_and_xlsx(log: Log, filled: int, tmp_path: Path, table: str) -> None:
    spec = TABLES[table]
    as_csv, as_xlsx = tmp_path / f"{table}.csv", tmp_path / f"{table}.xlsx"
    count = export_table(log, filled, table, "csv", as_csv)
    assert export_table(log, filled, table, "xlsx", as_xlsx) == count
    assert count >= 1
    rows = read_csv(as_csv)
    assert rows[0] == spec.headers and len(rows) == count + 1
    sheet = read_xlsx(as_xlsx)
    assert list(sheet[0]) == spec.headers and len(sheet) == count + 1
    assert as_csv.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads it as UTF-8
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary files


def test_values_are_written_as_a_rep_reads_them(log: Log, filled: int, tmp_path: Path) -> None:
    export_table(log, filled, "grievances", "csv", tmp_path / "g.csv")
    header, first = read_csv(tmp_path / "g.csv")[:2]
    row = dict(zip(header, first, strict=True))
    assert row["Reference"] == "G-001" and row["Raised by"] == "Ada Lovelace"
    assert row["Raised on"] == "2024-06-01" and row["Status"] == "Open" and row["Confidential"] == "No"
    assert row["Detail"] == 'Two lines:\nfirst, and "quoted", second; with £ and é'
    export_table(log, filled, "grievances", "xlsx", tmp_path / "g.xlsx")
    sheet = read_xlsx(tmp_path / "g.xlsx")
    cells = dict(zip(sheet[0], sheet[1], strict=True))
    assert cells["Raised on"] == datetime(2024, 6, 1)  # a real date cell, which Excel can sort and filter
    export_table(log, filled, "meetings", "csv", tmp_path / "m.csv")
    meeting = dict(zip(*read_csv(tmp_path / "m.csv")[:2], strict=True))
    assert meeting["Held at"] == "2024-06-03 14:30"
    assert meeting["Attendees"] == "Ada Lovelace (union); Bob Employer (employer)"
    export_table(log, filled, "ballots", "xlsx", tmp_path / "b.xlsx")
    ballot = dict(zip(*read_xlsx(tmp_path / "b.xlsx")[:2], strict=True))
    assert ballot["Votes cast"] == 80 and ballot["Important public service"] == "No"
    export_table(log, filled, "proposals", "csv", tmp_path / "p.csv")
    proposal = dict(zip(*read_csv(tmp_path / "p.csv")[:2], strict=True))
    assert proposal["Addresses"] == "G-001" and proposal["Revisions"] == "1"
    assert proposal["Employer's position"] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_cells_are_neutralised(log: Log, filled: int, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"g.{fmt}"
    export_table(log, filled, "grievances", fmt, target)
    rows = read_csv(target) if fmt == "csv" else [[str(v or "") for v in r] for r in read_xlsx(target)]
    details = [dict(zip(rows[0], r, strict=True))["Detail"] for r in rows[1:]]
    expected = ["'" + f if fmt == "csv" else "'" + f.replace("\r", "_x000D_") for f in FORMULAS]
    assert details[1:] == expected
    for row in rows[1:]:
        for cell in row:
            assert not cell or cell[0] not in "=+-@\t\r", cell


def test_text_that_only_looks_quoted_is_left_alone() -> None:
    assert neutralise("'Tis the season") == "'Tis the season"
    assert neutralise("'=already quoted") == "''=already quoted"  # one more quote, so import can undo it
    assert restore("'Tis the season") == "'Tis the season"
    assert restore("''=already quoted") == "'=already quoted"


@settings(max_examples=500)
@given(st.text())
def test_neutralising_round_trips_exactly(text: str) -> None:
    safe = neutralise(text)
    assert restore(safe) == text
    assert not safe or safe[0] not in "=+-@\t\r"


@settings(max_examples=500)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_xlsx_escaping_round_trips_exactly(text: str) -> None:
    escaped = xlsx_escape(text)
    assert xlsx_unescape(escaped) == text
    assert "\r" not in escaped and "\x00" not in escaped


def test_an_empty_table_exports_its_headers(log: Log, dispute_id: int, tmp_path: Path) -> None:
    assert export_table(log, dispute_id, "ballots", "csv", tmp_path / "b.csv") == 0
    assert read_csv(tmp_path / "b.csv") == [TABLES["ballots"].headers]


def test_export_replaces_a_file_whole_and_fails_cleanly(log: Log, filled: int, tmp_path: Path) -> None:
    target = tmp_path / "people.csv"
    target.write_text("an older export that is much longer than the new one\n" * 1000)
    export_table(log, filled, "people", "csv", target)
    assert len(read_csv(target)) == 3
    with pytest.raises(ServiceError, match="Could not write"):
        export_table(log, filled, "people", "csv", tmp_path / "missing folder" / "people.csv")
    with pytest.raises(ServiceError, match="csv or xlsx"):
        export_table(log, filled, "people", "pdf", tmp_path / "people.pdf")


def test_tables_are_found_by_any_reasonable_name() -> None:
    assert table_named("Action items") is TABLES["action_items"]
    assert table_named("key-dates") is TABLES["key_dates"]
    with pytest.raises(ServiceError, match="no table called 'minutes'"):
        table_named("minutes")
