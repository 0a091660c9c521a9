"""What the demo log says: the Kent STLS dispute, its people, the article's dates, and the shapes of the
records the other demo_* modules fill in (grievances, negotiations, meetings).

Plain data, kept apart from `demo.py` (which feeds it through the services) so the wording can be read and
edited without reading code. Dates follow the Kent Local News article in shared/reference; every person is
fictional and says so in their notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from stls_desk.domain.enums import (
    BallotKind,
    GrievanceScope,
    GrievanceStage,
    KeyDateKind,
    MeetingKind,
    PersonRole,
    Side,
    TabledBy,
)
from stls_desk.domain.rules import long_date

FICTIONAL = "Fictional person for the demo log."

# The article's dates. The demo's other dates are set relative to these, never to today.
ARTICLE_SOURCE = 'Kent Local News, "Kent\'s Specialist Teaching Service Industrial Action"'
TUPE_TRANSFER = date(2024, 9, 1)
STRIKE_DAY = date(2025, 2, 25)
OTHER_REPORT_TUPE_TRANSFER = date(2025, 9, 1)
OTHER_REPORT_STRIKE_DAY = date(2026, 2, 25)


@dataclass(frozen=True)
class Update:
    """A change made to a record on a later day, as a rep would make it when news arrives."""

    on: date
    values: dict[str, Any]


@dataclass(frozen=True)
class DisputeSpec:
    title: str
    employer: str
    branch: str
    opened_on: date
    summary: str


@dataclass(frozen=True)
class PersonSpec:
    key: str
    name: str
    role: PersonRole
    workplace: str
    contact: str
    about: str

    @property
    def notes(self) -> str:
        return f"{self.about} {FICTIONAL}"


@dataclass(frozen=True)
class GrievanceSpec:
    key: str
    title: str
    raised_on: date
    category: str
    detail: str
    stage: GrievanceStage
    scope: GrievanceScope = GrievanceScope.COLLECTIVE
    staff_group: str = ""
    raised_by: tuple[str, ...] = ()
    response_due: date | None = None
    confidential: bool = False
    from_article: bool = False
    updates: tuple[Update, ...] = ()


@dataclass(frozen=True)
class Revision:
    on: date
    text: str
    note: str


@dataclass(frozen=True)
class ProposalSpec:
    key: str
    title: str
    tabled_by: TabledBy
    tabled_on: date
    respond_by: date | None
    grievances: tuple[str, ...]
    text: str
    employer_position: str
    union_position: str = ""
    revisions: tuple[Revision, ...] = ()  # the first is the text as tabled
    updates: tuple[Update, ...] = ()


@dataclass(frozen=True)
class BallotSpec:
    kind: BallotKind
    question: str
    notice_given_on: date | None
    opens_on: date
    closes_on: date
    eligible: int
    result_on: date  # the day the scrutineer's figures reached the branch
    votes_cast: int
    yes_votes: int
    no_votes: int
    spoilt: int
    important_public_service: bool = True  # the STLS supports the education of children under 17


@dataclass(frozen=True)
class KeyDateSpec:
    kind: KeyDateKind
    title: str
    starts_on: date
    recorded_on: date
    note: str
    ends_on: date | None = None


@dataclass(frozen=True)
class ActionSpec:
    description: str
    owner: str | None
    due_on: date | None
    done_on: date | None = None  # when it will have been done; left open if that is after `today`


@dataclass(frozen=True)
class MeetingSpec:
    key: str
    title: str
    held_at: datetime
    kind: MeetingKind
    location: str
    attendees: tuple[tuple[str, Side], ...]
    agenda: str
    minutes: str
    decisions: str
    actions: tuple[ActionSpec, ...] = ()
    confidential: bool = False


@dataclass(frozen=True)
class AttachmentSpec:
    owner: str  # "grievance", "proposal" or "meeting"
    owner_key: str
    name: str
    added_on: date
    text: str = field(repr=False)


DISPUTE = DisputeSpec(
    title="Specialist Teaching and Learning Service restructure",
    employer="Kent County Council",
    branch="Kent NEU (fictional branch office)",
    opened_on=date(2024, 6, 3),
    summary=(
        "Trade dispute between the NEU and Kent County Council (KCC) over the restructure of the Specialist "
        "Teaching and Learning Service (STLS) and the TUPE transfer of its staff to direct council "
        "employment. Staff say consultation was insufficient, their job roles after the restructure are "
        "unclear, the reforms may undermine their capacity to support children with SEND, and the terms of "
        "the transfer are uncertain. The council says it consulted extensively, that the reforms answer the "
        "government Improvement Notice issued after the 2023 Ofsted/CQC inspection, and that the transfer "
        "unifies services under one local-authority framework.\n\n"
        f"Where the dates come from: the Ofsted/CQC inspection and Improvement Notice (2023), the notice being "
        f"lifted (August 2024), the TUPE transfer ({long_date(TUPE_TRANSFER)}) and the strike day "
        f"({long_date(STRIKE_DAY)}) are the article's ({ARTICLE_SOURCE}). Another local report dates the "
        f"transfer to {long_date(OTHER_REPORT_TUPE_TRANSFER)} and the strike to "
        f"{long_date(OTHER_REPORT_STRIKE_DAY)}; this log follows the article. Everything else — the people, "
        "meetings, wording of proposals and ballot figures — is invented for the demo."
    ),
)

PEOPLE: tuple[PersonSpec, ...] = (
    # The union's side.
    PersonSpec("sian", "Siân Llywelyn", PersonRole.REP, "STLS West Kent, Tonbridge",
               "s.llywelyn@example.org · 07700 900141", "NEU workplace rep for the STLS; specialist teacher for sensory needs."),
    PersonSpec("joanne", "Joanne Whitfield", PersonRole.REP, "STLS Maidstone",
               "j.whitfield@example.org · 07700 900186", "NEU health and safety rep; takes the branch's notes of meetings."),
    PersonSpec("gareth", "Gareth Pritchard", PersonRole.OFFICER, "Kent NEU branch office",
               "branch.secretary@example.org · 07700 900217", "Branch secretary; leads for the union in the talks."),
    PersonSpec("helen", "Helen Marsh", PersonRole.OFFICER, "NEU regional office",
               "h.marsh@example.org", "Regional officer supporting the branch on ballots and Acas talks."),
    # Members.
    PersonSpec("bartek", "Bartłomiej Wójcik", PersonRole.MEMBER, "STLS Swale, Sittingbourne",
               "b.wojcik@example.org · 07700 900352", "Specialist teacher for autism and communication; covers fourteen schools."),
    PersonSpec("agnieszka", "Agnieszka Nowak", PersonRole.MEMBER, "STLS Thanet, Margate",
               "a.nowak@example.org · 07700 900397", "Qualified teacher of the deaf."),
    PersonSpec("rhian", "Rhian Morgan", PersonRole.MEMBER, "STLS Ashford",
               "r.morgan@example.org · 07700 900468", "Specialist teacher for learning and cognition; works 0.6 of full time."),
    PersonSpec("dafydd", "Dafydd Owen", PersonRole.MEMBER, "STLS Dartford",
               "d.owen@example.org", "Specialist teacher for physical disability."),
    PersonSpec("priya", "Priya Raman", PersonRole.MEMBER, "STLS Canterbury",
               "p.raman@example.org", "Specialist early years practitioner."),
    PersonSpec("malgorzata", "Małgorzata Zielińska", PersonRole.MEMBER, "STLS Folkestone and Hythe",
               "m.zielinska@example.org · 07700 900583", "Specialist teacher for autism."),
    PersonSpec("tom", "Tom Ashby", PersonRole.MEMBER, "STLS Sevenoaks",
               "t.ashby@example.org", "Specialist teacher; joined the service in January 2024."),
    # The council's side, and Acas.
    PersonSpec("caroline", "Caroline Fenwick", PersonRole.EMPLOYER_REP, "Kent County Council, SEND and Inclusion",
               "caroline.fenwick@example.org", "Assistant director; leads for the council in the STLS talks."),
    PersonSpec("stuart", "Stuart Bellamy", PersonRole.EMPLOYER_REP, "Kent County Council, HR",
               "stuart.bellamy@example.org", "HR business partner for the STLS transfer."),
    PersonSpec("julia", "Julia Okoro", PersonRole.EMPLOYER_REP, "Kent County Council, STLS transition team",
               "julia.okoro@example.org", "Head of STLS transition."),
    PersonSpec("neil", "Neil Ramsay", PersonRole.OTHER, "Acas, South East",
               "n.ramsay@example.org", "Acas conciliator."),
)  # fmt: skip
