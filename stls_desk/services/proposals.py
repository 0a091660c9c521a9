"""Proposals: what each side has tabled, both sides' positions, and each revision of the text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select

from stls_desk.db.log import Log
from stls_desk.db.models import Grievance, Proposal, ProposalRevision
from stls_desk.domain.enums import ProposalStatus, TabledBy
from stls_desk.services.core import (
    Outcome,
    ValidationError,
    change_fields,
    change_row,
    create_row,
    delete_row,
    get_or_fail,
    next_number,
    require_order,
    require_text,
    writing,
)
from stls_desk.services.first_screen import ProposalRow as ProposalRow

FIELDS = frozenset(
    {
        "title",
        "tabled_by",
        "tabled_on",
        "respond_by",
        "status",
        "text",
        "employer_position",
        "union_position",
        "confidential",
    }
)
REVISION_FIELDS = frozenset({"number", "revised_on", "text", "note"})
SORTABLE = {
    "reference": Proposal.number,
    "title": Proposal.title,
    "tabled_by": Proposal.tabled_by,
    "tabled_on": Proposal.tabled_on,
    "respond_by": Proposal.respond_by,
    "status": Proposal.status,
}


@dataclass(frozen=True)
class RevisionRow:
    id: int
    number: int
    revised_on: date
    text: str
    note: str


@dataclass(frozen=True)
class ProposalDetail:
    row: ProposalRow
    text: str
    employer_position: str
    union_position: str
    grievances: tuple[tuple[int, str, str], ...]
    revisions: tuple[RevisionRow, ...]


@dataclass(frozen=True)
class ProposalQuery:
    dispute_id: int
    text: str = ""
    statuses: frozenset[ProposalStatus] = field(default_factory=frozenset)
    sort: str = "reference"
    descending: bool = False


_ROW_COLUMNS = (
    Proposal.id,
    Proposal.number,
    Proposal.title,
    Proposal.tabled_by,
    Proposal.tabled_on,
    Proposal.respond_by,
    Proposal.status,
    Proposal.confidential,
)


def _filtered(query: ProposalQuery, stmt: Any) -> Any:
    stmt = stmt.where(Proposal.dispute_id == query.dispute_id)
    if query.statuses:
        stmt = stmt.where(Proposal.status.in_(sorted(query.statuses)))
    text = query.text.strip()
    if text:
        like = f"%{text}%"
        conditions: list[ColumnElement[bool]] = [Proposal.title.ilike(like), Proposal.text.ilike(like)]
        ref = text.upper().removeprefix("P-")
        if ref.isdigit():
            conditions.append(Proposal.number == int(ref))
        stmt = stmt.where(or_(*conditions))
    return stmt


def list_proposals(
    log: Log, query: ProposalQuery, *, offset: int = 0, limit: int | None = None
) -> list[ProposalRow]:
    column = SORTABLE.get(query.sort, Proposal.number)
    order = [column.desc() if query.descending else column.asc(), Proposal.number]
    stmt = _filtered(query, select(*_ROW_COLUMNS)).order_by(*order).offset(offset).limit(limit)
    with log.reading() as s:
        return [ProposalRow(*r) for r in s.execute(stmt)]


def count_proposals(log: Log, query: ProposalQuery) -> int:
    with log.reading() as s:
        return int(s.scalar(_filtered(query, select(func.count(Proposal.id)))) or 0)


def get_proposal(log: Log, proposal_id: int) -> ProposalDetail:
    with log.reading() as s:
        p = get_or_fail(s, Proposal, proposal_id, "proposal")
        return ProposalDetail(
            row=ProposalRow(*(getattr(p, c.key) for c in _ROW_COLUMNS)),
            text=p.text,
            employer_position=p.employer_position,
            union_position=p.union_position,
            grievances=tuple((g.id, g.reference, g.title) for g in p.grievances),
            revisions=tuple(RevisionRow(r.id, r.number, r.revised_on, r.text, r.note) for r in p.revisions),
        )


def _clean(values: dict[str, Any], current: Any = None) -> dict[str, Any]:
    """Values checked and typed; current (the proposal as it is, an ORM object or a row) for the dates."""
    if "title" in values:
        values["title"] = require_text(values["title"], "title", "The title", 300)
    if "tabled_by" in values:
        values["tabled_by"] = TabledBy(values["tabled_by"])
    if "status" in values:
        values["status"] = ProposalStatus(values["status"])
    tabled = values.get("tabled_on", current.tabled_on if current else None)
    respond = values.get("respond_by", current.respond_by if current else None)
    require_order(respond, tabled, "respond_by", "The response cannot be due before the proposal was tabled.")
    return values


def _grievances(s: Any, dispute_id: int, ids: list[int]) -> list[Grievance]:
    found = list(s.scalars(select(Grievance).where(Grievance.id.in_(ids))))
    if len(found) != len(set(ids)) or any(g.dispute_id != dispute_id for g in found):
        raise ValidationError("grievances", "Pick the grievances it addresses from this dispute.")
    return found


def create_proposal(
    log: Log, dispute_id: int, title: str, *, grievances: list[int] | None = None, **values: Any
) -> Outcome:
    values = _clean({"title": title, **values})
    values.setdefault("tabled_by", TabledBy.EMPLOYER)
    values.setdefault("status", ProposalStatus.TABLED)
    with writing(log) as s:
        p = Proposal(dispute_id=dispute_id, number=next_number(s, Proposal, dispute_id), **values)
        p.grievances = _grievances(s, dispute_id, grievances or [])
        s.add(p)
        s.flush()
        return create_row(log, s, p, dispute_id=dispute_id, summary=f"{p.reference} {p.title}", fields=FIELDS)


def change_proposal(log: Log, proposal_id: int, **values: Any) -> Outcome:
    grievances: list[int] | None = values.pop("grievances", None)
    if grievances is None:  # the common save, one field from the editor: no ORM object needed
        return change_fields(
            log,
            Proposal,
            proposal_id,
            values,
            clean=_clean,
            allowed=FIELDS,
            what="proposal",
            summary=lambda row: f"P-{row.number:03d} {row.title}",
        )
    with writing(log) as s:
        p = get_or_fail(s, Proposal, proposal_id, "proposal")
        values = _clean(values, p)
        extra = {}
        if grievances is not None:
            old = sorted(g.id for g in p.grievances)
            if old != sorted(set(grievances)):
                p.grievances = _grievances(s, p.dispute_id, grievances)
                extra["grievances"] = (old, sorted(set(grievances)))
        summary = f"{p.reference} {p.title}"
        return change_row(
            log, s, p, values, allowed=FIELDS, dispute_id=p.dispute_id, summary=summary, extra=extra
        )


def delete_proposal(log: Log, proposal_id: int) -> Outcome:
    """Delete a proposal with its revisions and attachments."""
    with writing(log) as s:
        p = get_or_fail(s, Proposal, proposal_id, "proposal")
        return delete_row(
            log, s, p, dispute_id=p.dispute_id, summary=f"{p.reference} {p.title}", fields=FIELDS
        )


def add_revision(log: Log, proposal_id: int, revised_on: date, text: str, note: str = "") -> Outcome:
    """A new text of the proposal, numbered after the last; the proposal's text becomes the new one."""
    with writing(log) as s:
        p = get_or_fail(s, Proposal, proposal_id, "proposal")
        if p.tabled_on is not None and revised_on < p.tabled_on:
            raise ValidationError("revised_on", "A revision cannot be dated before the proposal was tabled.")
        number = (max((r.number for r in p.revisions), default=0)) + 1
        revision = ProposalRevision(
            proposal_id=p.id, number=number, revised_on=revised_on, text=text, note=note
        )
        s.add(revision)
        s.flush()
        outcome = create_row(
            log,
            s,
            revision,
            dispute_id=p.dispute_id,
            summary=f"{p.reference} revision {number}",
            fields=REVISION_FIELDS,
        )
        if p.text != text:
            change_row(
                log, s, p, {"text": text}, allowed=FIELDS, dispute_id=p.dispute_id, summary=p.reference
            )
        return outcome


def delete_revision(log: Log, revision_id: int) -> Outcome:
    with writing(log) as s:
        r = get_or_fail(s, ProposalRevision, revision_id, "revision")
        dispute_id = r.proposal.dispute_id
        summary = f"{r.proposal.reference} revision {r.number}"
        return delete_row(log, s, r, dispute_id=dispute_id, summary=summary, fields=REVISION_FIELDS)
