"""A small dispute built through the services, for the window's tests (and a bulk loader for big ones)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import insert

from stls_desk.db.log import Log
from stls_desk.db.models import Grievance
from stls_desk.domain.enums import (
    BallotKind,
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
from stls_desk.services import ballots, disputes, grievances, meetings, people, proposals

TODAY = date(2025, 3, 3)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@dataclass(frozen=True)
class Sample:
    dispute: int
    other_dispute: int
    people: dict[str, int]
    grievances: dict[str, int]
    proposals: dict[str, int]
    meetings: dict[str, int]
    ballots: dict[str, int]
    key_dates: dict[str, int]


def build_sample(log: Log) -> Sample:
    """A dispute with a few of everything, and a second dispute with one grievance of its own."""
    d = disputes.create_dispute(
        log,
        "STLS restructure",
        employer="Kent County Council",
        branch="Kent NEU",
        opened_on=date(2024, 6, 1),
    ).id
    who = {
        "asha": people.create_person(log, d, "Asha Patel", PersonRole.MEMBER, workplace="Ashford hub").id,
        "ben": people.create_person(
            log, d, "Ben Okafor", PersonRole.REP, workplace="Maidstone hub", contact="ben@example.org"
        ).id,
        "carol": people.create_person(
            log, d, "Carol Hughes", PersonRole.EMPLOYER_REP, workplace="County Hall"
        ).id,
    }
    g = {
        "travel": grievances.create_grievance(
            log,
            d,
            "Unpaid travel time between schools",
            raised_by=[who["asha"]],
            category="Pay",
            raised_on=days(-40),
            response_due=days(-5),
            stage=GrievanceStage.FORMAL,
            detail="Specialist teachers travel between up to six schools a day without paid travel time.",
        ).id,
        "caseload": grievances.create_grievance(
            log,
            d,
            "Caseloads above the agreed maximum",
            category="Workload",
            raised_on=days(-20),
            response_due=days(10),
            status=GrievanceStatus.IN_NEGOTIATION,
            scope=GrievanceScope.COLLECTIVE,
        ).id,
        "mileage": grievances.create_grievance(
            log,
            d,
            "Mileage rate cut",
            category="Pay",
            raised_on=days(-60),
            status=GrievanceStatus.RESOLVED,
            resolved_on=days(-10),
        ).id,
        "regrading": grievances.create_grievance(
            log,
            d,
            "Regrading of specialist teachers",
            category="Grading",
            raised_on=days(-15),
            status=GrievanceStatus.RAISED,
            confidential=True,
        ).id,
    }
    p = {
        "restructure": proposals.create_proposal(
            log,
            d,
            "Service restructure",
            grievances=[g["caseload"]],
            tabled_on=days(-30),
            respond_by=days(7),
            text="Merge the hubs into three area teams.",
            employer_position="Savings are needed.",
            union_position="No loss of posts.",
        ).id,
        "travel": proposals.create_proposal(
            log,
            d,
            "Travel time pay",
            grievances=[g["travel"]],
            tabled_by=TabledBy.UNION,
            tabled_on=days(-10),
            status=ProposalStatus.UNDER_CONSIDERATION,
        ).id,
        "pay": proposals.create_proposal(
            log, d, "Pay protection for two years", tabled_on=days(-50), status=ProposalStatus.REJECTED
        ).id,
    }
    proposals.add_revision(
        log, p["restructure"], days(-20), "Merge the hubs into four area teams.", "Fourth team"
    )
    m = {
        "negotiation": meetings.create_meeting(
            log,
            d,
            "Negotiation meeting 1",
            datetime(2025, 2, 10, 10, 0),
            kind=MeetingKind.NEGOTIATION,
            location="County Hall",
            minutes="The council set out its plans.",
        ).id,
        "branch": meetings.create_meeting(
            log,
            d,
            "Branch meeting",
            datetime(2025, 2, 20, 18, 30),
            kind=MeetingKind.BRANCH,
            location="Online",
        ).id,
    }
    meetings.set_attendees(log, m["negotiation"], [(who["ben"], Side.UNION), (who["carol"], Side.EMPLOYER)])
    meetings.add_action(
        log, m["negotiation"], "Send the caseload figures", owner_id=who["carol"], due_on=days(-2)
    )
    meetings.add_action(log, m["negotiation"], "Book the hall", owner_id=who["ben"], due_on=days(5))
    meetings.add_action(log, m["negotiation"], "Share the minutes", due_on=days(-15), done_on=days(-16))
    b = {
        "indicative": ballots.create_ballot(
            log,
            d,
            "Are you prepared to take industrial action?",
            date(2024, 11, 1),
            date(2024, 11, 20),
            kind=BallotKind.INDICATIVE,
            eligible=200,
            votes_cast=140,
            yes_votes=120,
            no_votes=20,
        ).id,
        "statutory": ballots.create_ballot(
            log,
            d,
            "Are you prepared to take strike action?",
            days(10),
            days(31),
            kind=BallotKind.STATUTORY,
            notice_given_on=days(1),
        ).id,
    }
    k = {
        "strike": ballots.create_key_date(log, d, KeyDateKind.STRIKE_DAY, "First strike day", days(14)).id,
        "consultation": ballots.create_key_date(
            log,
            d,
            KeyDateKind.CONSULTATION_DEADLINE,
            "Consultation closes",
            days(20),
            ends_on=days(22),
            note="Responses to the restructure consultation.",
        ).id,
    }
    other = disputes.create_dispute(log, "Nursery closures", employer="Kent County Council").id
    grievances.create_grievance(log, other, "Closure of Oak nursery", raised_on=days(-3))
    return Sample(d, other, who, g, p, m, b, k)


def bulk_grievances(log: Log, dispute_id: int, count: int) -> None:
    """Many grievances in one transaction, straight into the table: the services' one-at-a-time audited
    writes would take a minute for the thousands a paging test needs."""
    statuses = list(GrievanceStatus)
    rows = [
        {
            "dispute_id": dispute_id,
            "number": n,
            "title": f"Grievance number {n:05d}",
            "category": "Workload" if n % 2 else "Pay",
            "scope": GrievanceScope.COLLECTIVE,
            "stage": GrievanceStage.INFORMAL,
            "status": statuses[n % len(statuses)],
            "raised_on": date(2024, 1, 1) + timedelta(days=n % 400),
        }
        for n in range(1, count + 1)
    ]
    with log.writing() as session:
        session.execute(insert(Grievance), rows)
