"""The overview of one dispute: what needs attention, what is overdue, what is due next, open grievances by
status, the latest proposals.

What is due next comes from `services.upcoming`, the list the Ballots & dates calendar shows, so the two
cannot disagree; the overview adds the open action items (which `upcoming` leaves out) and keeps to what the
rep still has to do (see `_still_to_do`). The "needs attention" lines are the strike days and days of action
short of strike that no ballot and notice cover (`deadlines`), with the reasons. Overdue grievances,
proposals and action items are small queries with a limit and a count beside them, so the overview costs
the same for a dispute with 50 grievances or 100,000.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stls_desk.db.log import Log
from stls_desk.db.models import ActionItem, Grievance, Meeting, Person, Proposal
from stls_desk.domain.enums import GrievanceStatus, ProposalStatus, TabledBy
from stls_desk.services.deadlines import (
    ActionCheck,
    BallotDeadlines,
    Deadline,
    DeadlineKind,
    DisputeDeadlines,
    _derive,
    _read,
)
from stls_desk.services.proposals import ProposalQuery, ProposalRow, list_proposals
from stls_desk.services.upcoming import _ballot_items, _dated

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
    SAMPLE_VOTING_PAPER = "sample_voting_paper"
    EARLIEST_ACTION = "earliest_action"
    BALLOT_OPENS = "ballot_opens"
    BALLOT_CLOSES = "ballot_closes"
    KEY_DATE = "key_date"
    MEETING = "meeting"
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
    DueKind.SAMPLE_VOTING_PAPER: "Sample voting paper due",
    DueKind.EARLIEST_ACTION: "Earliest day action may start",
    DueKind.BALLOT_OPENS: "Ballot opens",
    DueKind.BALLOT_CLOSES: "Ballot closes",
    DueKind.KEY_DATE: "Date",
    DueKind.MEETING: "Meeting",
    DueKind.PROPOSAL_ANSWER: "Answer to proposal due",
    DueKind.GRIEVANCE_RESPONSE: "Employer's response due",
    DueKind.ACTION: "Action due",
}
_ORDER = {kind: n for n, kind in enumerate(DueKind)}
_FROM_DEADLINE = {
    DeadlineKind.STRIKE_DAY: DueKind.STRIKE_DAY,
    DeadlineKind.ACTION_SHORT_OF_STRIKE: DueKind.STRIKE_DAY,
    DeadlineKind.MANDATE_ENDS: DueKind.MANDATE_ENDS,
    DeadlineKind.NOTICE_OF_BALLOT: DueKind.BALLOT_NOTICE,
    DeadlineKind.SAMPLE_VOTING_PAPER: DueKind.SAMPLE_VOTING_PAPER,
    DeadlineKind.EARLIEST_ACTION: DueKind.EARLIEST_ACTION,
    DeadlineKind.BALLOT_OPENS: DueKind.BALLOT_OPENS,
    DeadlineKind.BALLOT_CLOSES: DueKind.BALLOT_CLOSES,
    DeadlineKind.NOTICE_SERVED: DueKind.KEY_DATE,
    DeadlineKind.CONSULTATION_DEADLINE: DueKind.KEY_DATE,
    DeadlineKind.TUPE_TRANSFER: DueKind.KEY_DATE,
    DeadlineKind.OTHER_DATE: DueKind.KEY_DATE,
    DeadlineKind.PROPOSAL_ANSWER: DueKind.PROPOSAL_ANSWER,
    DeadlineKind.GRIEVANCE_RESPONSE: DueKind.GRIEVANCE_RESPONSE,
    DeadlineKind.MEETING: DueKind.MEETING,
}


@dataclass(frozen=True)
class DueItem:
    """One thing that falls due on a day, and the record that opens it (an action item opens its meeting).

    `label` is the calendar's name for the kind of day ("Last day of the mandate"); `derived` marks a day
    the app worked out under `rule_set`, not one the rep typed; `flags` say why a day of action is not
    covered by a ballot and notice.
    """

    on: date
    kind: DueKind
    label: str
    text: str
    entity: str
    record_id: int
    until: date | None = None
    overdue: bool = False
    derived: bool = False
    rule_set: str | None = None
    detail: str = ""
    flags: tuple[str, ...] = ()

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
    needs_attention: tuple[ActionCheck, ...] = ()
    """Strike days and action short of strike, not yet over, that no ballot and notice cover."""


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
        # What `upcoming` lists from today to the horizon, read once: its ballots and action days are whole,
        # which is all the flags and the ballots' overdue steps need.
        src = _read(s, dispute_id, due_from=today, until=horizon, meetings_from=today)
        derived = _derive(src, dispute_id, today)
        ahead = _dated(src, derived, today, horizon, include_overdue=False)
        # Overdue answers and actions are counted in SQL; answers still to come are among `ahead`.
        overdue.add(*_grievances_due(s, dispute_id, today, limit))
        overdue.add(*_proposals_due(s, dispute_id, today, limit))
        overdue.add(*_actions_due(s, dispute_id, today, horizon, True, limit))
        coming.add(*_actions_due(s, dispute_id, today, horizon, False, limit))
        asked = [item.source_id for item in ahead if item.kind == DeadlineKind.PROPOSAL_ANSWER]
        union_proposals = _union_proposals(s, asked)
        by_status = _grievances_by_status(s, dispute_id)
    late = [_due(item) for b in derived.ballots for item in _ballot_items(b, today) if item.overdue]
    overdue.add(late, len(late))
    next_steps = [_due(item) for item in ahead if _still_to_do(item, derived, union_proposals)]
    coming.add(next_steps, len(next_steps))
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
        needs_attention=tuple(c for c in derived.flags if (c.ends_on or c.starts_on) >= today),
    )


def _due(item: Deadline) -> DueItem:
    """A dated item from `upcoming` as the overview lists it."""
    return DueItem(
        item.day,
        _FROM_DEADLINE[item.kind],
        item.kind.label,
        item.title,
        item.source_entity,
        item.source_id,
        until=item.until,
        overdue=item.overdue,
        derived=item.derived,
        rule_set=item.rule_set,
        detail=item.detail,
        flags=item.flags,
    )


def _still_to_do(item: Deadline, derived: DisputeDeadlines, union_proposals: set[int]) -> bool:
    """Whether a coming date is one the rep still has to act on or watch for.

    Left out: the union's own proposals (the employer answers those); a notice of ballot already given; and
    a ballot's sample voting paper until its notice of ballot is given, so each ballot shows its next step.
    The calendar shows every date.
    """
    if item.kind == DeadlineKind.PROPOSAL_ANSWER:
        return item.source_id not in union_proposals
    if item.kind in (DeadlineKind.NOTICE_OF_BALLOT, DeadlineKind.SAMPLE_VOTING_PAPER):
        ballot = _ballot(derived, item.source_id)
        notice_given = ballot is not None and ballot.notice_given_on is not None
        return notice_given == (item.kind == DeadlineKind.SAMPLE_VOTING_PAPER)
    return True


def _ballot(derived: DisputeDeadlines, ballot_id: int) -> BallotDeadlines | None:
    return next((b for b in derived.ballots if b.ballot_id == ballot_id), None)


def _union_proposals(s: Session, proposal_ids: list[int]) -> set[int]:
    """Those of the proposals that the union tabled: the employer answers them, not the rep."""
    if not proposal_ids:
        return set()
    rows = s.scalars(
        select(Proposal.id).where(Proposal.id.in_(proposal_ids), Proposal.tabled_by == TabledBy.UNION)
    )
    return set(rows)


def _window(column: Any, today: date, horizon: date, before_today: bool) -> Any:
    return column < today if before_today else column.between(today, horizon)


def _counted(s: Session, stmt: Any, limit: int) -> tuple[list[Any], int]:
    """The first `limit` rows of stmt and how many rows it has in all."""
    total = int(s.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)
    rows = list(s.execute(stmt.limit(limit))) if total else []
    return rows, total


def _grievances_due(s: Session, dispute_id: int, today: date, limit: int) -> tuple[list[DueItem], int]:
    """Open grievances whose response from the employer was due before today."""
    stmt = (
        select(Grievance.id, Grievance.number, Grievance.title, Grievance.response_due)
        .where(
            Grievance.dispute_id == dispute_id,
            Grievance.status.in_(OPEN_GRIEVANCE),
            Grievance.response_due < today,
        )
        .order_by(Grievance.response_due, Grievance.number)
    )
    rows, total = _counted(s, stmt, limit)
    kind = DueKind.GRIEVANCE_RESPONSE
    items = [
        DueItem(due, kind, kind.label, f"G-{number:03d} {title}", "grievance", gid, overdue=True)
        for gid, number, title, due in rows
    ]
    return items, total


def _proposals_due(s: Session, dispute_id: int, today: date, limit: int) -> tuple[list[DueItem], int]:
    """Proposals still on the table that the union was to answer before today: not the union's own."""
    stmt = (
        select(Proposal.id, Proposal.number, Proposal.title, Proposal.respond_by)
        .where(
            Proposal.dispute_id == dispute_id,
            Proposal.status.in_(AWAITING_ANSWER),
            Proposal.tabled_by != TabledBy.UNION,
            Proposal.respond_by < today,
        )
        .order_by(Proposal.respond_by, Proposal.number)
    )
    rows, total = _counted(s, stmt, limit)
    kind = DueKind.PROPOSAL_ANSWER
    items = [
        DueItem(due, kind, kind.label, f"P-{number:03d} {title}", "proposal", pid, overdue=True)
        for pid, number, title, due in rows
    ]
    return items, total


def _actions_due(
    s: Session, dispute_id: int, today: date, horizon: date, before_today: bool, limit: int
) -> tuple[list[DueItem], int]:
    due = (
        Meeting.dispute_id == dispute_id,
        ActionItem.done_on.is_(None),
        _window(ActionItem.due_on, today, horizon, before_today),
    )
    # Counted without the owners: SQLite would join every overdue action to its owner just to count it.
    counted = select(func.count()).select_from(ActionItem).join(Meeting, Meeting.id == ActionItem.meeting_id)
    total = int(s.scalar(counted.where(*due)) or 0)
    stmt = (
        select(ActionItem.meeting_id, ActionItem.description, ActionItem.due_on, Person.name)
        .join(Meeting, Meeting.id == ActionItem.meeting_id)
        .outerjoin(Person, Person.id == ActionItem.owner_id)
        .where(*due)
        .order_by(ActionItem.due_on, ActionItem.id)
        .limit(limit)
    )
    rows: list[Any] = list(s.execute(stmt)) if total else []
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


def _grievances_by_status(s: Session, dispute_id: int) -> tuple[StatusCount, ...]:
    """Each open status with its count, zero included, in the order a grievance moves through them."""
    rows = s.execute(
        select(Grievance.status, func.count(Grievance.id))
        .where(Grievance.dispute_id == dispute_id, Grievance.status.in_(OPEN_GRIEVANCE))
        .group_by(Grievance.status)
    )
    counts = {status: int(n) for status, n in rows}
    return tuple(StatusCount(status, counts.get(status, 0)) for status in OPEN_GRIEVANCE)
