"""Deadlines derived from real logs built through the services: ballots, notices, strike days, working days.

Every expectation is worked out by hand from the rules (shared/reference/uk-dispute-rules.md), not by
calling the code under test.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import event

from stls_desk.db.log import Log
from stls_desk.domain.enums import BallotKind, GrievanceStatus, KeyDateKind, ProposalStatus, TabledBy
from stls_desk.domain.working_days import Nation
from stls_desk.services import ballots, closures, grievances, meetings, proposals
from stls_desk.services.core import NotFoundError
from stls_desk.services.deadlines import DeadlineKind, deadlines, response_due_from
from stls_desk.services.upcoming import upcoming

TODAY = date(2025, 3, 3)
RESULT = {"eligible": 100, "votes_cast": 60, "yes_votes": 50, "no_votes": 10}
"""A clear yes: 60% turnout, 50% of those entitled to vote said yes."""


def ballot(log: Log, dispute_id: int, opens: date, closes: date, **values: Any) -> int:
    return ballots.create_ballot(log, dispute_id, "Are you prepared to strike?", opens, closes, **values).id


# ----- ballots -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opens", "closes", "rules", "mandate_rules", "months", "mandate_ends", "notice_by", "sample_by"),
    [
        # Opens and closes before 18 February 2026: the 2016 Act throughout, a 6-month mandate.
        (date(2026, 2, 2), date(2026, 2, 16), "TU Act 2016", "TU Act 2016", 6, date(2026, 8, 15), date(2026, 1, 26), date(2026, 1, 30)),
        (date(2026, 2, 17), date(2026, 2, 17), "TU Act 2016", "TU Act 2016", 6, date(2026, 8, 16), date(2026, 2, 10), date(2026, 2, 14)),
        # Opens before, closes after: thresholds by the opening day, the mandate by the closing day.
        (date(2026, 2, 10), date(2026, 2, 24), "TU Act 2016", "ERA 2025", 12, date(2027, 2, 23), date(2026, 2, 3), date(2026, 2, 7)),
        (date(2026, 2, 18), date(2026, 3, 4), "ERA 2025", "ERA 2025", 12, date(2027, 3, 3), date(2026, 2, 11), date(2026, 2, 15)),
    ],
)  # fmt: skip
def test_each_ballot_is_assessed_under_the_rule_set_its_dates_choose(
    log: Log,
    dispute_id: int,
    opens: date,
    closes: date,
    rules: str,
    mandate_rules: str,
    months: int,
    mandate_ends: date,
    notice_by: date,
    sample_by: date,
) -> None:
    ballot(log, dispute_id, opens, closes, important_public_service=True, **RESULT)

    (b,) = deadlines(log, dispute_id, TODAY).ballots

    assert b.assessment is not None and b.assessment.valid and b.gives_mandate
    assert (b.rule_set, b.assessment.rule_set, b.mandate_rule_set) == (rules, rules, mandate_rules)
    assert (b.mandate_months, b.mandate_last_day, b.mandate_provisional) == (months, mandate_ends, False)
    assert (b.notice_of_ballot_last_day, b.sample_voting_paper_last_day) == (notice_by, sample_by)
    assert b.not_assessed is None


def test_an_important_public_service_ballot_fails_the_40_percent_test_only_under_the_2016_act(
    log: Log, dispute_id: int
) -> None:
    # 55% turned out and 71% of them said yes, but the 39 yes votes are 39% of the 100 entitled to vote.
    figures = {"eligible": 100, "votes_cast": 55, "yes_votes": 39, "no_votes": 16}
    ballot(log, dispute_id, date(2025, 1, 6), date(2025, 1, 31), important_public_service=True, **figures)
    ballot(log, dispute_id, date(2026, 2, 18), date(2026, 3, 4), important_public_service=True, **figures)

    old, new = deadlines(log, dispute_id, TODAY).ballots

    assert old.assessment is not None and new.assessment is not None
    assert old.rule_set == "TU Act 2016"
    assert (old.assessment.turnout_threshold_met, old.assessment.majority_yes) == (True, True)
    assert old.assessment.support_threshold_met is False
    assert old.assessment.reasons == (
        "Yes votes are 39% of those entitled to vote, below the 40% needed in important public services",
    )
    assert not old.gives_mandate and old.mandate_last_day is None
    assert new.rule_set == "ERA 2025" and new.assessment.valid
    assert new.assessment.support_threshold_met is None
    assert "ERA 2025 has no important public services support threshold" in new.assessment.notes
    assert new.mandate_last_day == date(2027, 3, 3)


def test_a_ballot_without_its_result_is_not_assessed_and_its_mandate_is_provisional(
    log: Log, dispute_id: int
) -> None:
    ballot(log, dispute_id, date(2025, 3, 10), date(2025, 3, 31), eligible=120)
    ballot(log, dispute_id, date(2025, 3, 10), date(2025, 3, 31), kind=BallotKind.INDICATIVE)

    statutory, indicative = deadlines(log, dispute_id, TODAY).ballots

    assert statutory.assessment is None
    assert (
        statutory.not_assessed == "The result is not recorded yet (votes cast, yes votes, no votes missing)"
    )
    assert statutory.rule_set == "TU Act 2016"
    # 31 March + 6 months: September has no 31st, so the 30th stands in and the mandate ends the day before.
    assert (statutory.mandate_last_day, statutory.mandate_provisional) == (date(2025, 9, 29), True)
    # An indicative ballot gives no mandate and needs no notice to the employer.
    assert indicative.mandate_last_day is None and indicative.notice_of_ballot_last_day is None
    assert indicative.mandate_rule_set is None


def test_notice_of_ballot_given_late_is_a_problem_and_missing_notice_is_overdue(
    log: Log, dispute_id: int
) -> None:
    ballot(log, dispute_id, date(2025, 3, 10), date(2025, 3, 31), notice_given_on=date(2025, 3, 5))
    ballot(log, dispute_id, date(2025, 3, 7), date(2025, 3, 28))

    late, missing = sorted(deadlines(log, dispute_id, TODAY).ballots, key=lambda b: b.notice_given_on is None)
    assert missing.problems == ()

    assert late.problems == (
        "Notice of the ballot was given on 5 March 2025, after the last day for it (3 March 2025)",
    )
    due = [d for d in upcoming(log, dispute_id, TODAY) if d.kind == DeadlineKind.NOTICE_OF_BALLOT]
    assert [(d.day, d.overdue, d.derived, d.rule_set) for d in due] == [
        (date(2025, 2, 28), True, True, "TU Act 2016"),  # no notice yet, the ballot opens on Friday
        (date(2025, 3, 3), False, True, "TU Act 2016"),
    ]
    assert "after the last day for it" in due[1].detail


# ----- notices and days of action ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_on", "agreed", "days", "earliest", "rules", "note"),
    [
        (date(2025, 2, 3), False, 14, date(2025, 2, 17), "TU Act 2016", ""),
        (date(2025, 2, 3), True, 7, date(2025, 2, 10), "TU Act 2016", ""),
        (date(2026, 2, 18), False, 10, date(2026, 2, 28), "ERA 2025", ""),
        (
            date(2026, 2, 18),
            True,
            10,
            date(2026, 2, 28),
            "ERA 2025",
            "Under ERA 2025 the employer's agreement does not shorten the 10 days' notice.",
        ),
    ],
)
def test_a_notice_of_action_gives_the_earliest_day_action_may_start(
    log: Log,
    dispute_id: int,
    given_on: date,
    agreed: bool,
    days: int,
    earliest: date,
    rules: str,
    note: str,
) -> None:
    ballots.create_key_date(
        log, dispute_id, KeyDateKind.NOTICE_SERVED, "Notice", given_on, employer_agreed_short_notice=agreed
    )

    (notice,) = deadlines(log, dispute_id, TODAY).notices

    assert (notice.notice_days, notice.earliest_action_day, notice.rule_set, notice.note) == (
        days,
        earliest,
        rules,
        note,
    )


VALID = {"opens": date(2025, 1, 6), "closes": date(2025, 1, 31), **RESULT}
"""A valid 2016-Act ballot: its mandate runs from 1 February to 30 July 2025."""
NOTICE = date(2025, 2, 3)
"""Notice received on Monday 3 February 2025: 14 days, so action from 17 February."""
EARLY = "Notice given on 3 February 2025 allows action from 17 February 2025 at the earliest"


@pytest.mark.parametrize(
    ("ballot_values", "notices", "first", "last", "reasons"),
    [
        pytest.param(VALID, [NOTICE], date(2025, 2, 25), None, (), id="covered"),
        pytest.param(VALID, [NOTICE], date(2025, 2, 17), date(2025, 7, 30), (), id="covered-to-the-last-day"),
        pytest.param(VALID, [NOTICE], date(2025, 2, 10), None, (EARLY,), id="before-the-notice-has-run"),
        pytest.param(
            VALID,
            [NOTICE],
            date(2025, 8, 5),
            None,
            ("The mandate from the ballot that closed on 31 January 2025 ended on 30 July 2025",),
            id="outside-the-mandate",
        ),
        pytest.param(
            {**VALID, "votes_cast": 40, "yes_votes": 35, "no_votes": 5},
            [NOTICE],
            date(2025, 2, 25),
            None,
            (
                "The statutory ballot that closed on 31 January 2025 is not valid",
                "Turnout 40% is below the 50% threshold",
            ),
            id="no-valid-ballot",
        ),
        pytest.param(
            None, [NOTICE], date(2025, 2, 25), None, ("No statutory ballot is recorded",), id="no-ballot"
        ),
        pytest.param(
            {**VALID, "kind": BallotKind.INDICATIVE},
            [NOTICE],
            date(2025, 2, 25),
            None,
            ("No statutory ballot is recorded; an indicative ballot does not authorise action",),
            id="indicative-only",
        ),
        pytest.param(
            {"opens": date(2025, 1, 6), "closes": date(2025, 1, 31)},
            [NOTICE],
            date(2025, 2, 25),
            None,
            ("No result is recorded yet for the statutory ballot that closes on 31 January 2025",),
            id="result-not-recorded",
        ),
        pytest.param(
            VALID,
            [],
            date(2025, 2, 25),
            None,
            ("No notice of action has been given since the ballot closed on 31 January 2025",),
            id="no-notice",
        ),
        pytest.param(
            VALID,
            [date(2025, 1, 20)],
            date(2025, 2, 25),
            None,
            ("No notice of action has been given since the ballot closed on 31 January 2025",),
            id="notice-before-the-result",
        ),
        pytest.param(
            VALID,
            [NOTICE],
            date(2025, 2, 14),
            date(2025, 2, 18),
            (f"14 February 2025 to 16 February 2025: {EARLY}",),
            id="range-starting-too-early",
        ),
        pytest.param(VALID, [NOTICE], NOTICE, date(2025, 2, 5), (EARLY,), id="range-from-the-notice-day"),
        pytest.param(
            VALID,
            [NOTICE],
            date(2025, 7, 29),
            date(2025, 8, 1),
            (
                "31 July 2025 to 1 August 2025: The mandate from the ballot that closed on 31 January 2025 "
                "ended on 30 July 2025",
            ),
            id="range-running-past-the-mandate",
        ),
        pytest.param(
            VALID,
            [NOTICE],
            date(2025, 1, 30),
            date(2025, 2, 1),
            (
                "30 January 2025 to 31 January 2025: the day is not after the ballot closed on 31 January 2025",
                f"1 February 2025: {EARLY}",
            ),
            id="range-before-the-ballot-closed",
        ),
    ],
)
def test_days_of_action_are_flagged_with_the_reasons_they_are_not_covered(
    log: Log,
    dispute_id: int,
    ballot_values: dict[str, Any] | None,
    notices: list[date],
    first: date,
    last: date | None,
    reasons: tuple[str, ...],
) -> None:
    if ballot_values is not None:
        values = dict(ballot_values)
        ballot(log, dispute_id, values.pop("opens"), values.pop("closes"), **values)
    for given_on in notices:
        ballots.create_key_date(log, dispute_id, KeyDateKind.NOTICE_SERVED, "Notice", given_on)
    strike = ballots.create_key_date(
        log, dispute_id, KeyDateKind.STRIKE_DAY, "Strike", first, ends_on=last
    ).id

    result = deadlines(log, dispute_id, TODAY)

    (check,) = result.action_checks
    assert (check.key_date_id, check.reasons, check.covered) == (strike, reasons, not reasons)
    assert result.flags == (() if not reasons else (check,))
    if last is None:
        assert [flag.day for flag in check.flags] == ([first] if reasons else [])


def test_every_day_of_a_range_is_checked_and_flagged_days_are_named(log: Log, dispute_id: int) -> None:
    ballot(log, dispute_id, VALID["opens"], VALID["closes"], **RESULT)
    ballots.create_key_date(log, dispute_id, KeyDateKind.NOTICE_SERVED, "Notice", NOTICE)
    ballots.create_key_date(
        log,
        dispute_id,
        KeyDateKind.ACTION_SHORT_OF_STRIKE,
        "Work to rule",
        date(2025, 2, 14),
        ends_on=date(2025, 8, 1),
    )

    (check,) = deadlines(log, dispute_id, TODAY).action_checks

    assert check.kind == KeyDateKind.ACTION_SHORT_OF_STRIKE
    assert [flag.day for flag in check.flags] == [
        date(2025, 2, 14),
        date(2025, 2, 15),
        date(2025, 2, 16),
        date(2025, 7, 31),
        date(2025, 8, 1),
    ]
    assert check.rule_sets == ("TU Act 2016",)


def test_a_range_too_long_to_check_is_flagged_not_guessed(log: Log, dispute_id: int) -> None:
    ballot(log, dispute_id, VALID["opens"], VALID["closes"], **RESULT)
    ballots.create_key_date(log, dispute_id, KeyDateKind.NOTICE_SERVED, "Notice", NOTICE)
    ballots.create_key_date(
        log, dispute_id, KeyDateKind.ACTION_SHORT_OF_STRIKE, "Forever", NOTICE, ends_on=date(2099, 1, 1)
    )

    (check,) = deadlines(log, dispute_id, TODAY).action_checks

    assert not check.covered
    assert check.reasons[-1] == "Days after 3 February 2027 were not checked: split a range this long"


# ----- derived, never stored ----------------------------------------------------------------------------


def test_derived_deadlines_follow_their_sources_when_those_change(log: Log, dispute_id: int) -> None:
    ballot_id = ballot(log, dispute_id, VALID["opens"], VALID["closes"], **RESULT)
    notice = ballots.create_key_date(log, dispute_id, KeyDateKind.NOTICE_SERVED, "Notice", NOTICE).id
    ballots.create_key_date(log, dispute_id, KeyDateKind.STRIKE_DAY, "Strike", date(2025, 2, 20))

    def state() -> tuple[date | None, date | None, tuple[str, ...]]:
        d = deadlines(log, dispute_id, TODAY)
        return d.ballots[0].mandate_last_day, d.notices[0].earliest_action_day, d.action_checks[0].reasons

    assert state() == (date(2025, 7, 30), date(2025, 2, 17), ())

    ballots.change_ballot(log, ballot_id, closes_on=date(2025, 2, 7))
    assert state()[0] == date(2025, 8, 6)  # the mandate's last day moved with the close date

    ballots.change_key_date(log, notice, starts_on=date(2025, 2, 10))
    assert state()[1:] == (
        date(2025, 2, 24),
        ("Notice given on 10 February 2025 allows action from 24 February 2025 at the earliest",),
    )

    ballots.change_key_date(log, notice, employer_agreed_short_notice=True)
    assert state()[1:] == (date(2025, 2, 17), ())

    ballots.change_ballot(log, ballot_id, yes_votes=20, no_votes=40)
    mandate, _, reasons = state()
    assert mandate is None
    assert reasons[0] == "The statutory ballot that closed on 7 February 2025 is not valid"


def test_open_grievances_and_unanswered_proposals_are_due_and_overdue(log: Log, dispute_id: int) -> None:
    late = grievances.create_grievance(log, dispute_id, "Travel", response_due=date(2025, 2, 28)).id
    soon = grievances.create_grievance(log, dispute_id, "Caseload", response_due=date(2025, 3, 3)).id
    grievances.create_grievance(
        log, dispute_id, "Settled", response_due=date(2025, 2, 1), status=GrievanceStatus.RESOLVED
    )
    grievances.create_grievance(log, dispute_id, "No date")
    theirs = proposals.create_proposal(log, dispute_id, "Grading", respond_by=date(2025, 3, 10)).id
    ours = proposals.create_proposal(
        log, dispute_id, "Counter", tabled_by=TabledBy.UNION, respond_by=date(2025, 2, 20)
    ).id
    proposals.create_proposal(
        log, dispute_id, "Old", respond_by=date(2025, 2, 1), status=ProposalStatus.REJECTED
    )

    d = deadlines(log, dispute_id, TODAY)

    assert [(g.source_id, g.day, g.overdue, g.title) for g in d.grievances] == [
        (late, date(2025, 2, 28), True, "G-001 Travel"),
        (soon, date(2025, 3, 3), False, "G-002 Caseload"),
    ]
    assert [(p.source_id, p.overdue, p.detail) for p in d.proposals] == [
        (ours, True, "The employer's answer is due."),
        (theirs, False, "The union's answer is due."),
    ]
    assert all(not item.derived and item.rule_set is None for item in (*d.grievances, *d.proposals))


# ----- one dated list -----------------------------------------------------------------------------------


def test_upcoming_marks_entered_and_derived_dates_in_date_order(log: Log, dispute_id: int) -> None:
    ballot(log, dispute_id, date(2025, 3, 17), date(2025, 4, 4))
    ballots.create_key_date(
        log, dispute_id, KeyDateKind.CONSULTATION_DEADLINE, "Consultation ends", date(2025, 3, 10)
    )
    ballots.create_key_date(
        log, dispute_id, KeyDateKind.STRIKE_DAY, "Strike week", date(2025, 2, 24), ends_on=date(2025, 3, 7)
    )
    meeting = meetings.create_meeting(log, dispute_id, "Talks", datetime(2025, 3, 10, 9, 30)).id
    meetings.create_meeting(log, dispute_id, "Earlier talks", datetime(2025, 2, 10, 9, 30))
    grievances.create_grievance(log, dispute_id, "Travel", response_due=date(2025, 2, 14))

    items = upcoming(log, dispute_id, TODAY, end=date(2025, 3, 31))

    assert [(i.day, i.kind, i.derived, i.overdue) for i in items] == [
        (date(2025, 2, 14), DeadlineKind.GRIEVANCE_RESPONSE, False, True),  # overdue, so still shown
        (date(2025, 2, 24), DeadlineKind.STRIKE_DAY, False, False),  # a range still under way
        (date(2025, 3, 10), DeadlineKind.NOTICE_OF_BALLOT, True, False),
        (date(2025, 3, 10), DeadlineKind.CONSULTATION_DEADLINE, False, False),
        (date(2025, 3, 10), DeadlineKind.MEETING, False, False),
        (date(2025, 3, 14), DeadlineKind.SAMPLE_VOTING_PAPER, True, False),
        (date(2025, 3, 17), DeadlineKind.BALLOT_OPENS, False, False),
    ]
    strike, talks = items[1], items[4]
    assert (strike.until, strike.last_day) == (date(2025, 3, 7), date(2025, 3, 7))
    assert strike.flags == ("No result is recorded yet for the statutory ballot that closes on 4 April 2025",)
    assert (talks.source_entity, talks.source_id, talks.at) == (
        "meeting",
        meeting,
        datetime(2025, 3, 10, 9, 30),
    )
    assert items[2].rule_set == "TU Act 2016" and "7 days before it opens on 17 March 2025" in items[2].detail

    in_month = upcoming(
        log, dispute_id, TODAY, start=date(2025, 2, 1), end=date(2025, 2, 28), include_overdue=False
    )
    assert [i.title for i in in_month] == ["Earlier talks", "G-001 Travel", "Strike week"]
    assert len(upcoming(log, dispute_id, TODAY, limit=2)) == 2
    later = upcoming(log, dispute_id, TODAY, start=date(2025, 4, 1), include_overdue=False)
    assert [(i.kind, i.title) for i in later] == [
        (DeadlineKind.BALLOT_CLOSES, "Statutory ballot: Are you prepared to strike?"),
        (
            DeadlineKind.MANDATE_ENDS,
            "Statutory ballot: Are you prepared to strike? (if the result gives a mandate)",
        ),
    ]


@pytest.fixture
def statements(log: Log) -> Iterator[list[str]]:
    """Every SQL statement the log runs while the test body runs."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    event.listen(log.engine, "before_cursor_execute", record)
    yield seen
    event.remove(log.engine, "before_cursor_execute", record)


def test_a_few_queries_whatever_the_number_of_records(
    log: Log, dispute_id: int, statements: list[str]
) -> None:
    def cost() -> tuple[int, int]:
        statements.clear()
        deadlines(log, dispute_id, TODAY)
        first = len(statements)
        statements.clear()
        upcoming(log, dispute_id, TODAY)
        return first, len(statements)

    ballot(log, dispute_id, VALID["opens"], VALID["closes"], **RESULT)
    ballots.create_key_date(log, dispute_id, KeyDateKind.STRIKE_DAY, "Strike", date(2025, 2, 25))
    grievances.create_grievance(log, dispute_id, "One", response_due=date(2025, 3, 5))
    few = cost()
    for n in range(30):
        ballot(log, dispute_id, date(2025, 1, 6), date(2025, 1, 31), **RESULT)
        ballots.create_key_date(log, dispute_id, KeyDateKind.NOTICE_SERVED, f"Notice {n}", date(2025, 2, 3))
        ballots.create_key_date(log, dispute_id, KeyDateKind.STRIKE_DAY, f"Strike {n}", date(2025, 2, 25))
        grievances.create_grievance(log, dispute_id, f"Grievance {n}", response_due=date(2025, 3, 5))
        proposals.create_proposal(log, dispute_id, f"Proposal {n}", respond_by=date(2025, 3, 5))
        meetings.create_meeting(log, dispute_id, f"Meeting {n}", datetime(2025, 3, 5, 10))

    assert cost() == few
    assert max(few) <= 10


def test_a_missing_dispute_is_reported(log: Log, dispute_id: int) -> None:
    with pytest.raises(NotFoundError):
        deadlines(log, dispute_id + 1, TODAY)
    with pytest.raises(NotFoundError):
        upcoming(log, dispute_id + 1, TODAY)
    with pytest.raises(NotFoundError):
        response_due_from(log, dispute_id + 1, TODAY, 5)


# ----- working days -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nation", "closed", "start", "working_days", "expected"),
    [
        # Friday 19 December 2025: Christmas Day and Boxing Day fall on Thursday and Friday.
        (Nation.ENGLAND_WALES, [], date(2025, 12, 19), 5, date(2025, 12, 30)),
        (Nation.ENGLAND_WALES, [date(2025, 12, 23)], date(2025, 12, 19), 5, date(2025, 12, 31)),
        (Nation.ENGLAND_WALES, [], date(2025, 12, 19), 8, date(2026, 1, 5)),
        # Scotland also keeps 2 January.
        (Nation.SCOTLAND, [], date(2025, 12, 19), 8, date(2026, 1, 6)),
        (Nation.SCOTLAND, [date(2026, 1, 5)], date(2025, 12, 19), 8, date(2026, 1, 7)),
        (Nation.ENGLAND_WALES, [], date(2025, 12, 24), 1, date(2025, 12, 29)),
        (Nation.SCOTLAND, [], date(2025, 12, 31), 1, date(2026, 1, 5)),
        (Nation.ENGLAND_WALES, [], date(2025, 12, 31), 0, date(2025, 12, 31)),
    ],
)
def test_response_due_counts_working_days_in_the_disputes_nation(
    log: Log,
    dispute_id: int,
    nation: Nation,
    closed: list[date],
    start: date,
    working_days: int,
    expected: date,
) -> None:
    closures.set_nation(log, dispute_id, nation)
    for day in closed:
        closures.add_closure_day(log, dispute_id, day, "Inset day")

    assert response_due_from(log, dispute_id, start, working_days) == expected


def test_a_new_closure_day_moves_a_response_due_date(log: Log, dispute_id: int) -> None:
    start = date(2026, 3, 2)
    assert response_due_from(log, dispute_id, start, 10) == date(2026, 3, 16)
    closure = closures.add_closure_day(log, dispute_id, date(2026, 3, 9)).id
    assert response_due_from(log, dispute_id, start, 10) == date(2026, 3, 17)
    closures.remove_closure_day(log, closure)
    assert response_due_from(log, dispute_id, start, 10) == date(2026, 3, 16)
