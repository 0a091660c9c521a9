"""Opening a log file safely: check what the file is before writing a byte, lock it, migrate it.

A log is an SQLite file whose header carries our `application_id`. `open_log` refuses a file that is not a
log, a log written by a newer STLS Desk, and a log another window already has open — and in each case leaves
the file exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from filelock import FileLock, Timeout

from stls_desk.db import driver
from stls_desk.db.driver import LogKey
from stls_desk.db.header import APPLICATION_ID as APPLICATION_ID
from stls_desk.db.header import SCHEMA_VERSION as SCHEMA_VERSION
from stls_desk.db.header import SQLITE_HEADER as SQLITE_HEADER
from stls_desk.db.header import DamagedLogError as DamagedLogError
from stls_desk.db.header import FileFacts as FileFacts
from stls_desk.db.header import LogError as LogError
from stls_desk.db.header import LogInUseError as LogInUseError
from stls_desk.db.header import NewerLogError as NewerLogError
from stls_desk.db.header import NotALogError as NotALogError
from stls_desk.db.header import PassphraseNeededError as PassphraseNeededError
from stls_desk.db.header import WrongPassphraseError as WrongPassphraseError
from stls_desk.db.header import read_file_facts as read_file_facts
from stls_desk.db.header import vet_file as vet_file

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_connection: driver.Connection, _record: Any) -> None:
    # Let SQLAlchemy's begin event issue BEGIN itself, so writes can ask for BEGIN IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        "foreign_keys = ON",
        "journal_mode = WAL",
        "synchronous = FULL",
        f"busy_timeout = {BUSY_TIMEOUT_MS}",
        "secure_delete = ON",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _on_begin(conn: Any) -> None:
    # A write takes the lock at BEGIN, so two writers queue on the busy timeout instead of failing mid-way
    # with SQLITE_BUSY on their first write. Reads use a plain deferred BEGIN and never block a writer.
    mode = "" if conn.get_execution_options().get("stls_read_only") else " IMMEDIATE"
    # On the driver's own connection: through SQLAlchemy's execution the BEGIN cost some 30 us more.
    conn.connection.dbapi_connection.execute(f"BEGIN{mode}")


def checkpoint(engine: Engine) -> None:
    """Copy everything in the WAL into the log file itself and empty the WAL."""
    raw = engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def make_engine(path: Path, key: LogKey | None = None) -> Engine:
    """The engine of a log: every connection made by our driver (keyed, for an encrypted log), pooled."""
    from sqlalchemy import create_engine, event

    def connect() -> driver.Connection:
        return driver.connect(path, key=key, check_same_thread=False)

    engine = create_engine(f"sqlite:///{path}", module=driver.dbapi2, creator=connect)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class DamageCheck:
    """SQLite's quick check of a log, run on a daemon thread with its own read-only connection.

    Opening a large log with the check deferred lets the window paint first; the check (about a second
    per 500 MB) runs meanwhile, and the first write waits for its verdict.
    """

    def __init__(self, path: Path, backups_dir: Path | None, key: LogKey | None = None) -> None:
        self._path = path
        self._backups_dir = backups_dir
        self._key = key
        self._done = threading.Event()
        self._refusal: LogError | None = None
        self._thread = threading.Thread(target=self._run, name=f"quick_check {path.name}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            _refuse_if_damaged(self._path, self._backups_dir, self._key)
        except LogError as exc:
            self._refusal = exc
        except Exception as exc:  # a check that could not run must not count as a pass
            self._refusal = LogError(f"{self._path.name} could not be checked for damage ({exc}).")
        finally:
            self._done.set()

    def finished(self) -> bool:
        return self._done.is_set()

    def wait(self) -> LogError | None:
        """Block until the check has finished; why the log must not be written to, or None."""
        self._done.wait()
        return self._refusal


@dataclass
class Log:
    """An open log: its file, its engine and the sessions services use. One per window.

    SQLAlchemy is imported, and the engine made, on first use of `engine` or a session: the window's first
    screen is read without them (`plain_reading`), since importing SQLAlchemy and mapping the models take
    about half a second of a start-up.
    """

    path: Path
    _engine: Engine | None = field(default=None, repr=False)
    actor: str = ""
    lock: FileLock | None = None
    damage_check: DamageCheck | None = None  # the background check of a log opened check="deferred"
    key: LogKey | None = field(default=None, repr=False)  # an encrypted log's key; None for a plain log
    _making_engine: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def engine(self) -> Engine:
        with self._making_engine:
            if self._engine is None:
                self._engine = make_engine(self.path, self.key)
            return self._engine

    @cached_property
    def _write(self) -> sessionmaker[Session]:
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(self.engine, expire_on_commit=False)

    @cached_property
    def _read(self) -> sessionmaker[Session]:
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(self.engine.execution_options(stls_read_only=True), expire_on_commit=False)

    def check_finished(self) -> bool:
        """Whether the damage check has given its verdict (always, for a log opened with check="now")."""
        return self.damage_check is None or self.damage_check.finished()

    def damage(self) -> DamagedLogError | None:
        """What the finished damage check found: DamagedLogError for a damaged log, else None (also while
        the check is still running: ask check_finished() first)."""
        if self.damage_check is None or not self.damage_check.finished():
            return None
        refusal = self.damage_check.wait()
        return refusal if isinstance(refusal, DamagedLogError) else None

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One user action: a transaction that commits on success and rolls back on any error.

        With the damage check deferred, the first write waits for it; a damaged log refuses every write
        (DamagedLogError) and is never changed.
        """
        self._wait_for_check()
        with self._write.begin() as session:
            yield session

    @contextmanager
    def writing_cursor(self) -> Iterator[driver.Cursor]:
        """`writing` on the driver's own cursor, for statements compiled once (`services.core.Compiled`):
        a connection from the engine's pool, BEGIN IMMEDIATE, COMMIT, or ROLLBACK on any error; the same
        damage check. SQLAlchemy's execution of each statement cost more than the one-field save itself."""
        self._wait_for_check()
        pooled = self.engine.raw_connection()
        try:
            conn: driver.Connection = pooled.dbapi_connection  # type: ignore[assignment]
            cursor = conn.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield cursor
                cursor.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.rollback()
                raise
        finally:
            pooled.close()

    def _wait_for_check(self) -> None:
        if self.damage_check is not None:
            refusal = self.damage_check.wait()
            if refusal is not None:
                raise refusal.with_traceback(None)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    @contextmanager
    def plain_reading(self) -> Iterator[driver.Connection]:
        """One read through the driver alone, in one transaction (every statement sees the same log): for
        what the window shows first, before SQLAlchemy is imported. Values come back as SQLite holds them
        (`db.plain` turns them into what the models give). Writes are refused."""
        conn = driver.connect(self.path, key=self.key, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.isolation_level = None
            conn.execute("PRAGMA query_only = ON")
            conn.execute("BEGIN")
            yield conn
        finally:
            conn.close()  # which ends the read

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def close(self, *, forget_key: bool = True) -> None:
        """Close every connection and let go of the window lock; the key is forgotten unless the caller
        still needs it (to reopen the log, or to back it up after closing)."""
        if self._engine is not None:
            self._engine.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        if forget_key and self.key is not None:
            self.key.forget()


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _take_lock(path: Path) -> FileLock:
    lock = FileLock(lock_path(path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise LogInUseError(
            f"{path.name} is already open in another STLS Desk window. Switch to that window, "
            "or close it and open the log again."
        ) from None
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise _read_only_error(path, path.parent, exc.errno) from None
        raise LogError(f"Cannot open {path}: {exc.strerror or exc}.") from None
    with contextlib.suppress(OSError):  # the lock is what matters; who holds it is only a courtesy
        Path(lock.lock_file).write_text(f"{socket.gethostname()} {os.getpid()}\n", encoding="utf-8")
    return lock


def _read_only_error(path: Path, where: Path, code: int | None) -> LogError:
    why = (
        "is on a read-only disk or share"
        if code == errno.EROFS
        else "cannot be changed: you do not have permission to write to it"
    )
    what = "the log file" if where == path else f"its folder {where}"
    return LogError(
        f"Cannot open {path.name} to work on: {what} {why}. STLS Desk needs to save every change at once "
        "(and keeps its journal and lock files beside the log). Copy the log to a folder you can write "
        "to and open the copy."
    )


def _refuse_read_only(path: Path, exists: bool) -> None:
    """Say so at once when the log could be read but nothing could be saved in it."""
    for where in (path, path.parent) if exists else (path.parent,):
        if not os.access(where, os.W_OK):
            code = errno.EROFS if _on_read_only_filesystem(where) else errno.EACCES
            raise _read_only_error(path, where, code)


def _on_read_only_filesystem(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs on Windows
        return False


def _refuse_if_damaged(path: Path, backups_dir: Path | None, key: LogKey | None = None) -> None:
    """Run SQLite's quick check (read-only); on damage keep a copy aside and raise DamagedLogError."""
    from stls_desk.db.health import integrity_problems

    problems = integrity_problems(path, quick=True, key=key)
    if problems:
        raise _damaged(path, problems, backups_dir, key)


def _damaged(
    path: Path, problems: list[str], backups_dir: Path | None, key: LogKey | None
) -> DamagedLogError:
    """Keep a copy of the damaged log aside and say so, offering the newest good backup."""
    from stls_desk.db.backup import newest_good_backup
    from stls_desk.db.health import keep_damaged

    kept: Path | None
    try:
        kept = keep_damaged(path)
        kept_note = f"A copy of it as it is was kept as {kept.name}."
    except OSError as exc:
        kept, kept_note = None, f"A copy of it could not be kept ({exc.strerror or exc})."
    try:
        backup = newest_good_backup(backups_dir, path.stem, key=key)
    except (OSError, LogError):
        backup = None
    offer = (
        f"The newest good backup was taken {backup.taken_at:%d %B %Y at %H:%M} UTC: restore it "
        "(File ▸ Restore backup, or stls-desk restore BACKUP LOG)."
        if backup
        else "There is no good backup of it to restore."
    )
    return DamagedLogError(
        f"{path.name} is damaged ({problems[0]}). STLS Desk has not changed it. {kept_note} {offer}",
        path=path,
        problems=problems,
        kept_at=kept,
        newest_backup=backup,
    )


def _wrong_passphrase_or_damaged(
    path: Path, key: LogKey, backups_dir: Path | None, wrong: WrongPassphraseError
) -> LogError:
    """The log's first page does not open with this key: a wrong passphrase — unless the same key opens a
    backup of this log, which proves the passphrase right and the log's first page damaged."""
    if not key_opens_a_backup(path, key, backups_dir):
        return wrong
    return _damaged(
        path, ["its first page fails its check, though its passphrase is right"], backups_dir, key
    )


def key_if_right(path: Path, passphrase: str, backups_dir: Path | None = None) -> LogKey:
    """The key passphrase gives for the encrypted log at path; WrongPassphraseError if it does not open it.

    A key that opens one of the log's backups is right even when the log itself will not open with it
    (its first page damaged): opening the log then reports the damage and offers that backup. Anything
    else wrong with the file is left for opening it to say."""
    from stls_desk.db.header import read_encrypted_facts

    key = LogKey.for_file(passphrase, path)
    try:
        read_encrypted_facts(path, key, read_file_facts(path).size)
    except WrongPassphraseError:
        if key_opens_a_backup(path, key, backups_dir):
            return key
        key.forget()
        raise
    except LogError:
        pass
    return key


def key_opens_a_backup(path: Path, key: LogKey, backups_dir: Path | None) -> bool:
    """Whether key opens a good backup of the log at path: proof that its passphrase is the right one."""
    from stls_desk.db.backup import newest_good_backup

    try:
        return newest_good_backup(backups_dir, path.stem, key=key, encrypted_only=True) is not None
    except (OSError, LogError):
        return False


def _back_up_before_migrating(path: Path, backups_dir: Path | None, key: LogKey | None) -> None:
    from stls_desk.db.backup import make_backup

    try:
        make_backup(path, backups_dir, key=key)
    except LogError as exc:
        raise LogError(
            f"{path.name} needs updating to this version's format, but it could not be backed up first, "
            f"so it was left as it is. {exc}"
        ) from exc


def open_log(
    path: Path | str,
    *,
    create: bool = False,
    actor: str = "",
    exclusive: bool = True,
    backups_dir: Path | None = None,
    check: Literal["now", "deferred"] = "now",
    key: LogKey | None = None,
) -> Log:
    """Open (or, with create=True, make) the log at path, migrated to this version's schema.

    exclusive=True takes the window lock: the app and commands that write hold it; read-only commands
    (check, export) pass exclusive=False and read alongside an open window, which WAL allows.

    An existing log is first checked (PRAGMA quick_check, read-only): a damaged one raises DamagedLogError
    and is never written to. check="deferred" opens at once and runs the check on a background thread
    instead (see `Log.check_finished`, `Log.damage`): reads go ahead meanwhile, the first write waits for
    the verdict, and a damaged log refuses every write. A log that needs migrating is always checked
    first. A log in an older format is backed up into backups_dir (default: the backups folder beside
    the user's data) before it is migrated.

    An encrypted log opens only with its key (`LogKey.for_file(passphrase, path)`): without one this
    raises PassphraseNeededError, with a wrong one WrongPassphraseError — never DamagedLogError, unless the
    same key opens a backup of the log, which shows the passphrase is right. A new log made with a key
    (`LogKey.for_new_file`) is encrypted from its first byte. A key given for a plain log is ignored.
    """
    if check not in ("now", "deferred"):
        raise ValueError(f"check must be 'now' or 'deferred', not {check!r}")
    path = Path(path).expanduser()
    try:
        facts = vet_file(path, key)
    except WrongPassphraseError as wrong:
        assert key is not None
        raise _wrong_passphrase_or_damaged(path, key, backups_dir, wrong) from None
    if facts.exists and facts.size > 0 and not facts.encrypted:
        key = None
    if not facts.exists and not create:
        raise LogError(f"There is no log at {path}. Check the path, or create a new log there.")
    if not facts.exists and not path.parent.is_dir():
        raise LogError(f"Cannot create {path}: the folder {path.parent} does not exist.")
    if exclusive:
        _refuse_read_only(path, facts.exists)
    lock = _take_lock(path) if exclusive else None
    has_data = facts.exists and facts.size > 0
    # Migrating writes to the log, so only an up-to-date log may have its check run later.
    defer = check == "deferred" and has_data and facts.user_version == SCHEMA_VERSION
    try:
        if has_data and not defer:
            _refuse_if_damaged(path, backups_dir, key)
            if 0 < facts.user_version < SCHEMA_VERSION:  # 0: a new, empty database has nothing to lose
                _back_up_before_migrating(path, backups_dir, key)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    engine = None
    try:
        if facts.user_version < SCHEMA_VERSION:
            from stls_desk.db.migrate import migrate

            engine = make_engine(path, key)
            migrate(engine, path)
            # Write the new header (application_id, user_version) into the file itself, so that other
            # processes vetting the file see what it now is, not a stale header behind the WAL.
            checkpoint(engine)
    except Exception:
        if engine is not None:
            engine.dispose()
        if lock is not None:
            lock.release()
        raise
    damage_check = DamageCheck(path, backups_dir, key) if defer else None
    return Log(path, engine, actor=actor, lock=lock, damage_check=damage_check, key=key)
