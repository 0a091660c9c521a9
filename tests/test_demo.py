"""The demo log: whole, built through the services (so fully audited), and holding what a rep would log."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from stls_desk.db.health import check_log
from stls_desk.db.log import Log, LogError
from stls_desk.db.models import (
    ActionItem,
    Attachment,
    AuditEntry,
    Ballot,
    Dispute,
    Grievance,
    KeyDate,
    Meeting,
    Person,
    Proposal,
    ProposalRevision,
)
from stls_desk.demo import DEMO_ACTOR, build_demo, write_demo_log
from stls_desk.domain.ballots import BallotFacts, assess, check_action_day
from stls_desk.domain.enums import (
    AuditAction,
    BallotKind,
    GrievanceScope,
    KeyDateKind,
    MeetingKind,
    PersonRole,
    Side,
    TabledBy,
)
from stls_desk.services import ballots, disputes, grievances, meetings, people, proposals
from stls_desk.services.grievances import GrievanceQuery
from stls_desk.services.proposals import ProposalQuery

ARTICLE_GRIEVANCES = ("consultation", "job roles", "capacity to support children with SEND", "TUPE transfer")


@pytest.fixture
def dispute(demo_log: Log) -> int:
    (only,) = disputes.list_disputes(demo_log)
    return only.id


def test_the_demo_log_is_whole(demo_log_file: Path) -> None:
    report = check_log(demo_log_file, quick=False)
    assert report.ok, report.problems
    assert report.is_log and report.integrity == ("ok",) and report.foreign_keys == ()


def test_the_dispute_says_where_its_dates_come_from(demo_log: Log, dispute: int) -> None:
    row = disputes.get_dispute(demo_log, dispute)
    assert row.title == "Specialist Teaching and Learning Service restructure"
    assert row.employer == "Kent County Council"
    assert "fictional" in row.branch
    for fact in (
        "Kent Local News",
        "1 September 2024",
        "25 February 2025",
        "1 September 2025",
        "25 February 2026",
    ):
        assert fact in row.summary


def test_people_are_plainly_fictional_and_from_both_sides(demo_log: Log, dispute: int) -> None:
    everyone = people.list_people(demo_log, dispute)
    assert all("Fictional person for the demo log" in p.notes for p in everyone)
    names = {p.name for p in everyone}
    assert {"Siân Llywelyn", "Bartłomiej Wójcik", "Małgorzata Zielińska"} <= names
    roles = {p.role for p in everyone}
    assert {PersonRole.MEMBER, PersonRole.REP, PersonRole.OFFICER, PersonRole.EMPLOYER_REP} <= roles


def test_the_four_grievances_from_the_article_and_members_own(demo_log: Log, dispute: int) -> None:
    rows = grievances.list_grievances(demo_log, GrievanceQuery(dispute))
    details = [grievances.get_grievance(demo_log, g.id) for g in rows]
    from_article = [d for d in details if "four staff grievances" in d.detail]
    assert len(from_article) == 4
    for words in ARTICLE_GRIEVANCES:
        assert any(words.lower() in d.row.title.lower() for d in from_article), words
    assert all(d.row.scope is GrievanceScope.COLLECTIVE and d.employer_response for d in from_article)
    individual = [d for d in details if d.row.scope is GrievanceScope.INDIVIDUAL]
    assert len(individual) >= 3 and all(d.raised_by for d in individual)
    assert len({d.row.status for d in details}) >= 4  # open, raised, in negotiation, resolved, withdrawn
    assert sum(d.row.confidential for d in details) == 1


def test_council_proposals_have_revisions_and_both_sides_positions(demo_log: Log, dispute: int) -> None:
    rows = proposals.list_proposals(demo_log, ProposalQuery(dispute))
    council = [proposals.get_proposal(demo_log, p.id) for p in rows if p.tabled_by is TabledBy.EMPLOYER]
    assert len(council) >= 3
    for p in council:
        assert 2 <= len(p.revisions) <= 3
        assert p.revisions[-1].text == p.text != p.revisions[0].text
        assert p.employer_position and p.union_position and p.grievances
    assert any(p.tabled_by is TabledBy.UNION for p in rows)
    texts = " ".join(p.revisions[0].text + p.row.title for p in council).lower()
    for commitment in ("implementation group", "role profiles", "no compulsory redundancies"):
        assert commitment in texts


def test_meetings_have_minutes_attendees_and_actions(demo_log: Log, dispute: int) -> None:
    today = date.today()
    rows = meetings.list_meetings(demo_log, dispute, today=today)
    assert len(rows) >= 4
    kinds = {m.kind for m in rows}
    assert {
        MeetingKind.NEGOTIATION,
        MeetingKind.JCC,
        MeetingKind.BRANCH,
        MeetingKind.MEMBERS_MEETING,
    } <= kinds
    details = [meetings.get_meeting(demo_log, m.id, today) for m in rows]
    assert all(d.minutes and d.attendees and d.actions for d in details)
    negotiation = [d for d in details if d.row.kind is MeetingKind.NEGOTIATION]
    assert all({a.side for a in d.attendees} >= {Side.UNION, Side.EMPLOYER} for d in negotiation)
    actions = [a for d in details for a in d.actions]
    assert sum(a.done_on is not None for a in actions) >= 5
    assert sum(a.overdue(today) for a in actions) >= 2
    assert sum(d.row.confidential for d in details) == 1


def test_members_are_named_in_minutes(demo_log: Log, dispute: int) -> None:
    members = {p.name for p in people.list_people(demo_log, dispute, role=PersonRole.MEMBER)}
    minutes = [
        meetings.get_meeting(demo_log, m.id).minutes for m in meetings.list_meetings(demo_log, dispute)
    ]
    named = {name for name in members for text in minutes if name in text}
    assert "Bartłomiej Wójcik" in named and len(named) >= 3


def test_ballots_give_a_mandate_that_covers_the_strike_day(demo_log: Log, dispute: int) -> None:
    recorded = {b.kind: b for b in ballots.list_ballots(demo_log, dispute)}
    assert set(recorded) == {BallotKind.INDICATIVE, BallotKind.STATUTORY}
    assert all(b.votes_cast and b.yes_votes and b.eligible for b in recorded.values())
    statutory = recorded[BallotKind.STATUTORY]
    assert statutory.important_public_service and statutory.notice_given_on is not None
    facts = {
        kind: BallotFacts(b.opens_on, b.closes_on, b.eligible or 0, b.votes_cast or 0, b.yes_votes or 0,
                          b.no_votes or 0, b.important_public_service)
        for kind, b in recorded.items()
    }  # fmt: skip
    result = assess(facts[BallotKind.STATUTORY])
    assert result.valid and result.turnout >= 0.5 and result.support_threshold_met

    dates = {k.kind: k for k in ballots.list_key_dates(demo_log, dispute)}
    assert dates[KeyDateKind.STRIKE_DAY].starts_on == date(2025, 2, 25)
    assert dates[KeyDateKind.TUPE_TRANSFER].starts_on == date(2024, 9, 1)
    assert "1 September 2025" in dates[KeyDateKind.TUPE_TRANSFER].note
    notice = dates[KeyDateKind.NOTICE_SERVED].starts_on
    covered = check_action_day(
        date(2025, 2, 25), [(f, kind.value) for kind, f in facts.items()], [(notice, False)]
    )
    assert covered == []
    titles = " ".join(k.title for k in ballots.list_key_dates(demo_log, dispute))
    assert "Improvement Notice issued" in titles and "Improvement Notice lifted" in titles


def test_every_record_has_its_audit_trail(demo_log: Log) -> None:
    models = (Dispute, Person, Grievance, Proposal, ProposalRevision, Meeting, ActionItem, Ballot, KeyDate,
              Attachment)  # fmt: skip
    with demo_log.reading() as s:
        created = {
            (entity, entity_id)
            for entity, entity_id in s.execute(
                select(AuditEntry.entity, AuditEntry.entity_id).where(
                    AuditEntry.action == AuditAction.CREATED
                )
            )
        }
        actors = set(s.scalars(select(AuditEntry.actor).distinct()))
        for model in models:
            ids = set(s.scalars(select(model.id)))
            assert ids, model.__tablename__
            missing = {i for i in ids if (model.__tablename__, i) not in created}
            assert not missing, (model.__tablename__, missing)
        changes = s.scalar(select(AuditEntry.id).where(AuditEntry.action == AuditAction.CHANGED).limit(1))
    assert actors == {DEMO_ACTOR}
    assert changes is not None  # the demo's records changed over time, as a real log's do


def test_today_decides_only_which_actions_are_done(log: Log) -> None:
    dispute = build_demo(log, today=date(2025, 3, 20))
    actions = meetings.list_actions(log, dispute)
    overdue = [a.description for a in actions if a.overdue(date(2025, 3, 20))]
    assert len(overdue) == 2  # the two from the meeting of 5 March that were due by the 19th
    assert all(a.done_on is None or a.done_on <= date(2025, 3, 20) for a in actions)
    assert any(a.done_on == date(2025, 3, 7) for a in actions)
    key_dates = {k.kind: k.starts_on for k in ballots.list_key_dates(log, dispute)}
    assert key_dates[KeyDateKind.STRIKE_DAY] == date(2025, 2, 25)


def test_write_demo_log_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "mine.stlslog"
    target.write_bytes(b"a rep's own file")
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    with pytest.raises(LogError, match="already exists"):
        write_demo_log(target)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.stlslog"]


def test_write_demo_log_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(LogError, match="does not exist"):
        write_demo_log(tmp_path / "nowhere" / "demo.stlslog")


def test_write_demo_log_leaves_only_the_log(tmp_path: Path) -> None:
    written = write_demo_log(tmp_path / "demo.stlslog")
    assert written == tmp_path / "demo.stlslog"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.stlslog"]
