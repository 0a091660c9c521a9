"""A ballot's assessment in words: turnout, support, each threshold, the majority, whether it gives a mandate
and why not, the mandate's last day, the notices due before it opened, and always which rule set applied.

Plain Python over `services.deadlines.BallotDeadlines` and the ballot's row, so the wording is tested without
a window. Every line is plain text made from numbers, dates and the rules' own names: no text the rep typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stls_desk.domain.enums import BallotKind
from stls_desk.domain.rules import NoRuleSetError, RuleSet, rule_set_on
from stls_desk.services.ballots import BallotRow
from stls_desk.services.deadlines import BallotDeadlines
from stls_desk.ui import format as fmt

UNCONFIRMED_WORDS = {
    "turnout_threshold": "the turnout threshold",
    "important_public_services_threshold": "the important public services threshold",
    "mandate_months": "the mandate's length",
    "mandate_extended_months": "the extended mandate's length",
    "notice_of_action_days": "the days of notice of action",
    "notice_of_action_agreed_days": "whether the employer's agreement shortens the notice of action",
    "notice_of_ballot_days": "the days of notice of ballot",
    "sample_voting_paper_days": "the days for the sample voting paper",
}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Line:
    """One line of the assessment: `tone` is "good", "bad", "warn" or "" (plain), for its colour."""

    heading: str
    text: str
    tone: str = ""


def rules_line(opens_on: date, rules: RuleSet, today: date) -> str:
    """'Trade Union Act 2016 rules (ballot opened 6 Jan 2025)': the rule set chosen by the opening day."""
    verb = "opened" if opens_on <= today else "opens"
    return f"{_act(rules)} rules (ballot {verb} {fmt.day(opens_on)})"


def _act(rules: RuleSet) -> str:
    """The Act a rule set comes from: its title up to the bracket ('Trade Union Act 2016')."""
    return rules.title.split(" (")[0]


def describe(row: BallotRow, derived: BallotDeadlines | None, today: date) -> list[Line]:
    """The ballot's assessment, line by line, in the order a rep checks it."""
    try:
        rules = rule_set_on(row.opens_on)
    except NoRuleSetError as error:
        return [Line("Rules applied", str(error), "warn")]
    lines = [Line("Rules applied", rules_line(row.opens_on, rules, today))]
    assessment = derived.assessment if derived is not None else None
    statutory = row.kind == BallotKind.STATUTORY
    if assessment is not None and assessment.mandate_rule_set != rules:
        mandate_rules = assessment.mandate_rule_set
        lines.append(
            Line(
                "Mandate rules",
                f"{_act(mandate_rules)} rules (ballot closed {fmt.day(row.closes_on)})",
            )
        )
    if assessment is None:
        why = derived.not_assessed if derived is not None and derived.not_assessed else ""
        lines.append(Line("Result", why or "The result is not recorded yet.", "warn"))
    else:
        a = assessment
        cast, eligible = row.votes_cast or 0, row.eligible or 0
        turnout_needed = fmt.percent(a.thresholds_rule_set.turnout_threshold)
        lines.append(
            Line(
                "Turnout",
                f"{fmt.percent(a.turnout)} ({fmt.count(cast)} of {fmt.count(eligible)} entitled to vote): "
                f"{_met(a.turnout_threshold_met)} the {turnout_needed} threshold",
                _tone(a.turnout_threshold_met),
            )
        )
        lines.append(
            Line(
                "Support",
                f"{fmt.percent(a.yes_share_of_votes)} of votes cast, "
                f"{fmt.percent(a.yes_share_of_eligible)} of those entitled to vote",
            )
        )
        ips = a.thresholds_rule_set.important_public_services_threshold
        if row.important_public_service and ips is not None:
            lines.append(
                Line(
                    "Public services",
                    f"{fmt.percent(a.yes_share_of_eligible)} of those entitled voted yes: "
                    f"{_met(bool(a.support_threshold_met))} the {fmt.percent(ips)} threshold",
                    _tone(bool(a.support_threshold_met)),
                )
            )
        elif row.important_public_service:
            lines.append(Line("Public services", f"No support threshold under {rules.name}"))
        spoilt = f", {fmt.count(row.spoilt)} spoilt" if row.spoilt else ""
        lines.append(
            Line(
                "Majority",
                f"{'Yes' if a.majority_yes else 'No'}: {fmt.count(row.yes_votes)} yes to "
                f"{fmt.count(row.no_votes)} no{spoilt}",
                _tone(a.majority_yes),
            )
        )
        lines.append(_verdict(a.valid, a.reasons, statutory))
    lines.extend(_mandate(row, derived, statutory))
    lines.extend(_notices(row, derived, statutory))
    notes = [*(assessment.notes if assessment else ()), *(derived.problems if derived else ())]
    lines.extend(Line("Note", note, "warn") for note in notes)
    lines.extend(_unconfirmed(rules, assessment.mandate_rule_set if assessment else None))
    return lines


def _met(met: bool) -> str:
    return "meets" if met else "does not meet"


def _tone(good: bool) -> str:
    return "good" if good else "bad"


def _verdict(valid: bool, reasons: tuple[str, ...], statutory: bool) -> Line:
    if not statutory:
        would = " This result would meet the statutory tests." if valid else ""
        return Line(
            "Valid",
            "An indicative ballot shows members' support; only a statutory ballot gives a mandate for "
            f"industrial action.{would}",
        )
    if valid:
        return Line("Valid", "Yes: a mandate for industrial action", "good")
    return Line("Valid", "No: " + "; ".join(reasons), "bad")


def _mandate(row: BallotRow, derived: BallotDeadlines | None, statutory: bool) -> list[Line]:
    if not statutory or derived is None or derived.mandate_last_day is None:
        return []
    last = derived.mandate_last_day
    text = (
        f"{WEEKDAYS[last.weekday()]} {fmt.day(last)} ({derived.mandate_months} months beginning with "
        f"{fmt.day(row.closes_on)}, {derived.mandate_rule_set})"
    )
    if derived.mandate_provisional:
        text += ", if the result gives a mandate"
    return [Line("Mandate's last day", text, "warn" if derived.mandate_provisional else "")]


def _notices(row: BallotRow, derived: BallotDeadlines | None, statutory: bool) -> list[Line]:
    """The employer-notice deadlines before the ballot opened."""
    if not statutory or derived is None or derived.notice_of_ballot_last_day is None:
        return []
    notice_by = derived.notice_of_ballot_last_day
    if row.notice_given_on is None:
        given, tone = "no notice recorded", "warn"
    elif row.notice_given_on <= notice_by:
        given, tone = f"given {fmt.day(row.notice_given_on)}, in time", "good"
    else:
        given, tone = f"given {fmt.day(row.notice_given_on)}, late", "bad"
    lines = [Line("Notice of ballot", f"by {fmt.day(notice_by)} ({given})", tone)]
    if derived.sample_voting_paper_last_day is not None:
        lines.append(
            Line("Sample voting paper", f"to the employer by {fmt.day(derived.sample_voting_paper_last_day)}")
        )
    return lines


BALLOT_FIGURES = frozenset(
    {
        "turnout_threshold",
        "important_public_services_threshold",
        "notice_of_ballot_days",
        "sample_voting_paper_days",
    }
)
MANDATE_FIGURES = frozenset({"mandate_months", "mandate_extended_months"})


def _unconfirmed(rules: RuleSet, mandate_rules: RuleSet | None) -> list[Line]:
    """A line for each figure applied here that its rule set marks as not confirmed: check it first.

    The ballot's figures come from the rules in force when it opened, the mandate's from those in force
    when it closed; a notice of action's figures are checked on the notice, not here.
    """
    lines = []
    used = [(rules, BALLOT_FIGURES), (mandate_rules or rules, MANDATE_FIGURES)]
    for rule_set, figures in used:
        for name in (n for n in rule_set.unconfirmed if n in figures):
            figure = getattr(rule_set, name)
            shown = f" ({fmt.percent(figure)})" if isinstance(figure, float) else ""
            words = UNCONFIRMED_WORDS.get(name, name.replace("_", " "))
            lines.append(
                Line(
                    "Unconfirmed",
                    f"{rule_set.name}: {words}{shown} is not confirmed; check it before relying on it",
                    "warn",
                )
            )
    return lines
