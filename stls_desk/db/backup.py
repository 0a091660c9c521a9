"""Backups: automatic, verified, thinned over time, and restorable without a window open on the log.

A backup is a copy of the log made with SQLite's online backup API (a consistent snapshot even while a
window is writing), written under a temporary name in the backups folder, checked with
`PRAGMA integrity_check`, and only then renamed into place. It is named after the log and the UTC time it
was taken: `Kent STLS.2026-01-31T140502.123456Z.stlsbackup`.

A backup of an encrypted log is encrypted with the log's key (the same passphrase opens both); every
function that reads or writes one takes that key.

Every function here opens its own connections and shares nothing, so the app can call them from a
worker thread (`backup_if_due` on opening and closing a log).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from stls_desk.db import driver
from stls_desk.db.driver import LogKey
from stls_desk.db.header import read_encrypted_facts
from stls_desk.db.health import integrity_problems, keep_damaged, read_only_connection
from stls_desk.db.log import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    LogError,
    WrongPassphraseError,
    _take_lock,
    read_file_facts,
    vet_file,
)

SUFFIX = ".stlsbackup"
PARTIAL = ".partial"
DEFAULT_MAX_BACKUPS = 100
NAME = re.compile(r"^(?P<stem>.+)\.(?P<at>\d{4}-\d{2}-\d{2}T\d{6}\.\d{6})Z" + re.escape(SUFFIX) + "$")
# Tables counted for the backup list, with the words a rep reads.
COUNTED = (
    ("dispute", "disputes"),
    ("person", "people"),
    ("grievance", "grievances"),
    ("proposal", "proposals"),
    ("meeting", "meetings"),
    ("action_item", "action items"),
    ("ballot", "ballots"),
    ("key_date", "key dates"),
    ("attachment", "attachments"),
    ("audit_entry", "audit entries"),
)


class BackupError(LogError):
    """A backup could not be made, read or restored; the message says why and what to do."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: which log it is of, when it was taken (UTC), and what it holds."""

    path: Path
    log_stem: str
    taken_at: datetime
    size: int
    schema_version: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problem: str = ""
    encrypted: bool = False

    @property
    def readable(self) -> bool:
        return not self.problem

    @property
    def records(self) -> int:
        """Records other than audit entries: what a rep would call 'how much is in it'."""
        return sum(n for name, n in self.counts.items() if name != "audit entries")


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_backup: BackupInfo | None  # the log as it was just before the restore, if it could be read
    damaged_copy: Path | None  # where the log was kept aside instead, if it was damaged


def default_backups_dir() -> Path:
    """Beside the user's data, never beside the log: a lost or synced folder should not take backups too."""
    from platformdirs import user_data_path

    return user_data_path("stls-desk", "STLS Desk") / "backups"


def backup_name(log_stem: str, taken_at: datetime) -> str:
    return f"{log_stem}.{taken_at.astimezone(UTC):%Y-%m-%dT%H%M%S.%f}Z{SUFFIX}"


def parse_backup_name(name: str) -> tuple[str, datetime] | None:
    match = NAME.match(name)
    if match is None:
        return None
    taken = datetime.strptime(match["at"], "%Y-%m-%dT%H%M%S.%f").replace(tzinfo=UTC)
    return match["stem"], taken


def _utc(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.now(UTC)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --- thinning -----------------------------------------------------------------------------------------

KEEP_ALL_FOR = timedelta(days=1)
DAILY_FOR = timedelta(days=14)
WEEKLY_FOR = timedelta(weeks=8)


def thinning_bucket(taken_at: datetime, now: datetime) -> tuple[object, ...] | None:
    """Which bucket a backup falls in: None for the last 24 hours (each kept), else a day, week or month.

    Buckets are calendar days, ISO weeks and months (UTC), so which backup a bucket keeps does not
    change from one run to the next.
    """
    age = now - taken_at
    if age < KEEP_ALL_FOR:
        return None
    if age < KEEP_ALL_FOR + DAILY_FOR:
        return ("day", taken_at.date())
    if age < KEEP_ALL_FOR + DAILY_FOR + WEEKLY_FOR:
        year, week, _ = taken_at.isocalendar()
        return ("week", year, week)
    return ("month", taken_at.year, taken_at.month)


def backups_to_keep(
    taken: Sequence[datetime], now: datetime, max_count: int | None = DEFAULT_MAX_BACKUPS
) -> set[int]:
    """The indices of the backups to keep: the newest, all from the last 24 hours, then the oldest of each
    day for 14 days, of each week for 8 weeks, of each month beyond (the newest aside); at most max_count
    in all, dropping the oldest first, but never the newest.
    """
    now = _utc(now)
    times = [_utc(t) for t in taken]
    if not times:
        return set()
    # The newest is always kept, whatever its age: after months away it is the one that matters most.
    newest = max(range(len(times)), key=lambda i: (times[i], i))
    keep: set[int] = {newest}
    oldest_in: dict[tuple[object, ...], int] = {}
    for index, moment in enumerate(times):
        bucket = thinning_bucket(moment, now)
        if index == newest:
            continue
        if bucket is None:
            keep.add(index)
        elif bucket not in oldest_in or (moment, index) < (times[oldest_in[bucket]], oldest_in[bucket]):
            oldest_in[bucket] = index
    keep |= set(oldest_in.values())
    if max_count is not None and len(keep) > max(max_count, 1):
        keep = set(sorted(keep, key=lambda i: (times[i], i), reverse=True)[: max(max_count, 1)])
    return keep


# --- listing ------------------------------------------------------------------------------------------


def _counts(conn: driver.Connection) -> dict[str, int]:
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {
        label: int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
        for table, label in COUNTED
        if table in present
    }


def read_backup(path: Path, key: LogKey | None = None) -> BackupInfo:
    """What a backup file holds, read without changing it (immutable: a backup never has a -wal).

    An encrypted backup is read with key; without the key that opens it, it is listed with its problem."""
    parsed = parse_backup_name(path.name)
    stem, taken = parsed if parsed else (path.stem, datetime.fromtimestamp(path.stat().st_mtime, UTC))
    size = path.stat().st_size
    facts = read_file_facts(path)
    if facts.encrypted:
        if key is None:
            return BackupInfo(
                path,
                stem,
                taken,
                size,
                problem="encrypted: it opens with its log's passphrase",
                encrypted=True,
            )
        try:
            facts = read_encrypted_facts(path, key, size)
        except WrongPassphraseError:
            return BackupInfo(
                path, stem, taken, size, problem="encrypted with another passphrase", encrypted=True
            )
        except LogError as exc:
            return BackupInfo(path, stem, taken, size, problem=f"unreadable ({exc})", encrypted=True)
    else:
        key = None
    if not facts.is_sqlite or facts.application_id != APPLICATION_ID:
        return BackupInfo(path, stem, taken, size, problem="not an STLS Desk log")
    try:
        conn = driver.connect(driver.read_only_uri(path, immutable=True), uri=True, key=key)
        try:
            counts = _counts(conn)
        finally:
            conn.close()
    except driver.DatabaseError as exc:
        return BackupInfo(
            path,
            stem,
            taken,
            size,
            facts.user_version,
            problem=f"unreadable ({exc})",
            encrypted=facts.encrypted,
        )
    return BackupInfo(path, stem, taken, size, facts.user_version, counts, encrypted=facts.encrypted)


def _backup_files(backups_dir: Path | None, log_stem: str | None) -> list[tuple[Path, datetime]]:
    """The backup files by name alone (no file is opened), newest first."""
    folder = backups_dir or default_backups_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        parsed = parse_backup_name(path.name)
        if parsed is not None and (log_stem is None or parsed[0] == log_stem) and path.is_file():
            found.append((path, parsed[1]))
    return sorted(found, key=lambda found: found[1], reverse=True)


def list_backups(
    backups_dir: Path | None = None, log_stem: str | None = None, *, key: LogKey | None = None
) -> list[BackupInfo]:
    """The backups in the folder (of one log, if log_stem is given), newest first, with their counts.

    Encrypted backups are read with key (an encrypted log's key); those it does not open are listed with
    that as their problem."""
    return [read_backup(path, key) for path, _ in _backup_files(backups_dir, log_stem)]


def newest_good_backup(
    backups_dir: Path | None, log_stem: str, *, key: LogKey | None = None, encrypted_only: bool = False
) -> BackupInfo | None:
    """The most recent backup of the log that passes SQLite's quick check: what to offer for a damaged log.

    encrypted_only: only a backup that key opens counts (the proof that a passphrase is right)."""
    for backup in list_backups(backups_dir, log_stem, key=key):
        if encrypted_only and not backup.encrypted:
            continue
        with contextlib.suppress(LogError):
            backup_key = key if backup.encrypted else None
            if backup.readable and not integrity_problems(backup.path, quick=True, key=backup_key):
                return backup
    return None


def backup_due(log_path: Path, backups_dir: Path | None = None, now: datetime | None = None) -> bool:
    """True when the log has no backup taken within the last day."""
    backups = _backup_files(backups_dir, Path(log_path).stem)
    return not backups or _utc(now) - backups[0][1] >= KEEP_ALL_FOR


# --- making one ---------------------------------------------------------------------------------------


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())


def _explain(exc: BaseException, doing: str) -> BackupError:
    text = str(exc)
    code = exc.errno if isinstance(exc, OSError) else None
    if code == errno.ENOSPC or "disk is full" in text:
        return BackupError(f"{doing}: the disk is full. Free some space and try again.")
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly" in text:
        return BackupError(f"{doing}: the folder cannot be written to ({text}).")
    return BackupError(f"{doing}: {text}.")


def copy_verified(source: driver.Connection, target: Path, key: LogKey | None = None) -> None:
    """Copy source into a new file at target with the backup API, checked before it is renamed into place.

    key: source's key, if it is encrypted; the copy is encrypted with the same key.

    The copy is built under a `.partial` name in target's folder, checked with integrity_check on a
    fresh read-only connection (so what is checked is what is on disk), flushed to disk, and then
    renamed with os.replace: target is either absent or a whole, checked copy, never half of one.
    """
    partial = target.with_name(f".{target.name}.{os.getpid()}{PARTIAL}")
    try:
        dest = driver.connect(partial, key=key)
        try:
            source.backup(dest)  # pages=-1: one step, one read transaction, one consistent snapshot
            # A rollback-journal file is one self-contained file; a log restored from it switches
            # back to WAL the first time STLS Desk opens it.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        problems = integrity_problems(partial, quick=False, key=key)
        if problems:
            raise BackupError(
                f"The copy of the log failed its integrity check ({problems[0]}); it was not kept. "
                "The log itself may be damaged: run a check on it."
            )
        _fsync_file(partial)
        os.replace(partial, target)
        _fsync_folder(target.parent)
    except BackupError:
        raise
    except (OSError, driver.Error) as exc:
        raise _explain(exc, f"Could not write {target.name}") from exc
    finally:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _clear_abandoned_copies(folder: Path) -> None:
    """Remove half-made copies a killed process left behind (an hour old: no backup takes that long)."""
    cutoff = datetime.now(UTC).timestamp() - 3600
    for leftover in folder.glob(f".*{PARTIAL}*"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def make_backup(
    log_path: Path, backups_dir: Path | None = None, *, now: datetime | None = None, key: LogKey | None = None
) -> BackupInfo:
    """Back the log up now, verified; safe alongside a window writing to it, and from a worker thread.

    An encrypted log needs its key, and its backup is encrypted with it."""
    log_path = Path(log_path).expanduser()
    facts = vet_file(log_path, key)
    key = key if facts.encrypted else None
    if not facts.exists or facts.size == 0:
        raise BackupError(f"There is no log at {log_path} to back up.")
    folder = backups_dir or default_backups_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _explain(exc, f"Could not make the backups folder {folder}") from exc
    _clear_abandoned_copies(folder)
    taken = _utc(now)
    target = folder / backup_name(log_path.stem, taken)
    while target.exists():  # two backups in the same microsecond: the later one a microsecond later
        taken += timedelta(microseconds=1)
        target = folder / backup_name(log_path.stem, taken)
    try:
        source = read_only_connection(log_path, key)
    except driver.Error as exc:
        raise _explain(exc, f"Could not read {log_path.name}") from exc
    try:
        copy_verified(source, target, key)
    finally:
        source.close()
    return read_backup(target, key)


def backup_to_file(log_path: Path, target: Path, *, key: LogKey | None = None) -> BackupInfo:
    """Back the log up to a file the rep chose (a USB stick, a file to hand over), verified the same way.

    Refuses to overwrite an existing file. The copy of an encrypted log is encrypted with its key."""
    log_path, target = Path(log_path).expanduser(), Path(target).expanduser()
    facts = vet_file(log_path, key)
    key = key if facts.encrypted else None
    if not facts.exists or facts.size == 0:
        raise BackupError(f"There is no log at {log_path} to back up.")
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name, or delete that file first.")
    if not target.parent.is_dir():
        raise BackupError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    try:
        source = read_only_connection(log_path, key)
    except driver.Error as exc:
        raise _explain(exc, f"Could not read {log_path.name}") from exc
    try:
        copy_verified(source, target, key)
    finally:
        source.close()
    return read_backup(target, key)


def prune_backups(
    backups_dir: Path | None,
    log_stem: str,
    *,
    now: datetime | None = None,
    max_count: int | None = DEFAULT_MAX_BACKUPS,
) -> list[Path]:
    """Delete the log's backups that thinning no longer keeps; return what was deleted."""
    backups = _backup_files(backups_dir, log_stem)
    keep = backups_to_keep([taken for _, taken in backups], _utc(now), max_count)
    removed = []
    for index, (path, _) in enumerate(backups):
        if index not in keep:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            removed.append(path)
    return removed


def backup_if_due(
    log_path: Path,
    backups_dir: Path | None = None,
    *,
    now: datetime | None = None,
    max_count: int | None = DEFAULT_MAX_BACKUPS,
    key: LogKey | None = None,
) -> BackupInfo | None:
    """What the app runs in the background on opening and closing a log: back up if due, then thin.

    Safe from a worker thread: it uses only its own connections. Returns the new backup, or None.
    """
    log_path = Path(log_path).expanduser()
    if not backup_due(log_path, backups_dir, now):
        return None
    made = make_backup(log_path, backups_dir, now=now, key=key)
    prune_backups(backups_dir, log_path.stem, now=now, max_count=max_count)
    return made


def purge_backups_older_than(backups_dir: Path | None, day: date) -> list[Path]:
    """Delete every backup (of any log) taken before day, UTC: after an erasure, old copies still hold the
    erased person until they age out, and this ages them out now."""
    removed = []
    for path, taken in _backup_files(backups_dir, None):
        if taken.date() < day:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            removed.append(path)
    return removed


# --- restoring ----------------------------------------------------------------------------------------


def verify_backup(path: Path, key: LogKey | None = None) -> BackupInfo:
    """Refuse a backup that is not a whole STLS Desk log this version can read (an encrypted one: with key)."""
    if not path.is_file():
        raise BackupError(f"There is no backup at {path}.")
    info = read_backup(path, key)
    if info.problem:
        raise BackupError(f"{path.name} cannot be restored: it is {info.problem}.")
    if info.schema_version > SCHEMA_VERSION:
        raise BackupError(f"{path.name} was made by a newer STLS Desk; update STLS Desk to restore it.")
    problems = integrity_problems(path, quick=False, key=key if info.encrypted else None)
    if problems:
        raise BackupError(f"{path.name} is damaged ({problems[0]}); choose an earlier backup.")
    return info


def _retire_wal(log_path: Path, healthy: bool, key: LogKey | None) -> None:
    """Empty the old log's -wal before the file is replaced: SQLite would otherwise replay the old log's
    pending pages onto the restored one. Its contents are already in the safety backup or damaged copy."""
    if healthy:
        conn = driver.connect(log_path, key=key)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    for companion in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            log_path.with_name(log_path.name + companion).unlink()


def restore_backup(
    backup: BackupInfo | Path, log_path: Path, backups_dir: Path | None = None, *, key: LogKey | None = None
) -> RestoreResult:
    """Put a backup in the log's place. Refused while a window has the log open (its lock is held).

    First the current log is itself backed up (or, if damaged, copied aside), so a restore can be undone;
    then the backup is verified, copied beside the log, checked again and renamed over it atomically.
    key opens an encrypted backup and an encrypted log; the restored log is encrypted as the backup is.
    A current log the key does not open is copied aside like a damaged one, never overwritten unkept.
    """
    backup_path = backup.path if isinstance(backup, BackupInfo) else Path(backup).expanduser()
    log_path = Path(log_path).expanduser()
    if not log_path.parent.is_dir():
        raise BackupError(f"Cannot restore to {log_path}: the folder {log_path.parent} does not exist.")
    lock = _take_lock(log_path)
    try:
        info = verify_backup(backup_path, key)
        safety: BackupInfo | None = None
        kept: Path | None = None
        facts = read_file_facts(log_path)
        log_key = key if facts.encrypted else None
        if facts.exists and facts.size > 0:
            healthy = False
            if facts.is_sqlite or log_key is not None:
                try:
                    vet_file(log_path, log_key)  # never overwrite another program's database or a newer log
                    healthy = not integrity_problems(log_path, quick=True, key=log_key)
                except WrongPassphraseError:
                    healthy = False
            if healthy:
                safety = make_backup(log_path, backups_dir, key=log_key)
            else:
                kept = keep_damaged(log_path)
            _retire_wal(log_path, healthy, log_key)
        backup_key = key if info.encrypted else None
        source = driver.connect(driver.read_only_uri(backup_path, immutable=True), uri=True, key=backup_key)
        try:
            copy_verified(source, log_path, backup_key)
        finally:
            source.close()
        return RestoreResult(info, safety, kept)
    finally:
        lock.release()
