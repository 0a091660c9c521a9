"""Spreadsheets in: grievances, people, action items and key dates from CSV or Excel (.xlsx).

Importing is two steps, so the UI can show what will happen before anything does:
`preview_import` reads the file (`table_files`), matches its columns to the table's by header (case does
not matter; the headers `tables` exports match as they are) and checks every row against the same rules
a form applies, listing each problem with its line, column and what is wrong. `apply_import` then adds
the rows in one audited transaction: all of them, or — while problems remain — none, unless the rep
chooses to skip the bad rows.

Duplicates are not errors, and they are not imported: a row identical to an earlier row of the file, or
to a record already in the dispute (every imported column equal), is skipped and reported. So importing a
file twice, or importing back a file exported from the same dispute, adds nothing. Import only ever adds
records; it never changes one that is already in the log. The Reference column (G-001) is never read as
data: the log numbers the grievances it holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from stls_desk.db.log import Log
from stls_desk.db.models import ActionItem, Dispute, Grievance, KeyDate, Meeting, Person
from stls_desk.domain.enums import (
    AuditAction,
    GrievanceScope,
    GrievanceStage,
    GrievanceStatus,
    KeyDateKind,
    PersonRole,
)
from stls_desk.services import ballots, grievances, meetings, people
from stls_desk.services.core import (
    Outcome,
    ServiceError,
    ValidationError,
    audit,
    create_row,
    get_or_fail,
    next_number,
    writing,
)
from stls_desk.services.table_files import (
    ImportProblem,
    ImportRefused,
    SourceRow,
    blank,
    norm,
    parse_cell,
    plain_text,
    read_rows,
)
from stls_desk.services.tables import (
    ACTION_ITEMS,
    GRIEVANCES,
    KEY_DATES,
    PEOPLE,
    Column,
    TableSpec,
    table_named,
)

__all__ = [  # what the UI and the command line use (ImportProblem, ImportRefused, SourceRow: table_files)
    "Duplicate",
    "ImportPreview",
    "ImportProblem",
    "ImportRefused",
    "ImportResult",
    "SourceRow",
    "apply_import",
    "auto_mapping",
    "preview_import",
]


@dataclass(frozen=True)
class Duplicate:
    line: int
    of_line: int | None  # the earlier line of the file it repeats, or None: a record already in the log

    def __str__(self) -> str:
        if self.of_line is None:
            return f"line {self.line}: already in the log; skipped"
        return f"line {self.line}: the same as line {self.of_line}; skipped"


@dataclass(frozen=True)
class ImportPreview:
    """What importing the file would do. `mapping` (file header → field, None to ignore the column) is
    what the UI lets the rep adjust; pass the adjusted one back to `preview_import` or `apply_import`."""

    table: str
    path: Path
    encoding: str
    header_line: int
    headers: tuple[str, ...]
    mapping: dict[str, str | None]
    rows: tuple[SourceRow, ...]
    problems: tuple[ImportProblem, ...] = ()
    notes: tuple[ImportProblem, ...] = ()  # worth knowing, not stopping the import
    duplicates: tuple[Duplicate, ...] = ()
    new_rows: int = 0

    @property
    def bad_lines(self) -> frozenset[int]:
        return frozenset(p.line for p in self.problems if p.line != self.header_line)

    @property
    def blocking(self) -> tuple[ImportProblem, ...]:
        """Problems with the file as a whole (a missing column), which skipping rows cannot get round."""
        return tuple(p for p in self.problems if p.line <= self.header_line)

    def fields(self) -> list[tuple[str, str]]:
        """The fields a column can be matched to, (field, header), for the UI's mapping choices."""
        return [(c.field, c.header) for c in table_named(self.table).columns if c.imported]


@dataclass(frozen=True)
class ImportResult:
    created: tuple[Outcome, ...]
    duplicates: tuple[Duplicate, ...]
    skipped_lines: tuple[int, ...]  # bad rows left out because skip_bad_rows was asked for


# --- columns ------------------------------------------------------------------------------------------


def auto_mapping(spec: TableSpec, headers: tuple[str, ...]) -> dict[str, str | None]:
    """Each header to the field whose header (or field name) it matches, ignoring case; None if none."""
    by_name: dict[str, Column] = {}
    for column in spec.columns:
        by_name.setdefault(norm(column.field), column)
        by_name[norm(column.header)] = column
    mapping: dict[str, str | None] = {}
    for header in headers:
        match = by_name.get(norm(header))
        mapping[header] = match.field if match is not None and match.imported else None
    return mapping


def _check_mapping(
    spec: TableSpec, headers: tuple[str, ...], mapping: dict[str, str | None], line: int
) -> list[ImportProblem]:
    problems = []
    importable = {c.field for c in spec.columns if c.imported}
    seen: dict[str, str] = {}
    for header in headers:
        target = mapping.get(header)
        if target is None:
            continue
        if target not in importable:
            problems.append(ImportProblem(line, header, f"{target!r} is not a column {spec.label} can take."))
        elif target in seen:
            problems.append(
                ImportProblem(
                    line,
                    header,
                    f"both {seen[target]!r} and {header!r} are matched to "
                    f"{spec.column(target).header!r}; keep one.",
                )
            )
        else:
            seen[target] = header
    for column in spec.columns:
        if column.required and column.field not in seen:
            problems.append(
                ImportProblem(
                    line, column.header, f"there is no {column.header!r} column, and {spec.label} need one."
                )
            )
    return problems


# --- per table: resolving names, the services' rules, and what counts as the same record --------------


class _People:
    """The dispute's people by name (ignoring case), to turn 'Raised by' and 'Owner' cells into people."""

    def __init__(self, session: Session, dispute_id: int) -> None:
        self.by_name: dict[str, list[Person]] = {}
        for person in session.scalars(select(Person).where(Person.dispute_id == dispute_id)):
            self.by_name.setdefault(person.name.strip().casefold(), []).append(person)

    def find(self, name: str, field_name: str) -> Person:
        found = self.by_name.get(name.strip().casefold(), [])
        if not found:
            raise ValidationError(
                field_name, f"there is no one called {name!r} in this dispute; add them first"
            )
        if len(found) > 1:
            raise ValidationError(
                field_name, f"{len(found)} people are called {name!r}; tell them apart first"
            )
        return found[0]


@dataclass
class _Context:
    session: Session
    dispute_id: int
    people: _People
    meetings: list[Meeting] = field(default_factory=list)


Values = dict[str, Any]


def _grievance(ctx: _Context, parsed: Values) -> tuple[Values, Any]:
    raisers = [ctx.people.find(n, "raised_by") for n in parsed.pop("raised_by", [])]
    values: Values = dict(
        detail="",
        category="",
        staff_group="",
        employer_response="",
        confidential=False,
        raised_on=None,
        response_due=None,
        resolved_on=None,
    )
    values.update({k: v for k, v in parsed.items() if v is not None})
    values.setdefault("scope", GrievanceScope.INDIVIDUAL if raisers else GrievanceScope.COLLECTIVE)
    values.setdefault("stage", GrievanceStage.INFORMAL)
    values.setdefault("status", GrievanceStatus.OPEN)
    values = grievances._clean(values)  # the form's own rules
    values["raised_by"] = raisers
    return values, _grievance_key(values)


def _grievance_key(values: Values) -> tuple[object, ...]:
    raised = frozenset(p.id for p in values["raised_by"])
    return (*(values[f] for f in sorted(grievances.FIELDS)), raised)


def _person(ctx: _Context, parsed: Values) -> tuple[Values, Any]:
    values: Values = dict(role=PersonRole.MEMBER, workplace="", contact="", notes="")
    values.update({k: v for k, v in parsed.items() if v is not None})
    values = people._clean(values)
    return values, tuple(values[f] for f in sorted(people.FIELDS))


def _meeting(ctx: _Context, title: str, held: datetime | None) -> Meeting:
    named = [m for m in ctx.meetings if m.title.strip().casefold() == title.strip().casefold()]
    if held is not None:
        on_day = [m for m in named if m.held_at.date() == held.date()]
        exact = [m for m in on_day if m.held_at.replace(second=0) == held.replace(second=0)]
        named = exact or on_day
    if not named:
        when = f" held on {held:%d %B %Y}" if held is not None else ""
        raise ValidationError("meeting", f"there is no meeting called {title!r}{when} in this dispute")
    if len(named) > 1:
        raise ValidationError(
            "meeting",
            f"{len(named)} meetings are called {title!r}; add a 'Meeting held' column with its date",
        )
    return named[0]


def _action(ctx: _Context, parsed: Values) -> tuple[Values, Any]:
    meeting = _meeting(ctx, parsed.pop("meeting"), parsed.pop("meeting_held", None))
    owner = parsed.pop("owner", "")
    values: Values = dict(due_on=None, done_on=None)
    values.update({k: v for k, v in parsed.items() if v is not None})
    values["owner_id"] = ctx.people.find(owner, "owner").id if owner.strip() else None
    values = meetings._clean_action(values, meeting)
    values["meeting"] = meeting
    key = (meeting.id, *(values[f] for f in sorted(meetings.ACTION_FIELDS)))
    return values, key


def _key_date(ctx: _Context, parsed: Values) -> tuple[Values, Any]:
    values: Values = dict(kind=KeyDateKind.OTHER, ends_on=None, note="", employer_agreed_short_notice=False)
    values.update({k: v for k, v in parsed.items() if v is not None})
    values = ballots._clean_key_date(values)
    return values, tuple(values[f] for f in sorted(ballots.KEY_DATE_FIELDS))


def _existing_keys(ctx: _Context, spec: TableSpec) -> set[Any]:
    s, d = ctx.session, ctx.dispute_id
    if spec is GRIEVANCES:
        return {
            _grievance_key({**{f: getattr(g, f) for f in grievances.FIELDS}, "raised_by": g.raised_by})
            for g in s.scalars(
                select(Grievance).options(selectinload(Grievance.raised_by)).where(Grievance.dispute_id == d)
            )
        }
    if spec is PEOPLE:
        return {
            tuple(getattr(p, f) for f in sorted(people.FIELDS))
            for p in s.scalars(select(Person).where(Person.dispute_id == d))
        }
    if spec is ACTION_ITEMS:
        return {
            (a.meeting_id, *(getattr(a, f) for f in sorted(meetings.ACTION_FIELDS)))
            for m in ctx.meetings
            for a in m.actions
        }
    return {
        tuple(getattr(k, f) for f in sorted(ballots.KEY_DATE_FIELDS))
        for k in s.scalars(select(KeyDate).where(KeyDate.dispute_id == d))
    }


BUILDERS: dict[str, Callable[[_Context, Values], tuple[Values, Any]]] = {
    GRIEVANCES.name: _grievance,
    PEOPLE.name: _person,
    ACTION_ITEMS.name: _action,
    KEY_DATES.name: _key_date,
}


# --- checking every row -------------------------------------------------------------------------------


@dataclass
class _Evaluation:
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[ImportProblem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    plans: list[tuple[int, Values]] = field(default_factory=list)


def _evaluate(
    session: Session,
    spec: TableSpec,
    dispute_id: int,
    header_line: int,
    headers: tuple[str, ...],
    rows: tuple[SourceRow, ...],
    mapping: dict[str, str | None],
) -> _Evaluation:
    result = _Evaluation(problems=_check_mapping(spec, headers, mapping, header_line))
    if result.problems:
        return result
    ctx = _Context(session, dispute_id, _People(session, dispute_id))
    if spec is ACTION_ITEMS:
        ctx.meetings = list(
            session.scalars(
                select(Meeting).options(selectinload(Meeting.actions)).where(Meeting.dispute_id == dispute_id)
            )
        )
    existing = _existing_keys(ctx, spec)
    references = _references(session, dispute_id) if spec is GRIEVANCES else {}
    header_of = {target: header for header, target in mapping.items() if target is not None}
    columns = [
        (i, spec.column(target)) for i, h in enumerate(headers) if (target := mapping.get(h)) is not None
    ]
    first_line: dict[Any, int] = {}
    build = BUILDERS[spec.name]
    for row in rows:
        if len(row.cells) > len(headers) and any(not blank(c) for c in row.cells[len(headers) :]):
            result.problems.append(
                ImportProblem(row.line, "", f"this row has more cells than the {len(headers)} headings")
            )
            continue
        parsed: Values = {}
        bad = False
        for index, column in columns:
            cell = row.cells[index] if index < len(row.cells) else None
            try:
                parsed[column.field] = parse_cell(cell, column)
            except ValueError as exc:
                result.problems.append(ImportProblem(row.line, headers[index], str(exc)))
                bad = True
        if bad:
            continue
        try:
            values, key = build(ctx, parsed)
        except ValidationError as exc:
            header = header_of.get(exc.field) or next(
                (c.header for c in spec.columns if c.field == exc.field), exc.field
            )
            result.problems.append(ImportProblem(row.line, header, exc.message.rstrip(".")))
            continue
        if key in existing:
            result.duplicates.append(Duplicate(row.line, None))
        elif key in first_line:
            result.duplicates.append(Duplicate(row.line, first_line[key]))
        else:
            first_line[key] = row.line
            result.plans.append((row.line, values))
            reference = _reference_cell(row, headers)
            if reference and reference in references:
                result.notes.append(
                    ImportProblem(
                        row.line,
                        "Reference",
                        f"{reference} is already in the log with different details; this row will be added "
                        "as a new grievance, and "
                        f"{reference} left as it is",
                    )
                )
    return result


def _references(session: Session, dispute_id: int) -> dict[str, int]:
    numbers = session.scalars(select(Grievance.number).where(Grievance.dispute_id == dispute_id))
    return {f"G-{n:03d}": n for n in numbers}


def _reference_cell(row: SourceRow, headers: tuple[str, ...]) -> str:
    for index, header in enumerate(headers):
        if norm(header) == "reference" and index < len(row.cells):
            return plain_text(row.cells[index]).strip().upper()
    return ""


# --- the two steps ------------------------------------------------------------------------------------


def _importable(table: str) -> TableSpec:
    spec = table_named(table)
    if not spec.importable:
        raise ServiceError(
            f"{spec.label.capitalize()} cannot be imported; import grievances, people, action items or key dates."
        )
    return spec


def preview_import(
    log: Log, dispute_id: int, table: str, path: Path, mapping: dict[str, str | None] | None = None
) -> ImportPreview:
    """Read the file and check every row, changing nothing. Pass mapping to re-check with the rep's own
    matching of columns (header → field, None to ignore a column)."""
    spec = _importable(table)
    path = Path(path)
    encoding, rows = read_rows(path)
    if not rows:
        raise ImportRefused(f"{path.name} has no rows: not even a header line.", ())
    header_row, body = rows[0], tuple(rows[1:])
    headers = tuple(plain_text(c).strip() for c in header_row.cells)
    mapping = dict(mapping) if mapping is not None else auto_mapping(spec, headers)
    with log.reading() as s:
        get_or_fail(s, Dispute, dispute_id, "dispute")
        result = _evaluate(s, spec, dispute_id, header_row.line, headers, body, mapping)
    return ImportPreview(
        table=spec.name,
        path=path,
        encoding=encoding,
        header_line=header_row.line,
        headers=headers,
        mapping=mapping,
        rows=body,
        problems=tuple(result.problems),
        notes=tuple(result.notes),
        duplicates=tuple(result.duplicates),
        new_rows=len(result.plans),
    )


def _create(log: Log, s: Session, spec: TableSpec, dispute_id: int, values: Values) -> Outcome:
    if spec is GRIEVANCES:
        raisers = values.pop("raised_by")
        g = Grievance(dispute_id=dispute_id, number=next_number(s, Grievance, dispute_id), **values)
        g.raised_by = raisers
        s.add(g)
        s.flush()
        return create_row(
            log, s, g, dispute_id=dispute_id, summary=f"{g.reference} {g.title}", fields=grievances.FIELDS
        )
    if spec is PEOPLE:
        p = Person(dispute_id=dispute_id, **values)
        s.add(p)
        s.flush()
        return create_row(log, s, p, dispute_id=dispute_id, summary=people._summary(p), fields=people.FIELDS)
    if spec is ACTION_ITEMS:
        meeting = values.pop("meeting")
        a = ActionItem(meeting_id=meeting.id, **values)
        return create_row(
            log, s, a, dispute_id=dispute_id, summary=a.description[:80], fields=meetings.ACTION_FIELDS
        )
    k = KeyDate(dispute_id=dispute_id, **values)
    return create_row(log, s, k, dispute_id=dispute_id, summary=k.title, fields=ballots.KEY_DATE_FIELDS)


def apply_import(
    log: Log,
    dispute_id: int,
    table: str,
    preview: ImportPreview,
    mapping: dict[str, str | None] | None = None,
    *,
    skip_bad_rows: bool = False,
) -> ImportResult:
    """Add the previewed rows to the dispute in one audited transaction: all of them or none.

    Every row is checked again inside the transaction (the log may have changed since the preview).
    While any row has a problem nothing is imported, unless skip_bad_rows: then the good rows are, and
    the result lists the lines left out. A problem with the columns themselves always stops the import.
    """
    spec = _importable(table)
    if spec.name != preview.table:
        raise ServiceError(f"This preview is of {preview.table}, not {spec.label}; preview the file again.")
    mapping = dict(mapping) if mapping is not None else preview.mapping
    with writing(log) as s:
        dispute = get_or_fail(s, Dispute, dispute_id, "dispute")
        result = _evaluate(s, spec, dispute_id, preview.header_line, preview.headers, preview.rows, mapping)
        blocking = [p for p in result.problems if p.line <= preview.header_line]
        if blocking or (result.problems and not skip_bad_rows):
            count = len({p.line for p in result.problems})
            raise ImportRefused(
                f"Nothing was imported: {count} line{'s' if count != 1 else ''} of {preview.path.name} "
                f"{'have' if count != 1 else 'has'} problems.",
                tuple(result.problems),
            )
        created = tuple(_create(log, s, spec, dispute_id, values) for _, values in result.plans)
        if created:
            audit(
                s,
                log,
                dispute,
                AuditAction.CHANGED,
                {},
                dispute_id=dispute_id,
                summary=f"Imported {len(created)} {spec.label} from a spreadsheet",
            )
    return ImportResult(created, tuple(result.duplicates), tuple(sorted({p.line for p in result.problems})))
