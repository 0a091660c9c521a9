"""The command line on encrypted logs: every LOG command with --passphrase-file or a prompt without echo."""

from __future__ import annotations

import csv
import getpass
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from stls_desk.cli import main
from stls_desk.db import driver
from stls_desk.db.backup import list_backups
from stls_desk.db.driver import LogKey
from stls_desk.db.header import read_file_facts
from tests.test_cli import one_error_line

PASSPHRASE = "branch officers only, please"
OTHER = "a completely different phrase"


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")  # as `echo` writes it: the line ending is not part
    return path


@pytest.fixture
def encrypted(
    demo_log_file: Path, tmp_path: Path, passphrase_file: Path, capsys: pytest.CaptureFixture[str]
) -> Path:
    path = tmp_path / "branch.stlslog"
    shutil.copyfile(demo_log_file, path)
    assert main(["encrypt", str(path), "--passphrase-file", str(passphrase_file)]) == 0
    capsys.readouterr()
    return path


def a_member(demo_log_file: Path) -> str:
    conn = driver.connect(demo_log_file)
    try:
        return str(conn.execute("SELECT name FROM person WHERE role = 'member' ORDER BY id").fetchone()[0])
    finally:
        conn.close()


def test_encrypt_makes_the_file_unreadable_and_says_what_it_did(
    demo_log_file: Path, tmp_path: Path, passphrase_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "branch.stlslog"
    shutil.copyfile(demo_log_file, path)
    assert main(["encrypt", str(path), "--passphrase-file", str(passphrase_file)]) == 0
    out = capsys.readouterr().out
    assert "Encrypted" in out and "forgotten" in out
    assert read_file_facts(path).encrypted
    assert a_member(demo_log_file).encode() not in path.read_bytes()
    assert main(["encrypt", str(path), "--passphrase-file", str(passphrase_file)]) == 2
    assert "already encrypted" in one_error_line(capsys.readouterr().err)


def test_every_reading_command_works_with_a_passphrase_file(
    encrypted: Path, passphrase_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = ["--passphrase-file", str(passphrase_file)]
    assert main(["check", str(encrypted), *given]) == 0
    out = capsys.readouterr().out
    assert "encryption: SQLCipher" in out and "The log is sound." in out

    table = tmp_path / "grievances.csv"
    assert main(["export", "csv", str(encrypted), "--table", "grievances", "-o", str(table), *given]) == 0
    captured = capsys.readouterr()
    assert "not encrypted" in captured.err and "left the protection" in captured.err
    with table.open(encoding="utf-8") as f:
        assert len(list(csv.reader(f))) > 1

    pack = tmp_path / "pack.pdf"
    assert main(["export", "pdf", str(encrypted), "-o", str(pack), *given]) == 0
    assert pack.read_bytes().startswith(b"%PDF") and "left the protection" in capsys.readouterr().err

    calendar = tmp_path / "dates.ics"
    assert main(["export", "ics", str(encrypted), "-o", str(calendar), *given]) == 0
    assert b"BEGIN:VCALENDAR" in calendar.read_bytes()
    capsys.readouterr()


def test_backup_and_restore_of_an_encrypted_log_stay_encrypted(
    encrypted: Path, passphrase_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = ["--passphrase-file", str(passphrase_file)]
    folder = tmp_path / "backups"
    assert main(["backup", str(encrypted), "--backups", str(folder), *given]) == 0
    assert "encrypted with the log's passphrase" in capsys.readouterr().out
    key = LogKey.for_file(PASSPHRASE, encrypted)
    (made,) = list_backups(folder, encrypted.stem, key=key)
    assert made.encrypted and made.readable and read_file_facts(made.path).encrypted
    assert main(["backup", str(encrypted), "--backups", str(folder), "--list", *given]) == 0
    assert "records" in capsys.readouterr().out
    assert main(["restore", str(made.path), str(encrypted), "--backups", str(folder), *given]) == 0
    assert "Restored" in capsys.readouterr().out
    assert read_file_facts(encrypted).encrypted


def test_a_wrong_or_missing_passphrase_is_one_clear_line(
    encrypted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = encrypted.read_bytes()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(OTHER, encoding="utf-8")
    assert main(["check", str(encrypted), "--passphrase-file", str(wrong)]) == 2
    assert "Wrong passphrase" in one_error_line(capsys.readouterr().err)
    assert main(["check", str(encrypted)]) == 2  # no terminal here to ask on
    line = one_error_line(capsys.readouterr().err)
    assert "--passphrase-file" in line and "environment variable" in line
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    assert main(["check", str(encrypted), "--passphrase-file", str(empty)]) == 2
    assert "empty" in one_error_line(capsys.readouterr().err)
    assert main(["check", str(encrypted), "--passphrase-file", str(tmp_path / "nowhere.txt")]) == 2
    assert "no passphrase file" in one_error_line(capsys.readouterr().err)
    assert encrypted.read_bytes() == before
    assert not list(tmp_path.glob("*damaged*"))


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A terminal the passphrase is typed on: what is typed, in order; what was asked is kept too."""
    typed: list[str] = []
    asked: list[str] = []

    def getpass_(prompt: str = "") -> str:
        asked.append(prompt)
        return typed.pop(0)

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(getpass, "getpass", getpass_)
    yield typed
    assert not typed, f"not asked for: {typed}"


def test_a_passphrase_typed_at_the_prompt_gets_three_tries(
    encrypted: Path, terminal: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    terminal += [OTHER, PASSPHRASE]
    assert main(["check", str(encrypted)]) == 0
    captured = capsys.readouterr()
    assert "Wrong passphrase; try again." in captured.err and "The log is sound." in captured.out
    terminal += [OTHER, OTHER, OTHER]
    assert main(["check", str(encrypted)]) == 2
    assert "Wrong passphrase" in capsys.readouterr().err.splitlines()[-1]


def test_a_new_passphrase_is_typed_twice_and_must_be_long_enough(
    demo_log_file: Path, tmp_path: Path, terminal: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "branch.stlslog"
    shutil.copyfile(demo_log_file, path)
    terminal += ["short"]
    assert main(["encrypt", str(path)]) == 2
    assert "at least 8 characters" in one_error_line(capsys.readouterr().err)
    terminal += [PASSPHRASE, PASSPHRASE + "!"]
    assert main(["encrypt", str(path)]) == 2
    assert "differ" in one_error_line(capsys.readouterr().err)
    assert not read_file_facts(path).encrypted
    terminal += [PASSPHRASE, PASSPHRASE]
    assert main(["encrypt", str(path)]) == 0
    assert read_file_facts(path).encrypted


def test_change_passphrase_and_decrypt(
    encrypted: Path, passphrase_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.txt"
    new.write_text(OTHER, encoding="utf-8")
    changed = ["change-passphrase", str(encrypted), "--passphrase-file", str(passphrase_file)]
    assert main([*changed, "--new-passphrase-file", str(new)]) == 0
    assert "Re-encrypted" in capsys.readouterr().out
    assert main(["check", str(encrypted), "--passphrase-file", str(passphrase_file)]) == 2
    assert "Wrong passphrase" in capsys.readouterr().err
    assert main(["decrypt", str(encrypted), "--passphrase-file", str(new)]) == 0
    assert "Anyone who has the file can now read it." in capsys.readouterr().out
    assert not read_file_facts(encrypted).encrypted
    assert main(["check", str(encrypted)]) == 0
    capsys.readouterr()


def test_commands_that_write_refuse_while_the_app_has_the_log_open(
    encrypted: Path, passphrase_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from stls_desk.db.log import open_log

    held = open_log(encrypted, key=LogKey.for_file(PASSPHRASE, encrypted))
    try:
        assert main(["decrypt", str(encrypted), "--passphrase-file", str(passphrase_file)]) == 2
        assert "while STLS Desk has it open" in one_error_line(capsys.readouterr().err)
    finally:
        held.close()


def test_the_passphrase_never_reaches_the_log_or_its_audit_trail(
    encrypted: Path, passphrase_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("title\nA grievance imported from the command line\n", encoding="utf-8")
    given = ["--passphrase-file", str(passphrase_file)]
    assert main(["import", "csv", str(encrypted), str(rows), "--table", "grievances", *given]) == 0
    capsys.readouterr()
    conn = driver.connect(encrypted, key=LogKey.for_file(PASSPHRASE, encrypted))
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        text = repr([conn.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables])
    finally:
        conn.close()
    assert "imported from the command line" in text
    assert PASSPHRASE not in text


def test_open_hands_an_encrypted_log_to_the_app_which_asks_for_the_passphrase(
    encrypted: Path, passphrase_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import types

    calls: list[tuple[Path, bool]] = []

    def run(log_path: Path, *, create: bool, key: LogKey | None = None) -> int:
        calls.append((log_path, key is not None))
        return 0

    fake = types.ModuleType("stls_desk.app")
    fake.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "stls_desk.app", fake)
    assert main(["open", str(encrypted)]) == 0  # no passphrase yet: the app's window asks for it
    assert main(["open", str(encrypted), "--passphrase-file", str(passphrase_file)]) == 0
    assert calls == [(encrypted, False), (encrypted, True)]
