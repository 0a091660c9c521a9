"""Encrypting a log, changing its passphrase, and removing its encryption — each a verified copy first.

Every conversion works the same way, under the log's window lock (so no window or command writes to it
meanwhile):

1. the log is checked (a damaged log is refused: restore a backup first) and its -wal folded into it;
2. SQLCipher's `sqlcipher_export` copies every table, index, trigger and the search index into a new file
   beside the log, encrypted with the new key (or not encrypted at all);
3. the copy is checked with `integrity_check` through its new key, and every table is counted in both files:
   a copy that differs in one row is thrown away and the log is left as it was;
4. the copy takes the log's place in one rename, and the old file's bytes are overwritten with zeros before
   its space is given back (`shred`), so the plain text is not left in the free space of the disk for a
   file-recovery program to find. (On an SSD, or a file system that writes elsewhere, overwriting cannot
   reach every copy the hardware made: full-disk encryption is the protection there — see the README.)

The log's backups follow the log: encrypting it encrypts its backups with the same key, a new passphrase
re-encrypts them, and removing encryption decrypts them; a backup the old key does not open is left as it
is and reported.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from stls_desk.db import driver
from stls_desk.db.backup import _backup_files, _fsync_file, _fsync_folder, default_backups_dir
from stls_desk.db.driver import LogKey
from stls_desk.db.header import APPLICATION_ID, LogError, read_encrypted_facts, read_file_facts
from stls_desk.db.health import integrity_problems
from stls_desk.db.log import _take_lock, vet_file

MIN_PASSPHRASE_LENGTH = 8
CONVERTING = ".converting"


class EncryptionError(LogError):
    """A conversion could not be done; the log was left exactly as it was. The message says why."""


@dataclass(frozen=True)
class Conversion:
    """What a conversion did: the log, and its backups converted alongside or left as they were."""

    path: Path
    encrypted: bool  # whether the log is now encrypted
    backups_converted: int = 0
    backups_left: tuple[Path, ...] = field(default=())


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase will not do, in a sentence that says what to type instead; None if it will."""
    if not passphrase.strip():
        return "Type a passphrase: the log cannot be encrypted with nothing."
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return (
            f"Use at least {MIN_PASSPHRASE_LENGTH} characters: a short passphrase can be guessed by a program "
            "that tries every one. A few unrelated words are long and easy to remember."
        )
    return None


def encrypt_log(path: Path, key: LogKey, backups_dir: Path | None = None) -> Conversion:
    """Encrypt a plain log (and its backups) with key, in place."""
    return _convert(Path(path).expanduser(), None, key, backups_dir)


def change_key(path: Path, old_key: LogKey, new_key: LogKey, backups_dir: Path | None = None) -> Conversion:
    """Re-encrypt an encrypted log (and its backups) with a new key: the old passphrase opens nothing after."""
    return _convert(Path(path).expanduser(), old_key, new_key, backups_dir)


def decrypt_log(path: Path, key: LogKey, backups_dir: Path | None = None) -> Conversion:
    """Remove the encryption of a log (and of its backups): anyone with the file can then read it."""
    return _convert(Path(path).expanduser(), key, None, backups_dir)


def _convert(
    path: Path, old_key: LogKey | None, new_key: LogKey | None, backups_dir: Path | None
) -> Conversion:
    header = read_file_facts(path)
    if not header.exists or header.size == 0:
        raise EncryptionError(f"There is no STLS Desk log at {path} to convert.")
    if old_key is None and header.encrypted:
        raise EncryptionError(
            f"{path.name} is already encrypted; to change its passphrase, use Change passphrase."
        )
    if old_key is not None and header.is_sqlite:
        raise EncryptionError(f"{path.name} is not encrypted.")
    lock = _take_lock(path)
    try:
        facts = vet_file(path, old_key)
        if facts.application_id != APPLICATION_ID:
            raise EncryptionError(f"There is no STLS Desk log at {path} to convert.")
        problems = integrity_problems(path, quick=False, key=old_key)
        if problems:
            raise EncryptionError(
                f"{path.name} is damaged ({problems[0]}), so it was not converted: restore a backup first."
            )
        _convert_file(path, old_key, new_key, fold_wal=True)
    finally:
        lock.release()
    converted, left = _convert_backups(path.stem, old_key, new_key, backups_dir)
    return Conversion(path, new_key is not None, converted, tuple(left))


def _convert_file(path: Path, old_key: LogKey | None, new_key: LogKey | None, *, fold_wal: bool) -> None:
    """Replace the file at path by a verified copy under new_key; the old bytes are shredded."""
    partial = path.with_name(f".{path.name}.{os.getpid()}{CONVERTING}")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    try:
        source = driver.connect(path, key=old_key)
        try:
            if fold_wal:
                source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            version = int(source.execute("PRAGMA user_version").fetchone()[0])
            application_id = int(source.execute("PRAGMA application_id").fetchone()[0])
            key_clause = new_key.attach_clause() if new_key is not None else "KEY ''"
            source.execute(f"ATTACH DATABASE ? AS converted {key_clause}", (str(partial),))
            try:
                source.execute("SELECT sqlcipher_export('converted')")
                source.execute(f"PRAGMA converted.user_version = {version}")
                source.execute(f"PRAGMA converted.application_id = {application_id}")
            finally:
                source.execute("DETACH DATABASE converted")
            expected = _table_counts(source)
        finally:
            source.close()
        _verify_copy(partial, new_key, expected, version, application_id)
        _fsync_file(partial)
        swap_in(partial, path)
        for companion in ("-wal", "-shm"):  # emptied by the checkpoint; SQLite remakes them as needed
            with contextlib.suppress(FileNotFoundError):
                path.with_name(path.name + companion).unlink()
    except driver.Error as exc:
        raise EncryptionError(f"{path.name} could not be converted ({exc}); it was left as it was.") from exc
    except OSError as exc:
        raise EncryptionError(
            f"{path.name} could not be converted ({exc.strerror or exc}); it was left as it was."
        ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()


def _table_counts(conn: driver.Connection, schema: str = "main") -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: int(conn.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0]) for name in names
    }


def _verify_copy(
    partial: Path, key: LogKey | None, expected: dict[str, int], version: int, application_id: int
) -> None:
    facts = read_encrypted_facts(partial, key, partial.stat().st_size) if key else read_file_facts(partial)
    problems = integrity_problems(partial, quick=False, key=key)
    if problems:
        raise EncryptionError(
            f"The converted copy failed its integrity check ({problems[0]}); the log is unchanged."
        )
    conn = driver.connect(driver.read_only_uri(partial, immutable=True), uri=True, key=key)
    try:
        counts = _table_counts(conn)
    finally:
        conn.close()
    if counts != expected or facts.user_version != version or facts.application_id != application_id:
        differing = sorted(
            name for name in expected.keys() | counts.keys() if expected.get(name) != counts.get(name)
        )
        raise EncryptionError(
            "The converted copy does not hold exactly what the log holds "
            f"({', '.join(differing) or 'its header'}); the log is unchanged."
        )


def swap_in(replacement: Path, path: Path) -> None:
    """Put replacement in path's place in one rename, and shred the file that was there.

    On POSIX the old file is held open across the rename and overwritten through that handle afterwards,
    so at every moment path is either the whole old file or the whole new one. Windows cannot rename over
    an open file, so there the old file is first renamed aside."""
    if os.name == "posix":
        with path.open("r+b") as old:
            os.replace(replacement, path)
            _fsync_folder(path.parent)
            _overwrite(old)
        return
    aside = path.with_name(f".{path.name}.{os.getpid()}.old")
    os.replace(path, aside)
    os.replace(replacement, path)
    shred(aside)


def shred(path: Path) -> None:
    """Overwrite a file with zeros, flush it to disk, then delete it."""
    with path.open("r+b") as f:
        _overwrite(f)
    path.unlink()


def _overwrite(f: BinaryIO) -> None:
    fd = f.fileno()
    size = os.fstat(fd).st_size
    block = bytes(1 << 20)
    os.lseek(fd, 0, os.SEEK_SET)
    written = 0
    while written < size:
        written += os.write(fd, block[: min(len(block), size - written)])
    os.fsync(fd)


def _convert_backups(
    stem: str, old_key: LogKey | None, new_key: LogKey | None, backups_dir: Path | None
) -> tuple[int, list[Path]]:
    """Convert each backup of the log the old key opens (a plain log: each plain backup)."""
    converted, left = 0, []
    for backup, _ in _backup_files(backups_dir or default_backups_dir(), stem):
        try:
            facts = read_file_facts(backup)
            if facts.encrypted != (old_key is not None):
                left.append(backup)
                continue
            if old_key is not None:
                read_encrypted_facts(backup, old_key, facts.size)
            _convert_file(backup, old_key, new_key, fold_wal=False)
            converted += 1
        except LogError:
            left.append(backup)
    return converted, left
