"""Encrypted logs: unreadable without the passphrase, told apart from damage, converted both ways intact."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from stls_desk.db import driver
from stls_desk.db.backup import list_backups, make_backup, read_backup, restore_backup
from stls_desk.db.driver import LogKey
from stls_desk.db.encryption import (
    EncryptionError,
    change_key,
    decrypt_log,
    encrypt_log,
    passphrase_problem,
    swap_in,
)
from stls_desk.db.health import DAMAGED_TAG, check_log
from stls_desk.db.log import (
    DamagedLogError,
    PassphraseNeededError,
    WrongPassphraseError,
    open_log,
    vet_file,
)
from stls_desk.services import disputes, grievances, people

PASSPHRASE = "correct horse battery staple"
MEMBER = "Philippa Quennell-Agbaje"
TITLE = "Mileage for peripatetic specialist teachers withdrawn"


def every_byte(path: Path) -> bytes:
    """The log file and whatever sits beside it under its name (-wal, -shm)."""
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")) if p.is_file())


def write_secrets(path: Path, key: LogKey | None) -> None:
    log = open_log(path, create=True, actor="Test Rep", key=key)
    try:
        dispute = disputes.create_dispute(log, "STLS restructure").id
        member = people.create_person(log, dispute, MEMBER, contact="07700 900123").id
        grievances.create_grievance(log, dispute, TITLE, raised_by=[member], detail="Paid since 2019.")
    finally:
        log.close(forget_key=False)


def dump(path: Path, key: LogKey | None) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the audit trail and the search index included), in order."""
    conn = driver.connect(path, key=key)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in sorted(tables)}
    finally:
        conn.close()


@pytest.fixture
def new_key() -> LogKey:
    return LogKey.for_new_file(PASSPHRASE)


def test_an_encrypted_log_holds_none_of_its_text(tmp_path: Path, new_key: LogKey) -> None:
    path = tmp_path / "secret.stlslog"
    write_secrets(path, new_key)
    raw = every_byte(path)
    for text in (MEMBER, TITLE, "07700 900123", "Test Rep", "STLS restructure", "SQLite format 3"):
        assert text.encode() not in raw
    assert PASSPHRASE.encode() not in raw
    plain = tmp_path / "plain.stlslog"
    write_secrets(plain, None)
    assert MEMBER.encode() in every_byte(plain)  # the test would see the name if it were there


def test_an_encrypted_log_opens_only_with_its_passphrase(tmp_path: Path, new_key: LogKey) -> None:
    path = tmp_path / "secret.stlslog"
    write_secrets(path, new_key)
    before = path.read_bytes()
    with pytest.raises(PassphraseNeededError, match="encrypted log"):
        open_log(path)
    with pytest.raises(WrongPassphraseError, match="Wrong passphrase"):
        open_log(path, key=LogKey.for_file("Correct horse battery staple", path))
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(f"*{DAMAGED_TAG}*"))  # a wrong passphrase is not damage: nothing kept aside
    log = open_log(path, key=LogKey.for_file(PASSPHRASE, path))
    try:
        assert log.encrypted
        assert [p.name for p in people.list_people(log, disputes.list_disputes(log)[0].id)] == [MEMBER]
    finally:
        log.close()
    assert log.key is not None and log.key.forgotten


def test_the_sqlcipher_shell_opens_a_log_with_the_same_passphrase(tmp_path: Path, new_key: LogKey) -> None:
    """The key is SQLCipher's own derivation of the passphrase: the log is not locked into this program."""
    path = tmp_path / "secret.stlslog"
    write_secrets(path, new_key)
    conn = driver.connect(path)
    try:
        conn.execute(f"PRAGMA key = '{PASSPHRASE}'")  # what a rep types in the sqlcipher shell
        assert conn.execute("SELECT name FROM person").fetchall() == [(MEMBER,)]
    finally:
        conn.close()


def test_damage_is_reported_only_when_the_passphrase_is_known_to_be_right(
    tmp_path: Path, new_key: LogKey
) -> None:
    path = tmp_path / "secret.stlslog"
    backups = tmp_path / "backups"
    write_secrets(path, new_key)
    key = LogKey.for_file(PASSPHRASE, path)
    page = 4096
    # A page past the first: the key opens the file, so its failing check is damage.
    damaged = tmp_path / "later-page.stlslog"
    shutil.copy(path, damaged)
    with damaged.open("r+b") as f:
        f.seek(3 * page + 200)
        f.write(bytes(64))
    with pytest.raises(DamagedLogError):
        open_log(damaged, key=key, backups_dir=backups)
    # The first page: without a backup the same key opens, that is indistinguishable from a wrong passphrase.
    first = tmp_path / "first-page.stlslog"
    shutil.copy(path, first)
    with first.open("r+b") as f:
        f.seek(200)
        f.write(bytes(64))
    with pytest.raises(WrongPassphraseError):
        open_log(first, key=key, backups_dir=backups)
    # With a backup of that log that the key opens, the passphrase is proven right: damage, backup offered.
    shutil.copy(make_backup(path, backups, key=key).path, backups / _renamed(path, first))
    with pytest.raises(DamagedLogError, match="passphrase is right") as caught:
        open_log(first, key=key, backups_dir=backups)
    assert caught.value.newest_backup is not None
    # And a wrong passphrase is still only that, backup or not.
    with pytest.raises(WrongPassphraseError):
        open_log(first, key=LogKey.for_file("not the passphrase", first), backups_dir=backups)


def _renamed(original: Path, other: Path) -> str:
    """The backups folder's name for a backup of other, taken from a backup name of original."""
    (made,) = [b for b in list_backups(original.parent / "backups", original.stem)]
    return made.path.name.replace(original.stem, other.stem, 1)


def test_backups_of_an_encrypted_log_are_encrypted_and_restore(tmp_path: Path, new_key: LogKey) -> None:
    path = tmp_path / "secret.stlslog"
    backups = tmp_path / "backups"
    write_secrets(path, new_key)
    key = LogKey.for_file(PASSPHRASE, path)
    made = make_backup(path, backups, key=key)
    assert made.encrypted and made.readable and made.counts["people"] == 1
    assert MEMBER.encode() not in made.path.read_bytes()
    assert read_backup(made.path).problem == "encrypted: it opens with its log's passphrase"
    assert read_backup(made.path, LogKey.for_file("wrong passphrase", made.path)).problem == (
        "encrypted with another passphrase"
    )
    before = dump(path, key)
    log = open_log(path, key=key)
    try:
        grievances.create_grievance(log, disputes.list_disputes(log)[0].id, "Written after the backup")
    finally:
        log.close(forget_key=False)
    result = restore_backup(made, path, backups, key=key)
    assert result.safety_backup is not None and result.safety_backup.encrypted
    assert dump(path, key) == before
    assert MEMBER.encode() not in every_byte(path)


def test_encrypting_and_decrypting_keep_every_record_and_the_audit_trail(
    demo_log_file: Path, tmp_path: Path, new_key: LogKey
) -> None:
    path = tmp_path / "demo.stlslog"
    backups = tmp_path / "backups"
    shutil.copy(demo_log_file, path)
    original = dump(path, None)
    assert original["audit_entry"]
    plain_backup = make_backup(path, backups)
    a_name = original["person"][0][original_columns(path, "person").index("name")]

    done = encrypt_log(path, new_key, backups)
    assert done.encrypted and done.backups_converted == 1 and not done.backups_left
    assert dump(path, new_key) == original
    assert str(a_name).encode() not in every_byte(path)
    assert vet_file(path, new_key).encrypted
    assert str(a_name).encode() not in plain_backup.path.read_bytes()  # its backups were encrypted too
    assert read_backup(plain_backup.path, new_key).readable

    undone = decrypt_log(path, new_key, backups)
    assert not undone.encrypted and undone.backups_converted == 1
    assert dump(path, None) == original
    assert str(a_name).encode() in path.read_bytes()
    log = open_log(path)  # a plain log again, opened as before
    log.close()


def original_columns(path: Path, table: str) -> list[str]:
    conn = driver.connect(path)
    try:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def test_a_new_passphrase_locks_out_the_old_one_in_the_log_and_its_backups(
    tmp_path: Path, new_key: LogKey
) -> None:
    path = tmp_path / "secret.stlslog"
    backups = tmp_path / "backups"
    write_secrets(path, new_key)
    old = LogKey.for_file(PASSPHRASE, path)
    made = make_backup(path, backups, key=old)
    before = dump(path, old)
    replacement = LogKey.for_new_file("a different passphrase entirely")
    done = change_key(path, old, replacement, backups)
    assert done.backups_converted == 1
    with pytest.raises(WrongPassphraseError):
        vet_file(path, LogKey.for_file(PASSPHRASE, path))
    assert dump(path, LogKey.for_file("a different passphrase entirely", path)) == before
    assert read_backup(made.path, old).problem == "encrypted with another passphrase"
    assert read_backup(made.path, replacement).readable


def test_conversions_refuse_what_they_cannot_do_and_leave_the_log_alone(
    tmp_path: Path, new_key: LogKey
) -> None:
    path = tmp_path / "plain.stlslog"
    write_secrets(path, None)
    before = path.read_bytes()
    with pytest.raises(EncryptionError, match="not encrypted"):
        decrypt_log(path, new_key)
    with pytest.raises(EncryptionError, match="no STLS Desk log"):
        encrypt_log(tmp_path / "missing.stlslog", new_key)
    held = open_log(path)
    try:
        with pytest.raises(Exception, match="already open"):
            encrypt_log(path, new_key)
    finally:
        held.close()
    assert path.read_bytes() == before
    encrypt_log(path, new_key)
    with pytest.raises(EncryptionError, match="already encrypted"):
        encrypt_log(path, new_key)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.stlslog", "plain.stlslog.lock"]


def test_a_damaged_log_is_not_converted(tmp_path: Path, new_key: LogKey) -> None:
    path = tmp_path / "plain.stlslog"
    write_secrets(path, None)
    with path.open("r+b") as f:
        f.seek(3 * 4096)  # a b-tree page's own header
        f.write(b"\xff" * 16)
    before = path.read_bytes()
    with pytest.raises(EncryptionError, match="damaged"):
        encrypt_log(path, new_key)
    assert path.read_bytes() == before


def test_the_old_file_is_overwritten_before_its_space_is_given_back(tmp_path: Path) -> None:
    """A second name for the old file (a hard link) shows what became of its bytes: zeros."""
    old, new = tmp_path / "log", tmp_path / "log.new"
    old.write_bytes(b"Members' names and grievances " * 5000)
    new.write_bytes(b"encrypted")
    os.link(old, tmp_path / "second name")
    swap_in(new, old)
    assert old.read_bytes() == b"encrypted"
    left = (tmp_path / "second name").read_bytes()
    assert len(left) == 30 * 5000 and not any(left)


def test_check_reports_an_encrypted_log_through_its_key(tmp_path: Path, new_key: LogKey) -> None:
    path = tmp_path / "secret.stlslog"
    write_secrets(path, new_key)
    report = check_log(path, key=LogKey.for_file(PASSPHRASE, path))
    assert report.ok and report.encrypted
    assert any("SQLCipher" in line for line in report.lines())
    assert not check_log(path).ok  # without the key there is nothing to check


def test_a_key_is_never_shown_or_pickled() -> None:
    key = LogKey.for_new_file(PASSPHRASE)
    assert "hidden" in repr(key) and PASSPHRASE not in repr(key)
    with pytest.raises(TypeError):
        pickle.dumps(key)
    key.forget()
    assert key.forgotten
    with pytest.raises(RuntimeError):
        key.pragma()


@pytest.mark.parametrize(
    ("passphrase", "ok"), [("", False), ("        ", False), ("short", False), ("long enough", True)]
)
def test_new_passphrases_are_long_enough(passphrase: str, ok: bool) -> None:
    assert (passphrase_problem(passphrase) is None) == ok
