"""People: members, reps, officers and the employer's side. A member's details are personal data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from stls_desk.db.log import Log
from stls_desk.db.models import ActionItem, Attendee, Grievance, Meeting, Person, grievance_raiser
from stls_desk.domain.enums import AuditAction, PersonRole
from stls_desk.services.core import (
    Outcome,
    ServiceError,
    audit,
    change_fields,
    create_row,
    delete_row,
    get_or_fail,
    limit_text,
    require_text,
    writing,
)

FIELDS = frozenset({"name", "role", "workplace", "contact", "notes"})


@dataclass(frozen=True)
class PersonRow:
    id: int
    dispute_id: int
    name: str
    role: PersonRole
    workplace: str
    contact: str
    notes: str


@dataclass(frozen=True)
class Appearance:
    """Where a person appears in the log: 'raised G-003', 'attended Negotiation meeting, 3 Feb'."""

    entity: str
    id: int
    text: str


def _row(p: Person) -> PersonRow:
    return PersonRow(p.id, p.dispute_id, p.name, p.role, p.workplace, p.contact, p.notes)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    if "name" in values:
        values["name"] = require_text(values["name"], "name", "The name", 200)
    if "role" in values:
        values["role"] = PersonRole(values["role"])
    if "workplace" in values:
        values["workplace"] = limit_text(values["workplace"].strip(), "workplace", "The workplace", 200)
    if "contact" in values:
        values["contact"] = limit_text(values["contact"].strip(), "contact", "The contact details", 400)
    return values


def _summary(p: Any) -> str:
    # Never a name: the audit trail must not keep a copy of a member's personal data.
    return f"{p.role.label} #{p.id}"


def list_people(
    log: Log, dispute_id: int, *, role: PersonRole | None = None, text: str = ""
) -> list[PersonRow]:
    with log.reading() as s:
        query = select(Person).where(Person.dispute_id == dispute_id).order_by(Person.name)
        if role is not None:
            query = query.where(Person.role == role)
        if text:
            like = f"%{text}%"
            query = query.where(or_(Person.name.ilike(like), Person.workplace.ilike(like)))
        return [_row(p) for p in s.scalars(query)]


def get_person(log: Log, person_id: int) -> PersonRow:
    with log.reading() as s:
        return _row(get_or_fail(s, Person, person_id, "person"))


def create_person(
    log: Log,
    dispute_id: int,
    name: str,
    role: PersonRole = PersonRole.MEMBER,
    *,
    workplace: str = "",
    contact: str = "",
    notes: str = "",
) -> Outcome:
    values = _clean(dict(name=name, role=role, workplace=workplace, contact=contact, notes=notes))
    with writing(log) as s:
        person = Person(dispute_id=dispute_id, **values)
        s.add(person)
        s.flush()
        return create_row(log, s, person, dispute_id=dispute_id, summary=_summary(person), fields=FIELDS)


def change_person(log: Log, person_id: int, **values: Any) -> Outcome:
    return change_fields(
        log,
        Person,
        person_id,
        values,
        clean=lambda values, _current: _clean(values),
        allowed=FIELDS,
        what="person",
        summary=_summary,
    )


def delete_person(log: Log, person_id: int) -> Outcome:
    """Remove a person and their links (raised-by, attendance); actions they owned lose their owner."""
    with writing(log) as s:
        person = get_or_fail(s, Person, person_id, "person")
        return delete_row(
            log, s, person, dispute_id=person.dispute_id, summary=_summary(person), fields=FIELDS
        )


def merge_people(log: Log, keep_id: int, merge_id: int) -> Outcome:
    """Fold a duplicate person into another: their links move over, then the duplicate goes."""
    if keep_id == merge_id:
        raise ServiceError("Choose two different people to merge.")
    with writing(log) as s:
        keep = get_or_fail(s, Person, keep_id, "person")
        dupe = get_or_fail(s, Person, merge_id, "person")
        if keep.dispute_id != dupe.dispute_id:
            raise ServiceError("Only people in the same dispute can be merged.")
        for grievance in s.scalars(select(Grievance).where(Grievance.raised_by.any(Person.id == merge_id))):
            grievance.raised_by = [p for p in grievance.raised_by if p.id != merge_id]
            if keep not in grievance.raised_by:
                grievance.raised_by.append(keep)
        for attendee in s.scalars(select(Attendee).where(Attendee.person_id == merge_id)):
            already = s.scalar(
                select(Attendee).where(
                    Attendee.meeting_id == attendee.meeting_id, Attendee.person_id == keep_id
                )
            )
            if already is None:
                attendee.person_id = keep_id
            else:
                s.delete(attendee)
        for action in s.scalars(select(ActionItem).where(ActionItem.owner_id == merge_id)):
            action.owner_id = keep_id
        s.flush()
        delete_row(log, s, dupe, dispute_id=dupe.dispute_id, summary=f"merged into #{keep_id}", fields=FIELDS)
        audit(
            log=log,
            session=s,
            row=keep,
            action=AuditAction.CHANGED,
            changes={"merged": (merge_id, keep_id)},
            dispute_id=keep.dispute_id,
            summary=_summary(keep),
        )
        return Outcome("person", keep_id, AuditAction.CHANGED, keep.dispute_id, ("merged",))


def appearances(log: Log, person_id: int) -> list[Appearance]:
    """Everywhere the person is named, so a rep sees what a merge or a deletion touches."""
    with log.reading() as s:
        found: list[Appearance] = []
        raised = s.execute(
            select(Grievance.id, Grievance.number, Grievance.title)
            .join(grievance_raiser, grievance_raiser.c.grievance_id == Grievance.id)
            .where(grievance_raiser.c.person_id == person_id)
            .order_by(Grievance.number)
        )
        found += [Appearance("grievance", gid, f"Raised G-{n:03d} {t}") for gid, n, t in raised]
        attended = s.execute(
            select(Meeting.id, Meeting.title, Meeting.held_at)
            .join(Attendee, Attendee.meeting_id == Meeting.id)
            .where(Attendee.person_id == person_id)
            .order_by(Meeting.held_at)
        )
        found += [Appearance("meeting", mid, f"Attended {t} ({held:%d %b %Y})") for mid, t, held in attended]
        owned = s.execute(
            select(ActionItem.meeting_id, ActionItem.description).where(ActionItem.owner_id == person_id)
        )
        found += [Appearance("meeting", mid, f"Owns action: {d}") for mid, d in owned]
        return found
