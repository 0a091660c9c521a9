"""`MainWindow.detach()` lets go of the log and shows the bare frame again; `attach(log)` then opens it (or
another) in the same window: what an encrypted log's lock and unlock do."""

from __future__ import annotations

import gc
import shutil
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAction

from stls_desk import APP_NAME
from stls_desk.db.log import Log, open_log
from stls_desk.services import grievances
from stls_desk.ui.main_window import MainWindow
from tests.ui.data import TODAY, Sample

FEATURE_ACTIONS = ("findAction", "historyAction", "backUpNowAction", "newDisputeAction", "newRecordAction")


@pytest.fixture
def own_log(sample_file: tuple[Path, Sample], tmp_path: Path) -> Path:
    """A copy of the sample log that no fixture keeps open, so the test alone holds what opens it."""
    path = tmp_path / "own.stlslog"
    shutil.copyfile(sample_file[0], path)
    return path


@pytest.fixture
def busy(qtbot, own_log: Path, sample: Sample) -> Iterator[MainWindow]:
    """A window that has shown a log every way it can: tabs visited, a change on the undo stack, a search
    with hits, a record's history."""
    window = MainWindow(open_log(own_log, actor="Test Rep"), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.load()
    window.dispute_selector.select_dispute(sample.dispute)
    window.open_record("grievance", sample.grievances["caseload"])
    window.operations.change(
        "grievance", sample.grievances["caseload"], grievances.change_grievance, category="Pay"
    )
    window.history.toggleViewAction().trigger()
    window.search.start()
    with qtbot.waitSignal(window.search.searched, timeout=5000):
        window.search.query.setText("caseload")
        window.search.search_now()
    window.open_record("meeting", sample.meetings["negotiation"])  # the dock now shows its history
    yield window
    window.close_log()


def deleted_later() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def count_actions(window: MainWindow, name: str) -> int:
    return sum(1 for a in window.findChildren(QAction) if a.objectName() == name)


def test_detach_shows_the_bare_frame_and_returns_the_open_log(busy: MainWindow, own_log: Path) -> None:
    assert busy.search.model.rowCount() > 0 and busy.history.entries and busy._undo_stack.count() == 1
    log = busy.detach()
    assert log.path == own_log and not busy.attached and not busy.is_loaded
    assert busy.built_tabs() == []
    assert busy.tab_widget.count() == 7 and busy.tab_widget.currentIndex() == 3  # the rep's tab, blank
    assert busy.windowTitle() == APP_NAME and busy.log_label.text() == ""
    assert busy.dispute_selector.count() == 0 and not busy.dispute_selector.isEnabled()
    assert busy._undo_stack.count() == 0
    assert not busy.search.isVisible() and busy.search.model.rowCount() == 0
    assert busy.history.entries == [] and busy.history.record_id == 0
    log.close()


def test_the_window_keeps_no_reference_to_a_detached_log(busy: MainWindow) -> None:
    log = busy.detach()
    log.close()
    gone = weakref.ref(log)
    del log
    deleted_later()  # the tabs, deleted with deleteLater, go now
    gc.collect()
    assert gone() is None


def test_attach_again_fills_the_window_as_before(busy: MainWindow, own_log: Path, sample: Sample) -> None:
    busy.detach().close()
    deleted_later()
    again = open_log(own_log, actor="Test Rep")
    busy.attach(again)
    busy.load()
    busy.dispute_selector.select_dispute(sample.dispute)
    assert busy.attached and busy.log is again and busy.operations.log is again
    assert busy.windowTitle() == f"{APP_NAME} — own.stlslog"
    assert [type(tab).__name__ for tab in busy.built_tabs()] == ["MeetingsTab"]  # the tab in view only
    assert busy.meetings.view.model().rowCount() == 2
    busy.tab_widget.setCurrentWidget(busy.grievances)
    assert busy.grievances.view.model().rowCount() == 4
    busy.tab_widget.setCurrentWidget(busy.overview)
    assert busy.overview.title.text() == "STLS restructure"
    assert busy.dispute_actions.first_dispute is not None  # the new Overview has its own button
    for name in FEATURE_ACTIONS:
        assert count_actions(busy, name) == 1, name  # installed once, not again on each attach

    # Edits, undo and the features work on the log attached again.
    changed = busy.operations.change(
        "grievance", sample.grievances["caseload"], grievances.change_grievance, category="Workload"
    )
    assert changed is not None and busy._undo_stack.count() == 1
    busy.window_actions.undo.trigger()
    assert grievances.get_grievance(again, sample.grievances["caseload"]).row.category == "Pay"
    busy.open_record("grievance", sample.grievances["caseload"])
    assert busy.history.record_id == sample.grievances["caseload"]


def test_detach_and_attach_can_repeat(qtbot, own_log: Path, sample: Sample) -> None:
    window = MainWindow(open_log(own_log, actor="Test Rep"), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.load()
    for _ in range(3):
        window.detach().close()
        deleted_later()
        window.attach(open_log(own_log, actor="Test Rep"))
        window.load()
        assert window.overview.title.text() == "Nursery closures"  # the first dispute listed
    assert len(window.built_tabs()) == 1
    window.close_log()


def test_a_window_closed_while_detached_closes_cleanly(qtbot, own_log: Path) -> None:
    window = MainWindow(open_log(own_log, actor="Test Rep"), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.load()
    log: Log = window.detach()
    window.close()  # nothing left to save but the window's own state
    log.close()
    reopened = open_log(own_log)  # the window lock was the log's, and is free again
    reopened.close()


def test_the_backup_due_on_opening_does_not_look_for_a_detached_log(qtbot, own_log: Path) -> None:
    window = MainWindow(open_log(own_log, actor="Test Rep"), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.load()  # schedules the backup on opening (at once in tests)
    log = window.detach()
    qtbot.wait(50)  # it comes due with no log attached: nothing to back up, and no error
    assert not window.records_menu.worker.busy
    log.close()
