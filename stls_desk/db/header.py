"""What a file is, read from its header and read-only queries alone: no SQLAlchemy, no lock, no write.

Kept apart from `log.py` so the command line can refuse a file that is not a log (or a log from a newer
version) before it loads the database layer or Qt; `log.py` re-exports every name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stls_desk import __version__
from stls_desk.db import driver
from stls_desk.db.driver import LogKey

if TYPE_CHECKING:
    from stls_desk.db.backup import BackupInfo

APPLICATION_ID = 0x53544C53  # "STLS"
SCHEMA_VERSION = 3  # the number of migrations this version ships; PRAGMA user_version holds the log's
SQLITE_HEADER = b"SQLite format 3\x00"


class LogError(Exception):
    """A log cannot be opened or used; the message says why and what to do, in a rep's words."""


class NotALogError(LogError):
    pass


class NewerLogError(LogError):
    pass


class LogInUseError(LogError):
    pass


class PassphraseNeededError(LogError):
    """The log is encrypted and no passphrase was given: ask for it (the UI) or say how to give it (CLI)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path.name} is an encrypted log: it opens only with its passphrase.")
        self.path = path


class WrongPassphraseError(LogError):
    """The passphrase does not open the log. Never a sign of damage and never a reason to restore: the
    only thing to do is to type it again."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Wrong passphrase: it does not open {path.name}. Passphrases are case-sensitive; try again."
        )
        self.path = path


class DamagedLogError(LogError):
    """SQLite finds the log damaged. It was not changed; a copy was kept aside (kept_at), and the newest
    backup that passes its own check (newest_backup: path and taken_at) is what the UI should offer."""

    def __init__(
        self,
        message: str,
        *,
        path: Path,
        problems: list[str],
        kept_at: Path | None,
        newest_backup: BackupInfo | None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.problems = problems
        self.kept_at = kept_at
        self.newest_backup = newest_backup


@dataclass(frozen=True)
class FileFacts:
    """What the header of a file says, read without opening it as a database."""

    exists: bool
    size: int
    is_sqlite: bool
    application_id: int
    user_version: int
    encrypted: bool = False  # an SQLCipher file (when is_sqlite: opened with its key, the ids read inside)


def read_file_facts(path: Path) -> FileFacts:
    """Read the 100-byte SQLite header: bytes 60–63 hold user_version, 68–71 application_id."""
    try:
        with path.open("rb") as f:
            header = f.read(100)
        size = path.stat().st_size
    except FileNotFoundError:
        return FileFacts(False, 0, False, 0, 0)
    except IsADirectoryError:
        raise NotALogError(f"{path} is a folder, not a log file.") from None
    except PermissionError:
        raise LogError(f"{path} cannot be read: permission denied.") from None
    is_sqlite = len(header) == 100 and header.startswith(SQLITE_HEADER)
    if not is_sqlite:
        return FileFacts(True, size, False, 0, 0, encrypted=_looks_encrypted(header, size))
    return FileFacts(
        True,
        size,
        True,
        application_id=int.from_bytes(header[68:72], "big"),
        user_version=int.from_bytes(header[60:64], "big"),
    )


def _looks_encrypted(header: bytes, size: int) -> bool:
    """An SQLCipher file is whole pages of what looks like noise, from its first byte (the salt) on.

    Text, PDFs, ZIPs and most other files are told apart by their leading bytes or their size; what is
    left can only be told apart from an encrypted log by a passphrase that opens it."""
    if len(header) < 100 or size < 1024 or size % 512:
        return False
    printable = sum(32 <= b < 127 for b in header)
    return header[:4] not in (b"%PDF", b"PK\x03\x04", b"\x89PNG") and printable < 80


def _read_only(path: Path, key: LogKey | None = None) -> driver.Connection:
    """A connection that cannot change the file, not even its -wal or -shm companions."""
    return driver.connect(driver.read_only_uri(path, immutable=True), uri=True, key=key)


def _required_version(path: Path, key: LogKey | None) -> str:
    conn = _read_only(path, key)
    try:
        row = conn.execute("SELECT value FROM log_info WHERE key = 'requires_app_version'").fetchone()
    except driver.Error:
        row = None
    finally:
        conn.close()
    return f"version {row[0]} or newer" if row else "a newer version"


def _has_tables(path: Path, key: LogKey | None) -> bool:
    conn = _read_only(path, key)
    try:
        return bool(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    except driver.DatabaseError:
        raise NotALogError(
            f"{path} is damaged or is not an SQLite database: STLS Desk cannot open it."
        ) from None
    finally:
        conn.close()


def read_encrypted_facts(path: Path, key: LogKey, size: int) -> FileFacts:
    """The facts of an encrypted file, read through its key (read-only); WrongPassphraseError if the key
    does not open it."""
    wal = path.with_name(path.name + "-wal")
    immutable = not wal.exists() or wal.stat().st_size == 0  # nothing newer waiting: read the file alone
    try:
        conn = driver.connect(driver.read_only_uri(path, immutable=immutable), uri=True, key=key)
        try:
            application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except driver.DatabaseError as exc:
        if driver.is_not_a_database(exc):
            raise WrongPassphraseError(path) from None
        raise LogError(f"{path.name} cannot be read here ({exc}).") from None
    return FileFacts(True, size, True, application_id, user_version, encrypted=True)


def vet_file(path: Path, key: LogKey | None = None) -> FileFacts:
    """Refuse, without writing anything, a file that is not an STLS Desk log we can read.

    An encrypted log needs its key: without one this raises PassphraseNeededError, with one that does not
    open it WrongPassphraseError; with the right one the facts are read from inside the file.
    """
    facts = read_file_facts(path)
    if not facts.exists or facts.size == 0:
        return facts
    if facts.encrypted:
        if key is None:
            raise PassphraseNeededError(path)
        facts = read_encrypted_facts(path, key, facts.size)
    elif not facts.is_sqlite:
        raise NotALogError(f"{path} is not an STLS Desk log (it is not an SQLite database at all).")
    else:
        key = None  # a plain log: a key given for it opens nothing
    if facts.application_id != APPLICATION_ID:
        if facts.application_id == 0 and not _has_tables(path, key):
            return facts  # an empty database: safe to make into a log
        raise NotALogError(
            f"{path} is another program's database, not an STLS Desk log; STLS Desk will not change it."
        )
    if facts.user_version > SCHEMA_VERSION:
        raise NewerLogError(
            f"{path} was written by a newer STLS Desk (log format {facts.user_version}); "
            f"this is version {__version__}, which reads up to format {SCHEMA_VERSION}. "
            f"Install STLS Desk {_required_version(path, key)} to open it."
        )
    return facts
