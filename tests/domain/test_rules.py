"""The rule sets: their figures, and which one applies on which day."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from stls_desk.domain.rules import (
    EMPLOYMENT_RIGHTS_ACT_2025,
    RULE_SETS,
    TRADE_UNION_ACT_2016,
    NoRuleSetError,
    RuleSet,
    long_date,
    rule_set_for_ballot,
    rule_set_for_mandate,
    rule_set_for_notice,
    rule_set_on,
)


def test_rule_sets_are_ordered_by_the_date_they_apply_from() -> None:
    starts = [rule_set.in_force_from for rule_set in RULE_SETS]
    assert starts == sorted(starts)
    assert [rule_set.name for rule_set in RULE_SETS] == ["TU Act 2016", "ERA 2025"]


@pytest.mark.parametrize(
    ("field", "tu_act_2016", "era_2025"),
    [
        ("in_force_from", date(2017, 3, 1), date(2026, 2, 18)),
        ("turnout_threshold", 0.5, 0.5),
        ("important_public_services_threshold", 0.4, None),
        ("mandate_months", 6, 12),
        ("mandate_extended_months", 9, None),
        ("notice_of_action_days", 14, 10),
        ("notice_of_action_agreed_days", 7, None),
        ("notice_of_ballot_days", 7, 7),
        ("sample_voting_paper_days", 3, 3),
    ],
)
def test_rule_set_figures(field: str, tu_act_2016: object, era_2025: object) -> None:
    assert getattr(TRADE_UNION_ACT_2016, field) == tu_act_2016
    assert getattr(EMPLOYMENT_RIGHTS_ACT_2025, field) == era_2025


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2017, 3, 1), "TU Act 2016"),
        (date(2025, 12, 18), "TU Act 2016"),  # Royal Assent changed nothing yet
        (date(2026, 2, 17), "TU Act 2016"),
        (date(2026, 2, 18), "ERA 2025"),
        (date(2026, 2, 19), "ERA 2025"),
        (date(2030, 1, 1), "ERA 2025"),
    ],
)
def test_rule_set_on_picks_the_latest_in_force(day: date, expected: str) -> None:
    assert rule_set_on(day).name == expected
    # Each rule decides by its own date, but on one day the answer is the same rule set.
    assert rule_set_for_ballot(day).name == expected
    assert rule_set_for_mandate(day).name == expected
    assert rule_set_for_notice(day).name == expected


def test_no_rule_set_before_the_2016_act_came_into_force() -> None:
    with pytest.raises(NoRuleSetError, match=r"28 February 2017.*1 March 2017"):
        rule_set_on(date(2017, 2, 28))


@pytest.mark.parametrize(
    ("rule_set", "employer_agreed", "days"),
    [
        (TRADE_UNION_ACT_2016, False, 14),
        (TRADE_UNION_ACT_2016, True, 7),
        (EMPLOYMENT_RIGHTS_ACT_2025, False, 10),
        # No agreed shorter period under ERA 2025: agreement never shortens the notice we advise.
        (EMPLOYMENT_RIGHTS_ACT_2025, True, 10),
    ],
)
def test_notice_of_action_period(rule_set: RuleSet, employer_agreed: bool, days: int) -> None:
    assert rule_set.notice_of_action_period(employer_agreed) == days


@pytest.mark.parametrize(
    ("rule_set", "extended", "months"),
    [
        (TRADE_UNION_ACT_2016, False, 6),
        (TRADE_UNION_ACT_2016, True, 9),
        (EMPLOYMENT_RIGHTS_ACT_2025, False, 12),
        (EMPLOYMENT_RIGHTS_ACT_2025, True, 12),
    ],
)
def test_mandate_period_months(rule_set: RuleSet, extended: bool, months: int) -> None:
    assert rule_set.mandate_period_months(extended) == months


def test_unconfirmed_figures_name_real_fields() -> None:
    assert "turnout_threshold" in EMPLOYMENT_RIGHTS_ACT_2025.unconfirmed
    with pytest.raises(ValueError, match="unknown fields"):
        dataclasses.replace(TRADE_UNION_ACT_2016, unconfirmed=("turnout",))


def test_every_rule_set_explains_itself() -> None:
    for rule_set in RULE_SETS:
        assert rule_set.title
        assert rule_set.notes


def test_a_rep_can_override_an_unconfirmed_figure() -> None:
    lower_turnout = dataclasses.replace(EMPLOYMENT_RIGHTS_ACT_2025, turnout_threshold=0.4)
    rule_sets = (TRADE_UNION_ACT_2016, lower_turnout)
    assert rule_set_for_ballot(date(2026, 9, 1), rule_sets).turnout_threshold == 0.4
    assert rule_set_for_ballot(date(2026, 2, 17), rule_sets) is TRADE_UNION_ACT_2016


def test_long_date_reads_as_in_a_letter() -> None:
    assert long_date(date(2026, 2, 8)) == "8 February 2026"
