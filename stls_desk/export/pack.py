"""What a briefing pack is made from: plain frozen dataclasses, filled by a service, rendered by export.pdf.

Nothing here knows about sessions or widgets. A service reads the log and builds a `BriefingData`; the
renderer takes it with `PackOptions` (who the pack is for, which sections, which dates). The names follow the
log's own (stls_desk.db.models) so the mapping is one line per field; import the module, not the names
(`from stls_desk.export import pack` … `pack.Grievance`), to keep them apart from the ORM classes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

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
    Side,
    TabledBy,
)


class Audience(StrEnum):
    OFFICERS = "officers"
    MEMBERS = "members"

    @property
    def label(self) -> str:
        return "Officers' pack" if self is Audience.OFFICERS else "Members' pack"


class Section(StrEnum):
    """The parts of a pack after the cover and contents, in the order they print."""

    AT_A_GLANCE = "at_a_glance"
    TIMELINE = "timeline"
    GRIEVANCES = "grievances"
    PROPOSALS = "proposals"
    MEETINGS = "meetings"
    BALLOTS = "ballots"

    @property
    def heading(self) -> str:
        return _SECTION_TITLES[self]


_SECTION_TITLES = {
    Section.AT_A_GLANCE: "At a glance",
    Section.TIMELINE: "Timeline",
    Section.GRIEVANCES: "Grievances",
    Section.PROPOSALS: "Proposals and positions",
    Section.MEETINGS: "Meetings",
    Section.BALLOTS: "Ballots and dates",
}

ALL_SECTIONS = frozenset(Section)


@dataclass(frozen=True)
class Dispute:
    title: str
    employer: str = ""
    branch: str = ""
    summary: str = ""
    status: DisputeStatus = DisputeStatus.ACTIVE
    opened_on: date | None = None


@dataclass(frozen=True)
class Person:
    name: str
    role: PersonRole
    workplace: str = ""
    contact: str = ""

    @property
    def is_member(self) -> bool:
        return self.role is PersonRole.MEMBER


@dataclass(frozen=True)
class Attachment:
    """A file kept in the log. Packs list it for officers; never embed it, never show it to members."""

    name: str
    media_type: str = "application/octet-stream"
    size: int = 0
    sha256: str = ""


@dataclass(frozen=True)
class Grievance:
    reference: str
    title: str
    scope: GrievanceScope
    stage: GrievanceStage
    status: GrievanceStatus
    raised_on: date | None = None
    detail: str = ""
    category: str = ""
    raised_by: tuple[str, ...] = ()  # people's names, as in the log's people list
    staff_group: str = ""
    employer_response: str = ""
    response_due: date | None = None
    resolved_on: date | None = None
    confidential: bool = False
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Revision:
    number: int
    text: str
    revised_on: date
    note: str = ""


@dataclass(frozen=True)
class Proposal:
    reference: str
    title: str
    tabled_by: TabledBy
    status: ProposalStatus
    tabled_on: date | None = None
    respond_by: date | None = None
    text: str = ""
    employer_position: str = ""
    union_position: str = ""
    addresses: tuple[str, ...] = ()  # grievance references
    revisions: tuple[Revision, ...] = ()  # any order; the renderer sorts by number
    confidential: bool = False
    attachments: tuple[Attachment, ...] = ()

    @property
    def latest_revisions(self) -> tuple[Revision | None, Revision | None]:
        """(the one before the latest, the latest): what 'what changed' compares."""
        ordered = sorted(self.revisions, key=lambda r: r.number)
        if not ordered:
            return None, None
        return (ordered[-2] if len(ordered) > 1 else None), ordered[-1]


@dataclass(frozen=True)
class Attendee:
    name: str
    side: Side


@dataclass(frozen=True)
class ActionItem:
    description: str
    owner: str = ""  # a person's name, or empty when nobody has it yet
    due_on: date | None = None
    done_on: date | None = None

    @property
    def is_open(self) -> bool:
        return self.done_on is None


@dataclass(frozen=True)
class Meeting:
    title: str
    held_at: datetime
    kind: MeetingKind
    location: str = ""
    attendees: tuple[Attendee, ...] = ()
    agenda: str = ""
    minutes: str = ""
    decisions: str = ""  # one decision a line
    actions: tuple[ActionItem, ...] = ()
    confidential: bool = False
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Ballot:
    """A ballot's figures and its assessment, as numbers worked out elsewhere (domain.ballots.assess).

    Fractions are 0..1. `support` is yes votes over valid votes; `yes_of_eligible` is yes votes over those
    entitled to vote (the extra test for important public services under some rule sets). A threshold of
    None means the rule set has none.
    """

    kind: BallotKind
    question: str
    opens_on: date
    closes_on: date
    notice_given_on: date | None = None
    eligible: int | None = None
    votes_cast: int | None = None
    yes_votes: int | None = None
    no_votes: int | None = None
    spoilt: int | None = None
    turnout: float | None = None
    support: float | None = None
    yes_of_eligible: float | None = None
    turnout_threshold: float | None = None
    support_threshold: float | None = None
    yes_of_eligible_threshold: float | None = None
    thresholds_met: bool | None = None
    mandate_expires: date | None = None  # the last day action may be taken
    rule_set: str = ""
    assessment: str = ""  # one or two sentences: what the result means


@dataclass(frozen=True)
class KeyDate:
    kind: KeyDateKind
    title: str
    starts_on: date
    ends_on: date | None = None
    note: str = ""

    @property
    def last_day(self) -> date:
        return self.ends_on or self.starts_on


@dataclass(frozen=True)
class BriefingData:
    dispute: Dispute
    people: tuple[Person, ...] = ()
    grievances: tuple[Grievance, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    ballots: tuple[Ballot, ...] = ()
    key_dates: tuple[KeyDate, ...] = ()


class ExportCancelled(Exception):
    """The progress callback asked to stop; no file was written.

    Defined here, beside the options, so the window can catch it without loading ReportLab."""


@dataclass(frozen=True)
class PackOptions:
    """Who the pack is for, what goes in it, and the dates it is judged against.

    `date_from`/`date_to` (inclusive) keep only records dated in the range: see `within_period`.
    `today` is what "upcoming", "overdue" and the timeline's marker are measured from; `generated_on`
    is what the cover says. Both default to the day the options are made.
    """

    audience: Audience
    sections: frozenset[Section] = ALL_SECTIONS
    date_from: date | None = None
    date_to: date | None = None
    generated_on: date = field(default_factory=date.today)
    today: date = field(default_factory=date.today)

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("The date range ends before it starts.")


def within_period(data: BriefingData, options: PackOptions) -> BriefingData:
    """Only the records dated inside the options' range; everything when no range is set.

    A grievance counts by the day it was raised, a proposal by the day it was tabled or any revision, a
    meeting by its day, a ballot or key date when its span touches the range. With a range set, a record
    with no date at all is left out: the pack cannot say it belongs to the period.
    """
    lo, hi = options.date_from, options.date_to
    if lo is None and hi is None:
        return data

    def inside(day: date | None) -> bool:
        return day is not None and (lo is None or day >= lo) and (hi is None or day <= hi)

    def overlaps(start: date, end: date) -> bool:
        return (lo is None or end >= lo) and (hi is None or start <= hi)

    return BriefingData(
        dispute=data.dispute,
        people=data.people,
        grievances=tuple(g for g in data.grievances if inside(g.raised_on)),
        proposals=tuple(
            p for p in data.proposals if inside(p.tabled_on) or any(inside(r.revised_on) for r in p.revisions)
        ),
        meetings=tuple(m for m in data.meetings if inside(m.held_at.date())),
        ballots=tuple(b for b in data.ballots if overlaps(b.opens_on, b.closes_on)),
        key_dates=tuple(k for k in data.key_dates if overlaps(k.starts_on, k.last_day)),
    )
