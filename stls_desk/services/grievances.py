"""Grievances: members' complaints, individual or collective, and how the employer has answered them.

Lists are read a page at a time, sorted and filtered by the database, as plain rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select

from stls_desk.db.log import Log
from stls_desk.db.models import Grievance, Person, Proposal, proposal_grievance
from stls_desk.domain.enums import GrievanceScope, GrievanceStage, GrievanceStatus
from stls_desk.services.core import (
    Outcome,
    ValidationError,
    change_fields,
    change_row,
    create_row,
    delete_row,
    get_or_fail,
    limit_text,
    next_number,
    require_order,
    require_text,
    writing,
)

FIELDS = frozenset(
    {
        "title",
        "detail",
        "category",
        "scope",
        "staff_group",
        "raised_on",
        "stage",
        "status",
        "employer_response",
        "response_due",
        "resolved_on",
        "confidential",
    }
)
SORTABLE = {
    "reference": Grievance.number,
    "title": Grievance.title,
    "category": Grievance.category,
    "stage": Grievance.stage,
    "status": Grievance.status,
    "raised_on": Grievance.raised_on,
    "response_due": Grievance.response_due,
}


@dataclass(frozen=True)
class GrievanceRow:
    id: int
    number: int
    title: str
    category: str
    scope: GrievanceScope
    stage: GrievanceStage
    status: GrievanceStatus
    raised_on: date | None
    response_due: date | None
    resolved_on: date | None
    confidential: bool

    @property
    def reference(self) -> str:
        return f"G-{self.number:03d}"


@dataclass(frozen=True)
class GrievanceDetail:
    row: GrievanceRow
    detail: str
    staff_group: str
    employer_response: str
    raised_by: tuple[tuple[int, str], ...]
    proposals: tuple[tuple[int, str, str], ...]


@dataclass(frozen=True)
class GrievanceQuery:
    """Which grievances a list shows and in what order."""

    dispute_id: int
    text: str = ""
    statuses: frozenset[GrievanceStatus] = field(default_factory=frozenset)
    sort: str = "reference"
    descending: bool = False


_ROW_COLUMNS = (
    Grievance.id,
    Grievance.number,
    Grievance.title,
    Grievance.category,
    Grievance.scope,
    Grievance.stage,
    Grievance.status,
    Grievance.raised_on,
    Grievance.response_due,
    Grievance.resolved_on,
    Grievance.confidential,
)


def _filtered(query: GrievanceQuery, stmt: Any) -> Any:
    stmt = stmt.where(Grievance.dispute_id == query.dispute_id)
    if query.statuses:
        stmt = stmt.where(Grievance.status.in_(sorted(query.statuses)))
    text = query.text.strip()
    if text:
        like = f"%{text}%"
        ref = text.upper().removeprefix("G-")
        conditions: list[ColumnElement[bool]] = [
            Grievance.title.ilike(like),
            Grievance.category.ilike(like),
            Grievance.detail.ilike(like),
        ]
        if ref.isdigit():
            conditions.append(Grievance.number == int(ref))
        stmt = stmt.where(or_(*conditions))
    return stmt


def list_grievances(
    log: Log, query: GrievanceQuery, *, offset: int = 0, limit: int | None = None
) -> list[GrievanceRow]:
    column = SORTABLE.get(query.sort, Grievance.number)
    order: list[Any] = [column.desc() if query.descending else column.asc()]
    if column is not Grievance.number:
        order.append(Grievance.number.desc() if query.descending else Grievance.number.asc())
    stmt = _filtered(query, select(*_ROW_COLUMNS)).order_by(*order).offset(offset).limit(limit)
    with log.reading() as s:
        return [GrievanceRow(*r) for r in s.execute(stmt)]


def count_grievances(log: Log, query: GrievanceQuery) -> int:
    with log.reading() as s:
        return int(s.scalar(_filtered(query, select(func.count(Grievance.id)))) or 0)


def get_grievance(log: Log, grievance_id: int) -> GrievanceDetail:
    with log.reading() as s:
        g = get_or_fail(s, Grievance, grievance_id, "grievance")
        proposals = s.execute(
            select(Proposal.id, Proposal.number, Proposal.title)
            .join(proposal_grievance, proposal_grievance.c.proposal_id == Proposal.id)
            .where(proposal_grievance.c.grievance_id == grievance_id)
            .order_by(Proposal.number)
        )
        return GrievanceDetail(
            row=GrievanceRow(*(getattr(g, c.key) for c in _ROW_COLUMNS)),
            detail=g.detail,
            staff_group=g.staff_group,
            employer_response=g.employer_response,
            raised_by=tuple((p.id, p.name) for p in g.raised_by),
            proposals=tuple((pid, f"P-{n:03d}", t) for pid, n, t in proposals),
        )


def _clean(values: dict[str, Any], current: Any = None) -> dict[str, Any]:
    """Values checked and typed; current (the grievance as it is, an ORM object or a row) for the dates."""
    if "title" in values:
        values["title"] = require_text(values["title"], "title", "The title", 300)
    if "category" in values:
        values["category"] = limit_text(values["category"].strip(), "category", "The category", 100)
    if "staff_group" in values:
        values["staff_group"] = limit_text(
            values["staff_group"].strip(), "staff_group", "The staff group", 200
        )
    for name, kind in (("scope", GrievanceScope), ("stage", GrievanceStage), ("status", GrievanceStatus)):
        if name in values:
            values[name] = kind(values[name])
    raised = values.get("raised_on", current.raised_on if current else None)
    resolved = values.get("resolved_on", current.resolved_on if current else None)
    due = values.get("response_due", current.response_due if current else None)
    require_order(resolved, raised, "resolved_on", "A grievance cannot be resolved before it was raised.")
    require_order(due, raised, "response_due", "The response cannot be due before the grievance was raised.")
    return values


def _raisers(s: Any, dispute_id: int, person_ids: list[int]) -> list[Person]:
    people = list(s.scalars(select(Person).where(Person.id.in_(person_ids))))
    if len(people) != len(set(person_ids)) or any(p.dispute_id != dispute_id for p in people):
        raise ValidationError("raised_by", "Pick the people who raised it from this dispute's people.")
    return people


def create_grievance(
    log: Log,
    dispute_id: int,
    title: str,
    *,
    raised_by: list[int] | None = None,
    **values: Any,
) -> Outcome:
    values = _clean({"title": title, **values})
    values.setdefault("scope", GrievanceScope.COLLECTIVE if not raised_by else GrievanceScope.INDIVIDUAL)
    values.setdefault("stage", GrievanceStage.INFORMAL)
    values.setdefault("status", GrievanceStatus.OPEN)
    with writing(log) as s:
        g = Grievance(dispute_id=dispute_id, number=next_number(s, Grievance, dispute_id), **values)
        g.raised_by = _raisers(s, dispute_id, raised_by or [])
        s.add(g)
        s.flush()
        outcome = create_row(
            log, s, g, dispute_id=dispute_id, summary=f"{g.reference} {g.title}", fields=FIELDS
        )
        return outcome


def change_grievance(log: Log, grievance_id: int, **values: Any) -> Outcome:
    raised_by: list[int] | None = values.pop("raised_by", None)
    if raised_by is None:  # the common save, one field from the editor: no ORM object needed
        return change_fields(
            log,
            Grievance,
            grievance_id,
            values,
            clean=_clean,
            allowed=FIELDS,
            what="grievance",
            summary=lambda row: f"G-{row.number:03d} {row.title}",
        )
    with writing(log) as s:
        g = get_or_fail(s, Grievance, grievance_id, "grievance")
        values = _clean(values, g)
        extra = {}
        if raised_by is not None:
            old = sorted(p.id for p in g.raised_by)
            if old != sorted(set(raised_by)):
                g.raised_by = _raisers(s, g.dispute_id, raised_by)
                extra["raised_by"] = (old, sorted(set(raised_by)))
        return change_row(
            log,
            s,
            g,
            values,
            allowed=FIELDS,
            dispute_id=g.dispute_id,
            summary=f"{g.reference} {g.title}",
            extra=extra,
        )


def delete_grievance(log: Log, grievance_id: int) -> Outcome:
    """Delete a grievance with its attachments; proposals that addressed it stay, without the link."""
    with writing(log) as s:
        g = get_or_fail(s, Grievance, grievance_id, "grievance")
        return delete_row(
            log, s, g, dispute_id=g.dispute_id, summary=f"{g.reference} {g.title}", fields=FIELDS
        )
