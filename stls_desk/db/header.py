"""What a file is, read from its header and read-only queries alone: no SQLAlchemy, no lock, no write.

Kept apart from `log.py` so the command line can refuse a file that is not a log (or a log from a newer
version) before it loads the database layer or Qt; `log.py` re-exports every name.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stls_desk import __version__

if TYPE_CHECKING:
    from stls_desk.db.backup import BackupInfo

APPLICATION_ID = 0x53544C53  # "STLS"
SCHEMA_VERSION = 2  # the number of migrations this version ships; PRAGMA user_version holds the log's
SQLITE_HEADER = b"SQLite format 3\x00"


class LogError(Exception):
    """A log cannot be opened or used; the message says why and what to do, in a rep's words."""


class NotALogError(LogError):
    pass


class NewerLogError(LogError):
    pass


class LogInUseError(LogError):
    pass


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
        return FileFacts(True, size, False, 0, 0)
    return FileFacts(
        True,
        size,
        True,
        application_id=int.from_bytes(header[68:72], "big"),
        user_version=int.from_bytes(header[60:64], "big"),
    )


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file, not even its -wal or -shm companions."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def _required_version(path: Path) -> str:
    conn = _read_only(path)
    try:
        row = conn.execute("SELECT value FROM log_info WHERE key = 'requires_app_version'").fetchone()
    except sqlite3.Error:
        row = None
    finally:
        conn.close()
    return f"version {row[0]} or newer" if row else "a newer version"


def _has_tables(path: Path) -> bool:
    conn = _read_only(path)
    try:
        return bool(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    except sqlite3.DatabaseError:
        raise NotALogError(
            f"{path} is damaged or is not an SQLite database: STLS Desk cannot open it."
        ) from None
    finally:
        conn.close()


def vet_file(path: Path) -> FileFacts:
    """Refuse, without writing anything, a file that is not an STLS Desk log we can read."""
    facts = read_file_facts(path)
    if not facts.exists or facts.size == 0:
        return facts
    if not facts.is_sqlite:
        raise NotALogError(f"{path} is not an STLS Desk log (it is not an SQLite database at all).")
    if facts.application_id != APPLICATION_ID:
        if facts.application_id == 0 and not _has_tables(path):
            return facts  # an empty database: safe to make into a log
        raise NotALogError(
            f"{path} is another program's database, not an STLS Desk log; STLS Desk will not change it."
        )
    if facts.user_version > SCHEMA_VERSION:
        raise NewerLogError(
            f"{path} was written by a newer STLS Desk (log format {facts.user_version}); "
            f"this is version {__version__}, which reads up to format {SCHEMA_VERSION}. "
            f"Install STLS Desk {_required_version(path)} to open it."
        )
    return facts
