"""The Overview's indexes (migration 0003): a log of an older format gets them, and its counts use them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from stls_desk.db.backup import list_backups
from stls_desk.db.log import SCHEMA_VERSION, Log, checkpoint, make_engine, open_log
from stls_desk.db.migrate import alembic_config, head_revision

OVERVIEW_INDEXES = {
    "ix_action_item_open": (
        "CREATE INDEX ix_action_item_open ON action_item (meeting_id, due_on) WHERE done_on IS NULL"
    ),
    "ix_proposal_dispute_status_respond_by": (
        "CREATE INDEX ix_proposal_dispute_status_respond_by ON proposal (dispute_id, status, respond_by)"
    ),
}
OVERDUE_ACTIONS = (
    "SELECT count(*) FROM action_item JOIN meeting ON meeting.id = action_item.meeting_id"
    " WHERE meeting.dispute_id = :dispute AND action_item.done_on IS NULL AND action_item.due_on < :today"
)
ANSWERS_DUE = (
    "SELECT id FROM proposal WHERE dispute_id = :dispute AND status IN ('tabled', 'under_consideration')"
    " AND respond_by BETWEEN :today AND :horizon"
)


def migrate_to(path: Path, revision: str, *, down: bool = False) -> None:
    """Run the migrations up (or down) to `revision` alone, as the version that shipped it left the log."""
    engine = make_engine(path)
    try:
        config = alembic_config(engine)
        assert isinstance(config, Config)
        (command.downgrade if down else command.upgrade)(config, revision)
        checkpoint(engine)
    finally:
        engine.dispose()


def overview_indexes(path: Path) -> tuple[dict[str, str], int]:
    """The log's Overview indexes (name: SQL) and its format (user_version)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (?, ?)",
            tuple(OVERVIEW_INDEXES),
        ).fetchall()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    return dict(rows), version


def plan(log: Log, query: str) -> str:
    params = {"dispute": 1, "today": "2026-11-28", "horizon": "2027-01-09"}
    with log.reading() as s:
        return " | ".join(row[3] for row in s.execute(text(f"EXPLAIN QUERY PLAN {query}"), params))


def test_a_new_log_has_the_overview_indexes(log: Log) -> None:
    assert overview_indexes(log.path) == (OVERVIEW_INDEXES, SCHEMA_VERSION)


def test_a_log_of_format_2_is_backed_up_then_given_the_indexes(log_path: Path, tmp_path: Path) -> None:
    migrate_to(log_path, "0002")
    assert overview_indexes(log_path) == ({}, 2)
    backups = tmp_path / "backups"
    open_log(log_path, backups_dir=backups).close()
    assert overview_indexes(log_path) == (OVERVIEW_INDEXES, SCHEMA_VERSION)
    assert [b.log_stem for b in list_backups(backups)] == ["test"]
    reopened = open_log(log_path)
    try:
        with reopened.reading() as s:
            assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    finally:
        reopened.close()


def test_downgrading_to_format_2_drops_the_indexes(log_path: Path) -> None:
    open_log(log_path, create=True).close()
    migrate_to(log_path, "0002", down=True)
    assert overview_indexes(log_path) == ({}, 2)


def test_overdue_actions_are_counted_on_the_open_actions_index(log: Log) -> None:
    """Only the open items, meeting by meeting: the done ones (most of a long dispute's) are never read."""
    assert "USING INDEX ix_action_item_open (meeting_id=? AND due_on<?)" in plan(log, OVERDUE_ACTIONS)


def test_answers_due_are_found_on_the_respond_by_index(log: Log) -> None:
    """Only the proposals awaiting an answer, by day: not every proposal of the dispute due in the window."""
    found = plan(log, ANSWERS_DUE)
    assert (
        "ix_proposal_dispute_status_respond_by (dispute_id=? AND status=? AND respond_by>? AND respond_by<?)"
        in found
    )
