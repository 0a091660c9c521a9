"""The search index follows every create, change and delete, whichever path made it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from stls_desk.db.log import Log, open_log
from stls_desk.services import attachments, disputes, grievances, meetings, people, proposals
from stls_desk.services.search import grouped, match_expression, owner_of, search


def found(log: Log, query: str) -> set[tuple[str, int]]:
    return {(h.entity, h.id) for h in search(log, query)}


def test_every_kind_of_text_is_found(log: Log, dispute_id: int) -> None:
    g = grievances.create_grievance(
        log, dispute_id, "Caseload", detail="Specialist teachers' caseloads doubled"
    ).id
    p = proposals.create_proposal(
        log, dispute_id, "Dialogue", union_position="Reject unless caseloads capped"
    ).id
    m = meetings.create_meeting(
        log, dispute_id, "JCC", datetime(2025, 1, 8, 10), minutes="Caseloads discussed"
    ).id
    assert found(log, "caseloads") == {("grievance", g), ("proposal", p), ("meeting", m)}


def test_matches_are_prefixes_and_ignore_accents(log: Log, dispute_id: int) -> None:
    person = people.create_person(log, dispute_id, "Siân Łukasiewicz").id
    assert ("person", person) in found(log, "sian")
    assert ("person", person) in found(log, "Łukas")


def test_a_change_replaces_the_old_words(log: Log, dispute_id: int) -> None:
    g = grievances.create_grievance(log, dispute_id, "Mileage rates").id
    grievances.change_grievance(log, g, title="Travel allowance")
    assert found(log, "mileage") == set()
    assert found(log, "travel") == {("grievance", g)}


def test_deleted_text_is_no_longer_found(log: Log, dispute_id: int) -> None:
    g = grievances.create_grievance(log, dispute_id, "Lone working").id
    grievances.delete_grievance(log, g)
    assert found(log, "lone") == set()
    people.delete_person(log, people.create_person(log, dispute_id, "Bartłomiej Wójcik").id)
    assert found(log, "Wójcik") == set()


def test_references_and_snippets(log: Log, dispute_id: int) -> None:
    grievances.create_grievance(
        log, dispute_id, "Job roles", detail="Staff unsure of their roles after restructure"
    )
    (hit,) = search(log, "unsure")
    assert hit.title == "G-001 Job roles"
    assert ("unsure", True) in hit.snippet
    assert hit.kind_label == "Grievances"


def test_search_can_keep_to_one_dispute(log: Log, dispute_id: int) -> None:
    other = disputes.create_dispute(log, "Pay dispute").id
    mine = grievances.create_grievance(log, dispute_id, "Workload").id
    grievances.create_grievance(log, other, "Workload")
    assert {h.id for h in search(log, "workload", dispute_id=dispute_id)} == {mine}


def test_results_group_by_kind(log: Log, dispute_id: int) -> None:
    grievances.create_grievance(log, dispute_id, "TUPE terms")
    proposals.create_proposal(log, dispute_id, "TUPE assurances", tabled_on=date(2025, 1, 1))
    assert list(grouped(search(log, "tupe"))) == ["grievance", "proposal"]


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_any_typed_text_is_a_safe_query(typed: str) -> None:
    expression = match_expression(typed)
    conn_log = _shared_log()
    with conn_log.reading() as s:
        s.execute(
            text("SELECT count(*) FROM search_index WHERE search_index MATCH :q"), {"q": expression or '""'}
        )


_LOG: list[Log] = []


def _shared_log() -> Log:
    if not _LOG:
        import tempfile

        folder = Path(tempfile.mkdtemp())
        _LOG.append(open_log(folder / "search.stlslog", create=True))
    return _LOG[0]


def test_an_older_log_is_indexed_when_migrated(tmp_path: Path) -> None:
    """Migration 0002 indexes what a log written by 0001 already holds."""
    from alembic import command

    from stls_desk.db.log import make_engine
    from stls_desk.db.migrate import alembic_config

    path = tmp_path / "old.stlslog"
    engine = make_engine(path)
    command.upgrade(alembic_config(engine), "0001")  # type: ignore[arg-type]
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO dispute (id, uuid, created_at, updated_at, title, employer, branch, summary, status) "
            "VALUES (1, 'u1', '2025-01-01', '2025-01-01', 'Old dispute', '', '', 'Redeployment', 'active')"
        )
    engine.dispose()
    log = open_log(path)
    try:
        assert found(log, "redeployment") == {("dispute", 1)}
    finally:
        log.close()


def test_a_record_shown_inside_another_is_opened_through_its_owner(log: Log, dispute_id: int) -> None:
    p = proposals.create_proposal(log, dispute_id, "Pay protection", tabled_on=date(2025, 1, 1)).id
    revision = proposals.add_revision(log, p, date(2025, 1, 8), "Three years' protection").id
    m = meetings.create_meeting(log, dispute_id, "JCC", datetime(2025, 1, 8, 10)).id
    action = meetings.add_action(log, m, "Send the minutes").id
    g = grievances.create_grievance(log, dispute_id, "Lease cars").id
    letter = attachments.add_attachment(log, "grievance", g, "letter.pdf", b"%PDF-1.4").id
    assert owner_of(log, "proposal_revision", revision) == ("proposal", p)
    assert owner_of(log, "action_item", action) == ("meeting", m)
    assert owner_of(log, "attachment", letter) == ("grievance", g)
    assert owner_of(log, "grievance", g) == ("grievance", g)
    meetings.delete_meeting(log, m)
    assert owner_of(log, "action_item", action) is None
