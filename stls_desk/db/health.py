"""Is a log file whole? Checks that only ever read it, and a safe copy of a damaged one.

A damaged log is never written to and never deleted: `keep_damaged` copies it (and its -wal companion)
aside under a `.damaged-<UTC time>` name, so whatever can still be read from it is kept even after the
rep restores a backup over the original.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from stls_desk.db import driver
from stls_desk.db.driver import LogKey
from stls_desk.db.log import APPLICATION_ID, SCHEMA_VERSION, LogError, WrongPassphraseError, read_file_facts

DAMAGED_TAG = ".damaged-"
TRUNCATED = "the file is shorter than its own header says: it has been cut off"


def read_only_connection(path: Path, key: LogKey | None = None) -> driver.Connection:
    """A connection that never changes the file itself, and still sees changes waiting in its -wal.

    `mode=ro` reads the write-ahead log, so a log another window has open (or one left by a crash) is
    seen as SQLite will see it; SQLite may create empty -wal/-shm companions for that, never the log.
    Where even that is impossible (a read-only folder) and there is no -wal to read, `immutable=1` is
    exact. An encrypted log needs its key.
    """
    try:
        conn = driver.connect(driver.read_only_uri(path), uri=True, key=key, check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn
    except driver.OperationalError:
        if _wal_size(path) > 0:
            raise
        uri = driver.read_only_uri(path, immutable=True)
        return driver.connect(uri, uri=True, key=key, check_same_thread=False)


def _wal_size(path: Path) -> int:
    try:
        return path.with_name(path.name + "-wal").stat().st_size
    except OSError:
        return 0


def _header_problem(path: Path) -> str | None:
    """A cut-off file, caught from the header alone (only meaningful when no -wal holds newer pages)."""
    if _wal_size(path) > 0:
        return None
    with path.open("rb") as f:
        header = f.read(100)
    if len(header) < 100:
        return TRUNCATED
    if not header.startswith(b"SQLite format 3\x00"):
        return None  # encrypted: the header is inside the encryption, and SQLite's checks read it
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counter, valid_for = header[24:28], header[92:96]
    if pages and counter == valid_for and pages * page_size > path.stat().st_size:
        return TRUNCATED
    return None


def integrity_problems(path: Path, *, quick: bool = True, key: LogKey | None = None) -> list[str]:
    """What SQLite finds wrong with the file, in its words; an empty list means the file is whole.

    quick=True runs `PRAGMA quick_check` (every page's structure: cheap enough for start-up); False runs
    the full `integrity_check`, which also compares every index with its table. An encrypted log is checked
    through its key (every page's authentication code is checked as it is read); if the key does not open
    its first page at all, that is WrongPassphraseError, not damage.
    """
    header = _header_problem(path)
    if header is not None:
        return [header]
    try:
        conn = read_only_connection(path, key)
    except driver.OperationalError as exc:
        if "unable to open" in str(exc):  # not damage: the file (or its -wal) cannot be opened from here
            raise LogError(f"{path.name} cannot be read here ({exc}).") from exc
        return [str(exc)]
    except driver.DatabaseError as exc:
        if key is not None and driver.is_not_a_database(exc):
            raise WrongPassphraseError(path) from None
        return [str(exc)]
    try:
        pragma = "quick_check" if quick else "integrity_check"
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}")]
    except driver.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else [line for row in rows for line in row.splitlines() if line.strip()]


@dataclass(frozen=True)
class CheckReport:
    """What `check_log` found: the file's identity, its schema version and SQLite's checks."""

    path: Path
    exists: bool
    is_sqlite: bool
    application_id: int
    schema_version: int
    size: int
    wal_size: int
    integrity: tuple[str, ...] = ()
    foreign_keys: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())
    encrypted: bool = False

    @property
    def is_log(self) -> bool:
        return self.is_sqlite and self.application_id == APPLICATION_ID

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def damaged(self) -> bool:
        """The file is an SQLite database SQLite itself finds broken (as opposed to not a log at all)."""
        return bool(self.integrity) and self.integrity != ("ok",)

    def lines(self) -> list[str]:
        """The report as a rep reads it, one fact a line."""
        state = "OK" if self.ok else "DAMAGED" if self.damaged else "PROBLEM"
        out = [
            f"{self.path}: {state}",
            f"  size: {self.size:,} bytes"
            + (f" (+ {self.wal_size:,} waiting in -wal)" if self.wal_size else ""),
            f"  application id: {self.application_id:#010x}"
            + (" (STLS Desk log)" if self.is_log else " (not an STLS Desk log)"),
            f"  log format: {self.schema_version} (this version reads up to {SCHEMA_VERSION})",
            f"  encryption: {'SQLCipher (AES-256), opened with its passphrase' if self.encrypted else 'none'}",
            f"  integrity check: {'ok' if self.integrity == ('ok',) else f'{len(self.integrity)} problem(s)'}",
        ]
        out += [f"  - {p}" for p in self.problems]
        return out


def check_log(path: Path | str, *, quick: bool = False, key: LogKey | None = None) -> CheckReport:
    """Check a log without changing it: what it is, which format, and SQLite's integrity and key checks.

    An encrypted log is checked through its key; a key that does not open it raises WrongPassphraseError
    (a wrong passphrase is not damage)."""
    from stls_desk.db.header import read_encrypted_facts

    path = Path(path).expanduser()
    try:
        facts = read_file_facts(path)
    except Exception as exc:  # a folder, or no permission to read: still a report, not a crash
        return CheckReport(path, path.exists(), False, 0, 0, 0, 0, problems=(str(exc),))
    if facts.encrypted and key is not None:
        facts = read_encrypted_facts(path, key, facts.size)
    else:
        key = None

    def report(*problems: str, integrity: tuple[str, ...] = (), foreign: tuple[str, ...] = ()) -> CheckReport:
        return CheckReport(
            path,
            facts.exists,
            facts.is_sqlite,
            facts.application_id,
            facts.user_version,
            facts.size,
            _wal_size(path),
            integrity,
            foreign,
            problems,
            facts.encrypted,
        )

    if not facts.exists:
        return report(f"There is no file at {path}.")
    if not facts.is_sqlite and facts.encrypted:
        return report("This file is encrypted (or is not an SQLite database): check it with its passphrase.")
    if not facts.is_sqlite:
        return report("This is not an STLS Desk log: it is not an SQLite database.")
    try:
        integrity = tuple(integrity_problems(path, quick=quick, key=key)) or ("ok",)
    except LogError as exc:
        return report(str(exc))
    problems: list[str] = []
    if facts.application_id != APPLICATION_ID:
        problems.append("This SQLite database is not an STLS Desk log (its application id is not ours).")
    if facts.user_version > SCHEMA_VERSION:
        problems.append(
            f"The log was written by a newer STLS Desk (format {facts.user_version}); update to open it."
        )
    problems += [f"integrity: {line}" for line in integrity if integrity != ("ok",)]
    foreign = () if integrity != ("ok",) else tuple(_foreign_key_problems(path, key))
    problems += [f"foreign key: {line}" for line in foreign]
    return report(*problems, integrity=integrity, foreign=foreign)


def _foreign_key_problems(path: Path, key: LogKey | None) -> list[str]:
    conn = read_only_connection(path, key)
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    except driver.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [f"{table} row {rowid} refers to a missing {parent}" for table, rowid, parent, _ in rows]


def damaged_copy_name(path: Path, when: datetime) -> Path:
    return path.with_name(f"{path.name}{DAMAGED_TAG}{when:%Y%m%dT%H%M%SZ}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def keep_damaged(path: Path, *, now: datetime | None = None) -> Path:
    """Copy a damaged log (and its -wal) aside, leaving the original untouched; return the copy's path.

    Copy, not rename: the rep's file stays where they left it, byte for byte, and the copy cannot be
    disturbed by anything that later happens to the original (a restore, another attempt to open it).
    Opening the same damaged file again does not pile up copies: an identical copy is reused.
    """
    digest = _sha256(path)
    for earlier in sorted(path.parent.glob(f"{path.name}{DAMAGED_TAG}*")):
        if not earlier.name.endswith("-wal") and _sha256(earlier) == digest:
            return earlier
    when = (now or datetime.now(UTC)).astimezone(UTC)
    target = damaged_copy_name(path, when)
    _copy_exact(path, target)
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        _copy_exact(wal, target.with_name(target.name + "-wal"))
    return target


def _copy_exact(source: Path, target: Path) -> None:
    partial = target.with_name(target.name + ".partial")
    with source.open("rb") as src, partial.open("xb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(partial, target)
