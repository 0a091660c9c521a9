"""The schema itself refuses bad rows, whichever path writes them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, StatementError

from stls_desk.db.log import Log
from stls_desk.db.models import (
    ActionItem,
    Attachment,
    Ballot,
    Dispute,
    Grievance,
    KeyDate,
    Meeting,
    Person,
    Proposal,
)
from stls_desk.domain.enums import (
    BallotKind,
    DisputeStatus,
    GrievanceScope,
    GrievanceStage,
    GrievanceStatus,
    KeyDateKind,
    MeetingKind,
    PersonRole,
    ProposalStatus,
    TabledBy,
)


def grievance(dispute_id: int, **overrides: Any) -> Grievance:
    values: dict[str, Any] = dict(
        dispute_id=dispute_id,
        number=1,
        title="Consultation",
        scope=GrievanceScope.COLLECTIVE,
        stage=GrievanceStage.INFORMAL,
        status=GrievanceStatus.OPEN,
    )
    return Grievance(**(values | overrides))


def ballot(dispute_id: int, **overrides: Any) -> Ballot:
    values: dict[str, Any] = dict(
        dispute_id=dispute_id,
        kind=BallotKind.STATUTORY,
        question="Are you prepared to take strike action?",
        opens_on=date(2025, 1, 6),
        closes_on=date(2025, 1, 27),
        eligible=100,
        votes_cast=60,
        yes_votes=50,
        no_votes=9,
        spoilt=1,
    )
    return Ballot(**(values | overrides))


BAD_ROWS: dict[str, Callable[[int], Any]] = {
    "blank dispute title": lambda d: Dispute(title="   ", status=DisputeStatus.ACTIVE),
    "blank person name": lambda d: Person(dispute_id=d, name="", role=PersonRole.MEMBER),
    "blank grievance title": lambda d: grievance(d, title=" "),
    "grievance resolved before raised": lambda d: grievance(
        d, raised_on=date(2025, 3, 1), resolved_on=date(2025, 2, 1)
    ),
    "grievance number zero": lambda d: grievance(d, number=0),
    "blank proposal title": lambda d: Proposal(
        dispute_id=d, number=1, title="", tabled_by=TabledBy.EMPLOYER, status=ProposalStatus.TABLED
    ),
    "ballot closes before it opens": lambda d: ballot(d, closes_on=date(2025, 1, 1)),
    "negative votes": lambda d: ballot(d, no_votes=-1),
    "more answers than votes cast": lambda d: ballot(d, yes_votes=55, no_votes=9),
    "more votes cast than eligible": lambda d: ballot(d, votes_cast=101),
    "date range ends before it starts": lambda d: KeyDate(
        dispute_id=d,
        kind=KeyDateKind.STRIKE_DAY,
        title="Strike",
        starts_on=date(2025, 2, 25),
        ends_on=date(2025, 2, 24),
    ),
    "blank action": lambda d: ActionItem(meeting_id=_meeting(d), description="  "),
    "attachment with two owners": lambda d: Attachment(
        dispute_id=d,
        grievance_id=_grievance_id(d),
        meeting_id=_meeting(d),
        name="letter.pdf",
        sha256="0" * 64,
        size=1,
        data=b"x",
    ),
    "grievance in a missing dispute": lambda d: grievance(d + 99),
}

_session: Any = None


def _meeting(dispute_id: int) -> int:
    m = Meeting(dispute_id=dispute_id, title="JCC", held_at=datetime(2025, 1, 8, 10), kind=MeetingKind.JCC)
    _session.add(m)
    _session.flush()
    return m.id


def _grievance_id(dispute_id: int) -> int:
    g = grievance(dispute_id, number=50)
    _session.add(g)
    _session.flush()
    return g.id


@pytest.mark.parametrize("make", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_the_schema_refuses(log: Log, dispute_id: int, make: Callable[[int], Any]) -> None:
    global _session
    with pytest.raises(IntegrityError), log.writing() as s:
        _session = s
        s.add(make(dispute_id))
        s.flush()


def test_the_schema_accepts_a_sound_ballot(log: Log, dispute_id: int) -> None:
    with log.writing() as s:
        s.add(ballot(dispute_id))


def test_an_unknown_status_is_refused(log: Log, dispute_id: int) -> None:
    with pytest.raises(IntegrityError), log.writing() as s:
        s.add(grievance(dispute_id))
        s.flush()
        s.execute(text("UPDATE grievance SET status = 'lost'"))


def test_a_date_that_is_not_a_date_is_refused(log: Log, dispute_id: int) -> None:
    with pytest.raises((IntegrityError, StatementError)), log.writing() as s:
        s.add(grievance(dispute_id))
        s.flush()
        s.execute(text("UPDATE grievance SET raised_on = '2025-02-30'"))


def test_deleting_a_dispute_takes_its_records_with_it(log: Log, dispute_id: int) -> None:
    with log.writing() as s:
        s.add(grievance(dispute_id))
        s.add(Person(dispute_id=dispute_id, name="A Member", role=PersonRole.MEMBER))
    with log.writing() as s:
        s.delete(s.get(Dispute, dispute_id))
    with log.reading() as s:
        assert s.execute(text("SELECT count(*) FROM grievance")).scalar() == 0
        assert s.execute(text("SELECT count(*) FROM person")).scalar() == 0
