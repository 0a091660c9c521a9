"""The overview of one dispute: what is overdue, what is due next, open grievances by status, latest proposals.

Every part is a small query with a limit and a count beside it, so the overview costs the same for a dispute
with 50 grievances or 100,000. Statutory dates (a mandate's last day, the last day to give notice of a
ballot) are derived from the ballots by `domain.ballots`, never typed twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from stls_desk.db.log import Log
from stls_desk.db.models import ActionItem, Ballot, Grievance, KeyDate, Meeting, Person, Proposal
from stls_desk.domain.ballots import BallotFacts, assess, ballot_notice_deadlines
from stls_desk.domain.enums import BallotKind, GrievanceStatus, ProposalStatus, TabledBy
from stls_desk.domain.rules import NoRuleSetError
from stls_desk.services.proposals import ProposalQuery, ProposalRow, list_proposals

HORIZON_DAYS = 42
"""How far ahead "coming up" looks: six weeks, about one round of negotiation."""
LIMIT = 12
"""How many lines each list shows; the totals say how many more there are."""
LATEST_PROPOSALS = 5

OPEN_GRIEVANCE = tuple(s for s in GrievanceStatus if s.is_open)
AWAITING_ANSWER = tuple(s for s in ProposalStatus if s.awaiting_answer)


class DueKind(StrEnum):
    """What falls due: the order here breaks ties between things due on the same day."""

    STRIKE_DAY = "strike_day"
    MANDATE_ENDS = "mandate_ends"
    BALLOT_NOTICE = "ballot_notice"
    BALLOT_OPENS = "ballot_opens"
    BALLOT_CLOSES = "ballot_closes"
    KEY_DATE = "key_date"
    PROPOSAL_ANSWER = "proposal_answer"
    GRIEVANCE_RESPONSE = "grievance_response"
    ACTION = "action"

    @property
    def label(self) -> str:
        return _DUE_LABELS[self]


_DUE_LABELS = {
    DueKind.STRIKE_DAY: "Strike day",
    DueKind.MANDATE_ENDS: "Mandate ends",
    DueKind.BALLOT_NOTICE: "Notice of ballot due",
    DueKind.BALLOT_OPENS: "Ballot opens",
    DueKind.BALLOT_CLOSES: "Ballot closes",
    DueKind.KEY_DATE: "Date",
    DueKind.PROPOSAL_ANSWER: "Answer to proposal due",
    DueKind.GRIEVANCE_RESPONSE: "Employer's response due",
    DueKind.ACTION: "Action due",
}
_ORDER = {kind: n for n, kind in enumerate(DueKind)}


@dataclass(frozen=True)
class DueItem:
    """One thing that falls due on a day, and the record that opens it (an action item opens its meeting)."""

    on: date
    kind: DueKind
    label: str
    text: str
    entity: str
    record_id: int
    until: date | None = None
    overdue: bool = False

    @property
    def order(self) -> tuple[date, int, str]:
        return (self.on, _ORDER[self.kind], self.text)


@dataclass(frozen=True)
class StatusCount:
    status: GrievanceStatus
    count: int


@dataclass(frozen=True)
class Overview:
    dispute_id: int
    today: date
    horizon: date
    overdue: tuple[DueItem, ...]
    overdue_total: int
    coming_up: tuple[DueItem, ...]
    coming_up_total: int
    grievances_by_status: tuple[StatusCount, ...]
    open_grievances: int
    latest_proposals: tuple[ProposalRow, ...]


@dataclass
class _Due:
    """Items gathered from each source (each already limited and in date order) and their full counts."""

    items: list[DueItem]
    total: int = 0

    def add(self, items: Iterable[DueItem], total: int) -> None:
        self.items.extend(items)
        self.total += total

    def first(self, limit: int) -> tuple[DueItem, ...]:
        return tuple(sorted(self.items, key=lambda item: item.order)[:limit])


def overview(
    log: Log, dispute_id: int, today: date, *, horizon_days: int = HORIZON_DAYS, limit: int = LIMIT
) -> Overview:
    """What a rep needs first on opening a dispute, as of `today`."""
    horizon = today + timedelta(days=horizon_days)
    overdue, coming = _Due([]), _Due([])
    with log.reading() as s:
        for before_today, due in ((True, overdue), (False, coming)):
            due.add(*_grievances_due(s, dispute_id, today, horizon, before_today, limit))
            due.add(*_proposals_due(s, dispute_id, today, horizon, before_today, limit))
            due.add(*_actions_due(s, dispute_id, today, horizon, before_today, limit))
        coming.add(*_key_dates_due(s, dispute_id, today, horizon, limit))
        for item in _ballot_dates(s, dispute_id, today, horizon):
            (overdue if item.overdue else coming).add([item], 1)
        by_status = _grievances_by_status(s, dispute_id)
    latest = list_proposals(
        log, ProposalQuery(dispute_id, sort="tabled_on", descending=True), limit=LATEST_PROPOSALS
    )
    return Overview(
        dispute_id=dispute_id,
        today=today,
        horizon=horizon,
        overdue=overdue.first(limit),
        overdue_total=overdue.total,
        coming_up=coming.first(limit),
        coming_up_total=coming.total,
        grievances_by_status=by_status,
        open_grievances=sum(c.count for c in by_status),
        latest_proposals=tuple(latest),
    )


def _window(column: Any, today: date, horizon: date, before_today: bool) -> Any:
    return column < today if before_today else column.between(today, horizon)


def _counted(s: Session, stmt: Any, limit: int) -> tuple[list[Any], int]:
    """The first `limit` rows of stmt and how many rows it has in all."""
    total = int(s.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)
    rows = list(s.execute(stmt.limit(limit))) if total else []
    return rows, total


def _grievances_due(
    s: Session, dispute_id: int, today: date, horizon: date, before_today: bool, limit: int
) -> tuple[list[DueItem], int]:
    stmt = (
        select(Grievance.id, Grievance.number, Grievance.title, Grievance.response_due)
        .where(
            Grievance.dispute_id == dispute_id,
            Grievance.status.in_(OPEN_GRIEVANCE),
            _window(Grievance.response_due, today, horizon, before_today),
        )
        .order_by(Grievance.response_due, Grievance.number)
    )
    rows, total = _counted(s, stmt, limit)
    kind = DueKind.GRIEVANCE_RESPONSE
    items = [
        DueItem(due, kind, kind.label, f"G-{number:03d} {title}", "grievance", gid, overdue=before_today)
        for gid, number, title, due in rows
    ]
    return items, total


def _proposals_due(
    s: Session, dispute_id: int, today: date, horizon: date, before_today: bool, limit: int
) -> tuple[list[DueItem], int]:
    """Proposals still on the table that the union has to answer: not the union's own."""
    stmt = (
        select(Proposal.id, Proposal.number, Proposal.title, Proposal.respond_by)
        .where(
            Proposal.dispute_id == dispute_id,
            Proposal.status.in_(AWAITING_ANSWER),
            Proposal.tabled_by != TabledBy.UNION,
            _window(Proposal.respond_by, today, horizon, before_today),
        )
        .order_by(Proposal.respond_by, Proposal.number)
    )
    rows, total = _counted(s, stmt, limit)
    kind = DueKind.PROPOSAL_ANSWER
    items = [
        DueItem(due, kind, kind.label, f"P-{number:03d} {title}", "proposal", pid, overdue=before_today)
        for pid, number, title, due in rows
    ]
    return items, total


def _actions_due(
    s: Session, dispute_id: int, today: date, horizon: date, before_today: bool, limit: int
) -> tuple[list[DueItem], int]:
    stmt = (
        select(ActionItem.meeting_id, ActionItem.description, ActionItem.due_on, Person.name)
        .join(Meeting, Meeting.id == ActionItem.meeting_id)
        .outerjoin(Person, Person.id == ActionItem.owner_id)
        .where(
            Meeting.dispute_id == dispute_id,
            ActionItem.done_on.is_(None),
            _window(ActionItem.due_on, today, horizon, before_today),
        )
        .order_by(ActionItem.due_on, ActionItem.id)
    )
    rows, total = _counted(s, stmt, limit)
    kind = DueKind.ACTION
    items = [
        DueItem(
            due,
            kind,
            kind.label,
            f"{description} ({owner})" if owner else description,
            "meeting",
            meeting_id,
            overdue=before_today,
        )
        for meeting_id, description, due, owner in rows
    ]
    return items, total


def _key_dates_due(
    s: Session, dispute_id: int, today: date, horizon: date, limit: int
) -> tuple[list[DueItem], int]:
    """Key dates starting within the horizon, and ranges already under way that have not ended."""
    stmt = (
        select(KeyDate.id, KeyDate.kind, KeyDate.title, KeyDate.starts_on, KeyDate.ends_on)
        .where(
            KeyDate.dispute_id == dispute_id,
            or_(
                KeyDate.starts_on.between(today, horizon),
                and_(KeyDate.starts_on < today, KeyDate.ends_on >= today),
            ),
        )
        .order_by(KeyDate.starts_on, KeyDate.id)
    )
    rows, total = _counted(s, stmt, limit)
    items = [
        DueItem(
            starts_on,
            DueKind.STRIKE_DAY if key_kind.is_industrial_action else DueKind.KEY_DATE,
            key_kind.label,
            title,
            "key_date",
            kid,
            until=ends_on,
        )
        for kid, key_kind, title, starts_on, ends_on in rows
    ]
    return items, total


def _ballot_dates(s: Session, dispute_id: int, today: date, horizon: date) -> list[DueItem]:
    """Opening and closing days, a mandate's last day, and a missing notice of ballot.

    A dispute has a handful of ballots, so they are read whole; a mandate can end a year after its ballot
    closed, which a date window in SQL would have to guess.
    """
    found: list[DueItem] = []
    ballots = s.scalars(select(Ballot).where(Ballot.dispute_id == dispute_id).order_by(Ballot.opens_on))
    for b in ballots:
        name = f"{b.kind.label} ballot: {_short(b.question)}"
        for kind, day in ((DueKind.BALLOT_OPENS, b.opens_on), (DueKind.BALLOT_CLOSES, b.closes_on)):
            if today <= day <= horizon:
                found.append(DueItem(day, kind, kind.label, name, "ballot", b.id))
        if b.kind == BallotKind.STATUTORY and b.notice_given_on is None and b.opens_on >= today:
            try:
                notice_by = ballot_notice_deadlines(b.opens_on).notice_of_ballot_last_day
            except NoRuleSetError:
                notice_by = None
            if notice_by is not None and notice_by <= horizon:
                kind = DueKind.BALLOT_NOTICE
                found.append(
                    DueItem(notice_by, kind, kind.label, name, "ballot", b.id, overdue=notice_by < today)
                )
        last_day = _mandate_last_day(b)
        if last_day is not None and today <= last_day <= horizon:
            kind = DueKind.MANDATE_ENDS
            found.append(DueItem(last_day, kind, kind.label, name, "ballot", b.id))
    return found


def _mandate_last_day(b: Ballot) -> date | None:
    """The last day of a valid statutory ballot's mandate, or None when it gives none (or no result yet)."""
    counts = (b.eligible, b.votes_cast, b.yes_votes, b.no_votes)
    if b.kind != BallotKind.STATUTORY or any(c is None for c in counts):
        return None
    eligible, cast, yes, no = (int(c or 0) for c in counts)
    facts = BallotFacts(
        b.opens_on,
        b.closes_on,
        eligible,
        cast,
        yes,
        no,
        important_public_service=b.important_public_service,
        mandate_extended_by_agreement=b.mandate_extended_by_agreement,
    )
    try:
        result = assess(facts)
    except NoRuleSetError:
        return None
    return result.mandate_last_day if result.valid else None


def _grievances_by_status(s: Session, dispute_id: int) -> tuple[StatusCount, ...]:
    """Each open status with its count, zero included, in the order a grievance moves through them."""
    rows = s.execute(
        select(Grievance.status, func.count(Grievance.id))
        .where(Grievance.dispute_id == dispute_id, Grievance.status.in_(OPEN_GRIEVANCE))
        .group_by(Grievance.status)
    )
    counts = {status: int(n) for status, n in rows}
    return tuple(StatusCount(status, counts.get(status, 0)) for status in OPEN_GRIEVANCE)


def _short(text: str, length: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"
