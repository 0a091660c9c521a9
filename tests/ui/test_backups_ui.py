"""Backups from the window: automatic on opening and closing, Back up now, to a file, and restoring one.

The backups folder is the default one, which tests/ui/conftest.py points into tmp_path (XDG_DATA_HOME).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog

from stls_desk.db.backup import BackupInfo, default_backups_dir, list_backups, make_backup
from stls_desk.db.health import integrity_problems
from stls_desk.db.log import Log
from stls_desk.services import grievances
from stls_desk.services.grievances import GrievanceQuery
from stls_desk.ui import messages
from stls_desk.ui.background import PROGRESS_AFTER_MS
from stls_desk.ui.dialogs import backups as backups_dialog
from stls_desk.ui.dialogs import restore
from stls_desk.ui.main_window import MainWindow
from tests.ui.data import TODAY, Sample


def backups_of(path: Path) -> list[BackupInfo]:
    return list_backups(default_backups_dir(), path.stem)


def titles(log: Log, dispute_id: int) -> list[str]:
    return [g.title for g in grievances.list_grievances(log, GrievanceQuery(dispute_id))]


def idle(window: MainWindow) -> bool:
    return not window.records_menu.worker.busy


def open_window(qtbot, log: Log) -> MainWindow:
    win = MainWindow(log, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    win.load()
    return win


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The message boxes the window would show: confirmations answered yes, all of them recorded."""
    said: dict[str, list[str]] = {"confirm": [], "info": [], "error": []}
    monkeypatch.setattr(messages, "confirm", lambda _p, _t, text, *_a: said["confirm"].append(text) or True)
    monkeypatch.setattr(messages, "show_info", lambda _p, _t, text: said["info"].append(text))
    monkeypatch.setattr(messages, "show_error", lambda _p, _t, text, details="": said["error"].append(text))
    return said


def test_the_file_menu_holds_the_commands_before_quit(window: MainWindow) -> None:
    names = [a.objectName() for a in window.menus.file.actions() if not a.isSeparator()]
    mine = [
        "backUpNowAction",
        "backUpToFileAction",
        "restoreAction",
        "exportTableAction",
        "importTableAction",
        "exportCalendarAction",
    ]
    assert [n for n in names if n in mine] == mine
    assert names.index("exportCalendarAction") < names.index("quitAction")


def test_opening_a_log_with_no_recent_backup_backs_it_up_in_the_background(qtbot, log: Log) -> None:
    assert backups_of(log.path) == []
    win = open_window(qtbot, log)
    qtbot.waitUntil(lambda: idle(win) and len(backups_of(log.path)) == 1, timeout=10_000)
    made = backups_of(log.path)[0]
    assert integrity_problems(made.path, quick=False) == []
    assert made.counts["grievances"] == 5
    assert win.statusBar().currentMessage() == "Backed up test.stlslog automatically."
    assert not win.records_menu.auto_backup.warning.isVisible()


def test_the_backup_on_opening_waits_so_start_up_does_not(
    qtbot, log: Log, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stls_desk.ui import records_menu

    monkeypatch.setattr(records_menu, "BACKUP_ON_OPEN_DELAY_MS", 300)
    win = open_window(qtbot, log)
    assert not win.records_menu.worker.busy and backups_of(log.path) == []
    qtbot.waitUntil(lambda: idle(win) and len(backups_of(log.path)) == 1, timeout=10_000)


def test_a_recent_backup_is_not_repeated_on_opening_or_closing(qtbot, log: Log) -> None:
    make_backup(log.path)
    win = open_window(qtbot, log)
    qtbot.waitUntil(lambda: idle(win), timeout=10_000)
    win.close()
    assert len(backups_of(log.path)) == 1


def test_closing_waits_for_a_backup_still_being_made(qtbot, log: Log) -> None:
    win = MainWindow(log, today=lambda: TODAY)  # not loaded: nothing started yet
    qtbot.addWidget(win)
    win.show()
    win.records_menu.auto_backup.log_opened(log.path)
    assert win.records_menu.worker.busy
    win.close()
    assert idle(win)
    [made] = backups_of(log.path)
    assert integrity_problems(made.path, quick=False) == []
    assert not list(default_backups_dir().glob(".*partial*"))


def test_a_failed_automatic_backup_is_shown_in_the_status_bar(qtbot, log: Log, tmp_path: Path) -> None:
    blocked = tmp_path / "not a folder"
    blocked.write_text("a file where the backups folder should be", encoding="utf-8")
    win = MainWindow(log, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.records_menu.backups_dir = blocked
    win.show()
    win.load()
    warning = win.records_menu.auto_backup.warning
    qtbot.waitUntil(warning.isVisible, timeout=10_000)
    assert "automatic backup of test.stlslog failed" in win.statusBar().currentMessage()
    assert "Back up now" in warning.toolTip()


def test_back_up_now_makes_a_verified_backup(window: MainWindow, log: Log, qtbot) -> None:
    qtbot.waitUntil(lambda: idle(window), timeout=10_000)
    before = len(backups_of(log.path))
    window.records_menu.back_up_now_action.trigger()
    after = backups_of(log.path)
    assert len(after) == before + 1
    newest = after[0]
    assert integrity_problems(newest.path, quick=False) == []
    assert newest.counts["people"] == 3
    assert window.statusBar().currentMessage().startswith(f"Backed up to {newest.path}")


def test_back_up_to_a_file_writes_a_checked_log_there(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers
) -> None:
    target = tmp_path / "usb" / "handover.stlslog"
    target.parent.mkdir()
    asked: list[Path] = []
    monkeypatch.setattr(
        backups_dialog, "ask_backup_file", lambda _p, suggested: asked.append(suggested) or target
    )
    window.records_menu.back_up_to_file_action.trigger()
    assert asked[0].name == "test backup 2025-03-03.stlslog"
    assert integrity_problems(target, quick=False) == []
    assert str(target) in window.statusBar().currentMessage()
    window.records_menu.back_up_to_file_action.trigger()  # never over an existing file
    assert "already exists" in answers["error"][0]


def test_restore_replaces_the_log_reopens_it_and_keeps_a_safety_backup(
    qtbot, window: MainWindow, log: Log, sample: Sample, monkeypatch: pytest.MonkeyPatch, answers
) -> None:
    qtbot.waitUntil(lambda: idle(window), timeout=10_000)
    taken = make_backup(log.path)
    window.operations.create(
        "grievance", grievances.create_grievance, sample.dispute, "Added after the backup"
    )
    assert "Added after the backup" in titles(window.log, sample.dispute)
    offered: list[list[BackupInfo]] = []
    monkeypatch.setattr(restore, "ask", lambda _p, found, *_a: offered.append(found) or taken)

    window.records_menu.restore_action.trigger()

    assert taken.path in [b.path for b in offered[0]]
    assert "Replace everything in test.stlslog" in answers["confirm"][0]
    assert window.log is not log and window.log.lock is not None  # reopened, locked again
    assert "Added after the backup" not in titles(window.log, sample.dispute)
    window.tab_widget.setCurrentWidget(window.grievances)
    assert window.grievances.view.model().rowCount() == 4  # the open ones, as the backup had them
    assert window.operations.stack.count() == 0  # undo steps of the replaced log mean nothing now
    safety = backups_of(log.path)[0]
    assert safety.taken_at > taken.taken_at
    assert str(safety.path) in answers["info"][0]
    conn = sqlite3.connect(f"{safety.path.as_uri()}?mode=ro", uri=True)
    try:
        kept = [r[0] for r in conn.execute("SELECT title FROM grievance")]
    finally:
        conn.close()
    assert "Added after the backup" in kept  # the restore can itself be undone


def test_restore_declined_changes_nothing(
    qtbot, window: MainWindow, log: Log, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = make_backup(log.path)
    monkeypatch.setattr(restore, "ask", lambda *_a: taken)
    monkeypatch.setattr(messages, "confirm", lambda *_a: False)
    window.records_menu.restore_action.trigger()
    assert window.log is log


def test_the_restore_dialog_lists_the_backups_newest_first(qtbot, qtmodeltester, log: Log) -> None:
    older = make_backup(log.path)
    newer = make_backup(log.path)
    dialog = restore.RestoreDialog(backups_of(log.path), log.path, default_backups_dir(), None)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 2
    assert dialog.selected() == newer
    assert dialog.model.index(0, 0).data() == backups_dialog.taken(newer)
    assert dialog.model.index(0, 1).data() == f"{newer.records:,}"
    assert "5 grievances" in dialog.details.text()
    dialog.table.selectRow(1)
    dialog.restore_button.click()
    assert dialog.chosen == older
    assert dialog.result() == dialog.DialogCode.Accepted


def test_the_restore_dialog_says_when_there_are_no_backups(qtbot, log: Log) -> None:
    dialog = restore.RestoreDialog([], log.path, default_backups_dir(), None)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert "There are no backups of test.stlslog" in dialog.details.text()


def test_a_command_that_takes_a_while_shows_progress_and_returns_its_result(window: MainWindow) -> None:
    seen: list[bool] = []

    def look() -> None:
        dialog = window.findChild(QProgressDialog, "backgroundProgress")
        seen.append(dialog is not None and dialog.isVisible() and dialog.labelText() == "Working…")

    QTimer.singleShot(PROGRESS_AFTER_MS + 300, look)
    worker = window.records_menu.worker
    assert worker.run(window, "Working…", lambda: time.sleep(PROGRESS_AFTER_MS / 1000 + 0.8) or 42) == 42
    assert seen == [True]
    with pytest.raises(ZeroDivisionError):
        worker.run(window, "Failing…", lambda: 1 / 0)
    assert not worker.busy
