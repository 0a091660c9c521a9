"""Damaged logs: detected on opening, never written to, never deleted, kept aside, a backup offered."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from stls_desk.db.backup import make_backup
from stls_desk.db.driver import LogKey
from stls_desk.db.health import DAMAGED_TAG, check_log, integrity_problems
from stls_desk.db.log import (
    DamagedLogError,
    Log,
    NotALogError,
    PassphraseNeededError,
    WrongPassphraseError,
    open_log,
)
from stls_desk.services import disputes, grievances


def fingerprint(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def overwrite_a_page(path: Path) -> None:
    """Random bytes over one page of the grievance table's b-tree, as a bad sector or a stray write would."""
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        page = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'grievance' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 2"
        ).fetchone()[0]
    conn.close()
    with path.open("r+b") as f:
        f.seek((page - 1) * page_size)
        f.write(os.urandom(page_size))


DAMAGE: dict[str, Callable[[Path], None]] = {"truncated": truncate, "overwritten page": overwrite_a_page}


@pytest.fixture
def closed_log(log: Log, dispute_id: int) -> Path:
    """A log holding enough grievances to span many pages, closed and fully checkpointed."""
    for n in range(200):
        grievances.create_grievance(
            log, dispute_id, f"Grievance {n}", detail=f"Detail of grievance {n}. " * 12
        )
    log.close()
    return log.path


def test_a_healthy_log_passes(closed_log: Path) -> None:
    report = check_log(closed_log)
    assert report.ok and report.is_log and report.integrity == ("ok",)
    assert "OK" in report.lines()[0]
    open_log(closed_log).close()


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_damage_is_detected_kept_and_never_modified(
    closed_log: Path, tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    backups = tmp_path / "backups"
    good = make_backup(closed_log, backups)
    damage(closed_log)
    before = fingerprint(closed_log)

    with pytest.raises(DamagedLogError) as refused:
        open_log(closed_log, backups_dir=backups)
    error = refused.value
    assert fingerprint(closed_log) == before  # never written to
    assert error.problems and error.path == closed_log
    assert error.kept_at is not None and error.kept_at.name.startswith(closed_log.name + DAMAGED_TAG)
    assert error.kept_at.read_bytes() == closed_log.read_bytes()
    assert error.newest_backup is not None and error.newest_backup.path == good.path
    assert "has not changed it" in str(error) and "restore it" in str(error)

    # Opening it again neither changes it nor piles up copies; the lock was released each time.
    with pytest.raises(DamagedLogError):
        open_log(closed_log, backups_dir=backups)
    assert fingerprint(closed_log) == before
    assert len(list(tmp_path.glob(f"*{DAMAGED_TAG}*"))) == 1

    report = check_log(closed_log)
    assert not report.ok and report.damaged
    assert fingerprint(closed_log) == before


def test_a_damaged_log_without_backups_says_so(closed_log: Path, tmp_path: Path) -> None:
    truncate(closed_log)
    with pytest.raises(DamagedLogError, match="no good backup") as refused:
        open_log(closed_log, backups_dir=tmp_path / "none")
    assert refused.value.newest_backup is None


def test_random_bytes_are_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "noise.stlslog"
    path.write_bytes(os.urandom(64 * 1024 + 7))  # not whole pages: not an encrypted log either
    before = fingerprint(path)
    with pytest.raises(NotALogError):
        open_log(path)
    assert fingerprint(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["noise.stlslog"]
    assert not check_log(path).ok


def test_whole_pages_of_noise_ask_for_a_passphrase_and_no_passphrase_opens_them(tmp_path: Path) -> None:
    """Whole pages of random bytes are what an encrypted log looks like: only a passphrase tells them
    apart, and a passphrase that does not open them is a wrong passphrase, never damage."""
    path = tmp_path / "noise.stlslog"
    path.write_bytes(os.urandom(64 * 1024))
    before = fingerprint(path)
    with pytest.raises(PassphraseNeededError):
        open_log(path)
    with pytest.raises(WrongPassphraseError):
        open_log(path, key=LogKey.for_file("any passphrase", path), backups_dir=tmp_path / "backups")
    assert fingerprint(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["noise.stlslog"]
    assert not check_log(path).ok


def test_a_log_left_by_a_crash_is_not_mistaken_for_damage(tmp_path: Path) -> None:
    """Changes waiting in the -wal (a checkpoint never ran) are part of the log, not damage."""
    live = open_log(tmp_path / "live.stlslog", create=True)
    dispute = disputes.create_dispute(live, "Dispute").id
    crashed = tmp_path / "crashed.stlslog"
    writer = sqlite3.connect(live.path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE dispute SET summary = 'written just before the crash' WHERE id = ?", (dispute,))
    writer.commit()
    shutil.copy(live.path, crashed)
    shutil.copy(live.path.with_name("live.stlslog-wal"), crashed.with_name("crashed.stlslog-wal"))
    writer.close()
    live.close()
    assert integrity_problems(crashed) == []
    reopened = open_log(crashed)
    try:
        assert disputes.get_dispute(reopened, dispute).summary == "written just before the crash"
    finally:
        reopened.close()
    assert not list(tmp_path.glob(f"*{DAMAGED_TAG}*"))


def test_the_full_check_also_checks_foreign_keys(closed_log: Path) -> None:
    conn = sqlite3.connect(closed_log)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE grievance SET dispute_id = 999 WHERE number = 1")
    conn.commit()
    conn.close()
    report = check_log(closed_log)
    assert not report.ok and not report.damaged
    assert report.foreign_keys and "dispute" in report.foreign_keys[0]


# ----- the check deferred to a background thread (open_log(check="deferred")) ----------------------------


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_log_opened_deferred_refuses_its_first_write_untouched(
    closed_log: Path, tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    backups = tmp_path / "backups"
    good = make_backup(closed_log, backups)
    damage(closed_log)
    before = fingerprint(closed_log)

    opened = open_log(closed_log, backups_dir=backups, check="deferred")
    try:
        with pytest.raises(DamagedLogError) as refused:
            grievances.create_grievance(opened, 1, "Written to a damaged log")
        assert opened.check_finished()
        assert opened.damage() is refused.value
        assert refused.value.newest_backup is not None and refused.value.newest_backup.path == good.path
        with pytest.raises(DamagedLogError):  # and every write after it
            grievances.create_grievance(opened, 1, "Written to a damaged log")
    finally:
        opened.close()
    assert fingerprint(closed_log) == before
    assert len(list(tmp_path.glob(f"*{DAMAGED_TAG}*"))) == 1


def test_a_good_log_opened_deferred_reads_at_once_and_writes_normally(closed_log: Path) -> None:
    opened = open_log(closed_log, check="deferred")
    try:
        assert opened.damage_check is not None  # the check runs behind the window, not before it
        assert grievances.count_grievances(opened, grievances.GrievanceQuery(1)) == 200
        created = grievances.create_grievance(opened, 1, "Written after the check")
        assert opened.check_finished() and opened.damage() is None
        assert grievances.get_grievance(opened, created.id).row.title == "Written after the check"
    finally:
        opened.close()
    assert integrity_problems(closed_log) == []


def test_a_log_opened_now_has_no_check_left_to_run(closed_log: Path) -> None:
    opened = open_log(closed_log)
    try:
        assert opened.damage_check is None and opened.check_finished() and opened.damage() is None
    finally:
        opened.close()


def test_a_log_that_needs_migrating_is_checked_before_opening_even_when_deferred(closed_log: Path) -> None:
    """Migrating writes to the log, so the check cannot wait for the first write."""
    with sqlite3.connect(closed_log) as conn:
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    truncate(closed_log)
    before = fingerprint(closed_log)
    with pytest.raises(DamagedLogError):
        open_log(closed_log, check="deferred")
    assert fingerprint(closed_log) == before
