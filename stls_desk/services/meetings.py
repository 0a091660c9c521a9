"""Meetings: who came on which side, what was said and decided, and the action items that followed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from stls_desk.db.log import Log
from stls_desk.db.models import ActionItem, Attendee, Meeting, Person
from stls_desk.domain.enums import MeetingKind, Side
from stls_desk.services.core import (
    Outcome,
    ValidationError,
    change_row,
    create_row,
    delete_row,
    get_or_fail,
    require_text,
    writing,
)

FIELDS = frozenset({"title", "held_at", "kind", "location", "agenda", "minutes", "decisions", "confidential"})
ACTION_FIELDS = frozenset({"description", "owner_id", "due_on", "done_on"})


@dataclass(frozen=True)
class MeetingRow:
    id: int
    title: str
    held_at: datetime
    kind: MeetingKind
    location: str
    confidential: bool
    open_actions: int
    overdue_actions: int


@dataclass(frozen=True)
class AttendeeRow:
    id: int
    person_id: int
    name: str
    side: Side


@dataclass(frozen=True)
class ActionRow:
    id: int
    meeting_id: int
    description: str
    owner_id: int | None
    owner: str
    due_on: date | None
    done_on: date | None

    def overdue(self, today: date) -> bool:
        return self.done_on is None and self.due_on is not None and self.due_on < today


@dataclass(frozen=True)
class MeetingDetail:
    row: MeetingRow
    agenda: str
    minutes: str
    decisions: str
    attendees: tuple[AttendeeRow, ...]
    actions: tuple[ActionRow, ...]


def _action_row(a: ActionItem) -> ActionRow:
    owner = a.owner.name if a.owner is not None else ""
    return ActionRow(a.id, a.meeting_id, a.description, a.owner_id, owner, a.due_on, a.done_on)


def list_meetings(
    log: Log, dispute_id: int, *, text: str = "", today: date | None = None
) -> list[MeetingRow]:
    """Newest first, with how many of each meeting's actions are open and overdue."""
    today = today or date.today()
    open_count = func.count(ActionItem.id).filter(ActionItem.done_on.is_(None))
    overdue = func.count(ActionItem.id).filter(ActionItem.done_on.is_(None), ActionItem.due_on < today)
    stmt = (
        select(
            Meeting.id,
            Meeting.title,
            Meeting.held_at,
            Meeting.kind,
            Meeting.location,
            Meeting.confidential,
            open_count,
            overdue,
        )
        .outerjoin(ActionItem, ActionItem.meeting_id == Meeting.id)
        .where(Meeting.dispute_id == dispute_id)
        .group_by(Meeting.id)
        .order_by(Meeting.held_at.desc())
    )
    if text.strip():
        like = f"%{text.strip()}%"
        stmt = stmt.where(
            or_(Meeting.title.ilike(like), Meeting.minutes.ilike(like), Meeting.location.ilike(like))
        )
    with log.reading() as s:
        return [MeetingRow(*r) for r in s.execute(stmt)]


def get_meeting(log: Log, meeting_id: int, today: date | None = None) -> MeetingDetail:
    today = today or date.today()
    with log.reading() as s:
        m = get_or_fail(s, Meeting, meeting_id, "meeting")
        actions = tuple(_action_row(a) for a in m.actions)
        open_actions = sum(1 for a in actions if a.done_on is None)
        overdue = sum(1 for a in actions if a.overdue(today))
        row = MeetingRow(m.id, m.title, m.held_at, m.kind, m.location, m.confidential, open_actions, overdue)
        attendees = tuple(AttendeeRow(a.id, a.person_id, a.person.name, a.side) for a in m.attendees)
        return MeetingDetail(row, m.agenda, m.minutes, m.decisions, attendees, actions)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    if "title" in values:
        values["title"] = require_text(values["title"], "title", "The meeting's title", 300)
    if "kind" in values:
        values["kind"] = MeetingKind(values["kind"])
    if "held_at" in values and not isinstance(values["held_at"], datetime):
        raise ValidationError("held_at", "Give the date and time the meeting was held.")
    return values


def create_meeting(log: Log, dispute_id: int, title: str, held_at: datetime, **values: Any) -> Outcome:
    values = _clean({"title": title, "held_at": held_at, **values})
    values.setdefault("kind", MeetingKind.NEGOTIATION)
    with writing(log) as s:
        m = Meeting(dispute_id=dispute_id, **values)
        s.add(m)
        s.flush()
        return create_row(log, s, m, dispute_id=dispute_id, summary=m.title, fields=FIELDS)


def change_meeting(log: Log, meeting_id: int, **values: Any) -> Outcome:
    values = _clean(values)
    with writing(log) as s:
        m = get_or_fail(s, Meeting, meeting_id, "meeting")
        if "held_at" in values:
            first_due = min((a.due_on for a in m.actions if a.due_on), default=None)
            if first_due is not None and first_due < values["held_at"].date():
                raise ValidationError("held_at", "An action from this meeting would then be due before it.")
        return change_row(log, s, m, values, allowed=FIELDS, dispute_id=m.dispute_id, summary=m.title)


def delete_meeting(log: Log, meeting_id: int) -> Outcome:
    """Delete a meeting with its attendance, action items and attachments."""
    with writing(log) as s:
        m = get_or_fail(s, Meeting, meeting_id, "meeting")
        return delete_row(log, s, m, dispute_id=m.dispute_id, summary=m.title, fields=FIELDS)


def set_attendees(log: Log, meeting_id: int, attendees: list[tuple[int, Side]]) -> Outcome:
    """Replace who attended, each with their side."""
    with writing(log) as s:
        m = get_or_fail(s, Meeting, meeting_id, "meeting")
        wanted = {pid: Side(side) for pid, side in attendees}
        people = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(list(wanted))))}
        if set(people) != set(wanted) or any(p.dispute_id != m.dispute_id for p in people.values()):
            raise ValidationError("attendees", "Pick attendees from this dispute's people.")
        old = sorted((a.person_id, a.side.value) for a in m.attendees)
        new = sorted((pid, side.value) for pid, side in wanted.items())
        for a in list(m.attendees):
            if a.person_id not in wanted:
                m.attendees.remove(a)
            else:
                a.side = wanted.pop(a.person_id)
        for pid, side in wanted.items():
            m.attendees.append(Attendee(person_id=pid, side=side))
        extra = {"attendees": (old, new)} if old != new else {}
        return change_row(
            log, s, m, {}, allowed=FIELDS, dispute_id=m.dispute_id, summary=m.title, extra=extra
        )


def _clean_action(
    values: dict[str, Any], meeting: Meeting, current: ActionItem | None = None
) -> dict[str, Any]:
    if "description" in values:
        values["description"] = require_text(values["description"], "description", "The action", 2000)
    due = values.get("due_on", current.due_on if current else None)
    done = values.get("done_on", current.done_on if current else None)
    if due is not None and due < meeting.held_at.date():
        raise ValidationError("due_on", "An action cannot be due before the meeting that agreed it.")
    if done is not None and done < meeting.held_at.date():
        raise ValidationError("done_on", "An action cannot be done before the meeting that agreed it.")
    return values


def add_action(
    log: Log,
    meeting_id: int,
    description: str,
    *,
    owner_id: int | None = None,
    due_on: date | None = None,
    done_on: date | None = None,
) -> Outcome:
    with writing(log) as s:
        m = get_or_fail(s, Meeting, meeting_id, "meeting")
        values = _clean_action(
            dict(description=description, owner_id=owner_id, due_on=due_on, done_on=done_on), m
        )
        a = ActionItem(meeting_id=meeting_id, **values)
        s.add(a)
        s.flush()
        return create_row(
            log, s, a, dispute_id=m.dispute_id, summary=a.description[:80], fields=ACTION_FIELDS
        )


def change_action(log: Log, action_id: int, **values: Any) -> Outcome:
    with writing(log) as s:
        a = get_or_fail(s, ActionItem, action_id, "action item")
        values = _clean_action(values, a.meeting, a)
        return change_row(
            log,
            s,
            a,
            values,
            allowed=ACTION_FIELDS,
            dispute_id=a.meeting.dispute_id,
            summary=a.description[:80],
        )


def delete_action(log: Log, action_id: int) -> Outcome:
    with writing(log) as s:
        a = get_or_fail(s, ActionItem, action_id, "action item")
        dispute_id = a.meeting.dispute_id
        return delete_row(log, s, a, dispute_id=dispute_id, summary=a.description[:80], fields=ACTION_FIELDS)


def list_actions(
    log: Log, dispute_id: int, *, open_only: bool = False, offset: int = 0, limit: int | None = None
) -> list[ActionRow]:
    """A dispute's action items, soonest due first, those with no due date last."""
    stmt = (
        select(ActionItem)
        .options(joinedload(ActionItem.owner))
        .join(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(Meeting.dispute_id == dispute_id)
        .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id)
        .offset(offset)
        .limit(limit)
    )
    if open_only:
        stmt = stmt.where(ActionItem.done_on.is_(None))
    with log.reading() as s:
        return [_action_row(a) for a in s.scalars(stmt)]
