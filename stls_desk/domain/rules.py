"""The UK statutory rule sets for industrial action ballots and notices, kept as data.

Rules change by date, so each rule set records the day from which it applies and the figures it uses; the
ballot and notice checks look a rule set up by the date the law says decides it (see the `rule_set_for_*`
functions) instead of hard-coding any figure. Source: shared/reference/uk-dispute-rules.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date


@dataclass(frozen=True)
class RuleSet:
    """The figures one version of TULRCA 1992 applies to ballots, mandates and notices.

    Thresholds are fractions of those entitled to vote (0.5 is 50%). A field that is None means the rule
    does not exist in this rule set (repealed, or never offered). `unconfirmed` names the fields whose
    figure the reference could not confirm: the UI must let the rep override those and say which rule set
    it applied.
    """

    name: str
    title: str
    in_force_from: date
    turnout_threshold: float
    important_public_services_threshold: float | None
    mandate_months: int
    mandate_extended_months: int | None
    notice_of_action_days: int
    notice_of_action_agreed_days: int | None
    notice_of_ballot_days: int
    sample_voting_paper_days: int
    notes: tuple[str, ...] = ()
    unconfirmed: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        known = {f.name for f in fields(self)}
        unknown = [name for name in self.unconfirmed if name not in known]
        if unknown:
            raise ValueError(f"Rule set {self.name!r} marks unknown fields as unconfirmed: {unknown}")

    def notice_of_action_period(self, employer_agreed: bool) -> int:
        """Days of notice of industrial action: the agreed shorter period only where this rule set has one."""
        if employer_agreed and self.notice_of_action_agreed_days is not None:
            return self.notice_of_action_agreed_days
        return self.notice_of_action_days

    def mandate_period_months(self, extended_by_agreement: bool) -> int:
        """Months the mandate lasts: the extended period only where this rule set allows one."""
        if extended_by_agreement and self.mandate_extended_months is not None:
            return self.mandate_extended_months
        return self.mandate_months


TRADE_UNION_ACT_2016 = RuleSet(
    name="TU Act 2016",
    title="Trade Union Act 2016 (TULRCA 1992 as amended from 1 March 2017)",
    in_force_from=date(2017, 3, 1),
    turnout_threshold=0.5,
    important_public_services_threshold=0.4,
    mandate_months=6,
    mandate_extended_months=9,
    notice_of_action_days=14,
    notice_of_action_agreed_days=7,
    notice_of_ballot_days=7,
    sample_voting_paper_days=3,
    notes=(
        "At least 50% of those entitled to vote must vote.",
        "In important public services (education of those under 17 among them, SI 2017/133) at least 40% "
        "of those entitled to vote must vote yes.",
        "The mandate lasts 6 months from the close of the ballot, or up to 9 months if the employer agrees.",
        "Notice of action is 14 days, or 7 days if the employer agrees.",
    ),
)

EMPLOYMENT_RIGHTS_ACT_2025 = RuleSet(
    name="ERA 2025",
    title="Employment Rights Act 2025 (TULRCA 1992 as amended from 18 February 2026)",
    in_force_from=date(2026, 2, 18),
    # Unchanged until regulations tied to e-balloting are made (expected August 2026, not confirmed).
    turnout_threshold=0.5,
    important_public_services_threshold=None,
    mandate_months=12,
    mandate_extended_months=None,
    notice_of_action_days=10,
    # The reference gives 10 days and says nothing of the 2016 Act's 7-day agreement surviving. Keeping a
    # shorter agreed period could tell a rep that action may start before the law allows, so we apply
    # 10 days whether or not the employer agrees: never shorter than the law might require.
    notice_of_action_agreed_days=None,
    notice_of_ballot_days=7,
    sample_voting_paper_days=3,
    notes=(
        "At least 50% of those entitled to vote must still vote, until e-balloting regulations replace "
        "the threshold (expected August 2026, not confirmed).",
        "The 40% support threshold for important public services is repealed for ballots opening on or "
        "after 18 February 2026.",
        "The mandate lasts 12 months from the close of the ballot and cannot be extended.",
        "Notice of action is 10 days for notices given on or after 18 February 2026; an employer's "
        "agreement is not taken to shorten it.",
    ),
    unconfirmed=("turnout_threshold", "notice_of_action_agreed_days"),
)

RULE_SETS: tuple[RuleSet, ...] = (TRADE_UNION_ACT_2016, EMPLOYMENT_RIGHTS_ACT_2025)
"""Every rule set this app knows, oldest first."""


class NoRuleSetError(ValueError):
    """A date falls before the earliest rule set this app knows, so no check can be made."""


def rule_set_on(day: date, rule_sets: Sequence[RuleSet] = RULE_SETS) -> RuleSet:
    """The rule set in force on `day`: the latest one whose in-force date is on or before it.

    Raises NoRuleSetError before 1 March 2017: the pre-2016 rules (no turnout threshold, 4-week mandates)
    are not modelled, and guessing would mislead.
    """
    in_force = [rule_set for rule_set in rule_sets if rule_set.in_force_from <= day]
    if not in_force:
        earliest = min((rule_set.in_force_from for rule_set in rule_sets), default=None)
        known = f"; the earliest rules known apply from {long_date(earliest)}" if earliest else ""
        raise NoRuleSetError(f"No ballot and notice rules are recorded for {long_date(day)}{known}.")
    return max(in_force, key=lambda rule_set: rule_set.in_force_from)


def long_date(day: date) -> str:
    """A date as a rep writes it in a letter: '18 February 2026'."""
    return f"{day.day} {day:%B %Y}"


def rule_set_for_ballot(opens_on: date, rule_sets: Sequence[RuleSet] = RULE_SETS) -> RuleSet:
    """The rule set whose turnout and support thresholds bind a ballot: chosen by its opening date."""
    return rule_set_on(opens_on, rule_sets)


def rule_set_for_mandate(closes_on: date, rule_sets: Sequence[RuleSet] = RULE_SETS) -> RuleSet:
    """The rule set that fixes how long a ballot's mandate lasts: chosen by its closing date."""
    return rule_set_on(closes_on, rule_sets)


def rule_set_for_notice(notice_given_on: date, rule_sets: Sequence[RuleSet] = RULE_SETS) -> RuleSet:
    """The rule set that fixes the notice of industrial action: chosen by the day notice is given."""
    return rule_set_on(notice_given_on, rule_sets)
