"""What changed since the last members' meeting, from the audit trail, in words a member understands.

The last members' meeting is the latest meeting of that kind held before today. A change counts when the
audit trail recorded it after that meeting was held and after the meeting itself was entered in the log:
the trail's order is the truth about what came after what even when its clock is not (the demo log, and a
log filled in from paper records, write a whole history in one sitting). The cost: a change recorded in
the hours between a meeting and its entry in the log is left out.

Only what a member should hear is worded: new offers, new proposals, status changes, new dates, a ballot's
result, meetings held. Each line is made from the members' redacted data (export.members), so no member is
named and nothing confidential is mentioned; the audit trail only says which records moved and how.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stls_desk.db import models as m
from stls_desk.db.log import Log
from stls_desk.domain.enums import (
    AuditAction,
    GrievanceStage,
    GrievanceStatus,
    MeetingKind,
    ProposalStatus,
    TabledBy,
)
from stls_desk.export import pack
from stls_desk.services.wording import long_range, written_date

NEW_OFFERS = "New offers"
MOVES = "Decisions and changes"
DATES = "New dates and meetings"
_LONDON = ZoneInfo("Europe/London")  # meetings are stored as London wall-clock times; the trail in UTC


@dataclass(frozen=True)
class Changes:
    meeting_held_at: datetime | None  # the last members' meeting; None when there has been none
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (heading, lines), headings in a fixed order


@dataclass
class _Touched:
    """What the trail says happened to one record in the window."""

    first: int  # the trail entry that first touched it, for ordering
    created: dict[str, Any] | None = None
    changed: list[dict[str, Any]] = field(default_factory=list)
    revisions: list[int] = field(default_factory=list)  # revision ids added (proposals)

    def first_value(self, name: str) -> Any:
        """The field's value when the window opened (as created, if created in it)."""
        if self.created is not None:
            return (self.created.get(name) or [None, None])[1]
        return next(((c[name] or [None])[0] for c in self.changed if name in c), None)

    def changed_field(self, name: str) -> bool:
        return any(name in c for c in self.changed)


def changes_since_last_meeting(
    log: Log, dispute_id: int, today: date, data: pack.BriefingData, members: pack.BriefingData
) -> Changes:
    """The changes since the last members' meeting, worded from `members` (the redacted `data`)."""
    with log.reading() as s:
        meeting = s.scalars(
            select(m.Meeting)
            .where(
                m.Meeting.dispute_id == dispute_id,
                m.Meeting.kind == MeetingKind.MEMBERS_MEETING,
                m.Meeting.held_at < datetime.combine(today, time.min),
            )
            .order_by(m.Meeting.held_at.desc(), m.Meeting.id.desc())
            .limit(1)
        ).first()
        if meeting is None:
            return Changes(None)
        held_at = meeting.held_at
        touched = _read_trail(s, dispute_id, meeting.id, held_at)
        words = _Wording(s, data, members, held_at, today)
        lines: dict[str, list[str]] = {NEW_OFFERS: [], MOVES: [], DATES: []}
        for (entity, record_id), what in sorted(touched.items(), key=lambda item: item[1].first):
            worded = words.line(entity, record_id, what)
            if worded is not None:
                lines[worded[0]].append(worded[1])
    return Changes(held_at, tuple((heading, tuple(found)) for heading, found in lines.items()))


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=_LONDON).astimezone(UTC).replace(tzinfo=None)


def _read_trail(
    s: Session, dispute_id: int, meeting_id: int, held_at: datetime
) -> dict[tuple[str, int], _Touched]:
    entered = s.scalar(
        select(func.min(m.AuditEntry.id)).where(
            m.AuditEntry.entity == "meeting",
            m.AuditEntry.entity_id == meeting_id,
            m.AuditEntry.action == AuditAction.CREATED,
        )
    )
    entries = s.scalars(
        select(m.AuditEntry)
        .where(
            m.AuditEntry.dispute_id == dispute_id,
            m.AuditEntry.id > (entered or 0),
            m.AuditEntry.at > _utc(held_at),
        )
        .order_by(m.AuditEntry.id)
    )
    touched: dict[tuple[str, int], _Touched] = {}
    revisions: dict[int, int] = {}  # revision id → the trail entry that added it
    for entry in entries:
        if entry.entity == "proposal_revision":
            if entry.action is AuditAction.CREATED:
                revisions[entry.entity_id] = entry.id
            continue
        what = touched.setdefault((entry.entity, entry.entity_id), _Touched(entry.id))
        changes = json.loads(entry.changes or "{}")
        if entry.action is AuditAction.CREATED:
            what.created = changes
        elif entry.action is AuditAction.CHANGED:
            what.changed.append(changes)
    if revisions:
        owners = s.execute(
            select(m.ProposalRevision.id, m.ProposalRevision.proposal_id).where(
                m.ProposalRevision.id.in_(revisions)
            )
        )
        for revision_id, proposal_id in owners:
            what = touched.setdefault(("proposal", proposal_id), _Touched(revisions[revision_id]))
            what.first = min(what.first, revisions[revision_id])
            what.revisions.append(revision_id)
    return touched


class _Wording:
    """Finds each touched record in the members' data and says what happened to it."""

    def __init__(
        self, s: Session, data: pack.BriefingData, members: pack.BriefingData, held_at: datetime, today: date
    ) -> None:
        self._s = s
        self._data = data
        self._members = members
        self._held_at = held_at
        self._today = today
        self._grievances = {g.reference: g for g in members.grievances}
        self._proposals = {p.reference: p for p in members.proposals}
        kept = [mt for mt in data.meetings if not mt.confidential]
        self._meetings = {
            (mt.title, mt.held_at, mt.kind): shown for mt, shown in zip(kept, members.meetings, strict=True)
        }

    def _day(self, day: date) -> str:
        """'12 February': the year only when it is not this year's."""
        return written_date(day) if day.year != self._today.year else written_date(day).rsplit(" ", 1)[0]

    def line(self, entity: str, record_id: int, what: _Touched) -> tuple[str, str] | None:
        if entity == "proposal":
            return self._proposal(record_id, what)
        if entity == "grievance":
            return self._grievance(record_id, what)
        if entity == "key_date":
            return self._key_date(record_id, what)
        if entity == "ballot":
            return self._ballot(record_id, what)
        if entity == "meeting":
            return self._meeting(record_id, what)
        return None  # people, action items, attachments: not for the projector

    def _proposal(self, record_id: int, what: _Touched) -> tuple[str, str] | None:
        row = self._s.get(m.Proposal, record_id)
        p = self._proposals.get(row.reference) if row is not None else None
        if p is None:
            return None  # deleted since, or confidential
        phrases: list[str] = []
        councils = p.tabled_by is not TabledBy.UNION
        if what.created is not None:
            by = "" if councils else " by the union"
            phrases.append(f"tabled{by} on {self._day(p.tabled_on)}" if p.tabled_on else f"tabled{by}")
        numbers = sorted(
            self._s.scalars(
                select(m.ProposalRevision.number).where(m.ProposalRevision.id.in_(what.revisions))
            )
        )
        new_texts = [n for n in numbers if not (what.created is not None and n == 1)]
        if new_texts:
            revised = next((r for r in p.revisions if r.number == new_texts[-1]), None)
            when = f", {self._day(revised.revised_on)}" if revised is not None else ""
            phrases.append(f"revision {new_texts[-1]}{when}")
        phrases += _status_phrase(what, p.status.value, ProposalStatus)
        if not phrases:  # an answer only counts as news when nothing bigger happened to the proposal
            if what.changed_field("union_position"):
                phrases.append("the union's answer updated")
            if what.changed_field("employer_position"):
                phrases.append("the council's answer updated")
        if not phrases:
            return None
        group = NEW_OFFERS if councils and (new_texts or what.created is not None) else MOVES
        return group, f"{p.reference} {p.title} — {'; '.join(phrases)}"

    def _grievance(self, record_id: int, what: _Touched) -> tuple[str, str] | None:
        row = self._s.get(m.Grievance, record_id)
        g = self._grievances.get(row.reference) if row is not None else None
        if g is None:
            return None
        phrases: list[str] = []
        if what.created is not None:
            phrases.append(f"raised on {self._day(g.raised_on)}" if g.raised_on else "raised")
        phrases += _status_phrase(what, g.status.value, GrievanceStatus)
        if what.changed_field("stage") and what.first_value("stage") != g.stage.value:
            phrases.append(f"now at the {GrievanceStage(g.stage).label.lower()} stage")
        if not phrases and what.changed_field("employer_response") and g.employer_response.strip():
            phrases.append("the council responded")
        if not phrases:
            return None
        return MOVES, f"{g.reference} {g.title} — {'; '.join(phrases)}"

    def _key_date(self, record_id: int, what: _Touched) -> tuple[str, str] | None:
        row = self._s.get(m.KeyDate, record_id)
        if row is None:
            return None
        here = pack.KeyDate(row.kind, row.title, row.starts_on, row.ends_on, row.note)
        shown = _same_place(here, self._data.key_dates, self._members.key_dates)
        if shown is None:
            return None
        when = long_range(shown.starts_on, shown.ends_on)
        if what.created is not None:
            return DATES, f"{shown.title} — {when}"
        if what.changed_field("starts_on") or what.changed_field("ends_on"):
            return DATES, f"{shown.title} — moved to {when}"
        return None

    def _ballot(self, record_id: int, what: _Touched) -> tuple[str, str] | None:
        row = self._s.get(m.Ballot, record_id)
        if row is None:
            return None
        found = next(
            (
                n
                for n, b in enumerate(self._data.ballots)
                if (b.kind, b.question, b.opens_on, b.closes_on)
                == (row.kind, row.question, row.opens_on, row.closes_on)
            ),
            None,
        )
        if found is None:
            return None
        b = self._members.ballots[found]
        kind = b.kind.label
        if any("yes_votes" in c or "votes_cast" in c for c in what.changed) and b.turnout is not None:
            support = f", {_percent(b.support)} voted yes" if b.support is not None else ""
            return DATES, f"{kind} ballot result — turnout {_percent(b.turnout)}{support}"
        if what.created is not None:
            return DATES, (f"{kind} ballot — opens {self._day(b.opens_on)}, closes {self._day(b.closes_on)}")
        return None

    def _meeting(self, record_id: int, what: _Touched) -> tuple[str, str] | None:
        row = self._s.get(m.Meeting, record_id)
        if row is None or what.created is None or row.confidential:
            return None
        held = row.held_at
        today_members = held.date() == self._today and row.kind is MeetingKind.MEMBERS_MEETING
        if held <= self._held_at or held.date() > self._today or today_members:
            return None  # not yet held, or this very meeting
        shown = self._meetings.get((row.title, row.held_at, row.kind))
        if shown is None:
            return None
        return DATES, f"{shown.title} — held on {self._day(held.date())}"


def _status_phrase(what: _Touched, current: str, kind: Any) -> list[str]:
    if not what.changed_field("status"):
        return []
    if what.first_value("status") == current:
        return []  # changed and changed back
    return [f"now {kind(current).label.lower()}"]


def _same_place(
    record: pack.KeyDate, before: Iterable[pack.KeyDate], after: tuple[pack.KeyDate, ...]
) -> pack.KeyDate | None:
    """The redacted version of `record`: redaction keeps every key date, in order."""
    index = next((n for n, k in enumerate(before) if k == record), None)
    return after[index] if index is not None else None


def _percent(share: float | None) -> str:
    """Rounded down, so a near miss never reads as a pass."""
    return "" if share is None else f"{math.floor(share * 100 + 1e-9)}%"
