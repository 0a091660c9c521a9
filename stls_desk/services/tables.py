"""Spreadsheets out: any of a dispute's tables as CSV or Excel (.xlsx), written atomically.

Each table's columns are declared once here, with the headers the export writes; import
(`table_import`) reads the same headers back, matched without regard to case, so an exported file
imports without editing.

Formula neutralising: a text cell that a spreadsheet would run as a formula — one starting with `=`, `+`,
`-`, `@`, a tab or a carriage return — is written with a single quote in front (`'=SUM(A1)`), so opening
the file never runs anything. To keep round trips exact, text that already starts with quotes followed by
one of those characters gets one more quote, and import removes exactly one quote from such cells and
from no others ("'Tis" stays "'Tis").

In .xlsx, characters XML cannot hold (a carriage return, control characters) are written as Excel writes
them, `_x000D_`, and a literal `_xHHHH_` in the text is protected as `_x005F_xHHHH_`; import decodes both.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from stls_desk.db.log import Log
from stls_desk.db.models import (
    ActionItem,
    Attendee,
    Ballot,
    Grievance,
    KeyDate,
    Meeting,
    Person,
    Proposal,
)
from stls_desk.domain.enums import (
    BallotKind,
    GrievanceScope,
    GrievanceStage,
    GrievanceStatus,
    KeyDateKind,
    MeetingKind,
    PersonRole,
    ProposalStatus,
    TabledBy,
)
from stls_desk.services.core import ServiceError

FORMATS = ("csv", "xlsx")
NAME_SEPARATOR = "; "
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"^'+[=+\-@\t\r]")
_XLSX_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")


class Kind(StrEnum):
    TEXT = "text"
    DATE = "date"
    DATETIME = "datetime"
    ENUM = "enum"
    BOOL = "bool"
    INT = "int"
    NAMES = "names"  # several people's names, "; " between them
    REFERENCE = "reference"  # G-001: shown, never imported (the log numbers what it holds)


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: Kind = Kind.TEXT
    enum: type[StrEnum] | None = None
    required: bool = False
    imported: bool = True
    get: Callable[[Any], object] | None = None  # how the export reads it from the record, if not the field

    def value(self, record: Any) -> object:
        return self.get(record) if self.get is not None else getattr(record, self.field)


@dataclass(frozen=True)
class TableSpec:
    name: str
    label: str  # plural, in a rep's words: "action items"
    columns: tuple[Column, ...]
    importable: bool

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)


def _names(people: Iterable[Person]) -> str:
    return NAME_SEPARATOR.join(p.name for p in people)


def _confidential() -> Column:
    return Column("confidential", "Confidential", Kind.BOOL)


GRIEVANCES = TableSpec(
    "grievances",
    "grievances",
    (
        Column("reference", "Reference", Kind.REFERENCE, imported=False),
        Column("title", "Title", required=True),
        Column("detail", "Detail"),
        Column("category", "Category"),
        Column("scope", "Scope", Kind.ENUM, GrievanceScope),
        Column("staff_group", "Staff group"),
        Column("raised_by", "Raised by", Kind.NAMES, get=lambda g: _names(g.raised_by)),
        Column("raised_on", "Raised on", Kind.DATE),
        Column("stage", "Stage", Kind.ENUM, GrievanceStage),
        Column("status", "Status", Kind.ENUM, GrievanceStatus),
        Column("employer_response", "Employer response"),
        Column("response_due", "Response due", Kind.DATE),
        Column("resolved_on", "Resolved on", Kind.DATE),
        _confidential(),
    ),
    importable=True,
)
PEOPLE = TableSpec(
    "people",
    "people",
    (
        Column("name", "Name", required=True),
        Column("role", "Role", Kind.ENUM, PersonRole),
        Column("workplace", "Workplace"),
        Column("contact", "Contact"),
        Column("notes", "Notes"),
    ),
    importable=True,
)
ACTION_ITEMS = TableSpec(
    "action_items",
    "action items",
    (
        Column("meeting", "Meeting", required=True, get=lambda a: a.meeting.title),
        Column("meeting_held", "Meeting held", Kind.DATETIME, get=lambda a: a.meeting.held_at),
        Column("description", "Action", required=True),
        Column("owner", "Owner", get=lambda a: a.owner.name if a.owner else ""),
        Column("due_on", "Due on", Kind.DATE),
        Column("done_on", "Done on", Kind.DATE),
    ),
    importable=True,
)
KEY_DATES = TableSpec(
    "key_dates",
    "key dates",
    (
        Column("kind", "Kind", Kind.ENUM, KeyDateKind),
        Column("title", "Title", required=True),
        Column("starts_on", "Starts on", Kind.DATE, required=True),
        Column("ends_on", "Ends on", Kind.DATE),
        Column("note", "Note"),
        Column("employer_agreed_short_notice", "Employer agreed short notice", Kind.BOOL),
    ),
    importable=True,
)
PROPOSALS = TableSpec(
    "proposals",
    "proposals",
    (
        Column("reference", "Reference", Kind.REFERENCE),
        Column("title", "Title"),
        Column("tabled_by", "Tabled by", Kind.ENUM, TabledBy),
        Column("tabled_on", "Tabled on", Kind.DATE),
        Column("respond_by", "Respond by", Kind.DATE),
        Column("status", "Status", Kind.ENUM, ProposalStatus),
        Column("text", "Text"),
        Column("employer_position", "Employer's position"),
        Column("union_position", "Union's position"),
        Column(
            "grievances", "Addresses", get=lambda p: NAME_SEPARATOR.join(g.reference for g in p.grievances)
        ),
        Column("revisions", "Revisions", Kind.INT, get=lambda p: len(p.revisions)),
        _confidential(),
    ),
    importable=False,
)


def _attendees(meeting: Meeting) -> str:
    return NAME_SEPARATOR.join(f"{a.person.name} ({a.side.label.lower()})" for a in meeting.attendees)


MEETINGS = TableSpec(
    "meetings",
    "meetings",
    (
        Column("title", "Title"),
        Column("held_at", "Held at", Kind.DATETIME),
        Column("kind", "Kind", Kind.ENUM, MeetingKind),
        Column("location", "Location"),
        Column("attendees", "Attendees", get=_attendees),
        Column("agenda", "Agenda"),
        Column("minutes", "Minutes"),
        Column("decisions", "Decisions"),
        Column("actions", "Action items", Kind.INT, get=lambda m: len(m.actions)),
        _confidential(),
    ),
    importable=False,
)
BALLOTS = TableSpec(
    "ballots",
    "ballots",
    (
        Column("kind", "Kind", Kind.ENUM, BallotKind),
        Column("question", "Question"),
        Column("notice_given_on", "Notice given on", Kind.DATE),
        Column("opens_on", "Opens on", Kind.DATE),
        Column("closes_on", "Closes on", Kind.DATE),
        Column("eligible", "Eligible", Kind.INT),
        Column("votes_cast", "Votes cast", Kind.INT),
        Column("yes_votes", "Yes votes", Kind.INT),
        Column("no_votes", "No votes", Kind.INT),
        Column("spoilt", "Spoilt", Kind.INT),
        Column("important_public_service", "Important public service", Kind.BOOL),
        Column("mandate_extended_by_agreement", "Mandate extended by agreement", Kind.BOOL),
    ),
    importable=False,
)
TABLES: dict[str, TableSpec] = {
    spec.name: spec for spec in (GRIEVANCES, PROPOSALS, PEOPLE, MEETINGS, ACTION_ITEMS, KEY_DATES, BALLOTS)
}


def table_named(name: str) -> TableSpec:
    """The table a rep or a command line means: 'action items', 'Action-Items' and 'action_items' alike."""
    key = re.sub(r"[\s\-]+", "_", name.strip().lower())
    if key in TABLES:
        return TABLES[key]
    raise ServiceError(f"There is no table called {name!r}; the tables are: {', '.join(TABLES)}.")


# --- cell text ----------------------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula, with a quote in front; all other text unchanged."""
    return "'" + text if _FORMULA.match(text) else text


def restore(text: str) -> str:
    """Undo neutralise exactly: one quote off a quoted formula-like cell, nothing else touched."""
    return text[1:] if _NEUTRALISED.match(text) else text


def xlsx_escape(text: str) -> str:
    """Text as an .xlsx cell can hold it: XML-unsafe characters as _xHHHH_, a literal _xHHHH_ protected."""
    text = _XLSX_ESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    return _XML_UNSAFE.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def xlsx_unescape(text: str) -> str:
    return _XLSX_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def label(value: StrEnum) -> str:
    return str(getattr(value, "label", value.value))


def cell_text(value: object, kind: Kind) -> str:
    """A value as a CSV cell: ISO dates, Yes/No, enum labels, neutralised text."""
    if value is None:
        return ""
    if kind is Kind.BOOL:
        return "Yes" if value else "No"
    if isinstance(value, StrEnum):
        return label(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


# --- reading a table ----------------------------------------------------------------------------------


def _records(session: Session, spec: TableSpec, dispute_id: int) -> Sequence[Any]:
    if spec is GRIEVANCES:
        return session.scalars(
            select(Grievance)
            .options(selectinload(Grievance.raised_by))
            .where(Grievance.dispute_id == dispute_id)
            .order_by(Grievance.number)
        ).all()
    if spec is PROPOSALS:
        return session.scalars(
            select(Proposal)
            .options(selectinload(Proposal.grievances), selectinload(Proposal.revisions))
            .where(Proposal.dispute_id == dispute_id)
            .order_by(Proposal.number)
        ).all()
    if spec is PEOPLE:
        return session.scalars(
            select(Person).where(Person.dispute_id == dispute_id).order_by(Person.name, Person.id)
        ).all()
    if spec is MEETINGS:
        return session.scalars(
            select(Meeting)
            .options(
                selectinload(Meeting.attendees).selectinload(Attendee.person), selectinload(Meeting.actions)
            )
            .where(Meeting.dispute_id == dispute_id)
            .order_by(Meeting.held_at, Meeting.id)
        ).all()
    if spec is ACTION_ITEMS:
        return session.scalars(
            select(ActionItem)
            .options(selectinload(ActionItem.owner), selectinload(ActionItem.meeting))
            .join(Meeting, Meeting.id == ActionItem.meeting_id)
            .where(Meeting.dispute_id == dispute_id)
            .order_by(Meeting.held_at, ActionItem.id)
        ).all()
    if spec is KEY_DATES:
        return session.scalars(
            select(KeyDate).where(KeyDate.dispute_id == dispute_id).order_by(KeyDate.starts_on, KeyDate.id)
        ).all()
    return session.scalars(
        select(Ballot).where(Ballot.dispute_id == dispute_id).order_by(Ballot.opens_on, Ballot.id)
    ).all()


def table_rows(log: Log, dispute_id: int, table: str) -> tuple[TableSpec, list[list[object]]]:
    """A table's rows as plain values (dates, enums, booleans, text), one list per record, in column order."""
    spec = table_named(table)
    with log.reading() as s:
        return spec, [[c.value(r) for c in spec.columns] for r in _records(s, spec, dispute_id)]


# --- writing files ------------------------------------------------------------------------------------


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Write to a temporary file beside target, flush it to disk, then rename it over target: a reader
    (or a crash) sees the old file or the new one, never half of one."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        write(partial)
        with partial.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(partial, target)
    except OSError as exc:
        raise ServiceError(_file_error(target, exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def _file_error(target: Path, exc: OSError) -> str:
    if exc.errno == 28:  # ENOSPC
        return f"Could not write {target.name}: the disk is full. Free some space and try again."
    if isinstance(exc, PermissionError) or exc.errno == 30:  # EROFS
        return f"Could not write {target.name}: the folder {target.parent} cannot be written to."
    return f"Could not write {target}: {exc.strerror or exc}."


def write_csv(path: Path, spec: TableSpec, rows: list[list[object]]) -> None:
    # UTF-8 with a byte-order mark: Excel then reads accented names and £ signs correctly.
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(spec.headers)
        for row in rows:
            writer.writerow([cell_text(v, c.kind) for v, c in zip(row, spec.columns, strict=True)])


def write_xlsx(path: Path, spec: TableSpec, rows: list[list[object]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = spec.label.capitalize()[:31]
    sheet.append(spec.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, (value, column) in enumerate(zip(row, spec.columns, strict=True), start=1):
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, datetime):
                cell.value = value
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, int) and column.kind is Kind.INT:
                cell.value = value
            elif value is not None and value != "":
                cell.value = xlsx_escape(cell_text(value, column.kind))
                cell.data_type = "s"  # text, whatever it starts with: never a formula
    sheet.freeze_panes = "A2"
    for c, header in enumerate(spec.headers, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = max(12, len(header) + 2)
    book.save(path)


def export_table(log: Log, dispute_id: int, table: str, fmt: str, target: Path) -> int:
    """Write one of the dispute's tables to target as CSV or .xlsx; return how many records it holds."""
    if fmt not in FORMATS:
        raise ServiceError(f"Spreadsheets can be written as {' or '.join(FORMATS)}, not {fmt!r}.")
    spec, rows = table_rows(log, dispute_id, table)
    writer = write_csv if fmt == "csv" else write_xlsx
    write_atomically(Path(target), lambda path: writer(path, spec, rows))
    return len(rows)
