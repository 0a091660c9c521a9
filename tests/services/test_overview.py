"""The overview: what is overdue, what comes next, open grievances by status, the latest proposals."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from stls_desk.db.log import Log
from stls_desk.domain.enums import (
    BallotKind,
    GrievanceStatus,
    KeyDateKind,
    PersonRole,
    ProposalStatus,
    TabledBy,
)
from stls_desk.services import ballots, disputes, grievances, meetings, people, proposals
from stls_desk.services.overview import DueKind, overview

TODAY = date(2025, 3, 3)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def test_an_empty_dispute_has_nothing_due(log: Log, dispute_id: int) -> None:
    result = overview(log, dispute_id, TODAY)
    assert result.overdue == () and result.coming_up == ()
    assert (result.overdue_total, result.coming_up_total, result.open_grievances) == (0, 0, 0)
    assert [c.count for c in result.grievances_by_status] == [0, 0, 0]
    assert result.latest_proposals == ()


def test_open_grievances_fall_due_and_closed_ones_do_not(log: Log, dispute_id: int) -> None:
    late = grievances.create_grievance(
        log, dispute_id, "Travel time", raised_on=days(-30), response_due=days(-2)
    ).id
    soon = grievances.create_grievance(
        log,
        dispute_id,
        "Caseloads",
        raised_on=days(-10),
        response_due=days(5),
        status=GrievanceStatus.IN_NEGOTIATION,
    )
    grievances.create_grievance(
        log,
        dispute_id,
        "Mileage",
        raised_on=days(-30),
        response_due=days(-1),
        status=GrievanceStatus.RESOLVED,
        resolved_on=days(-1),
    )
    grievances.create_grievance(log, dispute_id, "Far off", raised_on=days(-1), response_due=days(100))

    result = overview(log, dispute_id, TODAY)

    assert [(i.record_id, i.kind, i.overdue) for i in result.overdue] == [
        (late, DueKind.GRIEVANCE_RESPONSE, True)
    ]
    assert [(i.record_id, i.on, i.text) for i in result.coming_up] == [(soon.id, days(5), "G-002 Caseloads")]
    assert result.coming_up[0].entity == "grievance"


def test_only_proposals_the_union_must_answer_are_due(log: Log, dispute_id: int) -> None:
    council = proposals.create_proposal(
        log, dispute_id, "New grading", tabled_on=days(-7), respond_by=days(3)
    ).id
    proposals.create_proposal(
        log, dispute_id, "Union's counter", tabled_by=TabledBy.UNION, tabled_on=days(-7), respond_by=days(3)
    )
    proposals.create_proposal(
        log,
        dispute_id,
        "Already answered",
        tabled_on=days(-7),
        respond_by=days(3),
        status=ProposalStatus.REJECTED,
    )
    overdue = proposals.create_proposal(
        log,
        dispute_id,
        "Late answer",
        tabled_on=days(-20),
        respond_by=days(-1),
        status=ProposalStatus.UNDER_CONSIDERATION,
    ).id

    result = overview(log, dispute_id, TODAY)

    assert [i.record_id for i in result.coming_up] == [council]
    assert [i.record_id for i in result.overdue] == [overdue]
    assert result.coming_up[0].kind is DueKind.PROPOSAL_ANSWER


def test_open_action_items_open_their_meeting(log: Log, dispute_id: int) -> None:
    owner = people.create_person(log, dispute_id, "Sam Rep", PersonRole.REP).id
    meeting = meetings.create_meeting(log, dispute_id, "Negotiation 1", datetime(2025, 2, 1, 10, 0)).id
    meetings.add_action(log, meeting, "Send the caseload figures", owner_id=owner, due_on=days(-3))
    meetings.add_action(log, meeting, "Done already", due_on=days(-3), done_on=days(-4))
    meetings.add_action(log, meeting, "Book the hall", due_on=days(10))

    result = overview(log, dispute_id, TODAY)

    assert [(i.text, i.entity, i.record_id) for i in result.overdue] == [
        ("Send the caseload figures (Sam Rep)", "meeting", meeting)
    ]
    assert [i.text for i in result.coming_up] == ["Book the hall"]


def test_key_dates_ahead_and_ranges_under_way(log: Log, dispute_id: int) -> None:
    strike = ballots.create_key_date(log, dispute_id, KeyDateKind.STRIKE_DAY, "Strike", days(7)).id
    ongoing = ballots.create_key_date(
        log, dispute_id, KeyDateKind.ACTION_SHORT_OF_STRIKE, "Work to rule", days(-5), ends_on=days(20)
    ).id
    ballots.create_key_date(log, dispute_id, KeyDateKind.STRIKE_DAY, "Past strike", days(-10))
    ballots.create_key_date(log, dispute_id, KeyDateKind.OTHER, "Too far", days(90))

    result = overview(log, dispute_id, TODAY)

    assert [(i.record_id, i.label) for i in result.coming_up] == [
        (ongoing, "Action short of strike"),
        (strike, "Strike day"),
    ]
    assert result.coming_up[0].until == days(20)
    assert all(i.kind is DueKind.STRIKE_DAY for i in result.coming_up)


def test_ballot_days_and_missing_notice_are_derived(log: Log, dispute_id: int) -> None:
    ballot = ballots.create_ballot(
        log, dispute_id, "Are you prepared to strike?", days(4), days(30), kind=BallotKind.STATUTORY
    ).id

    result = overview(log, dispute_id, TODAY)

    # Notice of ballot is due 7 days before it opens: that day has passed and no notice is recorded.
    assert [(i.kind, i.on) for i in result.overdue] == [(DueKind.BALLOT_NOTICE, days(-3))]
    assert [(i.kind, i.on, i.record_id) for i in result.coming_up] == [
        (DueKind.BALLOT_OPENS, days(4), ballot),
        (DueKind.BALLOT_CLOSES, days(30), ballot),
    ]


def test_a_valid_mandate_shows_its_last_day(log: Log, dispute_id: int) -> None:
    ballots.create_ballot(
        log,
        dispute_id,
        "Strike?",
        date(2024, 8, 1),
        date(2024, 9, 10),
        notice_given_on=date(2024, 7, 20),
        eligible=100,
        votes_cast=60,
        yes_votes=50,
        no_votes=10,
    )
    result = overview(log, dispute_id, TODAY)
    assert [(i.kind, i.on) for i in result.coming_up] == [(DueKind.MANDATE_ENDS, date(2025, 3, 9))]


def test_lists_are_limited_but_counted_in_date_order(log: Log, dispute_id: int) -> None:
    for n in range(30):
        grievances.create_grievance(
            log, dispute_id, f"Grievance {n}", raised_on=days(-60), response_due=days(-(n + 1))
        )
    result = overview(log, dispute_id, TODAY, limit=5)
    assert result.overdue_total == 30
    assert len(result.overdue) == 5
    assert [i.on for i in result.overdue] == [days(-30), days(-29), days(-28), days(-27), days(-26)]


def test_open_grievances_by_status(log: Log, dispute_id: int) -> None:
    for status in (
        GrievanceStatus.OPEN,
        GrievanceStatus.OPEN,
        GrievanceStatus.IN_NEGOTIATION,
        GrievanceStatus.WITHDRAWN,
    ):
        grievances.create_grievance(log, dispute_id, "A grievance", status=status)
    result = overview(log, dispute_id, TODAY)
    assert [(c.status, c.count) for c in result.grievances_by_status] == [
        (GrievanceStatus.OPEN, 2),
        (GrievanceStatus.RAISED, 0),
        (GrievanceStatus.IN_NEGOTIATION, 1),
    ]
    assert result.open_grievances == 3


def test_latest_proposals_newest_first_and_other_disputes_kept_out(log: Log, dispute_id: int) -> None:
    for n in range(7):
        proposals.create_proposal(log, dispute_id, f"Offer {n}", tabled_on=days(-30 + n))
    other = disputes.create_dispute(log, "Another dispute").id
    proposals.create_proposal(log, other, "Elsewhere", tabled_on=TODAY, respond_by=days(1))
    grievances.create_grievance(log, other, "Elsewhere", response_due=days(1))

    result = overview(log, dispute_id, TODAY)

    assert [p.title for p in result.latest_proposals] == [f"Offer {n}" for n in (6, 5, 4, 3, 2)]
    assert result.coming_up == () and result.open_grievances == 0
