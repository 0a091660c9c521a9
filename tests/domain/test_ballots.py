"""Ballot thresholds, mandates and notice periods under the 2016 and 2025 rule sets."""

from __future__ import annotations

import calendar
import dataclasses
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stls_desk.domain.ballots import (
    ActionNotice,
    BallotFacts,
    RecordedBallot,
    assess,
    ballot_notice_deadlines,
    check_action_day,
    earliest_action_day,
    last_day_of_months_beginning_with,
    mandate_last_day,
    notice_period_days,
)
from stls_desk.domain.enums import BallotKind
from stls_desk.domain.rules import EMPLOYMENT_RIGHTS_ACT_2025, TRADE_UNION_ACT_2016, NoRuleSetError


def ballot(
    opens_on: date = date(2026, 3, 2),
    closes_on: date | None = None,
    eligible: int = 100,
    votes_cast: int = 60,
    yes_votes: int = 50,
    no_votes: int = 10,
    **flags: bool,
) -> BallotFacts:
    """A ballot that passes everything unless a test says otherwise; it closes 18 days after opening."""
    return BallotFacts(
        opens_on=opens_on,
        closes_on=closes_on or opens_on + timedelta(days=18),
        eligible=eligible,
        votes_cast=votes_cast,
        yes_votes=yes_votes,
        no_votes=no_votes,
        **flags,
    )


# --- thresholds -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opens_on", "yes_votes", "rule_set", "support_met", "valid"),
    [
        # 40% of all those entitled must vote yes in important public services under the 2016 Act...
        (date(2026, 2, 17), 40, "TU Act 2016", True, True),
        (date(2026, 2, 17), 39, "TU Act 2016", False, False),
        # ...repealed for ballots opening on or after 18 February 2026.
        (date(2026, 2, 18), 39, "ERA 2025", None, True),
        (date(2026, 2, 19), 39, "ERA 2025", None, True),
        (date(2026, 2, 18), 40, "ERA 2025", None, True),
    ],
)
def test_important_public_services_support_threshold(
    opens_on: date, yes_votes: int, rule_set: str, support_met: bool | None, valid: bool
) -> None:
    facts = ballot(
        opens_on, votes_cast=60, yes_votes=yes_votes, no_votes=60 - yes_votes, important_public_service=True
    )
    result = assess(facts)
    assert (result.rule_set, result.support_threshold_met, result.valid) == (rule_set, support_met, valid)
    assert result.thresholds_rule_set.name == rule_set
    if support_met is False:
        assert result.reasons == (
            "Yes votes are 39% of those entitled to vote, below the 40% needed in important public services",
        )
    if support_met is None:
        assert "ERA 2025 has no important public services support threshold" in result.notes


@pytest.mark.parametrize("opens_on", [date(2026, 2, 17), date(2026, 2, 18)])
def test_no_support_threshold_outside_important_public_services(opens_on: date) -> None:
    result = assess(ballot(opens_on, votes_cast=60, yes_votes=35, no_votes=25))
    assert result.support_threshold_met is None
    assert result.valid


@pytest.mark.parametrize(
    ("eligible", "votes_cast", "yes_votes", "no_votes", "turnout_met", "majority", "reasons"),
    [
        (100, 50, 26, 24, True, True, ()),  # exactly 50% turnout is enough
        (101, 51, 26, 25, True, True, ()),
        (101, 50, 26, 24, False, True, ("Turnout 49.5% is below the 50% threshold",)),
        (1000, 412, 300, 112, False, True, ("Turnout 41.2% is below the 50% threshold",)),
        # Rounded down: a shortfall never reads as "50.0%".
        (10000, 4999, 4000, 999, False, True, ("Turnout 49.9% is below the 50% threshold",)),
        (100, 50, 25, 25, True, False, ("Yes votes (25) do not outnumber no votes (25)",)),
        (100, 60, 20, 40, True, False, ("Yes votes (20) do not outnumber no votes (40)",)),
        # Five spoilt papers: yes beats no but is not more than half of the votes cast.
        (
            100,
            50,
            25,
            20,
            True,
            False,
            ("Yes votes (25) are not more than half of the 50 votes cast, spoilt papers included",),
        ),
        (100, 50, 26, 20, True, True, ()),
        (
            0,
            0,
            0,
            0,
            False,
            False,
            ("No one is recorded as entitled to vote", "Yes votes (0) do not outnumber no votes (0)"),
        ),
    ],
)
def test_turnout_and_majority(
    eligible: int,
    votes_cast: int,
    yes_votes: int,
    no_votes: int,
    turnout_met: bool,
    majority: bool,
    reasons: tuple[str, ...],
) -> None:
    result = assess(ballot(eligible=eligible, votes_cast=votes_cast, yes_votes=yes_votes, no_votes=no_votes))
    assert result.turnout_threshold_met is turnout_met
    assert result.majority_yes is majority
    assert result.reasons == reasons
    assert result.valid is (not reasons)


def test_zero_eligible_gives_zero_shares_not_an_error() -> None:
    facts = ballot(
        date(2026, 2, 2), eligible=0, votes_cast=0, yes_votes=0, no_votes=0, important_public_service=True
    )
    result = assess(facts)
    assert (result.turnout, result.yes_share_of_votes, result.yes_share_of_eligible) == (0.0, 0.0, 0.0)
    assert result.support_threshold_met is False


def test_shares_are_fractions() -> None:
    result = assess(ballot(eligible=200, votes_cast=120, yes_votes=90, no_votes=30))
    assert result.turnout == pytest.approx(0.6)
    assert result.yes_share_of_votes == pytest.approx(0.75)
    assert result.yes_share_of_eligible == pytest.approx(0.45)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        (
            {"votes_cast": 120, "yes_votes": 100},
            "More votes are cast (120) than people entitled to vote (100)",
        ),
        ({"yes_votes": 55, "no_votes": 10}, "Yes and no votes (65) add up to more than the votes cast (60)"),
        ({"closes_on": date(2026, 3, 1)}, "The ballot closes (1 March 2026) before it opens (2 March 2026)"),
        ({"no_votes": -1}, "Vote counts cannot be negative"),
    ],
)
def test_counts_that_cannot_be_true_give_no_mandate(changes: dict[str, Any], reason: str) -> None:
    result = assess(dataclasses.replace(ballot(), **changes))
    assert reason in result.reasons
    assert not result.valid


def test_ballot_before_any_known_rules_is_refused() -> None:
    with pytest.raises(NoRuleSetError):
        assess(ballot(date(2016, 11, 1)))


def test_an_overridden_rule_set_is_applied() -> None:
    lower = dataclasses.replace(EMPLOYMENT_RIGHTS_ACT_2025, turnout_threshold=0.4)
    facts = ballot(votes_cast=45, yes_votes=40, no_votes=5)
    assert not assess(facts).valid
    assert assess(facts, rule_sets=(TRADE_UNION_ACT_2016, lower)).valid


# --- mandates ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("closes_on", "extended", "months", "last_day"),
    [
        (date(2025, 2, 1), False, 6, date(2025, 7, 31)),  # "beginning with" counts the close date itself
        (date(2025, 2, 1), True, 9, date(2025, 10, 31)),
        (date(2025, 9, 15), False, 6, date(2026, 3, 14)),
        # No 31 September: the corresponding date is 30 September, so the mandate ends on the 29th.
        (date(2025, 3, 31), False, 6, date(2025, 9, 29)),
        # No 31 February 2026: corresponding date 28 February, last day 27 February (never overstated).
        (date(2025, 8, 31), False, 6, date(2026, 2, 27)),
        (date(2025, 8, 30), False, 6, date(2026, 2, 27)),
        (date(2025, 8, 29), False, 6, date(2026, 2, 27)),
        (date(2025, 8, 28), False, 6, date(2026, 2, 27)),
        (date(2025, 5, 31), True, 9, date(2026, 2, 27)),
        # Leap year 2024 has a 29 February to correspond to.
        (date(2023, 8, 31), False, 6, date(2024, 2, 28)),
        (date(2023, 8, 29), False, 6, date(2024, 2, 28)),
        (date(2023, 8, 28), False, 6, date(2024, 2, 27)),
        (date(2024, 2, 29), False, 6, date(2024, 8, 28)),
        # Either side of 18 February 2026: mandate length follows the close date.
        (date(2026, 2, 17), False, 6, date(2026, 8, 16)),
        (date(2026, 2, 17), True, 9, date(2026, 11, 16)),
        (date(2026, 2, 18), False, 12, date(2027, 2, 17)),
        (date(2026, 2, 19), False, 12, date(2027, 2, 18)),
        (date(2026, 2, 19), True, 12, date(2027, 2, 18)),  # no extension under ERA 2025
        (date(2026, 3, 31), False, 12, date(2027, 3, 30)),
        (date(2027, 2, 28), False, 12, date(2028, 2, 27)),
        # A ballot closing on 29 February 2028: no 29 February 2029, so the mandate ends on 27 February.
        (date(2028, 2, 29), False, 12, date(2029, 2, 27)),
    ],
)
def test_mandate_last_day(closes_on: date, extended: bool, months: int, last_day: date) -> None:
    assert mandate_last_day(closes_on, extended) == last_day
    result = assess(ballot(closes_on - timedelta(days=14), closes_on, mandate_extended_by_agreement=extended))
    assert (result.mandate_months, result.mandate_last_day) == (months, last_day)


def test_mandate_follows_the_close_date_while_thresholds_follow_the_opening_date() -> None:
    facts = ballot(
        date(2026, 2, 10), date(2026, 2, 20), yes_votes=35, no_votes=25, important_public_service=True
    )
    result = assess(facts)
    assert result.rule_set == "TU Act 2016"
    assert result.support_threshold_met is False  # the 40% test still binds a ballot opened on 10 February
    assert result.mandate_rule_set.name == "ERA 2025"
    assert result.mandate_last_day == date(2027, 2, 19)
    assert any("mandate follows ERA 2025" in note for note in result.notes)


def test_extension_is_ignored_under_era_2025_and_says_so() -> None:
    result = assess(ballot(mandate_extended_by_agreement=True))
    assert result.mandate_months == 12
    assert (
        "ERA 2025 does not allow the mandate to be extended by agreement; 12 months applied" in result.notes
    )


@given(st.dates(date(2017, 3, 1), date(2099, 12, 31)), st.integers(1, 24))
def test_mandate_never_reaches_the_same_date_months_later(start: date, months: int) -> None:
    last = last_day_of_months_beginning_with(start, months)
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    days_in_month = calendar.monthrange(year, month)[1]
    assert start <= last < date(year, month, min(start.day, days_in_month))
    if start.day <= days_in_month:
        assert last == date(year, month, start.day) - timedelta(days=1)


@given(st.dates(date(2017, 3, 1), date(2099, 12, 31)), st.integers(0, 400), st.integers(1, 24))
def test_a_later_close_never_gives_an_earlier_mandate_end(start: date, gap: int, months: int) -> None:
    later = start + timedelta(days=gap)
    assert last_day_of_months_beginning_with(start, months) <= last_day_of_months_beginning_with(
        later, months
    )


# --- notices ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_on", "agreed", "days", "first_day"),
    [
        (date(2026, 2, 4), False, 14, date(2026, 2, 18)),  # a Wednesday to a Wednesday
        (date(2026, 2, 4), True, 7, date(2026, 2, 11)),
        (date(2026, 2, 17), False, 14, date(2026, 3, 3)),
        (date(2026, 2, 17), True, 7, date(2026, 2, 24)),
        (date(2026, 2, 18), False, 10, date(2026, 2, 28)),
        (date(2026, 2, 18), True, 10, date(2026, 2, 28)),  # agreement does not shorten ERA 2025 notice
        (date(2026, 2, 19), False, 10, date(2026, 3, 1)),
        (date(2026, 2, 19), True, 10, date(2026, 3, 1)),
    ],
)
def test_notice_of_action(given_on: date, agreed: bool, days: int, first_day: date) -> None:
    assert notice_period_days(given_on, agreed) == days
    assert earliest_action_day(given_on, agreed) == first_day


@given(st.dates(date(2017, 3, 1), date(2099, 12, 31)), st.booleans())
def test_notice_is_received_by_the_nth_day_before_the_first_day_of_action(
    given_on: date, agreed: bool
) -> None:
    # s234A(4)(b): the period for giving notice ends with the Nth day before the starting date.
    first_day = earliest_action_day(given_on, agreed)
    days = notice_period_days(given_on, agreed)
    assert first_day - timedelta(days=days) == given_on
    assert days in (7, 10, 14)


@pytest.mark.parametrize(
    ("opens_on", "notice_by", "sample_by", "rule_set"),
    [
        (date(2026, 3, 2), date(2026, 2, 23), date(2026, 2, 27), "ERA 2025"),
        (date(2026, 2, 17), date(2026, 2, 10), date(2026, 2, 14), "TU Act 2016"),
        (date(2024, 3, 1), date(2024, 2, 23), date(2024, 2, 27), "TU Act 2016"),  # across 29 February
    ],
)
def test_ballot_notice_deadlines(opens_on: date, notice_by: date, sample_by: date, rule_set: str) -> None:
    deadlines = ballot_notice_deadlines(opens_on)
    assert deadlines.notice_of_ballot_last_day == notice_by
    assert deadlines.sample_voting_paper_last_day == sample_by
    assert deadlines.rule_set == rule_set


# --- action days ------------------------------------------------------------------------------------------

CLOSED = date(2026, 3, 20)
STATUTORY = RecordedBallot(ballot(date(2026, 3, 2), CLOSED), BallotKind.STATUTORY)
NOTICE = ActionNotice(date(2026, 3, 23))  # ERA 2025: action from 2 April 2026


@pytest.mark.parametrize(
    ("day", "ballots", "notices", "reasons"),
    [
        (date(2026, 4, 2), [STATUTORY], [NOTICE], []),
        (
            date(2026, 4, 1),
            [STATUTORY],
            [NOTICE],
            ["Notice given on 23 March 2026 allows action from 2 April 2026 at the earliest"],
        ),
        (date(2027, 3, 19), [STATUTORY], [NOTICE], []),
        (
            date(2027, 3, 20),
            [STATUTORY],
            [NOTICE],
            ["The mandate from the ballot that closed on 20 March 2026 ended on 19 March 2027"],
        ),
        (
            date(2026, 4, 2),
            [STATUTORY],
            [],
            ["No notice of action has been given since the ballot closed on 20 March 2026"],
        ),
        (
            date(2026, 4, 2),
            [STATUTORY],
            [(date(2026, 3, 10), False)],  # given while the ballot was still open
            ["No notice of action has been given since the ballot closed on 20 March 2026"],
        ),
        (
            date(2026, 3, 19),
            [STATUTORY],
            [NOTICE],
            ["19 March 2026 is not after the ballot closed on 20 March 2026"],
        ),
        (
            date(2026, 4, 2),
            [(STATUTORY.facts, "indicative")],
            [NOTICE],
            ["No statutory ballot is recorded; an indicative ballot does not authorise action"],
        ),
        (date(2026, 4, 2), [], [NOTICE], ["No statutory ballot is recorded"]),
        (
            date(2026, 4, 2),
            [(dataclasses.replace(STATUTORY.facts, votes_cast=40, yes_votes=30), "statutory")],
            [NOTICE],
            [
                "The statutory ballot that closed on 20 March 2026 is not valid",
                "Turnout 40% is below the 50% threshold",
            ],
        ),
        (
            date(2026, 4, 2),
            [(ballot(date(2016, 9, 1)), "statutory")],
            [NOTICE],
            [
                "No ballot and notice rules are recorded for 1 September 2016; the earliest rules known apply from "
                "1 March 2017."
            ],
        ),
    ],
)
def test_check_action_day(
    day: date,
    ballots: list[tuple[BallotFacts, str]],
    notices: list[tuple[date, bool]],
    reasons: list[str],
) -> None:
    assert check_action_day(day, ballots, notices) == reasons


def test_a_fresh_ballot_covers_action_after_an_old_mandate_ran_out() -> None:
    old = (ballot(date(2025, 1, 6), date(2025, 1, 24)), "statutory")  # 2016 Act: mandate to 23 July 2025
    new = (ballot(date(2026, 1, 5), date(2026, 1, 23)), "statutory")  # 2016 Act: mandate to 22 July 2026
    notices = [(date(2025, 2, 3), False), (date(2026, 1, 26), False)]
    assert check_action_day(date(2025, 3, 1), [old, new], notices) == []
    assert check_action_day(date(2026, 2, 9), [old, new], notices) == []
    assert check_action_day(date(2026, 2, 6), [old, new], notices) == [
        "Notice given on 26 January 2026 allows action from 9 February 2026 at the earliest"
    ]


@pytest.mark.parametrize(("day", "covered"), [(date(2026, 1, 11), False), (date(2026, 1, 12), True)])
def test_seven_days_agreed_notice_under_the_2016_act(day: date, covered: bool) -> None:
    facts = ballot(date(2025, 11, 10), date(2025, 12, 1))
    reasons = check_action_day(day, [(facts, BallotKind.STATUTORY)], [ActionNotice(date(2026, 1, 5), True)])
    assert (reasons == []) is covered


@given(
    st.integers(0, 500),
    st.integers(0, 500),
    st.integers(0, 500),
    st.integers(0, 500),
    st.booleans(),
    st.sampled_from([date(2026, 2, 17), date(2026, 2, 18)]),
)
def test_validity_matches_the_plain_arithmetic(
    eligible: int, cast: int, yes: int, no: int, public_service: bool, opens_on: date
) -> None:
    result = assess(
        ballot(
            opens_on,
            eligible=eligible,
            votes_cast=cast,
            yes_votes=yes,
            no_votes=no,
            important_public_service=public_service,
        )
    )
    support_applies = public_service and opens_on < date(2026, 2, 18)
    expected = (
        eligible > 0
        and cast <= eligible
        and yes + no <= cast
        and 2 * cast >= eligible
        and 2 * yes > cast
        and yes > no
        and (not support_applies or 5 * yes >= 2 * eligible)
    )
    assert result.valid is expected
    assert bool(result.reasons) is not expected
