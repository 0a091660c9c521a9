"""Undo and redo put the log back exactly, through audited actions."""

from __future__ import annotations

from datetime import date, datetime

from stls_desk.db.log import Log
from stls_desk.domain.enums import GrievanceStatus, Side
from stls_desk.services import attachments, grievances, meetings, people, proposals
from stls_desk.services.core import history
from stls_desk.services.search import search
from stls_desk.services.undo import capture, delete, restore, revert


def test_a_change_is_undone_and_redone(log: Log, dispute_id: int) -> None:
    a = people.create_person(log, dispute_id, "Ffion Jenkins").id
    b = people.create_person(log, dispute_id, "Tomasz Zieliński").id
    g = grievances.create_grievance(log, dispute_id, "Job roles", raised_by=[a]).id
    before = capture(log, "grievance", g)
    grievances.change_grievance(
        log, g, title="Job roles after restructure", status="in_negotiation", raised_by=[b]
    )
    after = capture(log, "grievance", g)

    undone = revert(log, before)
    detail = grievances.get_grievance(log, g)
    assert (detail.row.title, detail.row.status, detail.raised_by) == (
        "Job roles",
        GrievanceStatus.OPEN,
        ((a, "Ffion Jenkins"),),
    )
    assert set(undone.fields) == {"title", "status", "grievance_raiser"}

    revert(log, after)
    detail = grievances.get_grievance(log, g)
    assert (detail.row.title, detail.raised_by) == ("Job roles after restructure", ((b, "Tomasz Zieliński"),))
    assert [e.summary for e in history(log, "grievance", g)[:2]] == ["reverted by undo", "reverted by undo"]


def test_a_deleted_meeting_comes_back_whole(log: Log, dispute_id: int) -> None:
    rep = people.create_person(log, dispute_id, "Rep One").id
    m = meetings.create_meeting(
        log, dispute_id, "JCC", datetime(2025, 1, 8, 10), minutes="Caseloads discussed"
    ).id
    meetings.set_attendees(log, m, [(rep, Side.UNION)])
    meetings.add_action(log, m, "Write to HR", owner_id=rep, due_on=date(2025, 1, 15))
    attachments.add_attachment(log, "meeting", m, "agenda.txt", b"1. Caseloads")
    gone = capture(log, "meeting", m)
    delete(log, "meeting", m)
    assert search(log, "caseloads") == []

    restore(log, gone)
    detail = meetings.get_meeting(log, m)
    assert [a.name for a in detail.attendees] == ["Rep One"]
    assert [(a.description, a.owner) for a in detail.actions] == [("Write to HR", "Rep One")]
    (attached,) = attachments.list_attachments(log, "meeting", m)
    assert attachments.attachment_data(log, attached.id) == b"1. Caseloads"
    assert capture(log, "meeting", m).row["uuid"] == gone.row["uuid"]
    assert {h.entity for h in search(log, "caseloads")} == {"meeting"}


def test_a_restored_person_owns_their_actions_again(log: Log, dispute_id: int) -> None:
    p = people.create_person(log, dispute_id, "Owner").id
    g = grievances.create_grievance(log, dispute_id, "Roles", raised_by=[p]).id
    m = meetings.create_meeting(log, dispute_id, "Branch", datetime(2025, 1, 8, 18)).id
    action = meetings.add_action(log, m, "Survey members", owner_id=p).id
    snapshot = capture(log, "person", p)
    delete(log, "person", p)
    assert meetings.get_meeting(log, m).actions[0].owner_id is None
    restore(log, snapshot)
    assert meetings.get_meeting(log, m).actions[0].owner_id == p
    assert grievances.get_grievance(log, g).raised_by == ((p, "Owner"),)
    assert action


def test_undoing_a_create_and_redoing_it(log: Log, dispute_id: int) -> None:
    p = proposals.create_proposal(log, dispute_id, "Assurances", tabled_on=date(2025, 1, 10)).id
    proposals.add_revision(log, p, date(2025, 1, 10), "First text")
    snapshot = capture(log, "proposal", p)
    delete(log, "proposal", p)
    assert proposals.list_proposals(log, proposals.ProposalQuery(dispute_id)) == []
    restore(log, snapshot)
    assert [r.text for r in proposals.get_proposal(log, p).revisions] == ["First text"]
