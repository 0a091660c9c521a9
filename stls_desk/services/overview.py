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

from stls_desk.db import driver, plain
from stls_desk.db.log import Log
from stls_desk.domain.enums import GrievanceStatus, TabledBy
from stls_desk.services.deadline_sources import AWAITING_ANSWER, OPEN_GRIEVANCE, read_sources
from stls_desk.services.deadlines import (
    ActionCheck,
    BallotDeadlines,
    Deadline,
    DeadlineKind,
    DisputeDeadlines,
    _derive,
)
from stls_desk.services.first_screen import ProposalRow, latest_proposals
from stls_desk.services.upcoming import _ballot_items, _dated

HORIZON_DAYS = 42
"""How far ahead "coming up" looks: six weeks, about one round of negotiation."""
LIMIT = 12
"""How many lines each list shows; the totals say how many more there are."""
LATEST_PROPOSALS = 5


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
    with log.plain_reading() as s:
        # What `upcoming` lists from today to the horizon, read once: its ballots and action days are whole,
        # which is all the flags and the ballots' overdue steps need.
        src = read_sources(s, dispute_id, due_from=today, until=horizon, meetings_from=today)
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
        latest = latest_proposals(s, dispute_id, LATEST_PROPOSALS)
    late = [_due(item) for b in derived.ballots for item in _ballot_items(b, today) if item.overdue]
    overdue.add(late, len(late))
    next_steps = [_due(item) for item in ahead if _still_to_do(item, derived, union_proposals)]
    coming.add(next_steps, len(next_steps))
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


def _union_proposals(s: driver.Connection, proposal_ids: list[int]) -> set[int]:
    """Those of the proposals that the union tabled: the employer answers them, not the rep."""
    if not proposal_ids:
        return set()
    rows = s.execute(
        f"SELECT id FROM proposal WHERE id IN ({plain.marks(len(proposal_ids))}) AND tabled_by = ?",
        (*proposal_ids, TabledBy.UNION),
    )
    return {proposal_id for (proposal_id,) in rows}


def _counted(
    s: driver.Connection, select: str, where: str, order: str, params: tuple[object, ...], limit: int
) -> tuple[list[Any], int]:
    """The first `limit` rows of `select … where … order` and how many rows there are in all."""
    (total,) = s.execute(f"SELECT count(*) {where}", params).fetchone()
    rows = s.execute(f"{select} {where} {order} LIMIT ?", (*params, limit)).fetchall() if total else []
    return rows, total


def _grievances_due(
    s: driver.Connection, dispute_id: int, today: date, limit: int
) -> tuple[list[DueItem], int]:
    """Open grievances whose response from the employer was due before today."""
    rows, total = _counted(
        s,
        "SELECT id, number, title, response_due",
        f"FROM grievance WHERE dispute_id = ? AND status IN ({plain.marks(len(OPEN_GRIEVANCE))})"
        " AND response_due < ?",
        "ORDER BY response_due, number",
        (dispute_id, *OPEN_GRIEVANCE, today.isoformat()),
        limit,
    )
    kind = DueKind.GRIEVANCE_RESPONSE
    items = [
        DueItem(
            date.fromisoformat(due),
            kind,
            kind.label,
            f"G-{number:03d} {title}",
            "grievance",
            gid,
            overdue=True,
        )
        for gid, number, title, due in rows
    ]
    return items, total


def _proposals_due(
    s: driver.Connection, dispute_id: int, today: date, limit: int
) -> tuple[list[DueItem], int]:
    """Proposals still on the table that the union was to answer before today: not the union's own."""
    rows, total = _counted(
        s,
        "SELECT id, number, title, respond_by",
        f"FROM proposal WHERE dispute_id = ? AND status IN ({plain.marks(len(AWAITING_ANSWER))})"
        " AND tabled_by != ? AND respond_by < ?",
        "ORDER BY respond_by, number",
        (dispute_id, *AWAITING_ANSWER, TabledBy.UNION, today.isoformat()),
        limit,
    )
    kind = DueKind.PROPOSAL_ANSWER
    items = [
        DueItem(
            date.fromisoformat(due),
            kind,
            kind.label,
            f"P-{number:03d} {title}",
            "proposal",
            pid,
            overdue=True,
        )
        for pid, number, title, due in rows
    ]
    return items, total


def _actions_due(
    s: driver.Connection, dispute_id: int, today: date, horizon: date, before_today: bool, limit: int
) -> tuple[list[DueItem], int]:
    """Open action items of the dispute's meetings due before today, or from today to the horizon."""
    window = (
        ("action_item.due_on < ?", (today.isoformat(),))
        if before_today
        else ("action_item.due_on BETWEEN ? AND ?", (today.isoformat(), horizon.isoformat()))
    )
    due, bounds = f"action_item.done_on IS NULL AND {window[0]}", window[1]
    # Counted without the owners, on the index of open action items by meeting.
    (total,) = s.execute(
        "SELECT count(*) FROM action_item JOIN meeting ON meeting.id = action_item.meeting_id"
        f" WHERE meeting.dispute_id = ? AND {due}",
        (dispute_id, *bounds),
    ).fetchone()
    # The first few in date order: read along the index by day, each checked for its dispute (a join would
    # let SQLite start from the meetings and sort every open action item to find them).
    rows = (
        s.execute(
            "SELECT action_item.meeting_id, action_item.description, action_item.due_on, person.name"
            " FROM action_item LEFT JOIN person ON person.id = action_item.owner_id"
            f" WHERE {due} AND EXISTS (SELECT 1 FROM meeting WHERE meeting.id = action_item.meeting_id"
            " AND meeting.dispute_id = ?) ORDER BY action_item.due_on, action_item.id LIMIT ?",
            (*bounds, dispute_id, limit),
        ).fetchall()
        if total
        else []
    )
    kind = DueKind.ACTION
    items = [
        DueItem(
            date.fromisoformat(due_on),
            kind,
            kind.label,
            f"{description} ({owner})" if owner else description,
            "meeting",
            meeting_id,
            overdue=before_today,
        )
        for meeting_id, description, due_on, owner in rows
    ]
    return items, total


def _grievances_by_status(s: driver.Connection, dispute_id: int) -> tuple[StatusCount, ...]:
    """Each open status with its count, zero included, in the order a grievance moves through them."""
    rows = s.execute(
        "SELECT status, count(*) FROM grievance"
        f" WHERE dispute_id = ? AND status IN ({plain.marks(len(OPEN_GRIEVANCE))}) GROUP BY status",
        (dispute_id, *OPEN_GRIEVANCE),
    )
    counts = {GrievanceStatus(status): int(n) for status, n in rows}
    return tuple(StatusCount(status, counts.get(status, 0)) for status in OPEN_GRIEVANCE)
