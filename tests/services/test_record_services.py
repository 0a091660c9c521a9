"""Every user action is one audited transaction: create, change and delete for each kind of record."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime

import pytest
from sqlalchemy import select

from stls_desk.db.log import Log
from stls_desk.db.models import AuditEntry
from stls_desk.domain.enums import (
    AuditAction,
    GrievanceStatus,
    KeyDateKind,
    MeetingKind,
    PersonRole,
    ProposalStatus,
    Side,
)
from stls_desk.services import attachments, ballots, disputes, grievances, meetings, people, proposals
from stls_desk.services.core import NotFoundError, Outcome, ValidationError, history


def audit_trail(log: Log) -> list[tuple[str, int, AuditAction, dict[str, object]]]:
    with log.reading() as s:
        return [
            (e.entity, e.entity_id, e.action, json.loads(e.changes))
            for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]


def _meeting(log: Log, d: int) -> int:
    return meetings.create_meeting(log, d, "Negotiation", datetime(2025, 1, 14, 10)).id


def _proposal(log: Log, d: int) -> int:
    return proposals.create_proposal(log, d, "Job roles", tabled_on=date(2025, 1, 10)).id


# Each case: create a record, change one field, delete it — through the services alone.
CASES: dict[
    str, tuple[Callable[[Log, int], Outcome], Callable[[Log, int], Outcome], Callable[[Log, int], Outcome]]
] = {
    "person": (
        lambda log, d: people.create_person(log, d, "Ewa Kowalczyk", PersonRole.MEMBER),
        lambda log, i: people.change_person(log, i, workplace="Maidstone hub"),
        people.delete_person,
    ),
    "grievance": (
        lambda log, d: grievances.create_grievance(log, d, "No consultation", raised_on=date(2025, 1, 5)),
        lambda log, i: grievances.change_grievance(log, i, status=GrievanceStatus.IN_NEGOTIATION),
        grievances.delete_grievance,
    ),
    "proposal": (
        lambda log, d: proposals.create_proposal(log, d, "Dialogue commitment"),
        lambda log, i: proposals.change_proposal(log, i, status=ProposalStatus.REJECTED),
        proposals.delete_proposal,
    ),
    "proposal_revision": (
        lambda log, d: proposals.add_revision(log, _proposal(log, d), date(2025, 1, 20), "Second text"),
        None,  # type: ignore[dict-item]
        proposals.delete_revision,
    ),
    "meeting": (
        lambda log, d: meetings.create_meeting(log, d, "JCC", datetime(2025, 1, 8, 14), kind=MeetingKind.JCC),
        lambda log, i: meetings.change_meeting(log, i, minutes="Council restated its position."),
        meetings.delete_meeting,
    ),
    "action_item": (
        lambda log, d: meetings.add_action(log, _meeting(log, d), "Send the union's response"),
        lambda log, i: meetings.change_action(log, i, done_on=date(2025, 1, 20)),
        meetings.delete_action,
    ),
    "ballot": (
        lambda log, d: ballots.create_ballot(log, d, "Strike?", date(2025, 1, 6), date(2025, 1, 27)),
        lambda log, i: ballots.change_ballot(log, i, eligible=120, votes_cast=80),
        ballots.delete_ballot,
    ),
    "key_date": (
        lambda log, d: ballots.create_key_date(log, d, KeyDateKind.STRIKE_DAY, "Strike", date(2025, 2, 25)),
        lambda log, i: ballots.change_key_date(log, i, note="Picket at County Hall"),
        ballots.delete_key_date,
    ),
    "attachment": (
        lambda log, d: attachments.add_attachment(log, "meeting", _meeting(log, d), "minutes.txt", b"draft"),
        None,  # type: ignore[dict-item]
        attachments.delete_attachment,
    ),
    "dispute": (
        lambda log, d: disputes.create_dispute(log, "Second dispute"),
        lambda log, i: disputes.change_dispute(log, i, employer="Kent County Council"),
        disputes.delete_dispute,
    ),
}


@pytest.mark.parametrize("entity", CASES)
def test_each_action_writes_its_audit_entry(log: Log, dispute_id: int, entity: str) -> None:
    create, change, delete = CASES[entity]
    created = create(log, dispute_id)
    assert created.entity == entity
    actions = [AuditAction.CREATED]
    if change is not None:
        changed = change(log, created.id)
        assert changed.fields
        actions.append(AuditAction.CHANGED)
    delete(log, created.id)
    actions.append(AuditAction.DELETED)
    mine = [
        (action, changes)
        for kind, i, action, changes in audit_trail(log)
        if (kind, i) == (entity, created.id)
    ]
    assert [a for a, _ in mine] == actions
    with log.reading() as s:
        actors = set(s.scalars(select(AuditEntry.actor)))
    assert actors == {"Test Rep"}


def test_a_change_records_only_the_fields_that_changed(log: Log, dispute_id: int) -> None:
    g = grievances.create_grievance(log, dispute_id, "Job roles", category="Restructure").id
    outcome = grievances.change_grievance(log, g, title="Job roles", category="Job security")
    assert outcome.fields == ("category",)
    assert history(log, "grievance", g)[0].changes == {"category": ["Restructure", "Job security"]}


def test_saving_nothing_new_writes_no_audit_entry(log: Log, dispute_id: int) -> None:
    g = grievances.create_grievance(log, dispute_id, "Job roles").id
    before = len(audit_trail(log))
    grievances.change_grievance(log, g, title="Job roles")
    assert len(audit_trail(log)) == before


def test_personal_fields_are_audited_by_name_only(log: Log, dispute_id: int) -> None:
    p = people.create_person(
        log, dispute_id, "Gwenllian Prys", contact="07700 900123", workplace="Ashford"
    ).id
    people.change_person(log, p, name="Gwenllian Prys-Evans", role=PersonRole.REP)
    people.delete_person(log, p)
    with log.reading() as s:
        stored = " ".join(f"{e.summary} {e.changes}" for e in s.scalars(select(AuditEntry)))
    for personal in ("Gwenllian", "Prys", "07700", "Ashford"):
        assert personal not in stored
    changes = history(log, "person", p)[1].changes
    assert changes == {"name": None, "role": ["member", "rep"]}


def test_numbers_follow_on_within_a_dispute(log: Log, dispute_id: int) -> None:
    other = disputes.create_dispute(log, "Another").id
    first = grievances.create_grievance(log, dispute_id, "One").id
    grievances.create_grievance(log, dispute_id, "Two")
    elsewhere = grievances.create_grievance(log, other, "Elsewhere").id
    assert grievances.get_grievance(log, first).row.reference == "G-001"
    assert grievances.get_grievance(log, elsewhere).row.reference == "G-001"
    query = grievances.GrievanceQuery(dispute_id)
    assert [g.reference for g in grievances.list_grievances(log, query)] == ["G-001", "G-002"]


@pytest.mark.parametrize(
    ("action", "field"),
    [
        (lambda log, d: grievances.create_grievance(log, d, "   "), "title"),
        (
            lambda log, d: grievances.create_grievance(
                log, d, "Late", raised_on=date(2025, 3, 1), resolved_on=date(2025, 2, 1)
            ),
            "resolved_on",
        ),
        (lambda log, d: grievances.create_grievance(log, d, "x" * 301), "title"),
        (
            lambda log, d: ballots.create_ballot(log, d, "Strike?", date(2025, 2, 1), date(2025, 1, 1)),
            "closes_on",
        ),
        (
            lambda log, d: ballots.create_ballot(
                log, d, "Strike?", date(2025, 1, 1), date(2025, 1, 21), eligible=10, votes_cast=11
            ),
            "votes_cast",
        ),
        (
            lambda log, d: ballots.create_ballot(
                log, d, "Strike?", date(2025, 1, 1), date(2025, 1, 21), votes_cast=10, yes_votes=8, no_votes=3
            ),
            "yes_votes",
        ),
        (
            lambda log, d: meetings.add_action(log, _meeting(log, d), "Reply", due_on=date(2025, 1, 1)),
            "due_on",
        ),
        (lambda log, d: people.create_person(log, d, ""), "name"),
    ],
    ids=[
        "blank title",
        "resolved before raised",
        "title too long",
        "ballot closes first",
        "more votes than voters",
        "answers exceed votes",
        "action due before its meeting",
        "nameless person",
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(
    log: Log, dispute_id: int, action: Callable[[Log, int], Outcome], field: str
) -> None:
    before = audit_trail(log)
    with pytest.raises(ValidationError) as refused:
        action(log, dispute_id)
    assert refused.value.field == field
    assert refused.value.message
    kinds = {kind for kind, *_ in audit_trail(log)[len(before) :]}
    assert kinds <= {"meeting"}  # only the test's own set-up meeting may have been saved


def test_text_is_stored_exactly(log: Log, dispute_id: int) -> None:
    awkward = "<b>Bold</b> & 'quotes' — Siân Łukasiewicz 👩‍🏫 \u200fمرحبا\u200f"
    g = grievances.create_grievance(log, dispute_id, awkward, detail=awkward).id
    detail = grievances.get_grievance(log, g)
    assert detail.row.title == awkward.strip()
    assert detail.detail == awkward


def test_a_deleted_record_is_reported_missing(log: Log, dispute_id: int) -> None:
    g = grievances.create_grievance(log, dispute_id, "Gone").id
    grievances.delete_grievance(log, g)
    with pytest.raises(NotFoundError):
        grievances.change_grievance(log, g, title="Back")


def test_attendees_and_raisers_must_come_from_the_dispute(log: Log, dispute_id: int) -> None:
    other = disputes.create_dispute(log, "Another").id
    stranger = people.create_person(log, other, "Someone Else").id
    with pytest.raises(ValidationError):
        grievances.create_grievance(log, dispute_id, "Roles", raised_by=[stranger])
    m = _meeting(log, dispute_id)
    with pytest.raises(ValidationError):
        meetings.set_attendees(log, m, [(stranger, Side.UNION)])


def test_merging_people_moves_their_links(log: Log, dispute_id: int) -> None:
    keep = people.create_person(log, dispute_id, "Dafydd Rees").id
    dupe = people.create_person(log, dispute_id, "D. Rees").id
    g = grievances.create_grievance(log, dispute_id, "Roles", raised_by=[dupe]).id
    m = _meeting(log, dispute_id)
    meetings.set_attendees(log, m, [(dupe, Side.UNION), (keep, Side.UNION)])
    meetings.add_action(log, m, "Write to HR", owner_id=dupe)
    people.merge_people(log, keep, dupe)
    assert grievances.get_grievance(log, g).raised_by == ((keep, "Dafydd Rees"),)
    detail = meetings.get_meeting(log, m)
    assert [a.person_id for a in detail.attendees] == [keep]
    assert detail.actions[0].owner_id == keep
    assert [p.name for p in people.list_people(log, dispute_id)] == ["Dafydd Rees"]


def test_attachments_keep_the_bytes_and_their_hash(log: Log, dispute_id: int) -> None:
    g = grievances.create_grievance(log, dispute_id, "Roles").id
    data = bytes(range(256)) * 10
    a = attachments.add_attachment(log, "grievance", g, "council letter.pdf", data).id
    (row,) = attachments.list_attachments(log, "grievance", g)
    assert (row.name, row.size, row.media_type) == ("council letter.pdf", 2560, "application/pdf")
    assert attachments.attachment_data(log, a) == data
    grievances.delete_grievance(log, g)
    assert attachments.list_attachments(log, "grievance", g) == []


def test_a_revision_becomes_the_proposals_text(log: Log, dispute_id: int) -> None:
    p = proposals.create_proposal(log, dispute_id, "Roles", text="First", tabled_on=date(2025, 1, 10)).id
    proposals.add_revision(log, p, date(2025, 1, 10), "First")
    proposals.add_revision(log, p, date(2025, 2, 3), "Second, with protected pay")
    detail = proposals.get_proposal(log, p)
    assert [r.number for r in detail.revisions] == [1, 2]
    assert detail.text == "Second, with protected pay"
    with pytest.raises(ValidationError):
        proposals.add_revision(log, p, date(2024, 12, 1), "Backdated")
