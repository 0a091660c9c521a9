"""Edit ▸ Preferences: the rep's name in the audit trail, the log opened at start, backups to keep."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from stls_desk import places
from stls_desk.cli import gui, main
from stls_desk.db.log import Log
from stls_desk.services import grievances
from stls_desk.services.core import history
from stls_desk.ui import settings
from stls_desk.ui.dialogs import files, preferences
from stls_desk.ui.dialogs.preferences import PreferencesDialog, PreferencesResult
from stls_desk.ui.main_window import MainWindow
from tests.ui.data import Sample


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default-log file goes to a temporary config folder, never the rep's own."""
    folder = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return folder


@pytest.fixture
def dialog(qtbot, log: Log) -> Iterator[PreferencesDialog]:
    shown = PreferencesDialog(None, preferences.current("Test Rep"), log.path)
    qtbot.addWidget(shown)
    shown.show()
    yield shown


def test_the_reps_name_applies_to_the_next_edit_at_once(
    window: MainWindow, log: Log, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[PreferencesResult] = []

    def answer(_parent, current: PreferencesResult, *, open_log: Path | None = None) -> PreferencesResult:
        asked.append(current)
        assert open_log == log.path
        return PreferencesResult("Siân Llywelyn", None, 30)

    monkeypatch.setattr(preferences, "ask", answer)
    action = window.window_actions.preferences
    assert action.shortcut().toString() == "Ctrl+,"
    assert action in window.menus.edit.actions()
    action.trigger()
    assert asked == [PreferencesResult("Test Rep", None, settings.BACKUP_LIMIT.default)]
    assert log.actor == "Siân Llywelyn"
    assert "changes recorded as Siân Llywelyn" in window.log_label.text()
    assert settings.rep_name() == "Siân Llywelyn"
    assert settings.BACKUP_LIMIT.read() == 30

    travel = sample.grievances["travel"]
    window.operations.change("grievance", travel, grievances.change_grievance, category="Travel")
    assert history(log, "grievance", travel)[0].actor == "Siân Llywelyn"


def test_cancel_changes_nothing(window: MainWindow, log: Log, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preferences, "ask", lambda *_args, **_kwargs: None)
    window.window_actions.preferences.trigger()
    assert log.actor == "Test Rep"
    assert settings.REP_NAME.read() == ""


def test_the_dialog_edits_a_copy_and_gives_it_back_on_ok(dialog: PreferencesDialog) -> None:
    assert dialog.name.text() == "Test Rep"
    assert dialog.backups.value() == 100
    assert dialog.default_log.text().startswith("Your own log (")
    dialog.name.setText("  Bartłomiej Wójcik ")
    dialog.backups.setValue(12)
    dialog.use_open_log.click()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == PreferencesResult("Bartłomiej Wójcik", dialog._open_log, 12)
    assert settings.BACKUP_LIMIT.read() == 100  # nothing kept until the caller applies it


def test_an_empty_name_is_refused_at_the_form(dialog: PreferencesDialog) -> None:
    dialog.name.setText("   ")
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.name.property("invalid") is True
    assert "cannot be empty" in dialog.name_error.text()
    assert dialog.name.text() == "   "  # what was typed stays
    dialog.name.textEdited.emit("S")
    assert dialog.name_error.text() == ""
    assert dialog.name.property("invalid") is False


def test_the_default_log_can_be_chosen_or_given_back(
    dialog: PreferencesDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "branch.stlslog"
    monkeypatch.setattr(files, "ask_open_path", lambda _parent, _folder: elsewhere)
    dialog.choose_log.click()
    assert dialog.default_log.text() == str(elsewhere)
    assert dialog.values().default_log == elsewhere
    dialog.use_own_log.click()
    assert dialog.values().default_log is None


def test_the_command_line_opens_the_default_log_chosen(
    log: Log, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[Path, bool]] = []
    fake = types.ModuleType("stls_desk.app")
    fake.run = lambda log_path, *, create, key=None: calls.append((log_path, create)) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "stls_desk.app", fake)

    assert gui.user_log_path() == places.own_log_path()
    assert preferences.apply(PreferencesResult("Test Rep", log.path, 100)) == ""
    assert places.chosen_default_log() == log.path.resolve()
    assert gui.user_log_path() == log.path.resolve()
    assert main([]) == 0
    assert calls == [(log.path.resolve(), False)]  # a chosen log is opened, never created afresh

    preferences.apply(PreferencesResult("Test Rep", None, 100))
    assert places.chosen_default_log() is None
    assert main([]) == 0
    assert calls[-1] == (places.own_log_path(), True)


def test_a_default_log_that_cannot_be_kept_is_said(
    window: MainWindow, config_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_home.mkdir(parents=True)
    (config_home / "stls-desk").write_text("a file where the folder should be", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(
        "stls_desk.ui.messages.show_error", lambda _p, _title, text, details="": shown.append(text)
    )
    monkeypatch.setattr(
        preferences, "ask", lambda *_a, **_k: PreferencesResult("Test Rep", window.log.path, 100)
    )
    window.window_actions.preferences.trigger()
    assert shown and shown[0].startswith("The log to open at start could not be kept")
