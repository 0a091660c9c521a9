"""The demo log's negotiations: the council's proposals and their revisions, the union's answers, the
ballots, the key dates and one attached letter. Plain data; `demo.py` feeds it through the services.
"""

from __future__ import annotations

from datetime import date

from stls_desk.demo_content import (
    OTHER_REPORT_STRIKE_DAY,
    OTHER_REPORT_TUPE_TRANSFER,
    STRIKE_DAY,
    TUPE_TRANSFER,
    AttachmentSpec,
    BallotSpec,
    KeyDateSpec,
    ProposalSpec,
    Revision,
    Update,
)
from stls_desk.domain.enums import BallotKind, KeyDateKind, ProposalStatus, TabledBy
from stls_desk.domain.rules import long_date

TALKS_1 = date(2024, 11, 6)  # the council tables its proposals
TALKS_2 = date(2025, 1, 15)  # first revisions
ACAS = date(2025, 2, 12)  # second revisions, at Acas-assisted talks

_DIALOGUE_1 = """\
1. The council will set up an STLS implementation group to review how the new service model is working.
2. The group will meet monthly for six months from January 2025.
3. The NEU may nominate two members of the group.
4. The group may make recommendations to the Director of Education and SEN. The council will set its terms of reference."""

_DIALOGUE_2 = """\
1. The council will set up an STLS implementation group to review how the new service model is working.
2. The group will meet monthly for twelve months from February 2025.
3. The NEU may nominate three members of the group, with paid time to attend.
4. The group may make recommendations to the Director of Education and SEN. The council will agree its terms of reference with the NEU.
5. The council will answer each recommendation in writing within 20 working days."""

_DIALOGUE_3 = """\
1. The council will set up an STLS implementation group to review how the new service model is working.
2. The group will meet monthly for twelve months from February 2025, chaired jointly by the council and the NEU.
3. The NEU may nominate three members of the group, with paid time to attend.
4. The group may make recommendations to the Director of Education and SEN. The council will agree its terms of reference with the NEU.
5. The council will answer each recommendation in writing within 20 working days.
6. An independent review of caseloads will report to the group after six months.
7. No further change to the service model will be made during the review without consultation through the group."""

_ROLES_1 = """\
1. Draft role profiles for Specialist Practitioner and Senior Specialist Practitioner will be published by 30 November 2024.
2. Staff will be matched to the new roles by the council's managers.
3. Staff will work from four district hubs; travel between settings is covered by the council's travel policy.
4. Working arrangements will be reviewed after one year."""

_ROLES_2 = """\
1. Revised role profiles will keep the title Specialist Teacher for qualified teachers.
2. Staff whose current duties match at least 70% of a new role will be slotted into it; others will be matched after an individual meeting.
3. Staff will work from four district hubs; travel between settings during the working day counts as working time.
4. Working arrangements will be reviewed after one year."""

_ROLES_3 = """\
1. Revised role profiles will keep the title Specialist Teacher for qualified teachers.
2. Staff whose current duties match at least 70% of a new role will be slotted into it; others will be matched after an individual meeting, with a union companion if they wish, by 31 March 2025.
3. Every new post is ring-fenced for current STLS staff, with a right of appeal against matching.
4. Staff will work from four district hubs; travel between settings during the working day counts as working time.
5. Half a day a fortnight is protected for writing reports.
6. Working arrangements will be reviewed after one year by the implementation group."""

_ASSURANCES_1 = """\
1. There will be no compulsory redundancies arising from the restructure before 31 August 2025.
2. Anyone whose post is regraded downwards keeps their pay for twelve months.
3. The council envisages no measures that change transferred staff's contractual terms."""

_ASSURANCES_2 = """\
1. There will be no compulsory redundancies arising from the restructure before 31 August 2026.
2. Anyone whose post is regraded downwards keeps their pay for three years.
3. The council envisages no measures that change transferred staff's contractual terms. Teachers keep the School Teachers' Pay and Conditions Document and membership of the Teachers' Pension Scheme."""

_ASSURANCES_3 = """\
1. There will be no compulsory redundancies arising from the restructure before 31 August 2026.
2. Anyone whose post is regraded downwards keeps their pay for three years.
3. The council envisages no measures that change transferred staff's contractual terms. Teachers keep the School Teachers' Pay and Conditions Document and membership of the Teachers' Pension Scheme.
4. Caseloads will not exceed the levels in the council's workload model; the implementation group will monitor them each term.
5. The council will maintain continuity of support for children with SEND on any day of industrial action and will not ask staff to cover for colleagues on strike."""

_SETTLEMENT = """\
1. Pause the move to the new service model until the implementation group has agreed terms of reference.
2. Publish caseload figures for each district every term.
3. Protect the Specialist Teacher title, grade and pay for all transferred teachers.
4. No compulsory redundancies for the life of the new model's first three years.
5. On these terms the NEU will suspend further action and recommend the package to members."""

PROPOSALS: tuple[ProposalSpec, ...] = (
    ProposalSpec(
        "dialogue",
        "Further dialogue: an STLS implementation group",
        TabledBy.EMPLOYER,
        tabled_on=TALKS_1,
        respond_by=date(2024, 11, 27),
        grievances=("consultation", "capacity"),
        text=_DIALOGUE_1,
        employer_position=(
            "Continuing dialogue shows the council is adapting its proposals to feedback. The group advises; "
            "it cannot reopen the decision to restructure."
        ),
        revisions=(
            Revision(TALKS_1, _DIALOGUE_1, "As tabled at the negotiation meeting"),
            Revision(TALKS_2, _DIALOGUE_2, "Revised at the negotiation meeting"),
            Revision(ACAS, _DIALOGUE_3, "Revised at Acas-assisted talks"),
        ),
        updates=(
            Update(
                date(2024, 11, 27),
                {
                    "status": ProposalStatus.UNDER_CONSIDERATION,
                    "union_position": "Welcome in principle, but a group whose terms the council sets alone is not "
                    "consultation. We need agreed terms of reference and paid time for our members on it.",
                },
            ),
            Update(
                date(2025, 2, 19),
                {
                    "union_position": "Revision 3 meets most of what we asked, but the group still only advises. "
                    "Members want the review of caseloads to be able to pause changes that harm support for "
                    "children with SEND.",
                },
            ),
        ),
    ),
    ProposalSpec(
        "roles",
        "Clarification of working arrangements and job roles",
        TabledBy.EMPLOYER,
        tabled_on=TALKS_1,
        respond_by=date(2024, 11, 27),
        grievances=("roles", "travel", "title", "reports"),
        text=_ROLES_1,
        employer_position="The new roles give every member of staff a clear place in the service; most "
        "roles map across at the same grade.",
        revisions=(
            Revision(TALKS_1, _ROLES_1, "As tabled at the negotiation meeting"),
            Revision(TALKS_2, _ROLES_2, "Revised at the negotiation meeting"),
            Revision(ACAS, _ROLES_3, "Revised at Acas-assisted talks"),
        ),
        updates=(
            Update(
                date(2024, 11, 27),
                {
                    "status": ProposalStatus.UNDER_CONSIDERATION,
                    "union_position": "Matching by managers alone is not acceptable. We want slotting-in, "
                    "ring-fencing, a right of appeal and travel counted as working time.",
                },
            ),
            Update(
                date(2025, 2, 19),
                {
                    "union_position": "Revision 3 answers most of the roles grievance. Half a day a fortnight for "
                    "reports is not enough for colleagues with EHCP reviews every week.",
                },
            ),
        ),
    ),
    ProposalSpec(
        "assurances",
        "Assurances to minimise the impact on staff",
        TabledBy.EMPLOYER,
        tabled_on=date(2024, 11, 20),
        respond_by=date(2024, 12, 11),
        grievances=("capacity", "tupe"),
        text=_ASSURANCES_1,
        employer_position="The council has listened to staff concerns and will minimise negative impacts "
        "while it carries out the reforms the Improvement Notice required.",
        revisions=(
            Revision(date(2024, 11, 20), _ASSURANCES_1, "As tabled in the council's letter"),
            Revision(TALKS_2, _ASSURANCES_2, "Revised at the negotiation meeting"),
            Revision(ACAS, _ASSURANCES_3, "Revised at Acas-assisted talks"),
        ),
        updates=(
            Update(
                date(2024, 12, 11),
                {
                    "status": ProposalStatus.UNDER_CONSIDERATION,
                    "union_position": "Twelve months' protection before a regrade is too short, and the TUPE "
                    "questions about pay and pensions are still unanswered.",
                },
            ),
            Update(
                date(2025, 2, 19),
                {
                    "union_position": "The redundancy and pay assurances are now close to acceptable. A cap "
                    "tied to the council's own workload model is not a safeguard: we want the figures first.",
                },
            ),
        ),
    ),
    ProposalSpec(
        "settlement",
        "Union proposal: a framework to settle the dispute",
        TabledBy.UNION,
        tabled_on=date(2025, 1, 29),
        respond_by=date(2025, 2, 12),
        grievances=("consultation", "roles", "capacity", "tupe"),
        text=_SETTLEMENT,
        employer_position="",
        updates=(
            Update(
                date(2025, 2, 12),
                {
                    "status": ProposalStatus.REJECTED,
                    "employer_position": "The council cannot pause reforms that answer the Improvement Notice. It "
                    "has tabled revised proposals instead (P-001 to P-003, revision 3).",
                },
            ),
        ),
    ),
)

BALLOTS: tuple[BallotSpec, ...] = (
    BallotSpec(
        BallotKind.INDICATIVE,
        "Would you be prepared to take strike action over the STLS restructure and the terms of the "
        "transfer to Kent County Council?",
        notice_given_on=None,
        opens_on=date(2024, 10, 7),
        closes_on=date(2024, 10, 25),
        eligible=208,
        result_on=date(2024, 10, 28),
        votes_cast=139,
        yes_votes=121,
        no_votes=16,
        spoilt=2,
    ),
    BallotSpec(
        BallotKind.STATUTORY,
        "Are you prepared to take part in industrial action consisting of strike action?",
        notice_given_on=date(2024, 11, 18),
        opens_on=date(2024, 12, 2),
        closes_on=date(2025, 1, 17),
        eligible=212,
        result_on=date(2025, 1, 20),
        votes_cast=131,
        yes_votes=112,
        no_votes=17,
        spoilt=2,
    ),
)

_DATE_PLACEHOLDER = (
    "The article gives only {}; the log needs a day, so this uses the first. Correct it if you know the day."
)

KEY_DATES: tuple[KeyDateSpec, ...] = (
    KeyDateSpec(
        KeyDateKind.OTHER,
        "Government Improvement Notice issued after the Ofsted/CQC inspection",
        starts_on=date(2023, 1, 1),
        recorded_on=date(2024, 6, 3),
        note="Issued after the 2023 Ofsted and CQC inspection found serious failings in SEND support "
        "(delays in assessments, too little support in schools, poor communication with families). "
        + _DATE_PLACEHOLDER.format("the year, 2023"),
    ),
    KeyDateSpec(
        KeyDateKind.OTHER,
        "Improvement Notice lifted",
        starts_on=date(2024, 8, 1),
        recorded_on=date(2024, 8, 30),
        note="The council says the STLS reforms were part of its improvement plan. "
        + _DATE_PLACEHOLDER.format("the month, August 2024"),
    ),
    KeyDateSpec(
        KeyDateKind.TUPE_TRANSFER,
        "TUPE transfer of STLS staff to Kent County Council",
        starts_on=TUPE_TRANSFER,
        recorded_on=date(2024, 6, 3),
        note=f"Date from the article. Another local report dates the transfer to "
        f"{long_date(OTHER_REPORT_TUPE_TRANSFER)}.",
    ),
    KeyDateSpec(
        KeyDateKind.CONSULTATION_DEADLINE,
        "Consultation on the draft role profiles closes",
        starts_on=date(2024, 12, 20),
        recorded_on=date(2024, 12, 4),
        note="Comments to the STLS transition team; the branch sends one collective response.",
    ),
    KeyDateSpec(
        KeyDateKind.NOTICE_SERVED,
        "Notice of strike action served on the council",
        starts_on=date(2025, 2, 7),
        recorded_on=date(2025, 2, 7),
        note="Sent by e-mail and recorded delivery; the council acknowledged receipt the same day. "
        "Fourteen days' notice allows action from 21 February 2025.",
    ),
    KeyDateSpec(
        KeyDateKind.STRIKE_DAY,
        "Strike day: STLS staff",
        starts_on=STRIKE_DAY,
        recorded_on=date(2025, 1, 22),
        note=f"Date from the article. Another local report gives {long_date(OTHER_REPORT_STRIKE_DAY)}. "
        "Picket lines at the four district hubs from 8am.",
    ),
)

ATTACHMENTS: tuple[AttachmentSpec, ...] = (
    AttachmentSpec(
        "proposal",
        "dialogue",
        "KCC letter tabling proposals, 6 November 2024.txt",
        added_on=TALKS_1,
        text=(
            "Kent County Council — Specialist Teaching and Learning Service\n\n"
            "Dear Mr Pritchard,\n\n"
            "Further to today's meeting, I enclose the council's proposals on further dialogue (an STLS "
            "implementation group) and on working arrangements and job roles. We hope these show our "
            "commitment to meaningful dialogue and we look forward to the NEU's response by 27 November.\n\n"
            "Yours sincerely,\n\nCaroline Fenwick\nAssistant Director, SEND and Inclusion\n\n"
            "(A fictional letter written for the STLS Desk demo log.)\n"
        ),
    ),
)
