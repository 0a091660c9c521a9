"""A member's right to erasure: after it, the name is nowhere in the log file's bytes, nor its -wal."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from stls_desk.db.backup import list_backups, make_backup, purge_backups_older_than
from stls_desk.db.health import check_log
from stls_desk.db.log import Log
from stls_desk.db.models import AuditEntry
from stls_desk.domain.enums import Side
from stls_desk.services import attachments, grievances, meetings, people, search
from stls_desk.services.erasure import ERASED, erase_person, find_mentions, name_pattern

NAME = "Zebedee Quartermaine"
CONTACT = "zeb.quartermaine@example.org"
TRACES = (b"zebedee", b"quartermaine")  # what must not survive anywhere in the file, in any case


def log_bytes(log: Log) -> bytes:
    wal = log.path.with_name(log.path.name + "-wal")
    return (log.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")).lower()


@pytest.fixture
def member(log: Log, dispute_id: int) -> int:
    """A member named in every way the log allows: record, links, free text, the audit trail's copies."""
    zeb = people.create_person(log, dispute_id, "Zebedee Q.", workplace="Ashford", contact=CONTACT).id
    people.change_person(log, zeb, name=NAME, notes="Prefers phone calls")
    rep = people.create_person(log, dispute_id, "Ada Rep").id
    g = grievances.create_grievance(
        log, dispute_id, f"{NAME}'s travel time", detail="Travel time not paid.", raised_by=[zeb, rep]
    ).id
    grievances.change_grievance(log, g, detail=f"Travel time not paid. {NAME} drives 200 miles a week.")
    meeting = meetings.create_meeting(
        log,
        dispute_id,
        "Negotiation",
        datetime(2024, 6, 3, 14, 30),
        minutes=f"zebedee  QUARTERMAINE explained the rota.\nWrite to {CONTACT}.",
    ).id
    meetings.set_attendees(log, meeting, [(zeb, Side.UNION), (rep, Side.UNION)])
    meetings.add_action(log, meeting, f"Send the rota to {NAME}", owner_id=zeb, due_on=date(2024, 6, 10))
    return zeb


def test_mentions_are_found_before_anything_changes(log: Log, member: int) -> None:
    found = {(m.entity, m.field) for m in find_mentions(log, member)}
    assert {
        ("grievance", "title"),
        ("grievance", "detail"),
        ("meeting", "minutes"),
        ("action_item", "description"),
        ("audit_entry", "summary"),
        ("audit_entry", "changes"),
    } <= found
    assert ("person", "name") not in found  # their own record is not a "mention"
    assert people.get_person(log, member).name == NAME


def test_erasure_leaves_no_trace_in_the_file(log: Log, dispute_id: int, member: int) -> None:
    assert all(trace in log_bytes(log) for trace in TRACES)
    result = erase_person(log, member, replace_in_text=True)

    assert result.checkpointed and result.remaining == ()
    assert {m.entity for m in result.replaced} >= {"grievance", "meeting", "action_item", "audit_entry"}
    assert "search_index" in result.search_indexes
    assert people.list_people(log, dispute_id)[0].name == "Ada Rep"
    (g,) = grievances.list_grievances(log, grievances.GrievanceQuery(dispute_id))
    detail = grievances.get_grievance(log, g.id)
    assert detail.raised_by == ((people.list_people(log, dispute_id)[0].id, "Ada Rep"),)
    assert g.title == f"{ERASED}'s travel time"
    assert detail.detail == f"Travel time not paid. {ERASED} drives 200 miles a week."
    meeting = meetings.get_meeting(log, meetings.list_meetings(log, dispute_id)[0].id)
    assert meeting.minutes == f"{ERASED} explained the rota.\nWrite to {ERASED}."
    assert [a.name for a in meeting.attendees] == ["Ada Rep"]
    assert [(a.description, a.owner_id) for a in meeting.actions] == [(f"Send the rota to {ERASED}", None)]
    assert search.search(log, "Quartermaine") == [] and search.search(log, "Zebedee") == []

    data = log_bytes(log)
    for trace in (*TRACES, CONTACT.encode()):
        assert trace not in data, f"{trace!r} is still in the log file"
    assert check_log(log.path).ok


def test_the_audit_trail_records_the_erasure_without_the_name(log: Log, member: int) -> None:
    erase_person(log, member, replace_in_text=True)
    with log.reading() as s:
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        trail = [(e.entity, e.action.value, e.summary, json.loads(e.changes)) for e in entries]
    assert (
        "person",
        "deleted",
        "Member #1",
        {"contact": None, "name": None, "notes": None, "role": ["member", None], "workplace": None},
    ) in trail
    erased = [t for t in trail if t[2] == "A person's name was erased from this record"]
    assert {t[0] for t in erased} == {"grievance", "meeting", "action_item"}
    assert all(set(t[3].values()) == {None} for t in erased)  # field names only, never the old text
    assert "zebedee" not in json.dumps(trail).lower()


def test_without_replacing_text_the_mentions_stay_and_are_reported(log: Log, member: int) -> None:
    result = erase_person(log, member, replace_in_text=False)
    assert result.replaced == ()
    assert {(m.entity, m.field) for m in result.remaining} >= {
        ("grievance", "detail"),
        ("meeting", "minutes"),
    }
    assert b"quartermaine" in log_bytes(log)  # as the rep chose: their text is theirs to keep


def test_what_cannot_be_replaced_is_reported(log: Log, dispute_id: int, member: int) -> None:
    people.create_person(log, dispute_id, NAME)  # the same member entered twice
    g = grievances.list_grievances(log, grievances.GrievanceQuery(dispute_id))[0].id
    attachments.add_attachment(log, "grievance", g, "letter.txt", f"Dear {NAME},".encode())
    result = erase_person(log, member, replace_in_text=True)
    left = {(m.entity, m.field, m.replaceable) for m in result.remaining}
    assert left == {("person", "name", False), ("attachment", "contents", False)}


def test_personal_values_never_reach_the_audit_trail(log: Log, dispute_id: int) -> None:
    """Create, change, merge and delete a person: the trail says which fields, never what they held."""
    values = (
        "Yolanda Personal",
        "Yoli Personal",
        "07700 900777",
        "Sevenoaks School",
        "Has a hearing on Monday",
    )
    keep = people.create_person(log, dispute_id, values[0], contact=values[2], workplace=values[3]).id
    dupe = people.create_person(log, dispute_id, values[1], notes=values[4]).id
    people.change_person(log, keep, name=values[1], contact="", notes=values[4])
    people.merge_people(log, keep, dupe)
    people.delete_person(log, keep)
    with log.reading() as s:
        trail = json.dumps([(e.summary, e.changes) for e in s.scalars(select(AuditEntry))])
    for value in values:
        for word in value.split():
            if word not in ("School", "Has", "a", "on", "Monday", "hearing"):
                assert word not in trail, word


def test_any_search_index_is_purged(log: Log, dispute_id: int, member: int) -> None:
    """An index added later without triggers (holding its own copy of text), and one over the records."""
    with log.writing() as s:
        s.execute(text("CREATE VIRTUAL TABLE notes_index USING fts5(body)"))
        s.execute(text("INSERT INTO notes_index (body) VALUES (:b)"), {"b": f"Call {NAME} on Monday"})
        s.execute(
            text("CREATE VIRTUAL TABLE people_index USING fts5(name, content='person', content_rowid='id')")
        )
        s.execute(text("INSERT INTO people_index (people_index) VALUES ('rebuild')"))
    result = erase_person(log, member, replace_in_text=True)
    assert {"notes_index", "people_index", "search_index"} <= set(result.search_indexes)
    with log.reading() as s:
        assert s.execute(text("SELECT body FROM notes_index")).scalar() == f"Call {ERASED} on Monday"
        assert (
            s.execute(
                text("SELECT count(*) FROM people_index WHERE people_index MATCH 'quartermaine'")
            ).scalar()
            == 0
        )
    for trace in TRACES:
        assert trace not in log_bytes(log)


def test_older_backups_still_hold_the_name_until_purged(log: Log, member: int, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    before = make_backup(log.path, backups)
    erase_person(log, member, replace_in_text=True)
    assert b"quartermaine" in before.path.read_bytes().lower()
    removed = purge_backups_older_than(backups, date(2999, 1, 1))
    assert removed == [before.path] and list_backups(backups) == []


def test_the_name_pattern_is_whole_words_any_case_any_spacing() -> None:
    pattern = name_pattern("Ann Lee", "ann@example.org")
    assert pattern.sub("#", "ann  LEE, Ann\nLee, ann@example.org") == "#, #, #"
    assert pattern.sub("#", "Joann Leeson and Ann Leeds") == "Joann Leeson and Ann Leeds"


def test_deleting_through_erasure_leaves_no_trace_even_in_the_index(log: Log, dispute_id: int) -> None:
    """A plain delete leaves the name in the search index's old segments; erasure compacts them away."""
    for n in range(20):
        people.create_person(log, dispute_id, f"Filler Person{n}")
    zeb = people.create_person(log, dispute_id, NAME, contact=CONTACT).id
    meeting = meetings.create_meeting(log, dispute_id, "Negotiation", datetime(2024, 6, 3, 14, 30)).id
    meetings.set_attendees(log, meeting, [(zeb, Side.UNION)])
    result = erase_person(log, zeb, replace_in_text=False)
    assert result.remaining == () and result.checkpointed
    for trace in TRACES:
        assert trace not in log_bytes(log)
