"""The one SQLite driver every connection to a log goes through, and the key that opens an encrypted log.

Logs are opened with `sqlcipher3`, SQLite built with SQLCipher: a plain log is an ordinary SQLite file and
opens exactly as with Python's own `sqlite3`; an encrypted log is the same database with every page
encrypted (AES-256) and authenticated, and opens only once `PRAGMA key` has been given. One driver for both
means one family of exceptions and one SQLite version, whichever kind of log is open.

The key. The rep types a passphrase; what opens the file is a 256-bit key derived from it with SQLCipher 4's
own defaults (PBKDF2-HMAC-SHA512, 256,000 iterations, the 16-byte salt SQLCipher keeps at the start of the
file), so the `sqlcipher` shell opens a log with the same passphrase. The key is derived once, here, and
handed to each connection as a raw key: opening a connection then costs no key derivation, and the
passphrase itself is never kept — only the key, which `LogKey.forget` overwrites when the log is locked or
closed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sqlcipher3 import dbapi2 as dbapi2

if TYPE_CHECKING:  # sqlcipher3 ships no type hints; its API is the standard library's sqlite3, name for name
    from sqlite3 import Connection as Connection
    from sqlite3 import Cursor as Cursor
    from sqlite3 import DatabaseError as DatabaseError
    from sqlite3 import Error as Error
    from sqlite3 import IntegrityError as IntegrityError
    from sqlite3 import OperationalError as OperationalError
else:
    Connection = dbapi2.Connection
    Cursor = dbapi2.Cursor
    Error = dbapi2.Error
    DatabaseError = dbapi2.DatabaseError
    IntegrityError = dbapi2.IntegrityError
    OperationalError = dbapi2.OperationalError

KDF_ITERATIONS = 256_000  # SQLCipher 4's default for PRAGMA key with a passphrase
KEY_BYTES = 32
SALT_BYTES = 16


class LogKey:
    """The key of one encrypted log: derived from its passphrase and the salt in its file.

    Never printed, never pickled; `forget()` overwrites it in place (what Python lets us overwrite: the
    strings made from it for each connection are dropped, not wiped).
    """

    __slots__ = ("_key", "_salt")

    def __init__(self, key: bytes, salt: bytes) -> None:
        if len(key) != KEY_BYTES or len(salt) != SALT_BYTES:
            raise ValueError("a log key is 32 bytes with a 16-byte salt")
        self._key = bytearray(key)
        self._salt = bytes(salt)

    @classmethod
    def derive(cls, passphrase: str, salt: bytes) -> LogKey:
        secret = passphrase.encode("utf-8")
        return cls(hashlib.pbkdf2_hmac("sha512", secret, salt, KDF_ITERATIONS, KEY_BYTES), salt)

    @classmethod
    def for_new_file(cls, passphrase: str) -> LogKey:
        """A key for a file not written yet, with a fresh random salt."""
        return cls.derive(passphrase, os.urandom(SALT_BYTES))

    @classmethod
    def for_file(cls, passphrase: str, path: Path) -> LogKey:
        """The key the passphrase gives for the encrypted file at path (its salt is its first 16 bytes).

        Whether it is the right key is only known by opening the file with it."""
        with Path(path).open("rb") as f:
            salt = f.read(SALT_BYTES)
        if len(salt) < SALT_BYTES:
            raise ValueError(f"{Path(path).name} is too short to be an encrypted log")
        return cls.derive(passphrase, salt)

    @property
    def forgotten(self) -> bool:
        return not any(self._key)

    def pragma(self) -> str:
        """`PRAGMA key` with the raw key and its salt: no key derivation on the connection."""
        return f"PRAGMA key = {self._raw()}"

    def attach_clause(self) -> str:
        """The KEY clause of `ATTACH DATABASE … AS … KEY …` for a file encrypted with this key."""
        return f"KEY {self._raw()}"

    def _raw(self) -> str:
        """SQLCipher's raw-key literal: the key's and the salt's bytes in hex."""
        if self.forgotten:
            raise RuntimeError("this log key was forgotten (the log was locked or closed)")
        return f"\"x'{self._key.hex()}{self._salt.hex()}'\""

    def copy(self) -> LogKey:
        return LogKey(bytes(self._key), self._salt)

    def forget(self) -> None:
        for index in range(len(self._key)):
            self._key[index] = 0

    def __repr__(self) -> str:
        return "LogKey(<hidden>)"

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("a log key is never pickled")


def connect(
    target: Path | str,
    *,
    key: LogKey | None = None,
    uri: bool = False,
    check_same_thread: bool = True,
    timeout: float = 5.0,
) -> Connection:
    """A connection to a log (target is a path, or a file: URI with uri=True), keyed if key is given.

    SQLCipher's own log lines (it prints failed page checks to standard error) are turned off: what went
    wrong reaches the rep as our message, never as library noise on the terminal.
    """
    conn: Connection = dbapi2.connect(
        str(target), uri=uri, check_same_thread=check_same_thread, timeout=timeout
    )
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(key.pragma())
    except BaseException:
        conn.close()
        raise
    return conn


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    return f"{Path(path).resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


def is_not_a_database(exc: BaseException) -> bool:
    """SQLite's SQLITE_NOTADB: page 1 is not what it must be — for an encrypted file, the usual sign of a
    wrong key (its first page fails its check)."""
    return isinstance(exc, DatabaseError) and "file is not a database" in str(exc)
