"""What undo and redo need from the log: a record's state captured, and put back, as audited actions.

The UI keeps the stack (Qt's QUndoStack); this module gives each step its two halves:
- a change is undone by `revert(log, before)` and redone by `revert(log, after)`;
- a create is undone by `delete(log, entity, id)` (capture it first) and redone by `restore(log, snapshot)`;
- a delete is undone by `restore(log, snapshot)` and redone by `delete(...)`.
Restoring puts back the same ids and UUIDs, so later steps that name the record still find it, and it puts
back what went with the record (its attachments, revisions, action items, links to people and grievances).
Every half writes its audit entries like any other action: the log records undo too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy import delete as sql_delete

from stls_desk.db.log import Log
from stls_desk.db.models import (
    ActionItem,
    Attachment,
    Attendee,
    Ballot,
    Base,
    Grievance,
    KeyDate,
    Meeting,
    Person,
    Proposal,
    ProposalRevision,
    Row,
    grievance_raiser,
    proposal_grievance,
)
from stls_desk.domain.enums import AuditAction
from stls_desk.services import attachments, ballots, grievances, meetings, people, proposals
from stls_desk.services.core import (
    Outcome,
    ServiceError,
    apply_changes,
    audit,
    get_or_fail,
    writing,
)


@dataclass(frozen=True)
class Part:
    """Rows that belong with a record: `table` rows whose `column` holds the record's id."""

    table: Table
    column: str
    link: bool  # a link (raised by, addresses, attended): part of the record's editable state


@dataclass(frozen=True)
class Kind:
    model: type[Row]
    fields: frozenset[str]
    delete: Callable[[Log, int], Outcome]
    parts: tuple[Part, ...] = ()
    nulled: tuple[
        tuple[Table, str], ...
    ] = ()  # columns set to NULL when the record goes (ON DELETE SET NULL)


def _t(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


KINDS: dict[str, Kind] = {
    "grievance": Kind(
        Grievance,
        grievances.FIELDS,
        grievances.delete_grievance,
        (
            Part(grievance_raiser, "grievance_id", True),
            Part(proposal_grievance, "grievance_id", False),
            Part(_t(Attachment), "grievance_id", False),
        ),
    ),
    "proposal": Kind(
        Proposal,
        proposals.FIELDS,
        proposals.delete_proposal,
        (
            Part(proposal_grievance, "proposal_id", True),
            Part(_t(ProposalRevision), "proposal_id", False),
            Part(_t(Attachment), "proposal_id", False),
        ),
    ),
    "proposal_revision": Kind(ProposalRevision, proposals.REVISION_FIELDS, proposals.delete_revision),
    "meeting": Kind(
        Meeting,
        meetings.FIELDS,
        meetings.delete_meeting,
        (
            Part(_t(Attendee), "meeting_id", True),
            Part(_t(ActionItem), "meeting_id", False),
            Part(_t(Attachment), "meeting_id", False),
        ),
    ),
    "action_item": Kind(ActionItem, meetings.ACTION_FIELDS, meetings.delete_action),
    "person": Kind(
        Person,
        people.FIELDS,
        people.delete_person,
        (Part(grievance_raiser, "person_id", False), Part(_t(Attendee), "person_id", False)),
        nulled=((_t(ActionItem), "owner_id"),),
    ),
    "ballot": Kind(Ballot, ballots.BALLOT_FIELDS, ballots.delete_ballot),
    "key_date": Kind(KeyDate, ballots.KEY_DATE_FIELDS, ballots.delete_key_date),
    "attachment": Kind(Attachment, attachments.FIELDS, attachments.delete_attachment),
}


@dataclass(frozen=True)
class Snapshot:
    """A record's row and the rows that go with it, as plain values."""

    entity: str
    id: int
    row: dict[str, Any]
    parts: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # index into Kind.parts → rows
    nulled: dict[int, list[int]] = field(
        default_factory=dict
    )  # index into Kind.nulled → ids that pointed here


def _kind(entity: str) -> Kind:
    if entity not in KINDS:
        raise ServiceError(f"Undo does not cover {entity.replace('_', ' ')} records.")
    return KINDS[entity]


def capture(log: Log, entity: str, record_id: int) -> Snapshot:
    kind = _kind(entity)
    table = _t(kind.model)
    with log.reading() as s:
        row = s.execute(select(table).where(table.c.id == record_id)).mappings().first()
        if row is None:
            raise ServiceError(f"That {entity.replace('_', ' ')} is no longer in the log.")
        parts = {
            i: [
                dict(r) for r in s.execute(select(p.table).where(p.table.c[p.column] == record_id)).mappings()
            ]
            for i, p in enumerate(kind.parts)
        }
        nulled = {
            i: list(s.scalars(select(t.c.id).where(t.c[column] == record_id)))
            for i, (t, column) in enumerate(kind.nulled)
        }
    return Snapshot(entity, record_id, dict(row), parts, nulled)


def _dispute_of(s: Any, row: Row) -> int | None:
    if isinstance(row, ActionItem):
        return row.meeting.dispute_id
    if isinstance(row, ProposalRevision):
        return row.proposal.dispute_id
    return getattr(row, "dispute_id", None)


def restore(log: Log, snapshot: Snapshot) -> Outcome:
    """Put a deleted record back as it was, with the same id and UUID and what went with it."""
    kind = _kind(snapshot.entity)
    with writing(log) as s:
        s.execute(insert(_t(kind.model)).values(snapshot.row))
        for i, part in enumerate(kind.parts):
            if snapshot.parts.get(i):
                s.execute(insert(part.table), snapshot.parts[i])
        for i, (table, column) in enumerate(kind.nulled):
            if snapshot.nulled.get(i):
                s.execute(
                    update(table).where(table.c.id.in_(snapshot.nulled[i])).values({column: snapshot.id})
                )
        row = get_or_fail(s, kind.model, snapshot.id, snapshot.entity)
        dispute_id = _dispute_of(s, row)
        values = {name: (None, snapshot.row[name]) for name in sorted(kind.fields)}
        audit(s, log, row, AuditAction.CREATED, values, dispute_id=dispute_id, summary="restored by undo")
        return Outcome(
            snapshot.entity, snapshot.id, AuditAction.CREATED, dispute_id, tuple(sorted(kind.fields))
        )


def revert(log: Log, snapshot: Snapshot) -> Outcome:
    """Make a record's fields and links what they were in the snapshot; audit what that changed."""
    kind = _kind(snapshot.entity)
    with writing(log) as s:
        row = get_or_fail(s, kind.model, snapshot.id, snapshot.entity)
        values = {name: snapshot.row[name] for name in kind.fields}
        changed = apply_changes(row, values, kind.fields)
        for i, part in enumerate(kind.parts):
            if not part.link:
                continue
            column = part.table.c[part.column]
            current = [dict(r) for r in s.execute(select(part.table).where(column == snapshot.id)).mappings()]
            wanted = snapshot.parts.get(i, [])
            if _link_keys(current) != _link_keys(wanted):
                s.execute(sql_delete(part.table).where(column == snapshot.id))
                if wanted:
                    s.execute(insert(part.table), wanted)
                changed[part.table.name] = (_link_keys(current), _link_keys(wanted))
        s.flush()
        s.expire(row)
        dispute_id = _dispute_of(s, row)
        if changed:
            audit(
                s, log, row, AuditAction.CHANGED, changed, dispute_id=dispute_id, summary="reverted by undo"
            )
        return Outcome(snapshot.entity, snapshot.id, AuditAction.CHANGED, dispute_id, tuple(sorted(changed)))


def _link_keys(rows: list[dict[str, Any]]) -> list[list[Any]]:
    keep = ("person_id", "grievance_id", "proposal_id", "side")
    return sorted([[str(r[k]) for k in keep if k in r] for r in rows])


def delete(log: Log, entity: str, record_id: int) -> Outcome:
    """Delete through the record's own service, as the user's delete would."""
    return _kind(entity).delete(log, record_id)
