"""Backups: verified copies that match the log, thinned as promised, restored only when it is safe."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from stls_desk.db import log as log_module
from stls_desk.db.backup import (
    SUFFIX,
    BackupError,
    backup_due,
    backup_if_due,
    backup_name,
    backups_to_keep,
    list_backups,
    make_backup,
    parse_backup_name,
    prune_backups,
    purge_backups_older_than,
    restore_backup,
    thinning_bucket,
)
from stls_desk.db.health import check_log
from stls_desk.db.log import Log, LogError, LogInUseError, open_log
from stls_desk.services import disputes, grievances, people

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(log: Log, dispute_id: int, grievance_count: int = 12) -> None:
    for n in range(grievance_count):
        grievances.create_grievance(log, dispute_id, f"Grievance {n}", detail="Cover not arranged. " * 20)
    people.create_person(log, dispute_id, "Ada Member", workplace="Ashford")


def comparable(counts: dict[str, int]) -> dict[str, int]:
    return {name: n for name, n in counts.items() if name != "proposal revisions"}


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def test_a_backup_is_verified_named_and_matches_the_log(log: Log, dispute_id: int, backups: Path) -> None:
    fill(log, dispute_id)
    made = make_backup(log.path, backups, now=NOW)
    assert made.path.name == f"test.2026-03-15T120000.000000Z{SUFFIX}"
    assert made.log_stem == "test" and made.taken_at == NOW
    assert made.counts == comparable(disputes.record_counts(log))
    assert made.records == 1 + 1 + 12
    assert check_log(made.path).ok
    assert [p.name for p in backups.iterdir()] == [made.path.name]  # no temporary file left behind
    with sqlite3.connect(made.path) as conn:  # one self-contained file: no -wal to carry with it
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_backup_taken_while_a_window_writes_is_a_consistent_snapshot(
    log: Log, dispute_id: int, backups: Path
) -> None:
    fill(log, dispute_id)
    writer = sqlite3.connect(log.path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM grievance")  # not committed: the backup must not see it
    try:
        made = make_backup(log.path, backups)
    finally:
        writer.rollback()
        writer.close()
    assert made.counts["grievances"] == 12


def test_backups_can_be_made_from_a_worker_thread(log: Log, dispute_id: int, backups: Path) -> None:
    fill(log, dispute_id, 3)
    made: list[object] = []
    worker = threading.Thread(target=lambda: made.append(make_backup(log.path, backups)))
    worker.start()
    for n in range(20):  # the window keeps saving meanwhile
        grievances.create_grievance(log, dispute_id, f"Saved during the backup {n}")
    worker.join()
    assert len(made) == 1 and check_log(list_backups(backups)[0].path).ok


def test_names_round_trip_and_stems_may_hold_dots() -> None:
    name = backup_name("Kent.STLS 2026", NOW)
    assert parse_backup_name(name) == ("Kent.STLS 2026", NOW)
    assert parse_backup_name("Kent.stlslog") is None


def test_backup_due_when_the_newest_is_a_day_old(log: Log, backups: Path) -> None:
    assert backup_due(log.path, backups, NOW)
    make_backup(log.path, backups, now=NOW)
    assert not backup_due(log.path, backups, NOW + timedelta(hours=23))
    assert backup_due(log.path, backups, NOW + timedelta(hours=24))


def test_backup_if_due_backs_up_once_a_day_and_thins(log: Log, backups: Path) -> None:
    assert backup_if_due(log.path, backups, now=NOW) is not None
    assert backup_if_due(log.path, backups, now=NOW + timedelta(hours=2)) is None
    for day in range(1, 40):
        backup_if_due(log.path, backups, now=NOW + timedelta(days=day))
    taken = [b.taken_at for b in list_backups(backups, "test")]
    assert len(taken) < 40
    assert taken[0] == NOW + timedelta(days=39)


def test_list_backups_reads_without_changing_and_filters_by_log(
    log: Log, dispute_id: int, tmp_path: Path, backups: Path
) -> None:
    other = open_log(tmp_path / "other.stlslog", create=True)
    other.close()
    first = make_backup(log.path, backups, now=NOW)
    fill(log, dispute_id, 2)
    second = make_backup(log.path, backups, now=NOW + timedelta(hours=1))
    make_backup(other.path, backups, now=NOW)
    before = {p.name: digest(p) for p in backups.iterdir()}
    mine = list_backups(backups, "test")
    assert [b.path for b in mine] == [second.path, first.path]  # newest first
    assert [b.counts["grievances"] for b in mine] == [2, 0]
    assert len(list_backups(backups)) == 3
    assert {p.name: digest(p) for p in backups.iterdir()} == before  # nothing written, no -wal made


def test_a_damaged_log_is_not_backed_up(log: Log, dispute_id: int, backups: Path) -> None:
    fill(log, dispute_id, 30)
    log.close()
    data = log.path.read_bytes()
    log.path.write_bytes(data[: len(data) // 2])
    with pytest.raises(LogError):
        make_backup(log.path, backups)
    assert not backups.exists() or not any(backups.iterdir())


def test_restore_round_trips_and_keeps_the_log_it_replaces(log: Log, dispute_id: int, backups: Path) -> None:
    fill(log, dispute_id, 3)
    made = make_backup(log.path, backups, now=NOW)
    fill(log, dispute_id, 5)  # later work, which the restore replaces
    later = comparable(disputes.record_counts(log))
    log.close()
    result = restore_backup(made, log.path, backups)
    assert result.safety_backup is not None and result.safety_backup.counts == later
    assert result.damaged_copy is None
    reopened = open_log(log.path)
    try:
        assert comparable(disputes.record_counts(reopened)) == made.counts
    finally:
        reopened.close()
    # ...and the restore can itself be undone from the safety backup.
    restore_backup(result.safety_backup, log.path, backups)
    reopened = open_log(log.path)
    try:
        assert comparable(disputes.record_counts(reopened)) == later
    finally:
        reopened.close()


def test_restore_is_refused_while_a_window_has_the_log_open(log: Log, backups: Path) -> None:
    made = make_backup(log.path, backups)
    before = digest(log.path)
    with pytest.raises(LogInUseError, match="already open"):
        restore_backup(made, log.path, backups)
    assert digest(log.path) == before
    assert len(list_backups(backups)) == 1  # not even a safety backup was made


def test_restore_refuses_a_damaged_or_foreign_backup(log: Log, dispute_id: int, backups: Path) -> None:
    fill(log, dispute_id, 30)
    made = make_backup(log.path, backups)
    log.close()
    before = digest(log.path)
    data = made.path.read_bytes()
    made.path.write_bytes(data[: len(data) // 2])
    with pytest.raises(BackupError, match=r"cannot be restored: it is unreadable|is damaged"):
        restore_backup(made.path, log.path, backups)
    made.path.write_bytes(b"not a log at all" * 100)
    with pytest.raises(BackupError, match="not an STLS Desk log"):
        restore_backup(made.path, log.path, backups)
    assert digest(log.path) == before


def test_restore_over_a_damaged_log_keeps_a_copy_of_it(log: Log, dispute_id: int, backups: Path) -> None:
    fill(log, dispute_id, 30)
    made = make_backup(log.path, backups)
    log.close()
    data = log.path.read_bytes()
    log.path.write_bytes(data[: len(data) // 2])
    damaged = digest(log.path)
    result = restore_backup(made, log.path, backups)
    assert result.damaged_copy is not None and digest(result.damaged_copy) == damaged
    assert result.safety_backup is None
    assert check_log(log.path).ok


def test_restore_does_not_replay_the_old_logs_pending_wal(tmp_path: Path, backups: Path) -> None:
    """A log left by a crash has changes waiting in its -wal; they must not be applied to the backup."""
    live = open_log(tmp_path / "live.stlslog", create=True)
    dispute = disputes.create_dispute(live, "Dispute").id
    made = make_backup(live.path, backups)
    crashed = tmp_path / "crashed.stlslog"
    writer = sqlite3.connect(live.path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    for n in range(50):
        writer.execute(
            "INSERT INTO person (dispute_id, name, role, workplace, contact, notes, uuid, created_at,"
            " updated_at) VALUES (?, ?, 'member', '', '', '', ?, '2026-01-01', '2026-01-01')",
            (dispute, f"Pending {n}", f"uuid-{n}"),
        )
    writer.commit()
    shutil.copy(live.path, crashed)  # the file and its -wal as a power cut would leave them
    shutil.copy(live.path.with_name("live.stlslog-wal"), crashed.with_name("crashed.stlslog-wal"))
    writer.close()
    live.close()

    result = restore_backup(made, crashed, backups)
    assert result.safety_backup is not None and result.safety_backup.counts["people"] == 50
    assert check_log(crashed).ok
    reopened = open_log(crashed)
    try:
        assert comparable(disputes.record_counts(reopened)) == made.counts
    finally:
        reopened.close()


def test_a_log_behind_this_version_is_backed_up_before_migrating(
    log_path: Path, backups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_log(log_path, create=True, backups_dir=backups).close()
    assert not backups.exists()  # a brand-new log has nothing to lose: no backup
    monkeypatch.setattr(log_module, "SCHEMA_VERSION", log_module.SCHEMA_VERSION + 1)
    open_log(log_path, backups_dir=backups).close()
    assert [b.log_stem for b in list_backups(backups)] == ["test"]


def test_no_migration_without_a_backup(
    log_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_log(log_path, create=True).close()
    before = digest(log_path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backups folder should be")
    monkeypatch.setattr(log_module, "SCHEMA_VERSION", log_module.SCHEMA_VERSION + 1)
    with pytest.raises(LogError, match="could not be backed up first"):
        open_log(log_path, backups_dir=blocked)
    assert digest(log_path) == before
    open_log(log_path, backups_dir=tmp_path / "backups").close()  # the lock was released


def test_prune_deletes_exactly_what_thinning_drops(log: Log, backups: Path) -> None:
    moments = [NOW - timedelta(hours=h) for h in (0, 5, 30, 31, 200, 201, 2000, 2001)]
    for moment in moments:
        make_backup(log.path, backups, now=moment)
    keep = backups_to_keep(moments, NOW, None)
    removed = prune_backups(backups, "test", now=NOW, max_count=None)
    assert len(removed) == len(moments) - len(keep)
    assert {b.taken_at for b in list_backups(backups)} == {moments[i] for i in keep}


def test_purge_backups_older_than_a_day(log: Log, backups: Path) -> None:
    for days in (0, 1, 10, 100):
        make_backup(log.path, backups, now=NOW - timedelta(days=days))
    removed = purge_backups_older_than(backups, date(2026, 3, 14))
    assert len(removed) == 2
    assert sorted(b.taken_at.date() for b in list_backups(backups)) == [date(2026, 3, 14), date(2026, 3, 15)]


# --- the thinning rule, property-tested ---------------------------------------------------------------

ages = st.lists(st.integers(min_value=-3600, max_value=400 * 24 * 3600), max_size=80)


def _moments(seconds: list[int]) -> list[datetime]:
    return [NOW - timedelta(seconds=s) for s in seconds]


@settings(max_examples=300, deadline=None)
@given(ages)
def test_thinning_keeps_what_it_promises(seconds: list[int]) -> None:
    moments = _moments(seconds)
    keep = backups_to_keep(moments, NOW, None)
    assert keep <= set(range(len(moments)))
    for i, moment in enumerate(moments):
        if NOW - moment < timedelta(days=1):
            assert i in keep  # everything from the last 24 hours
    buckets: dict[object, list[int]] = {}
    newest = max(range(len(moments)), key=lambda i: (moments[i], i), default=None)
    for i, moment in enumerate(moments):
        bucket = thinning_bucket(moment, NOW)
        if bucket is not None and i != newest:  # the newest is kept whatever its bucket
            buckets.setdefault(bucket, []).append(i)
    for members in buckets.values():
        kept = [i for i in members if i in keep]
        assert len(kept) == 1  # exactly one per day, week or month
        assert moments[kept[0]] == min(moments[i] for i in members)  # the oldest, so it stays kept
    assert newest is None or newest in keep  # the newest is never thinned, even months old


@settings(max_examples=200, deadline=None)
@given(ages, st.integers(min_value=0, max_value=30))
@example(
    [2980801, 2980802], 0
)  # two old backups in one month: the newer must survive, not the bucket's oldest
def test_thinning_respects_the_limit_and_is_idempotent(seconds: list[int], limit: int) -> None:
    moments = _moments(seconds)
    keep = backups_to_keep(moments, NOW, limit)
    assert len(keep) <= max(limit, 1)
    if moments:
        assert any(moments[i] == max(moments) for i in keep)
    unlimited = backups_to_keep(moments, NOW, None)
    assert keep <= unlimited
    # Those dropped for the limit are the oldest of what thinning alone keeps.
    if keep and unlimited - keep:
        assert max(moments[i] for i in unlimited - keep) <= min(moments[i] for i in keep)
    survivors = sorted(keep)
    again = backups_to_keep([moments[i] for i in survivors], NOW, limit)
    assert again == set(range(len(survivors)))


@settings(max_examples=100, deadline=None)
@given(ages, st.integers(min_value=1, max_value=60))
def test_thinning_over_time_never_loses_a_day_it_has_kept(seconds: list[int], days_later: int) -> None:
    """Run again later on what survived: what stays is still one per bucket of the later run."""
    moments = _moments(seconds)
    survivors = [moments[i] for i in sorted(backups_to_keep(moments, NOW, None))]
    later = NOW + timedelta(days=days_later)
    again = backups_to_keep(survivors, later, None)
    buckets = {thinning_bucket(m, later) for m in survivors} - {None}
    kept_buckets = {thinning_bucket(survivors[i], later) for i in again} - {None}
    assert kept_buckets == buckets
