"""Deadlines derived from the log, never typed twice: worked out afresh from their sources on every call.

A ballot gives its assessment, the last days for notice of ballot and the sample voting paper, and its
mandate's last day; a notice of action gives the earliest day action may start; each strike day is checked
against both. Statutory periods count calendar days (`domain.ballots`); local procedures count working days
in the dispute's nation, less its closure days (`response_due_from`). Each result names the rule set it
applied, so the screen can always say which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from stls_desk.db.log import Log
from stls_desk.domain.ballots import (
    ActionNotice,
    BallotAssessment,
    BallotFacts,
    RecordedBallot,
    assess,
    ballot_notice_deadlines,
    check_action_day,
    earliest_action_day,
    mandate_last_day,
    notice_period_days,
)
from stls_desk.domain.enums import (
    BallotKind,
    KeyDateKind,
    TabledBy,
)
from stls_desk.domain.rules import (
    NoRuleSetError,
    long_date,
    rule_set_for_ballot,
    rule_set_for_mandate,
    rule_set_for_notice,
)
from stls_desk.domain.working_days import Nation
from stls_desk.services.deadline_sources import (
    AnswerDue,
    BallotRecord,
    KeyDateRecord,
    Sources,
    read_sources,
)

MAX_DAYS_CHECKED = 731
"""The longest run of action days checked one by one (two years); a longer range is flagged, not guessed."""
MEETING_LENGTH = timedelta(minutes=90)
"""The log stores when a meeting starts, not when it ends: a calendar shows it as an hour and a half."""


class DeadlineKind(StrEnum):
    """What a dated item is; the order breaks ties between items on the same day."""

    STRIKE_DAY = "strike_day"
    ACTION_SHORT_OF_STRIKE = "action_short_of_strike"
    MANDATE_ENDS = "mandate_ends"
    NOTICE_OF_BALLOT = "notice_of_ballot"
    SAMPLE_VOTING_PAPER = "sample_voting_paper"
    EARLIEST_ACTION = "earliest_action"
    BALLOT_OPENS = "ballot_opens"
    BALLOT_CLOSES = "ballot_closes"
    NOTICE_SERVED = "notice_served"
    CONSULTATION_DEADLINE = "consultation_deadline"
    TUPE_TRANSFER = "tupe_transfer"
    OTHER_DATE = "other_date"
    PROPOSAL_ANSWER = "proposal_answer"
    GRIEVANCE_RESPONSE = "grievance_response"
    MEETING = "meeting"

    @property
    def label(self) -> str:
        return _KINDS[self][0]

    @property
    def derived(self) -> bool:
        """Worked out by the app from other records (a mandate's end), not typed in by the rep."""
        return _KINDS[self][2]


# Each kind's label; the part of a calendar UID after the record's UUID, fixed per role so that changing a
# key date's kind or a ballot's dates updates the event in a calendar instead of adding one; derived or not.
_KINDS = {
    DeadlineKind.STRIKE_DAY: ("Strike day", "date", False),
    DeadlineKind.ACTION_SHORT_OF_STRIKE: ("Action short of strike", "date", False),
    DeadlineKind.MANDATE_ENDS: ("Last day of the mandate", "mandate", True),
    DeadlineKind.NOTICE_OF_BALLOT: ("Last day for notice of ballot", "notice-of-ballot", True),
    DeadlineKind.SAMPLE_VOTING_PAPER: ("Last day for the sample voting paper", "sample-voting-paper", True),
    DeadlineKind.EARLIEST_ACTION: ("Earliest day action may start", "earliest-action", True),
    DeadlineKind.BALLOT_OPENS: ("Ballot opens", "opens", False),
    DeadlineKind.BALLOT_CLOSES: ("Ballot closes", "closes", False),
    DeadlineKind.NOTICE_SERVED: ("Notice of action served", "date", False),
    DeadlineKind.CONSULTATION_DEADLINE: ("Consultation deadline", "date", False),
    DeadlineKind.TUPE_TRANSFER: ("TUPE transfer", "date", False),
    DeadlineKind.OTHER_DATE: ("Date", "date", False),
    DeadlineKind.PROPOSAL_ANSWER: ("Answer to proposal due", "answer-due", False),
    DeadlineKind.GRIEVANCE_RESPONSE: ("Employer's response due", "response-due", False),
    DeadlineKind.MEETING: ("Meeting", "meeting", False),
}
_ORDER = {kind: n for n, kind in enumerate(DeadlineKind)}
_KEY_DATE_KINDS: dict[KeyDateKind, DeadlineKind] = {
    kind: DeadlineKind.OTHER_DATE if kind == KeyDateKind.OTHER else DeadlineKind(kind.value)
    for kind in KeyDateKind
}
_ANSWER_FROM = {
    TabledBy.EMPLOYER: "The union's answer is due.",
    TabledBy.UNION: "The employer's answer is due.",
    TabledBy.JOINT: "An answer is due.",
}


@dataclass(frozen=True)
class Deadline:
    """One dated item for "what comes next", the month calendar and the calendar file.

    `derived` marks what the app worked out (mandate end, notice days) apart from what the rep entered;
    `rule_set` names the rules a derived day came from. `until` ends a range of days; `at` is a meeting's
    start. `flags` say why a day of action is not covered (empty when it is). Titles are the rep's own
    words, unredacted: `calendar_events` redacts them for export.
    """

    day: date
    kind: DeadlineKind
    title: str
    source_entity: str
    source_id: int
    derived: bool = False
    rule_set: str | None = None
    overdue: bool = False
    until: date | None = None
    at: datetime | None = None
    source_uuid: str = ""
    reference: str = ""
    detail: str = ""
    location: str = ""
    flags: tuple[str, ...] = ()
    confidential: bool = False

    @property
    def last_day(self) -> date:
        return self.until or self.day

    @property
    def order(self) -> tuple[date, datetime, int, str]:
        return (self.day, self.at or datetime.min, _ORDER[self.kind], self.title)


@dataclass(frozen=True)
class BallotDeadlines:
    """One ballot's result checked against the rules, and the statutory days that follow from its dates.

    `rule_set` names the rules applied to its thresholds and notices (by its opening day); `mandate_rule_set`
    those fixing the mandate's length (by its closing day). With no result yet, `assessment` is None and
    `not_assessed` says why; a statutory ballot's `mandate_last_day` is then the day the mandate would end
    if the result gives one (`mandate_provisional`).
    """

    ballot_id: int
    uuid: str
    kind: BallotKind
    question: str
    opens_on: date
    closes_on: date
    notice_given_on: date | None
    rule_set: str | None
    assessment: BallotAssessment | None
    not_assessed: str | None
    notice_of_ballot_last_day: date | None
    sample_voting_paper_last_day: date | None
    mandate_last_day: date | None
    mandate_rule_set: str | None
    mandate_months: int | None
    mandate_provisional: bool
    problems: tuple[str, ...] = ()

    @property
    def gives_mandate(self) -> bool:
        """A statutory ballot whose recorded result meets every test."""
        return self.kind == BallotKind.STATUTORY and self.assessment is not None and self.assessment.valid


@dataclass(frozen=True)
class NoticeDeadline:
    """A notice of industrial action (a key date of kind 'notice served') and when action may first start."""

    key_date_id: int
    uuid: str
    title: str
    given_on: date
    employer_agreed_short_notice: bool
    notice_days: int | None
    earliest_action_day: date | None
    rule_set: str | None
    note: str = ""


@dataclass(frozen=True)
class DayFlag:
    """One day of action that no ballot and notice cover, and why."""

    day: date
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ActionCheck:
    """A strike day or run of action short of strike, checked day by day; `flags` holds the uncovered days.

    `reasons` puts the flags in a line each (days named where only some are affected); `rule_sets` names
    the rules the ballots and notices were checked under.
    """

    key_date_id: int
    uuid: str
    kind: KeyDateKind
    title: str
    starts_on: date
    ends_on: date | None
    flags: tuple[DayFlag, ...]
    reasons: tuple[str, ...]
    rule_sets: tuple[str, ...]

    @property
    def covered(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class DisputeDeadlines:
    """Everything dated that follows from a dispute's records, as of `today`."""

    dispute_id: int
    today: date
    nation: Nation
    ballots: tuple[BallotDeadlines, ...]
    notices: tuple[NoticeDeadline, ...]
    action_checks: tuple[ActionCheck, ...]
    grievances: tuple[Deadline, ...]  # open grievances with a response due
    proposals: tuple[Deadline, ...]  # proposals awaiting an answer with a day to answer by

    @property
    def flags(self) -> tuple[ActionCheck, ...]:
        """Strike days and action short of strike that no ballot and notice cover."""
        return tuple(check for check in self.action_checks if not check.covered)


# ----- deriving -----------------------------------------------------------------------------


def deadlines(log: Log, dispute_id: int, today: date) -> DisputeDeadlines:
    """Every deadline that follows from the dispute's ballots, notices, action days, grievances and
    proposals, worked out afresh from them as of `today`."""
    with log.plain_reading() as conn:
        return _derive(read_sources(conn, dispute_id, meetings=False), dispute_id, today)


def _derive(src: Sources, dispute_id: int, today: date) -> DisputeDeadlines:
    ballots = tuple(_ballot(b) for b in src.ballots)
    notices = tuple(_notice(k) for k in src.key_dates if k.kind == KeyDateKind.NOTICE_SERVED)
    grievances = tuple(_answer_due(row, DeadlineKind.GRIEVANCE_RESPONSE, today) for row in src.grievances)
    proposals = tuple(
        _answer_due(
            row, DeadlineKind.PROPOSAL_ANSWER, today, _ANSWER_FROM[row.tabled_by] if row.tabled_by else ""
        )
        for row in src.proposals
    )
    checks = _action_checks(src.key_dates, src.ballots, ballots, notices)
    return DisputeDeadlines(dispute_id, today, src.nation, ballots, notices, checks, grievances, proposals)


def _answer_due(row: AnswerDue, kind: DeadlineKind, today: date, detail: str = "") -> Deadline:
    """A grievance's or proposal's day for the other side's answer: overdue once it has passed."""
    entity, prefix = ("grievance", "G") if kind == DeadlineKind.GRIEVANCE_RESPONSE else ("proposal", "P")
    reference = f"{prefix}-{row.number:03d}"
    return Deadline(
        row.due,
        kind,
        f"{reference} {row.title}",
        entity,
        row.id,
        overdue=row.due < today,
        source_uuid=row.uuid,
        reference=reference,
        detail=detail,
        confidential=row.confidential,
    )


def _facts(b: BallotRecord) -> BallotFacts | None:
    """The ballot's result as the rules take it, or None until every count is recorded."""
    if b.eligible is None or b.votes_cast is None or b.yes_votes is None or b.no_votes is None:
        return None
    return BallotFacts(
        b.opens_on,
        b.closes_on,
        b.eligible,
        b.votes_cast,
        b.yes_votes,
        b.no_votes,
        important_public_service=b.important_public_service,
        mandate_extended_by_agreement=b.mandate_extended_by_agreement,
    )


def _ballot(b: BallotRecord) -> BallotDeadlines:
    facts, statutory = _facts(b), b.kind == BallotKind.STATUTORY
    rule_set = mandate_rules = not_assessed = None
    assessment: BallotAssessment | None = None
    notice_by = sample_by = mandate = months = None
    try:
        rule_set = rule_set_for_ballot(b.opens_on).name
        mandate_set = rule_set_for_mandate(b.closes_on)
        if facts is None:
            missing = [name.replace("_", " ") for name in _COUNTS if getattr(b, name) is None]
            not_assessed = f"The result is not recorded yet ({', '.join(missing)} missing)"
        else:
            assessment = assess(facts)
        if statutory:
            due = ballot_notice_deadlines(b.opens_on)
            notice_by, sample_by = due.notice_of_ballot_last_day, due.sample_voting_paper_last_day
            mandate_rules = mandate_set.name
            months = mandate_set.mandate_period_months(b.mandate_extended_by_agreement)
            if assessment is None:
                mandate = mandate_last_day(b.closes_on, b.mandate_extended_by_agreement)
            elif assessment.valid:
                mandate = assessment.mandate_last_day
    except NoRuleSetError as error:
        not_assessed = str(error)
    problems: tuple[str, ...] = ()
    if notice_by is not None and b.notice_given_on is not None and b.notice_given_on > notice_by:
        given, last = long_date(b.notice_given_on), long_date(notice_by)
        problems = (f"Notice of the ballot was given on {given}, after the last day for it ({last})",)
    return BallotDeadlines(
        ballot_id=b.id,
        uuid=b.uuid,
        kind=b.kind,
        question=b.question,
        opens_on=b.opens_on,
        closes_on=b.closes_on,
        notice_given_on=b.notice_given_on,
        rule_set=rule_set,
        assessment=assessment,
        not_assessed=not_assessed,
        notice_of_ballot_last_day=notice_by,
        sample_voting_paper_last_day=sample_by,
        mandate_last_day=mandate,
        mandate_rule_set=mandate_rules,
        mandate_months=months,
        mandate_provisional=mandate is not None and assessment is None,
        problems=problems,
    )


_COUNTS = ("eligible", "votes_cast", "yes_votes", "no_votes")


def _notice(k: KeyDateRecord) -> NoticeDeadline:
    agreed = k.employer_agreed_short_notice
    try:
        rules = rule_set_for_notice(k.starts_on)
    except NoRuleSetError as error:
        return NoticeDeadline(k.id, k.uuid, k.title, k.starts_on, agreed, None, None, None, str(error))
    days = notice_period_days(k.starts_on, agreed)
    note = ""
    if agreed and rules.notice_of_action_agreed_days is None:
        note = f"Under {rules.name} the employer's agreement does not shorten the {days} days' notice."
    earliest = earliest_action_day(k.starts_on, agreed)
    return NoticeDeadline(k.id, k.uuid, k.title, k.starts_on, agreed, days, earliest, rules.name, note)


def _action_checks(
    key_dates: Sequence[KeyDateRecord],
    rows: Sequence[BallotRecord],
    ballots: tuple[BallotDeadlines, ...],
    notices: tuple[NoticeDeadline, ...],
) -> tuple[ActionCheck, ...]:
    """Each strike day and day of action short of strike checked, day by day, against every ballot and
    notice (`domain.ballots.check_action_day`)."""
    recorded = [RecordedBallot(facts, b.kind) for b in rows if (facts := _facts(b)) is not None]
    served = [ActionNotice(n.given_on, n.employer_agreed_short_notice) for n in notices]
    awaiting = [b for b in ballots if b.kind == BallotKind.STATUTORY and b.assessment is None]
    no_statutory_result = all(r.kind != BallotKind.STATUTORY for r in recorded)
    statutory = [b for b in ballots if b.kind == BallotKind.STATUTORY]
    names = [*(b.rule_set for b in statutory), *(b.mandate_rule_set for b in statutory)]
    rule_sets = tuple(dict.fromkeys(n for n in [*names, *(n.rule_set for n in notices)] if n))
    checks = []
    for k in key_dates:
        if not k.kind.is_industrial_action:
            continue
        last = k.ends_on or k.starts_on
        checked_to = min(last, k.starts_on + timedelta(days=MAX_DAYS_CHECKED - 1))
        flags = []
        for offset in range((checked_to - k.starts_on).days + 1):
            day = k.starts_on + timedelta(days=offset)
            reasons = check_action_day(day, recorded, served)
            if reasons and no_statutory_result and awaiting:
                # "No statutory ballot is recorded" would mislead: one is, its result is not.
                closes = long_date(awaiting[-1].closes_on)
                reasons = [f"No result is recorded yet for the statutory ballot that closes on {closes}"]
            if reasons:
                flags.append(DayFlag(day, tuple(reasons)))
        lines = _summarise(flags, k.starts_on, checked_to)
        if checked_to < last:
            lines += (f"Days after {long_date(checked_to)} were not checked: split a range this long",)
        checks.append(
            ActionCheck(k.id, k.uuid, k.kind, k.title, k.starts_on, k.ends_on, tuple(flags), lines, rule_sets)
        )
    return tuple(checks)


def _summarise(flags: list[DayFlag], first: date, last: date) -> tuple[str, ...]:
    """The flags of a run of days in a line per reason, naming the days where only some are affected."""
    if first == last:
        return flags[0].reasons if flags else ()
    groups: dict[str, list[date]] = {}
    for flag in flags:
        day = long_date(flag.day)
        for reason in flag.reasons:
            # A reason that starts by naming the day ("3 March is not after…") is the same on each day.
            key = "{day}" + reason.removeprefix(day) if reason.startswith(f"{day} ") else reason
            groups.setdefault(key, []).append(flag.day)
    every_day = (last - first).days + 1
    return tuple(
        reason
        if len(days) == every_day and "{day}" not in reason
        else f"{_days_phrase(days)}: {reason.replace('{day}', 'the day')}"
        for reason, days in groups.items()
    )


def _days_phrase(days: list[date]) -> str:
    """Days as a rep writes them: '3 March 2026 to 5 March 2026 and 9 March 2026'."""
    runs: list[list[date]] = []
    for day in days:
        if runs and day == runs[-1][1] + timedelta(days=1):
            runs[-1][1] = day
        else:
            runs.append([day, day])
    parts = [long_date(a) if a == b else f"{long_date(a)} to {long_date(b)}" for a, b in runs]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


# ----- working days ------------------------------------------------------------------------------------


def response_due_from(log: Log, dispute_id: int, start: date, working_days: int) -> date:
    """The day `working_days` working days after `start` (not counting it) in the dispute's calendar: what
    a local procedure's "within 10 working days" means for this workplace."""
    from stls_desk.services import (
        closures,
    )  # its models are not needed for the Overview, which uses this module

    return closures.working_calendar(log, dispute_id).add_working_days(start, working_days)
