"""Opening a log: the schema, the pragmas, and every kind of file that must be refused untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from stls_desk.db import driver
from stls_desk.db.log import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Log,
    LogError,
    LogInUseError,
    NewerLogError,
    NotALogError,
    checkpoint,
    open_log,
)
from stls_desk.db.migrate import MIGRATIONS, head_revision, include_object
from stls_desk.db.models import Base


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_migrated_schema_matches_the_models(log: Log) -> None:
    with log.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_schema_version_counts_the_shipped_migrations(log: Log) -> None:
    migrations = [p for p in (MIGRATIONS / "versions").glob("[0-9]*.py")]
    assert len(migrations) == SCHEMA_VERSION
    with log.reading() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()


def test_a_new_log_says_what_it_is(log: Log) -> None:
    with log.reading() as s:
        assert s.execute(text("PRAGMA application_id")).scalar() == APPLICATION_ID
        assert s.execute(text("PRAGMA user_version")).scalar() == SCHEMA_VERSION


def test_every_connection_has_the_safety_pragmas(log: Log) -> None:
    with log.reading() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert s.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
        assert s.execute(text("PRAGMA secure_delete")).scalar() == 1


def test_writes_take_the_lock_at_begin(log: Log) -> None:
    """BEGIN IMMEDIATE: while a write is open, another connection cannot start one."""
    # The app's own driver: two copies of SQLite in one process do not see each other's file locks.
    other = driver.connect(log.path, timeout=0)
    try:
        with log.writing() as s:
            s.execute(text("SELECT 1"))
            with pytest.raises(driver.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()


def test_reopening_an_up_to_date_log_does_not_migrate(log_path: Path) -> None:
    open_log(log_path, create=True).close()
    before = fingerprint(log_path)
    open_log(log_path).close()
    assert fingerprint(log_path)[0] == before[0]


def test_a_second_window_on_the_same_log_is_refused(log: Log) -> None:
    with pytest.raises(LogInUseError, match="already open in another STLS Desk window"):
        open_log(log.path)


def test_readers_can_open_alongside_the_window(log: Log) -> None:
    reader = open_log(log.path, exclusive=False)
    try:
        with reader.reading() as s:
            assert s.execute(text("SELECT count(*) FROM dispute")).scalar() == 0
    finally:
        reader.close()


def test_closing_releases_the_window_lock(log_path: Path) -> None:
    open_log(log_path, create=True).close()
    open_log(log_path).close()


def test_a_missing_log_is_not_created_unless_asked(tmp_path: Path) -> None:
    with pytest.raises(LogError, match="There is no log"):
        open_log(tmp_path / "missing.stlslog")
    assert not (tmp_path / "missing.stlslog").exists()


def test_a_log_in_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(LogError, match="does not exist"):
        open_log(tmp_path / "nowhere" / "new.stlslog", create=True)


@pytest.mark.parametrize(
    "content",
    [os.urandom(4000), b"Minutes of the branch meeting\n" * 50, b"SQLite format 3\x00" + os.urandom(4000)],
    ids=["random bytes", "a text file", "a broken sqlite header"],
)
def test_a_file_that_is_not_a_log_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.stlslog"
    path.write_bytes(content)
    before = fingerprint(path)
    with pytest.raises(NotALogError):
        open_log(path)
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.stlslog"]


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contact (name TEXT)")
    conn.execute("INSERT INTO contact VALUES ('someone')")
    conn.commit()
    conn.close()
    before = fingerprint(path)
    with pytest.raises(NotALogError, match="another program's database"):
        open_log(path)
    assert fingerprint(path) == before


def test_a_log_from_a_newer_version_is_refused_untouched(log_path: Path) -> None:
    made = open_log(log_path, create=True)
    with made.writing() as s:
        s.execute(text("UPDATE log_info SET value = '9.4.0' WHERE key = 'requires_app_version'"))
        s.execute(text(f"PRAGMA user_version = {SCHEMA_VERSION + 3}"))
    checkpoint(made.engine)
    made.close()
    before = fingerprint(log_path)
    with pytest.raises(NewerLogError) as refused:
        open_log(log_path)
    assert "version 9.4.0 or newer" in str(refused.value)
    assert fingerprint(log_path) == before


def test_an_empty_sqlite_file_becomes_a_log(tmp_path: Path) -> None:
    path = tmp_path / "empty.stlslog"
    sqlite3.connect(path).close()
    opened = open_log(path)
    opened.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotALogError, match="folder"):
        open_log(tmp_path)
