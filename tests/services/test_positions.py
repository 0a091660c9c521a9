"""Where each issue stands, and meeting mode's pages, from real logs: the demo's and small ones built here."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from stls_desk.db.log import Log
from stls_desk.domain.enums import (
    GrievanceStatus,
    KeyDateKind,
    MeetingKind,
    PersonRole,
    ProposalStatus,
    TabledBy,
)
from stls_desk.domain.textdiff import word_diff
from stls_desk.export.members import redact_for_members
from stls_desk.services import ballots, grievances, meetings, people, positions, proposals
from stls_desk.services.briefing import briefing_data
from stls_desk.services.meeting_deck import PageKind, line_text, meeting_pages
from stls_desk.services.positions import issues_of

MEETING_DAY = date(2025, 2, 19)  # the demo's second members' meeting: revision 3 is put to members
DISPUTE = 1


def member_names(log: Log, dispute_id: int) -> set[str]:
    """Every member's full name and each part of it."""
    names: set[str] = set()
    for person in people.list_people(log, dispute_id, role=PersonRole.MEMBER):
        names.add(person.name)
        names.update(part for part in person.name.split() if len(part) > 1)
    return names


def test_one_row_per_grievance_with_the_councils_latest_offer(demo_log: Log) -> None:
    rows = positions.positions(demo_log, DISPUTE, MEETING_DAY)
    listed = grievances.list_grievances(demo_log, grievances.GrievanceQuery(DISPUTE))
    assert [r.reference for r in rows] == sorted(g.reference for g in listed)  # P-004 addresses grievances
    by_ref = {r.reference: r for r in rows}
    consultation = by_ref["G-001"]
    p001 = proposals.get_proposal(demo_log, consultation.offer.proposal_id)
    assert p001.row.reference == "P-001"
    revisions = sorted(p001.revisions, key=lambda r: r.number)
    assert (consultation.offer.revision, consultation.offer.text) == (3, revisions[-1].text)
    assert consultation.council_offer == revisions[-1].text
    assert consultation.union_position == p001.union_position
    assert consultation.council_says == p001.employer_position
    assert consultation.status == "In negotiation"
    assert consultation.gap == positions.APART
    assert consultation.previous is not None and consultation.previous.revision == 2
    assert list(consultation.changes) == word_diff(revisions[-2].text, revisions[-1].text)
    assert consultation.record_id == next(g.id for g in listed if g.reference == "G-001")
    # Two council proposals address the capacity grievance: every revision of both, in date order.
    capacity = by_ref["G-003"]
    assert {o.reference for o in capacity.offers} == {"P-001", "P-003"}
    days = [o.offered_on for o in capacity.offers]
    assert days == sorted(days)
    assert by_ref["G-005"].gap == positions.RESOLVED and by_ref["G-006"].gap == positions.WITHDRAWN
    assert by_ref["G-008"].gap == positions.NO_OFFER and by_ref["G-008"].confidential


def test_the_gap_follows_the_offer_and_the_answer(log: Log, dispute_id: int) -> None:
    g = grievances.create_grievance(log, dispute_id, "Unpaid travel time", detail="Pay travel time.").id

    def gap() -> str:
        return next(r.gap for r in positions.positions(log, dispute_id) if r.reference == "G-001")

    assert gap() == positions.NO_OFFER
    p = proposals.create_proposal(
        log, dispute_id, "Travel policy", grievances=[g], tabled_by=TabledBy.EMPLOYER, text="Half pay."
    ).id
    assert gap() == positions.AWAITING_UNION
    proposals.change_proposal(log, p, union_position="Full pay or nothing.")
    assert gap() == positions.APART
    proposals.change_proposal(log, p, status=ProposalStatus.REJECTED)
    assert gap() == positions.OFFER_REJECTED
    proposals.change_proposal(log, p, status=ProposalStatus.AGREED)
    assert gap() == positions.AGREED
    grievances.change_grievance(log, g, status=GrievanceStatus.RESOLVED)
    assert gap() == positions.RESOLVED


def test_a_proposal_that_addresses_no_grievance_is_an_issue_of_its_own(log: Log, dispute_id: int) -> None:
    union = proposals.create_proposal(
        log, dispute_id, "Pay claim", tabled_by=TabledBy.UNION, text="Five per cent for all."
    ).id
    council = proposals.create_proposal(
        log, dispute_id, "Car parking", tabled_by=TabledBy.EMPLOYER, text="Permits at £10."
    ).id
    proposals.add_revision(log, council, date(2025, 1, 2), "Permits at £10.")
    proposals.add_revision(log, council, date(2025, 1, 9), "Permits at £5 for part-time staff.")
    rows = {r.reference: r for r in positions.positions(log, dispute_id)}
    assert set(rows) == {"P-001", "P-002"}
    assert rows["P-001"].record_id == union and rows["P-001"].union_position == "Five per cent for all."
    assert rows["P-001"].gap == positions.AWAITING_COUNCIL and rows["P-001"].offer is None
    assert rows["P-002"].record_id == council
    assert rows["P-002"].council_offer == "Permits at £5 for part-time staff."
    assert [o.revision for o in rows["P-002"].offers] == [1, 2]
    assert {s.change for s in rows["P-002"].changes} == {"same", "added", "removed"}


def test_meeting_pages_open_with_the_changes_and_close_with_the_dates(demo_log: Log) -> None:
    deck = meeting_pages(demo_log, DISPUTE, MEETING_DAY)
    kinds = [page.kind for page in deck.pages]
    assert kinds[0] is PageKind.SINCE and kinds[-1] is PageKind.DATES
    assert set(kinds[1:-1]) == {PageKind.ISSUE}
    shown = [page.reference for page in deck.pages[1:-1]]
    # Confidential records stay out, as in the members' pack.
    expected = [
        r.reference for r in positions.positions(demo_log, DISPUTE, MEETING_DAY) if not r.confidential
    ]
    assert shown == expected and "G-008" not in shown
    assert deck.last_meeting == datetime(2025, 1, 22, 18, 30)

    since = deck.pages[0]
    lines = {group.heading: group.lines for group in since.groups}
    assert "Wednesday 22 January 2025" in since.subtitle
    assert [line.split(" ")[0] for line in lines["New offers"]] == ["P-001", "P-002", "P-003"]
    assert all("revision 3, 12 February" in line for line in lines["New offers"])
    moves = "\n".join(lines["Decisions and changes"])
    assert "P-004 Union proposal: a framework to settle the dispute — tabled by the union" in moves
    assert (
        "now rejected" in moves
        and "G-010 Loss of protected time for writing reports — now in negotiation" in moves
    )
    assert "G-008" not in since.text()  # its appeal was recorded after the meeting, but it is confidential
    assert "Acas" not in since.text()  # a confidential meeting
    assert "Strike day: STLS staff — 25 February 2025" in lines["New dates and meetings"]
    assert not any(line.startswith("Reasonable adjustments") for line in lines["New dates and meetings"])

    dates = {group.heading: group.lines for group in deck.pages[-1].groups}
    assert dates["Strike days and action"] == ("Strike day: STLS staff — Tuesday 25 February 2025",)
    assert dates["Ballot"] == ("Our mandate for action runs to Wednesday 16 July 2025.",)
    assert dates["Next meeting"] == (
        "Negotiation meeting after the strike day — Wednesday 5 March 2025 at 10:00",
    )


def test_each_issue_page_says_what_the_positions_say(demo_log: Log) -> None:
    deck = meeting_pages(demo_log, DISPUTE, MEETING_DAY)
    members = {
        i.reference: i for i in issues_of(redact_for_members(briefing_data(demo_log, DISPUTE, MEETING_DAY)))
    }
    for page in deck.pages[1:-1]:
        issue = members[page.reference]
        assert page.title == f"{issue.reference} {issue.title}"
        assert issue.status in page.subtitle and issue.gap in page.subtitle
        assert page.union_position == issue.union_position
        # The marked lines, without the words the offer lost, are the offer as it reads now.
        kept = [
            " ".join(w for s in line for w in s.words if s.change != "removed") for line in page.offer_lines
        ]
        assert [k for k in kept if k] == [
            " ".join(x.split()) for x in page.council_offer.split("\n") if x.strip()
        ]
    g001 = deck.pages[1]
    assert g001.offer_heading == "The council's latest offer: P-001, revision 3 (12 February 2025)"
    assert g001.changes_heading == "Marked: what changed since revision 2 (15 January 2025)"
    assert any("chaired jointly by the council and the NEU." in line_text(line) for line in g001.offer_lines)


def test_no_member_is_named_on_any_page(demo_log: Log) -> None:
    names = member_names(demo_log, DISPUTE)
    assert "Rhian" in names and "Wójcik" in names
    for today in (MEETING_DAY, date(2025, 1, 10), date(2026, 1, 1)):
        for page in meeting_pages(demo_log, DISPUTE, today).pages:
            text = page.text()
            assert not [name for name in names if name in text], page.title


def test_members_are_lettered_as_in_the_members_pack(demo_log: Log) -> None:
    deck = meeting_pages(demo_log, DISPUTE, MEETING_DAY)
    pack = redact_for_members(briefing_data(demo_log, DISPUTE, MEETING_DAY))
    lease_car = next(g for g in pack.grievances if g.reference == "G-006")
    page = next(p for p in deck.pages if p.reference == "G-006")
    assert page.union_position == lease_car.detail
    assert "Member " in page.union_position


def test_the_since_page_counts_only_what_was_recorded_after_the_last_members_meeting(
    log: Log, dispute_id: int
) -> None:
    early = grievances.create_grievance(log, dispute_id, "Lone working", raised_on=date(2024, 1, 2)).id
    grievances.create_grievance(log, dispute_id, "Before the meeting", raised_on=date(2024, 1, 20))
    meetings.create_meeting(
        log, dispute_id, "Members' meeting", datetime(2024, 2, 1, 18, 0), kind=MeetingKind.MEMBERS_MEETING
    )
    grievances.change_grievance(log, early, status=GrievanceStatus.RAISED)
    p = proposals.create_proposal(
        log, dispute_id, "Lone working policy", tabled_by=TabledBy.EMPLOYER, tabled_on=date(2024, 2, 20)
    ).id
    proposals.add_revision(log, p, date(2024, 2, 20), "A buddy.")
    proposals.add_revision(log, p, date(2024, 2, 27), "A buddy and a phone.")
    ballots.create_key_date(log, dispute_id, KeyDateKind.STRIKE_DAY, "Strike", date(2024, 3, 20))
    meetings.create_meeting(log, dispute_id, "Talks", datetime(2024, 2, 25, 10, 0))
    deck = meeting_pages(log, dispute_id, date(2024, 3, 1))
    groups = {group.heading: group.lines for group in deck.pages[0].groups}
    assert groups["Decisions and changes"] == ("G-001 Lone working — now raised with employer",)
    assert groups["New offers"] == (
        "P-001 Lone working policy — tabled on 20 February; revision 2, 27 February",
    )
    assert groups["New dates and meetings"] == ("Strike — 20 March 2024", "Talks — held on 25 February")
    assert "Before the meeting" not in deck.pages[0].text()
    # On the day of that meeting itself, it is not yet "the last": nothing before it was a members' meeting.
    assert meeting_pages(log, dispute_id, date(2024, 2, 1)).pages[0].subtitle.startswith("No earlier")


@pytest.mark.parametrize("today", [date(2025, 2, 19), date(2025, 3, 10)])
def test_every_deck_page_has_a_title(demo_log: Log, today: date) -> None:
    assert all(page.title for page in meeting_pages(demo_log, DISPUTE, today).pages)
