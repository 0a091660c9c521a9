"""Encryption in the window: asking for the passphrase, the File menu's commands, the lock and the idle lock."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialogButtonBox

from stls_desk.db.driver import LogKey
from stls_desk.db.encryption import encrypt_log
from stls_desk.db.header import read_file_facts
from stls_desk.db.log import Log, open_log
from stls_desk.ui import messages
from stls_desk.ui.dialogs import passphrase
from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.tabs.base import DisputeTab
from tests.ui.data import TODAY, Sample

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def encrypted_path(sample_file: tuple[Path, Sample], tmp_path: Path) -> Path:
    path = tmp_path / "encrypted.stlslog"
    shutil.copyfile(sample_file[0], path)
    encrypt_log(path, LogKey.for_new_file(PASSPHRASE), tmp_path / "backups")
    return path


@pytest.fixture
def encrypted_window(qtbot, encrypted_path: Path, sample: Sample) -> Iterator[MainWindow]:
    log = open_log(encrypted_path, actor="Test Rep", key=LogKey.for_file(PASSPHRASE, encrypted_path))
    win = MainWindow(log, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    win.load()
    win.dispute_selector.select_dispute(sample.dispute)
    yield win
    win.close_log()


def grievance_rows(window: MainWindow) -> int:
    """The rows the Grievances tab shows, once the rep has gone to it."""
    window.tab_widget.setCurrentWidget(window.grievances)
    return window.grievances.model.rowCount()


def test_the_unlock_dialog_says_wrong_and_waits_for_the_right_passphrase(qtbot, encrypted_path: Path) -> None:
    dialog = passphrase.UnlockDialog(None, encrypted_path)
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.fields[0]
    qtbot.keyClicks(field, "Not the passphrase")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.key is None
    assert "Wrong passphrase" in dialog.error.text()
    assert "damaged" not in dialog.error.text()
    field.clear()
    qtbot.keyClicks(field, PASSPHRASE)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible() and dialog.key is not None
    assert field.text() == ""  # what was typed does not stay in the widget
    open_log(encrypted_path, key=dialog.key).close()


def test_a_new_passphrase_must_be_long_and_typed_twice(qtbot) -> None:
    dialog = passphrase.NewPassphraseDialog(None, "Encrypt", "Why", "&Encrypt")
    qtbot.addWidget(dialog)
    dialog.show()
    first, second = dialog.fields
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(first, "short")
    ok.click()
    assert dialog.isVisible() and "at least 8" in dialog.error.text()
    first.setText(PASSPHRASE)
    second.setText(PASSPHRASE + " but different")
    ok.click()
    assert dialog.isVisible() and "differ" in dialog.error.text()
    second.setText(PASSPHRASE)
    ok.click()
    assert not dialog.isVisible() and dialog.passphrase == PASSPHRASE


def test_opening_an_encrypted_log_asks_for_its_passphrase(
    window: MainWindow, encrypted_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []

    def ask_key(_parent: object, path: Path, _intro: str = "") -> LogKey | None:
        asked.append(path)
        return passphrase.key_if_right(path, PASSPHRASE) if len(asked) > 1 else None

    monkeypatch.setattr(passphrase, "ask_key", ask_key)
    before = window.log.path
    assert not window.open_log_file(encrypted_path, create=False)  # cancelled: the window keeps its log
    assert window.log.path == before
    assert window.open_log_file(encrypted_path, create=False)
    assert window.log.path == encrypted_path and window.log.encrypted
    assert "encrypted" in window.log_label.text()
    assert grievance_rows(window) > 0


def test_encrypt_this_log_keeps_everything_shown_and_encrypts_the_file(
    window: MainWindow, log: Log, settings_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = grievance_rows(window)
    told: list[str] = []
    monkeypatch.setattr(passphrase, "ask_new_passphrase", lambda *_args: PASSPHRASE)
    monkeypatch.setattr(messages, "show_info", lambda _p, _t, text: told.append(text))
    assert window.encryption.encrypt_action.isEnabled()
    window.encryption.encrypt_action.trigger()
    assert read_file_facts(log.path).encrypted
    assert window.log.encrypted and grievance_rows(window) == shown
    assert told and "Encrypted" in told[0]
    assert not window.encryption.encrypt_action.isEnabled()
    assert window.encryption.lock_action.isEnabled()
    window.save_state()
    written = [p for p in tmp_path.rglob("*") if p.is_file()]  # settings, the app's log file, backups
    assert any(p.is_relative_to(settings_folder) for p in written)
    assert not [p for p in written if PASSPHRASE.encode() in p.read_bytes()]


def test_lock_clears_the_views_and_forgets_the_key_until_the_passphrase(
    encrypted_window: MainWindow, qtbot, sample: Sample
) -> None:
    window = encrypted_window
    key = window.log.key
    assert key is not None and grievance_rows(window) > 0
    window.encryption.lock_action.trigger()
    feature = window.encryption
    assert feature.locked and feature.lock_screen.isVisible()
    assert key.forgotten
    assert not hasattr(window, "log")
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert not window.findChildren(DisputeTab)  # every view of the log is gone, with its rows
    views = window.findChildren(QAbstractItemView)
    assert all(v.model() is None or v.model().rowCount() == 0 for v in views)
    assert not window.window_actions.new_log.isEnabled()
    screen = feature.lock_screen
    qtbot.keyClicks(screen.field, "wrong passphrase")
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)
    assert feature.locked and "Wrong passphrase" in screen.error.text()
    screen.field.clear()
    qtbot.keyClicks(screen.field, PASSPHRASE)
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)
    assert not feature.locked and not screen.isVisible()
    assert window.log.encrypted and grievance_rows(window) > 0
    assert window.dispute_selector.current_dispute_id() == sample.dispute
    assert window.window_actions.new_log.isEnabled()


def test_the_idle_lock_locks_after_a_while_without_input(encrypted_window: MainWindow, qtbot) -> None:
    feature = encrypted_window.encryption
    feature.idle_timer.setInterval(200)  # Preferences counts in minutes; the timer itself in ms
    feature.idle_timer.start()
    qtbot.waitUntil(lambda: feature.locked, timeout=5000)
    assert feature.lock_screen.isVisible() and not hasattr(encrypted_window, "log")


def test_the_idle_lock_is_off_by_default_and_never_locks_a_plain_log(
    window: MainWindow, encrypted_window: MainWindow
) -> None:
    assert not encrypted_window.encryption.idle_timer.isActive()  # 0 minutes: off
    assert not window.encryption.lock_action.isEnabled()
    window.encryption.lock()
    assert not window.encryption.locked


def test_exports_of_an_encrypted_log_warn_first(
    encrypted_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stls_desk.ui import encryption

    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, title, text, _ok, _c="": asked.append(text) or False)
    assert not encryption.confirm_leaving_protection(encrypted_window, "grievances.csv")
    assert "will not be" in asked[0] and "grievances.csv" in asked[0]
    monkeypatch.setattr(messages, "confirm", lambda *_args: asked.append("again") or True)
    assert encryption.confirm_leaving_protection(encrypted_window, "grievances.csv")
    assert encryption.confirm_leaving_protection(encrypted_window, "pack.pdf")  # once per log and session
    assert asked == [asked[0], "again"]


def test_change_passphrase_then_remove_encryption(
    encrypted_window: MainWindow, encrypted_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = encrypted_window
    new = "another long passphrase"
    typed = iter([PASSPHRASE, new])
    monkeypatch.setattr(
        passphrase, "ask_key", lambda _p, path, _intro="": passphrase.key_if_right(path, next(typed))
    )
    monkeypatch.setattr(passphrase, "ask_new_passphrase", lambda *_args: new)
    monkeypatch.setattr(messages, "show_info", lambda *_args: None)
    window.encryption.change_action.trigger()
    assert window.log.encrypted and grievance_rows(window) > 0
    with pytest.raises(Exception, match="Wrong passphrase"):
        passphrase.key_if_right(encrypted_path, PASSPHRASE)
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, _t, text, _ok, _c="": asked.append(text) or True)
    window.encryption.remove_action.trigger()  # asks twice: are you sure, then the passphrase
    assert asked and "Anyone" in asked[0]
    assert not read_file_facts(encrypted_path).encrypted and not window.log.encrypted
    assert grievance_rows(window) > 0


def test_the_idle_lock_is_set_in_preferences_in_minutes(encrypted_window: MainWindow) -> None:
    from stls_desk.ui.dialogs import preferences

    values = preferences.current(encrypted_window.log.actor)
    assert values.idle_lock_minutes == 0
    assert preferences.apply(preferences.PreferencesResult(values.rep_name, None, 100, 5)) == ""
    feature = encrypted_window.encryption
    feature.apply_idle_setting()
    assert feature.idle_timer.interval() == 5 * 60_000 and feature.idle_timer.isActive()
    dialog = preferences.PreferencesDialog(None, preferences.current("Test Rep"), None)
    try:
        assert dialog.idle_lock.value() == 5 and dialog.values().idle_lock_minutes == 5
        dialog.idle_lock.setValue(0)
        assert dialog.idle_lock.text() == "Never"
    finally:
        dialog.deleteLater()


def test_a_damaged_first_page_is_damage_once_a_backup_proves_the_passphrase(
    window: MainWindow, encrypted_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stls_desk.db.backup import make_backup
    from stls_desk.ui.dialogs import restore

    make_backup(encrypted_path, None, key=LogKey.for_file(PASSPHRASE, encrypted_path))
    with encrypted_path.open("r+b") as f:
        f.seek(200)
        f.write(bytes(64))
    dialog = passphrase.UnlockDialog(None, encrypted_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.fields[0], PASSPHRASE)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.key is not None and not dialog.isVisible()  # not "wrong passphrase"
    offered: list[str] = []
    monkeypatch.setattr(
        restore, "offer_backup", lambda _p, error, decline_text: offered.append(str(error)) or False
    )
    monkeypatch.setattr(
        passphrase, "ask_key", lambda *_args: passphrase.key_if_right(encrypted_path, PASSPHRASE)
    )
    assert not window.open_log_file(encrypted_path, create=False)
    assert offered and "damaged" in offered[0] and "passphrase is right" in offered[0]


def test_new_encrypted_log_is_encrypted_from_its_first_byte(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stls_desk.ui.dialogs import files

    path = tmp_path / "new branch log.stlslog"
    monkeypatch.setattr(files, "ask_new_path", lambda _parent, _folder: path)
    monkeypatch.setattr(passphrase, "ask_new_passphrase", lambda *_args: PASSPHRASE)
    window.encryption.new_encrypted_action.trigger()
    assert window.log.path == path and window.log.encrypted
    assert read_file_facts(path).encrypted and b"SQLite format 3" not in path.read_bytes()
    assert window.encryption.lock_action.isEnabled()
