"""The demo log's grievances: the four the article lists, raised collectively by the branch, and members'
own. Each carries the later changes a rep would record as the council answers. Plain data; `demo.py` feeds it
through the services.
"""

from __future__ import annotations

from datetime import date

from stls_desk.demo_content import TUPE_TRANSFER, GrievanceSpec, Update
from stls_desk.domain.enums import GrievanceScope, GrievanceStage, GrievanceStatus
from stls_desk.domain.rules import long_date

_ALL_STAFF = "All STLS staff in the NEU (about 210 members)"

GRIEVANCES: tuple[GrievanceSpec, ...] = (
    # The four grievances the article lists, raised collectively by the branch.
    GrievanceSpec(
        "consultation",
        "Insufficient consultation on changes to working conditions and service delivery",
        raised_on=date(2024, 6, 10),
        category="Consultation",
        staff_group=_ALL_STAFF,
        stage=GrievanceStage.COLLECTIVE_PROCEDURE,
        response_due=date(2024, 7, 8),
        from_article=True,
        detail=(
            "Staff were shown a finished service model at briefings in spring 2024 rather than options they "
            "could influence. Questions handed in at the briefings were never answered in writing, and the "
            "council's measures under the TUPE transfer were not set out in time for meaningful consultation "
            "with the union (TUPE regulation 13)."
        ),
        updates=(
            Update(
                date(2024, 7, 8),
                {
                    "status": GrievanceStatus.RAISED,
                    "employer_response": (
                        "The council says it undertook extensive consultation with stakeholders, including STLS "
                        "staff, schools and families, and rejects the claim that consultation was inadequate. It "
                        "says it has adapted the proposals in response to feedback and is dealing with local "
                        "issues as they arise."
                    ),
                },
            ),
            Update(date(2024, 11, 6), {"status": GrievanceStatus.IN_NEGOTIATION}),
        ),
    ),
    GrievanceSpec(
        "roles",
        "Uncertainty over job roles and responsibilities after the restructure",
        raised_on=date(2024, 6, 10),
        category="Job roles",
        staff_group=_ALL_STAFF,
        stage=GrievanceStage.COLLECTIVE_PROCEDURE,
        response_due=date(2024, 7, 8),
        from_article=True,
        detail=(
            "No role profiles have been published for the new structure. Staff do not know whether they will "
            "be matched or slotted into the new posts, whether the specialist teacher title and grade survive, "
            "or where they will be based. Experienced colleagues are looking for other jobs."
        ),
        updates=(
            Update(
                date(2024, 7, 8),
                {
                    "status": GrievanceStatus.RAISED,
                    "employer_response": (
                        "Most roles will map across to the new structure at the same grade. Role profiles will be "
                        "published for consultation after the transfer."
                    ),
                },
            ),
            Update(date(2024, 11, 6), {"status": GrievanceStatus.IN_NEGOTIATION}),
        ),
    ),
    GrievanceSpec(
        "capacity",
        "Reforms may undermine staff capacity to support children with SEND",
        raised_on=date(2024, 6, 10),
        category="Service delivery",
        staff_group=_ALL_STAFF,
        stage=GrievanceStage.COLLECTIVE_PROCEDURE,
        response_due=date(2024, 7, 8),
        from_article=True,
        detail=(
            "The new model moves the service towards advice, training and capacity-building in mainstream "
            "schools, away from teaching children directly. With the same number of specialists covering more "
            "schools, staff fear there will not be the capacity to give children the support their plans "
            "describe, and that children with the most complex needs will lose out."
        ),
        updates=(
            Update(
                date(2024, 7, 8),
                {
                    "status": GrievanceStatus.RAISED,
                    "employer_response": (
                        "The reforms are integral to meeting the government Improvement Notice issued after the "
                        "critical 2023 Ofsted and CQC inspection. Earlier intervention and more inclusion in "
                        "mainstream schools will, the council says, reach more children."
                    ),
                },
            ),
            Update(date(2024, 11, 20), {"status": GrievanceStatus.IN_NEGOTIATION}),
        ),
    ),
    GrievanceSpec(
        "tupe",
        "Terms of the TUPE transfer of STLS staff to Kent County Council",
        raised_on=date(2024, 6, 10),
        category="TUPE",
        staff_group=_ALL_STAFF,
        stage=GrievanceStage.COLLECTIVE_PROCEDURE,
        response_due=date(2024, 7, 22),
        from_article=True,
        detail=(
            f"STLS staff move to direct employment by the council on {long_date(TUPE_TRANSFER)}. The union "
            "wants written confirmation of any measures the council envisages; how teachers' pay and "
            "conditions and membership of the Teachers' Pension Scheme are protected after the transfer; and "
            "what happens to allowances, lease cars and continuous service. The measures letter came late and "
            "does not answer these questions."
        ),
        updates=(
            Update(
                date(2024, 7, 22),
                {
                    "status": GrievanceStatus.RAISED,
                    "employer_response": (
                        "The transfer unifies services previously managed by various organisations under one local "
                        "authority framework, for consistency, accountability and better delivery. TUPE protects "
                        "transferring staff's terms and conditions; the council envisages no measures that change "
                        "them."
                    ),
                },
            ),
            Update(date(2024, 11, 20), {"status": GrievanceStatus.IN_NEGOTIATION}),
        ),
    ),
    # Members' own grievances.
    GrievanceSpec(
        "rhian_hours",
        "Part-time hours recorded wrongly in the transfer information",
        raised_on=date(2024, 9, 9),
        category="TUPE",
        scope=GrievanceScope.INDIVIDUAL,
        raised_by=("rhian",),
        stage=GrievanceStage.INFORMAL,
        detail=(
            "The employee liability information passed to the council lists Rhian as working 0.4 of full "
            "time; her contract says 0.6. Her first council pay in September was worked out on 0.4."
        ),
        updates=(
            Update(
                date(2024, 9, 27),
                {
                    "status": GrievanceStatus.RESOLVED,
                    "resolved_on": date(2024, 9, 27),
                    "employer_response": "HR corrected the record; the arrears are paid in the October payroll.",
                },
            ),
        ),
    ),
    GrievanceSpec(
        "lease_car",
        "Lease car withdrawn at the transfer",
        raised_on=date(2024, 9, 16),
        category="TUPE",
        scope=GrievanceScope.INDIVIDUAL,
        raised_by=("dafydd",),
        stage=GrievanceStage.FORMAL,
        response_due=date(2024, 10, 14),
        detail=(
            "Dafydd had a lease car under his previous employer's scheme. The council says the lease ends at "
            "the transfer and offers mileage at its own rate instead, which he says changes his terms."
        ),
        updates=(
            Update(
                date(2024, 10, 21),
                {
                    "status": GrievanceStatus.RAISED,
                    "employer_response": "The council says the car scheme was a non-contractual benefit.",
                },
            ),
            Update(date(2024, 12, 13), {"status": GrievanceStatus.WITHDRAWN}),
        ),
    ),
    GrievanceSpec(
        "travel",
        "Travel between schools not counted as working time",
        raised_on=date(2024, 10, 14),
        category="Working arrangements",
        scope=GrievanceScope.INDIVIDUAL,
        raised_by=("bartek",),
        stage=GrievanceStage.FORMAL,
        response_due=date(2024, 11, 11),
        detail=(
            "Since the new district patches began, Bartłomiej covers fourteen schools across Swale and travels "
            "between them during the day. The draft working arrangements do not count that travel as working "
            "time, which costs him about two hours a week."
        ),
        updates=(
            Update(
                date(2024, 11, 11),
                {
                    "status": GrievanceStatus.RAISED,
                    "employer_response": "Travel between settings falls under the council's travel policy; under "
                    "review with the working arrangements (P-002).",
                },
            ),
            Update(
                date(2025, 1, 23),
                {
                    "status": GrievanceStatus.RESOLVED,
                    "resolved_on": date(2025, 1, 23),
                    "employer_response": "The council confirmed in writing that travel between settings during the "
                    "working day counts as working time (P-002, revision 2).",
                },
            ),
        ),
    ),
    GrievanceSpec(
        "adjustments",
        "Reasonable adjustments to caseload after sick leave",
        raised_on=date(2024, 11, 25),
        category="Health and adjustments",
        scope=GrievanceScope.INDIVIDUAL,
        raised_by=("malgorzata",),
        stage=GrievanceStage.FORMAL,
        response_due=date(2024, 12, 16),
        confidential=True,
        detail=(
            "Małgorzata returned from sick leave in November 2024. Occupational health recommends a reduced "
            "caseload for eight weeks; her district manager says the new model leaves no room to adjust "
            "caseloads. Her health details stay in the branch's confidential file, not in this log."
        ),
        updates=(
            Update(
                date(2024, 12, 16),
                {
                    "status": GrievanceStatus.RAISED,
                    "employer_response": "Stage 1 meeting held with HR; decision to follow in writing.",
                },
            ),
            Update(
                date(2025, 1, 27),
                {
                    "stage": GrievanceStage.APPEAL,
                    "employer_response": "Stage 1 decision: a reduced caseload for four weeks only. The member "
                    "appealed on 27 January 2025.",
                },
            ),
        ),
    ),
    GrievanceSpec(
        "title",
        "Specialist teacher title dropped from the draft role profile",
        raised_on=date(2024, 12, 9),
        category="Job roles",
        scope=GrievanceScope.INDIVIDUAL,
        raised_by=("agnieszka",),
        stage=GrievanceStage.INFORMAL,
        detail=(
            "The draft role profile published on 4 December 2024 calls the post 'SEND inclusion adviser'. "
            "As a qualified teacher of the deaf, Agnieszka says the specialist teacher title matters to the "
            "families and schools she works with."
        ),
        updates=(
            Update(
                date(2025, 1, 15),
                {
                    "status": GrievanceStatus.RAISED,
                    "employer_response": "The council agreed to keep the 'Specialist Teacher' title (P-002, "
                    "revision 2).",
                },
            ),
            Update(date(2025, 1, 20), {"status": GrievanceStatus.RESOLVED, "resolved_on": date(2025, 1, 20)}),
        ),
    ),
    GrievanceSpec(
        "reports",
        "Loss of protected time for writing reports",
        raised_on=date(2025, 1, 6),
        category="Workload",
        scope=GrievanceScope.COLLECTIVE,
        staff_group="Specialist teachers and practitioners in the south and east districts",
        raised_by=("tom", "priya", "rhian"),
        stage=GrievanceStage.INFORMAL,
        response_due=date(2025, 1, 27),
        detail=(
            "Under the new timetable every day is booked for visits to settings. Reports for EHCP reviews "
            "are being written in the evenings and at weekends."
        ),
        updates=(Update(date(2025, 2, 12), {"status": GrievanceStatus.IN_NEGOTIATION}),),
    ),
)
