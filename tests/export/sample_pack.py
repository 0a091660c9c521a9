"""A realistic briefing pack, built by hand: an STLS-style dispute between a county council and an NEU branch.

Everyone in it is invented. Members have Welsh and Polish names (Siân Llŷr, Dafydd Gŵyn,
Zbigniew Łukaszewski, Małgorzata Świątek-Żak) and one shares part of a surname with an employer representative (Ewa Nowak-Jones,
Mark Jones), so the redaction has something to get wrong. A member who did not attend a meeting is named
in its minutes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, is_dataclass, replace
from datetime import date, datetime, timedelta
from enum import Enum
from io import BytesIO

from pypdf import PdfReader

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
from stls_desk.export.pack import (
    ALL_SECTIONS,
    ActionItem,
    Attachment,
    Attendee,
    Audience,
    Ballot,
    BriefingData,
    Dispute,
    Grievance,
    KeyDate,
    Meeting,
    PackOptions,
    Person,
    Proposal,
    Revision,
    Section,
)

TODAY = date(2025, 2, 12)

MEMBERS = (
    Person(
        "Siân Llŷr", PersonRole.MEMBER, "Area South team, Ysgol Glan-y-Môr outreach", "sian.llyr@example.org"
    ),
    Person("Zbigniew Łukaszewski", PersonRole.MEMBER, "Area North team", "07700 900461"),
    Person("Aoife O'Brien", PersonRole.MEMBER, "Sensory service", "aoife.obrien@example.net"),
    Person(
        "Ewa Nowak-Jones", PersonRole.MEMBER, "Area West team", "ewa.nowak-jones@example.org; 07700 900123"
    ),
    Person("Małgorzata Świątek-Żak", PersonRole.MEMBER, "Early years outreach", ""),
    Person("Dafydd Gŵyn", PersonRole.MEMBER, "Sensory service", "dafydd.gwyn@example.org"),
)
NON_MEMBERS = (
    Person("Tomos Pryce", PersonRole.REP, "Area South team", "tomos.pryce@example.org"),
    Person("Jo Whitlock", PersonRole.OFFICER, "Branch office", "secretary@example.org"),
    Person(
        "Mark Jones", PersonRole.EMPLOYER_REP, "HR business partner, the council", "mark.jones@example.gov"
    ),
    Person("Priya Fernhill", PersonRole.EMPLOYER_REP, "Head of specialist teaching", ""),
    Person("Ruth Okafor", PersonRole.OTHER, "Acas conciliator", ""),
)

CONFIDENTIAL_TITLES = (
    "Capability procedure started during the dispute",
    "Without-prejudice offer on G-005",
    "Acas exploratory talks",
)

G, S, ST = GrievanceStatus, GrievanceStage, GrievanceScope


def _grievances() -> tuple[Grievance, ...]:
    return (
        Grievance(
            "G-001",
            "Caseloads raised from 28 to 41 schools without consultation",
            ST.COLLECTIVE,
            S.COLLECTIVE_PROCEDURE,
            G.IN_NEGOTIATION,
            date(2024, 9, 16),
            detail="Caseloads rose across all four areas after the transfer. Siân Llŷr's list went to 41.",
            category="Workload",
            staff_group="All STLS specialist teachers",
            employer_response="The council says caseloads are being 'rebalanced'.",
            response_due=date(2025, 2, 21),
        ),
        Grievance(
            "G-002",
            "TUPE measures letter silent on mileage and outreach days",
            ST.COLLECTIVE,
            S.FORMAL,
            G.RAISED,
            date(2024, 8, 12),
            staff_group="Transferring staff",
            response_due=date(2024, 9, 9),
        ),
        Grievance(
            "G-003",
            "Mileage rate cut from 45p to 28p a mile (£ and € claims)",
            ST.COLLECTIVE,
            S.FORMAL,
            G.OPEN,
            date(2024, 10, 2),
            detail="Staff on cross-Channel outreach also lost €0.19/km.",
            response_due=date(2025, 2, 28),
        ),
        Grievance(
            "G-004",
            "Flexible working request refused",
            ST.INDIVIDUAL,
            S.FORMAL,
            G.IN_NEGOTIATION,
            date(2024, 11, 4),
            raised_by=("Siân Llŷr",),
            detail="Siân asked for a compressed week; refused without meeting her.",
            response_due=date(2025, 2, 14),
        ),
        Grievance(
            "G-005",
            CONFIDENTIAL_TITLES[0],
            ST.INDIVIDUAL,
            S.APPEAL,
            G.OPEN,
            date(2024, 12, 3),
            raised_by=("Zbigniew Łukaszewski",),
            confidential=True,
            detail="Zbigniew believes the procedure is linked to his strike vote.",
            attachments=(Attachment("capability-letter.pdf", "application/pdf", 48_213, "ab" * 32),),
        ),
        Grievance(
            "G-006",
            "Outreach days cut from five to three",
            ST.COLLECTIVE,
            S.INFORMAL,
            G.RESOLVED,
            date(2024, 9, 20),
            resolved_on=date(2024, 11, 28),
        ),
        Grievance(
            "G-007",
            "Laptop allowance withdrawn",
            ST.COLLECTIVE,
            S.INFORMAL,
            G.WITHDRAWN,
            date(2024, 10, 15),
            resolved_on=date(2024, 10, 30),
        ),
    )


P1_REV1 = (
    "The service will move from direct teaching to an advisory model. Specialist teachers will hold a "
    "caseload of up to 45 schools and deliver training to school staff."
)
P1_REV2 = (
    "The service will move from direct teaching to an advisory model over two terms. Specialist teachers "
    "will hold a caseload of up to 40 schools and deliver training to school staff."
)
P1_REV3 = (
    "The service will move to an advisory model over three terms, keeping direct teaching for pupils with "
    "sensory impairments. Specialist teachers will hold a caseload of up to 36 schools and deliver "
    "training to school staff, with protected planning time."
)


def _proposals() -> tuple[Proposal, ...]:
    return (
        Proposal(
            "P-001",
            "Advisory service model",
            TabledBy.EMPLOYER,
            ProposalStatus.UNDER_CONSIDERATION,
            date(2024, 10, 8),
            date(2025, 2, 19),
            P1_REV3,
            employer_position="Caseloads of 36 schools are manageable once the service is advisory; the "
            "Improvement Notice requires capacity-building in mainstream schools.",
            union_position="No more than 30 schools a teacher; direct teaching kept for every pupil who has "
            "it in their plan; no change before a full equality impact assessment.",
            addresses=("G-001",),
            revisions=(
                Revision(1, P1_REV1, date(2024, 10, 8)),
                Revision(2, P1_REV2, date(2024, 12, 10)),
                Revision(3, P1_REV3, date(2025, 1, 28), note="Tabled at the negotiation meeting."),
            ),
        ),
        Proposal(
            "P-002",
            "Caseload cap of 30 schools",
            TabledBy.UNION,
            ProposalStatus.REJECTED,
            date(2024, 11, 20),
            date(2024, 12, 10),
            "A cap of 30 schools per specialist teacher, reviewed each term with the union.",
            employer_position="Rejected: a fixed cap does not fit the needs-led model.",
            union_position="A cap is the only safeguard members trust after the rise to 41.",
            addresses=("G-001",),
            revisions=(Revision(1, "A cap of 30 schools per specialist teacher.", date(2024, 11, 20)),),
        ),
        Proposal(
            "P-003",
            "Mileage protection for twelve months",
            TabledBy.EMPLOYER,
            ProposalStatus.TABLED,
            date(2025, 1, 28),
            date(2025, 2, 10),
            employer_position="Protect 45p a mile (£0.45) for twelve months, then 28p.",
            union_position="Protect 45p a mile with no end date for transferred staff: it is a TUPE term.",
            addresses=("G-002", "G-003"),
            revisions=(
                Revision(1, "Protect the 45p rate for six months.", date(2025, 1, 14)),
                Revision(2, "Protect the 45p rate for twelve months, then pay 28p.", date(2025, 1, 28)),
            ),
        ),
        Proposal(
            "P-004",
            CONFIDENTIAL_TITLES[1],
            TabledBy.EMPLOYER,
            ProposalStatus.UNDER_CONSIDERATION,
            date(2025, 2, 5),
            date(2025, 2, 20),
            confidential=True,
            employer_position="Close the capability case if the appeal is withdrawn.",
            union_position="Zbigniew Łukaszewski will decide with his rep.",
        ),
    )


def _meetings() -> tuple[Meeting, ...]:
    return (
        Meeting(
            "Joint consultative committee: STLS restructure",
            datetime(2024, 10, 8, 14, 0),
            MeetingKind.JCC,
            "Council offices, Maidstone",
            (
                Attendee("Tomos Pryce", Side.UNION),
                Attendee("Mark Jones", Side.EMPLOYER),
                Attendee("Priya Fernhill", Side.EMPLOYER),
            ),
            minutes="Tomos Pryce raised G-001. Mark Jones said consultation had been extensive. "
            "Siân Llŷr's caseload was cited: Siân now covers 41 schools across two districts.",
            decisions="Council to share caseload data by area\nUnion to submit a written response to P-001",
            actions=(
                ActionItem(
                    "Share caseload data by area", "Priya Fernhill", date(2024, 10, 22), date(2024, 10, 25)
                ),
            ),
        ),
        Meeting(
            "Members' meeting: indicative ballot result",
            datetime(2024, 11, 20, 17, 30),
            MeetingKind.MEMBERS_MEETING,
            "Online",
            (
                Attendee("Jo Whitlock", Side.UNION),
                Attendee("Siân Llŷr", Side.UNION),
                Attendee("Zbigniew Łukaszewski", Side.UNION),
                Attendee("Aoife O'Brien", Side.UNION),
            ),
            minutes="Zbigniew Łukaszewski proposed moving to a statutory ballot; seconded by Aoife O’Brien. "
            "Ms Nowak-Jones asked (by e-mail) whether mileage would be part of the dispute. Siân agreed to "
            "collect caseload evidence. Małgorzata Świątek-Żak sent apologies.",
            decisions="Move to a statutory ballot\nAdd mileage (G-003) to the dispute",
            actions=(
                ActionItem(
                    "Circulate ballot timetable", "Jo Whitlock", date(2024, 11, 27), date(2024, 11, 26)
                ),
                ActionItem("Collect caseload evidence from each area", "Siân Llŷr", date(2025, 1, 15)),
            ),
        ),
        Meeting(
            "Negotiation: service model and mileage",
            datetime(2025, 1, 28, 10, 0),
            MeetingKind.NEGOTIATION,
            "County Hall, Room 2.14",
            (
                Attendee("Tomos Pryce", Side.UNION),
                Attendee("Jo Whitlock", Side.UNION),
                Attendee("Mark Jones", Side.EMPLOYER),
                Attendee("Priya Fernhill", Side.EMPLOYER),
            ),
            agenda="1. P-001 revision 3\n2. Mileage (P-003)\n3. Strike dates",
            minutes="Council tabled revision 3 of P-001 and P-003. Jo Whitlock said members would be "
            "consulted. Evidence from Ewa Nowak-Jones (ewa.nowak-jones@example.org) showed 38 schools on one "
            "list; Jones from HR disputed the figure. Dafydd Gŵyn took the union's notes. "
            "<Union caucus 11:20–11:40.>",
            decisions="Union to consult members on P-001 revision 3\nCouncil to send revised mileage figures",
            actions=(
                ActionItem("Send revised mileage figures", "Mark Jones", date(2025, 2, 7)),
                ActionItem("Survey members on P-001 revision 3", "Aoife O'Brien", date(2025, 2, 18)),
                ActionItem("Book hall for strike-day rally", "", date(2025, 2, 20)),
            ),
        ),
        Meeting(
            CONFIDENTIAL_TITLES[2],
            datetime(2025, 2, 5, 9, 30),
            MeetingKind.ACAS,
            "Acas, Ashford",
            (
                Attendee("Ruth Okafor", Side.INDEPENDENT),
                Attendee("Jo Whitlock", Side.UNION),
                Attendee("Mark Jones", Side.EMPLOYER),
            ),
            minutes="Without prejudice. Options for G-005 (Zbigniew Łukaszewski) discussed.",
            decisions="Further talks after the first strike day",
            confidential=True,
            attachments=(Attachment("acas-note.docx", size=20_480, sha256="cd" * 32),),
        ),
    )


def _ballots() -> tuple[Ballot, ...]:
    return (
        Ballot(
            BallotKind.INDICATIVE,
            "Are you prepared to take industrial action over the STLS restructure?",
            date(2024, 11, 1),
            date(2024, 11, 15),
            eligible=212,
            votes_cast=158,
            yes_votes=139,
            no_votes=17,
            spoilt=2,
            turnout=158 / 212,
            support=139 / 156,
            rule_set="Indicative: no legal thresholds",
            assessment="A strong indicative result: 89% yes on a 75% turnout.",
        ),
        Ballot(
            BallotKind.STATUTORY,
            "Are you prepared to take part in strike action?",
            date(2024, 12, 9),
            date(2025, 1, 13),
            notice_given_on=date(2024, 12, 2),
            eligible=208,
            votes_cast=131,
            yes_votes=112,
            no_votes=18,
            spoilt=1,
            turnout=131 / 208,
            support=112 / 130,
            yes_of_eligible=112 / 208,
            turnout_threshold=0.5,
            support_threshold=0.5,
            yes_of_eligible_threshold=0.4,
            thresholds_met=True,
            mandate_expires=date(2025, 7, 13),
            rule_set="Trade Union Act 2016, important public services (education)",
            assessment="Valid mandate: turnout and support clear every threshold. Action may be called until "
            "13 Jul 2025, with 14 days' notice to the employer before each action.",
        ),
    )


def _key_dates() -> tuple[KeyDate, ...]:
    K = KeyDateKind
    return (
        KeyDate(K.TUPE_TRANSFER, "STLS staff transfer to council employment", date(2024, 9, 1)),
        KeyDate(
            K.CONSULTATION_DEADLINE, "Council's consultation on the service model closes", date(2024, 10, 31)
        ),
        KeyDate(K.NOTICE_SERVED, "Notice of industrial action served on the council", date(2025, 2, 10)),
        KeyDate(K.STRIKE_DAY, "Strike day 1", date(2025, 2, 25), note="Picket at County Hall from 7:30am"),
        KeyDate(
            K.ACTION_SHORT_OF_STRIKE,
            "Work to contract: no cover for vacant caseloads",
            date(2025, 2, 26),
            date(2025, 3, 31),
        ),
        KeyDate(
            K.STRIKE_DAY,
            "Strike days 2 and 3",
            date(2025, 3, 10),
            date(2025, 3, 11),
            note="Rally in Maidstone on 10 Mar",
        ),
    )


def sample_data() -> BriefingData:
    return BriefingData(
        dispute=Dispute(
            "STLS restructure and TUPE terms",
            "Example County Council",
            "Example NEU Branch",
            "Specialist teachers transferred to the council under TUPE on 1 Sep 2024. Since then caseloads have "
            "risen, mileage has been cut and the council plans to replace direct teaching with an advisory "
            "model. Members voted for strike action; the first strike day is 25 Feb 2025.",
            DisputeStatus.ACTIVE,
            date(2024, 9, 16),
        ),
        people=MEMBERS + NON_MEMBERS,
        grievances=_grievances(),
        proposals=_proposals(),
        meetings=_meetings(),
        ballots=_ballots(),
        key_dates=_key_dates(),
    )


def options(
    audience: Audience = Audience.OFFICERS, sections: frozenset[Section] = ALL_SECTIONS, **kw: date | None
) -> PackOptions:
    return PackOptions(audience, sections, generated_on=TODAY, today=TODAY, **kw)  # type: ignore[arg-type]


def large_data(grievances: int, proposals: int) -> BriefingData:
    """The sample dispute with many generated grievances and proposals, for size and speed."""
    base = sample_data()
    statuses, stages = list(GrievanceStatus), list(GrievanceStage)
    gs = tuple(
        Grievance(
            f"G-{i:04d}",
            f"Generated grievance {i}: caseload in district {i % 12}",
            ST.COLLECTIVE,
            stages[i % len(stages)],
            statuses[i % len(statuses)],
            date(2024, 9, 1) + timedelta(days=i % 160),
            response_due=date(2025, 1, 1) + timedelta(days=i % 90),
        )
        for i in range(1, grievances + 1)
    )
    ps = tuple(
        replace(
            _proposals()[0],
            reference=f"P-{i:04d}",
            title=f"Generated proposal {i}",
            tabled_on=date(2024, 10, 1) + timedelta(days=i % 120),
        )
        for i in range(1, proposals + 1)
    )
    return replace(base, grievances=gs, proposals=ps)


def page_texts(pdf: bytes) -> list[str]:
    """Each page's extracted text, whitespace runs collapsed, so a name wrapped over two lines still reads whole."""
    reader = PdfReader(BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def all_text(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def strings_in(value: object) -> Iterator[str]:
    """Every string inside a dataclass tree (enums left out): what a redaction must have been through."""
    if isinstance(value, Enum):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for v in value:
            yield from strings_in(v)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from strings_in(getattr(value, f.name))
