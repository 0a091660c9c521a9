"""Industrial action ballots, mandates and notices checked against the UK rule sets.

Pure functions over plain dates and counts, so the ballot tab, the overview, the PDF pack and the command
line all give the same answer. Every figure comes from a `RuleSet` in `rules.py`, chosen by the date the
law says decides it: thresholds by the ballot's opening date, mandate length by its closing date, notice of
action by the day notice is given.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import NamedTuple

from stls_desk.domain.enums import BallotKind
from stls_desk.domain.rules import (
    RULE_SETS,
    NoRuleSetError,
    RuleSet,
    long_date,
    rule_set_for_ballot,
    rule_set_for_mandate,
    rule_set_for_notice,
    rule_set_on,
)


@dataclass(frozen=True)
class BallotFacts:
    """What the independent scrutineer reported for one ballot, plus what was agreed with the employer.

    `votes_cast` counts every paper returned, spoilt ones included; spoilt papers count towards turnout.
    `mandate_extended_by_agreement` means the employer agreed the longest extension the rules allow.
    """

    opens_on: date
    closes_on: date
    eligible: int
    votes_cast: int
    yes_votes: int
    no_votes: int
    important_public_service: bool = False
    mandate_extended_by_agreement: bool = False


@dataclass(frozen=True)
class BallotAssessment:
    """Whether a ballot gives a lawful mandate, why not if it does not, and until when it lasts.

    `rule_set` names the rule set whose thresholds applied (chosen by the opening date); the mandate's
    length may come from a later one (chosen by the closing date), named in `mandate_rule_set`.
    Shares are fractions from 0 to 1, and 0.0 where the denominator is 0.
    """

    rule_set: str
    thresholds_rule_set: RuleSet
    mandate_rule_set: RuleSet
    turnout: float
    yes_share_of_votes: float
    yes_share_of_eligible: float
    turnout_threshold_met: bool
    support_threshold_met: bool | None
    majority_yes: bool
    valid: bool
    mandate_months: int
    mandate_last_day: date
    reasons: tuple[str, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class BallotNoticeDeadlines:
    """The last days to tell the employer a ballot is coming and to send it a sample voting paper."""

    notice_of_ballot_last_day: date
    sample_voting_paper_last_day: date
    rule_set: str


class RecordedBallot(NamedTuple):
    """A ballot as the log holds it for checking action days: its facts and its kind (a BallotKind value)."""

    facts: BallotFacts
    kind: str


class ActionNotice(NamedTuple):
    """A notice of industrial action: the day the employer received it, and whether it agreed a shorter period."""

    given_on: date
    employer_agreed: bool = False


def last_day_of_months_beginning_with(start: date, months: int) -> date:
    """The last day of a period of `months` months "beginning with" `start` (TULRCA s234).

    "Beginning with" counts `start` itself, so the period ends the day before the corresponding date:
    1 February + 6 months ends on 31 July. Where the later month has no corresponding date (31 August
    + 6 months: there is no 31 February) we take that month's last day as the corresponding date and end
    the period the day before it (27 February, or 28 February in a leap year). This never overstates a
    mandate: the alternative reading, ending on the month's last day, would add a day the Act may not give.
    """
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    corresponding = date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    return corresponding - timedelta(days=1)


def mandate_last_day(
    closes_on: date, extended_by_agreement: bool = False, *, rule_sets: Sequence[RuleSet] = RULE_SETS
) -> date:
    """The last day on which a ballot closing on `closes_on` authorises action."""
    months = rule_set_for_mandate(closes_on, rule_sets).mandate_period_months(extended_by_agreement)
    return last_day_of_months_beginning_with(closes_on, months)


def notice_period_days(
    notice_given_on: date, employer_agreed: bool = False, *, rule_sets: Sequence[RuleSet] = RULE_SETS
) -> int:
    """Days of notice of industrial action due for a notice given on `notice_given_on`.

    Under ERA 2025 the employer's agreement does not shorten the 10 days (see `rules.py`).
    """
    return rule_set_for_notice(notice_given_on, rule_sets).notice_of_action_period(employer_agreed)


def earliest_action_day(
    notice_given_on: date, employer_agreed: bool = False, *, rule_sets: Sequence[RuleSet] = RULE_SETS
) -> date:
    """The first day action may lawfully start after notice received by the employer on `notice_given_on`.

    TULRCA s234A(4) requires the employer to receive the notice in a period "ending with the 14th day
    before the starting date" (10th under ERA 2025). The Nth day before day S is S - N, so the notice is
    in time if received on or before S - N, and the earliest start is the notice day + N: notice received
    on Wednesday 4 February 2026 (14 days) allows action from Wednesday 18 February, leaving 13 whole days
    between. Enter the day the employer receives the notice, not the day it was posted.
    """
    return notice_given_on + timedelta(
        days=notice_period_days(notice_given_on, employer_agreed, rule_sets=rule_sets)
    )


def ballot_notice_deadlines(
    opens_on: date, *, rule_sets: Sequence[RuleSet] = RULE_SETS
) -> BallotNoticeDeadlines:
    """The last days to give notice of ballot (s226A: "not later than the seventh day before the opening
    day") and to send the sample voting paper ("not later than the third day before"), counted back from
    the opening day in calendar days.
    """
    rules = rule_set_on(opens_on, rule_sets)
    return BallotNoticeDeadlines(
        notice_of_ballot_last_day=opens_on - timedelta(days=rules.notice_of_ballot_days),
        sample_voting_paper_last_day=opens_on - timedelta(days=rules.sample_voting_paper_days),
        rule_set=rules.name,
    )


def assess(ballot: BallotFacts, *, rule_sets: Sequence[RuleSet] = RULE_SETS) -> BallotAssessment:
    """Check a ballot's result against the thresholds and work out its mandate.

    A ballot is valid when turnout meets the threshold, the yes votes are a majority of all votes cast
    (spoilt papers included, the stricter reading), any support threshold is met and the counts add up.
    Raises NoRuleSetError for a ballot opening before the earliest known rule set.
    """
    thresholds = rule_set_for_ballot(ballot.opens_on, rule_sets)
    mandate_rules = rule_set_for_mandate(ballot.closes_on, rule_sets)
    reasons = _inconsistencies(ballot)

    eligible, cast, yes, no = ballot.eligible, ballot.votes_cast, ballot.yes_votes, ballot.no_votes
    turnout = _share(cast, eligible)
    yes_of_votes = _share(yes, cast)
    yes_of_eligible = _share(yes, eligible)

    turnout_met = eligible > 0 and turnout >= _exact(thresholds.turnout_threshold)
    if eligible <= 0:
        reasons.append("No one is recorded as entitled to vote")
    elif not turnout_met:
        reasons.append(
            f"Turnout {_percent(turnout)} is below the {_percent(_exact(thresholds.turnout_threshold))} threshold"
        )

    support_met: bool | None = None
    if ballot.important_public_service and thresholds.important_public_services_threshold is not None:
        needed = _exact(thresholds.important_public_services_threshold)
        support_met = eligible > 0 and yes_of_eligible >= needed
        if not support_met:
            reasons.append(
                f"Yes votes are {_percent(yes_of_eligible)} of those entitled to vote, below the "
                f"{_percent(needed)} needed in important public services"
            )

    majority_yes = yes > no and 2 * yes > cast
    if yes <= no:
        reasons.append(f"Yes votes ({yes}) do not outnumber no votes ({no})")
    elif not majority_yes:
        reasons.append(
            f"Yes votes ({yes}) are not more than half of the {cast} votes cast, spoilt papers included"
        )

    months = mandate_rules.mandate_period_months(ballot.mandate_extended_by_agreement)
    return BallotAssessment(
        rule_set=thresholds.name,
        thresholds_rule_set=thresholds,
        mandate_rule_set=mandate_rules,
        turnout=float(turnout),
        yes_share_of_votes=float(yes_of_votes),
        yes_share_of_eligible=float(yes_of_eligible),
        turnout_threshold_met=turnout_met,
        support_threshold_met=support_met,
        majority_yes=majority_yes,
        valid=not reasons,
        mandate_months=months,
        mandate_last_day=last_day_of_months_beginning_with(ballot.closes_on, months),
        reasons=tuple(reasons),
        notes=_notes(ballot, thresholds, mandate_rules),
    )


def check_action_day(
    day: date,
    ballots: Sequence[tuple[BallotFacts, str]],
    notices: Sequence[tuple[date, bool]],
    *,
    rule_sets: Sequence[RuleSet] = RULE_SETS,
) -> list[str]:
    """Why a strike day or day of action short of strike is not covered; an empty list means it is.

    `ballots` pairs each ballot with its kind (a `BallotKind` value; `RecordedBallot` fits); `notices`
    pairs the day the employer received each notice of action with whether it agreed a shorter period
    (`ActionNotice` fits). The day is covered when some valid statutory ballot's mandate includes it and a
    notice given after that ballot closed has run its period by then.
    """
    statutory = sorted((facts for facts, kind in ballots if kind == BallotKind.STATUTORY), key=_closing)
    if not statutory:
        if ballots:
            return ["No statutory ballot is recorded; an indicative ballot does not authorise action"]
        return ["No statutory ballot is recorded"]

    assessed: list[tuple[BallotFacts, BallotAssessment]] = []
    unassessable: list[str] = []
    for facts in statutory:
        try:
            assessed.append((facts, assess(facts, rule_sets=rule_sets)))
        except NoRuleSetError as error:
            unassessable.append(str(error))
    valid = [(facts, result) for facts, result in assessed if result.valid]
    if not valid:
        if not assessed:
            return unassessable
        facts, result = assessed[-1]
        heading = f"The statutory ballot that closed on {long_date(facts.closes_on)} is not valid"
        return [heading, *result.reasons]

    reasons_by_ballot = [
        (facts, _cover_reasons(day, facts, result, notices, rule_sets)) for facts, result in valid
    ]
    if any(not reasons for _, reasons in reasons_by_ballot):
        return []
    # Report against the ballot a rep would look to: the latest that closed by that day, else the first.
    closed_by_then = [reasons for facts, reasons in reasons_by_ballot if facts.closes_on <= day]
    return closed_by_then[-1] if closed_by_then else reasons_by_ballot[0][1]


def _cover_reasons(
    day: date,
    facts: BallotFacts,
    result: BallotAssessment,
    notices: Sequence[tuple[date, bool]],
    rule_sets: Sequence[RuleSet],
) -> list[str]:
    """Why one valid ballot, with the notices given, does not cover `day`."""
    closed = long_date(facts.closes_on)
    if day <= facts.closes_on:
        return [f"{long_date(day)} is not after the ballot closed on {closed}"]
    if day > result.mandate_last_day:
        return [
            f"The mandate from the ballot that closed on {closed} ended on {long_date(result.mandate_last_day)}"
        ]

    # Notice can only be given once the result is known (s234A(4)(a)), so earlier notices do not count.
    after_close = [(given_on, agreed) for given_on, agreed in notices if given_on >= facts.closes_on]
    if not after_close:
        return [f"No notice of action has been given since the ballot closed on {closed}"]
    starts = sorted(
        (earliest_action_day(given_on, agreed, rule_sets=rule_sets), given_on)
        for given_on, agreed in after_close
    )
    first_start, given_on = starts[0]
    if first_start <= day:
        return []
    return [
        f"Notice given on {long_date(given_on)} allows action from {long_date(first_start)} at the earliest"
    ]


def _inconsistencies(ballot: BallotFacts) -> list[str]:
    """Counts and dates that cannot all be true: a ballot built on them gives no mandate."""
    problems: list[str] = []
    if min(ballot.eligible, ballot.votes_cast, ballot.yes_votes, ballot.no_votes) < 0:
        problems.append("Vote counts cannot be negative")
    if ballot.closes_on < ballot.opens_on:
        problems.append(
            f"The ballot closes ({long_date(ballot.closes_on)}) before it opens ({long_date(ballot.opens_on)})"
        )
    if ballot.votes_cast > ballot.eligible:
        problems.append(
            f"More votes are cast ({ballot.votes_cast}) than people entitled to vote ({ballot.eligible})"
        )
    if ballot.yes_votes + ballot.no_votes > ballot.votes_cast:
        problems.append(
            f"Yes and no votes ({ballot.yes_votes + ballot.no_votes}) add up to more than the votes cast "
            f"({ballot.votes_cast})"
        )
    return problems


def _notes(ballot: BallotFacts, thresholds: RuleSet, mandate_rules: RuleSet) -> tuple[str, ...]:
    """Plain-English lines saying which rules were applied where a rep might expect others."""
    notes: list[str] = []
    if thresholds != mandate_rules:
        notes.append(
            f"Thresholds follow {thresholds.name} (the ballot opened on {long_date(ballot.opens_on)}); the "
            f"mandate follows {mandate_rules.name} (it closed on {long_date(ballot.closes_on)})"
        )
    if ballot.important_public_service and thresholds.important_public_services_threshold is None:
        notes.append(f"{thresholds.name} has no important public services support threshold")
    if ballot.mandate_extended_by_agreement and mandate_rules.mandate_extended_months is None:
        notes.append(
            f"{mandate_rules.name} does not allow the mandate to be extended by agreement; "
            f"{mandate_rules.mandate_months} months applied"
        )
    return tuple(notes)


def _closing(ballot: BallotFacts) -> date:
    return ballot.closes_on


def _share(part: int, whole: int) -> Fraction:
    """`part` as an exact fraction of `whole`; 0 where `whole` is 0 or less."""
    return Fraction(part, whole) if whole > 0 else Fraction(0)


def _exact(threshold: float) -> Fraction:
    """A threshold as an exact fraction (0.4 is 2/5), so exactly 40% meets it with no rounding error."""
    return Fraction(threshold).limit_denominator(1000)


def _percent(share: Fraction) -> str:
    """A share as a percentage to one decimal place, rounded down so a shortfall never reads as a pass."""
    tenths = math.floor(share * 1000)
    return f"{tenths // 10}%" if tenths % 10 == 0 else f"{tenths / 10:.1f}%"
