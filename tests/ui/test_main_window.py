"""The main window: title, menus, the dispute every tab follows, opening records and logs, its state."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from stls_desk.db.log import Log, open_log
from stls_desk.services import disputes
from stls_desk.ui import messages
from stls_desk.ui.dialogs import files
from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.tabs.overview import STATUS_LINK
from tests.ui.data import TODAY, Sample


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The message boxes the window would have shown, answered at once."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, text, details="": shown.append((title, text))
    )
    return shown


def test_title_icon_and_menus(window: MainWindow) -> None:
    assert window.windowTitle() == "STLS Desk — test.stlslog"
    assert not window.windowIcon().isNull()
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&View", "&Help"]
    shortcuts = {
        a.objectName(): a.shortcut().toString() for a in window.findChildren(type(window.window_actions.quit))
    }
    assert shortcuts["newLogAction"] == "Ctrl+Shift+N"
    assert shortcuts["openLogAction"] == "Ctrl+O"
    assert shortcuts["quitAction"] == "Ctrl+Q"
    assert shortcuts["reloadAction"] == "F5"
    assert [shortcuts[f"showTab{n}Action"] for n in range(1, 7)] == [f"Ctrl+{n}" for n in range(1, 7)]
    assert [window.tab_widget.tabText(n) for n in range(6)] == [
        "Overview",
        "Grievances",
        "Proposals",
        "Meetings",
        "Ballots && dates",
        "People",
    ]


def test_view_actions_switch_tabs(window: MainWindow) -> None:
    window.window_actions.show_tab[3].trigger()
    assert window.tab_widget.currentWidget() is window.meetings
    assert window.window_actions.show_tab[3].isChecked()
    assert not window.window_actions.show_tab[0].isChecked()


def test_the_dispute_selector_switches_every_tab(window: MainWindow, log: Log, sample: Sample) -> None:
    selector = window.dispute_selector
    assert [selector.itemText(n) for n in range(selector.count())] == [
        "Nursery closures — Kent County Council",
        "STLS restructure — Kent County Council",
    ]
    assert window.overview.title.text() == "STLS restructure"
    selector.select_dispute(sample.other_dispute)
    for tab in window.tabs:
        window.tab_widget.setCurrentWidget(tab)
        assert tab.dispute_id == sample.other_dispute
    assert window.grievances.view.model().index(0, 1).data() == "Closure of Oak nursery"
    assert window.grievances.view.model().rowCount() == 1
    assert window.meetings.table_area.empty_label.text() == "No meetings yet."
    window.tab_widget.setCurrentWidget(window.overview)
    assert window.overview.title.text() == "Nursery closures"


def test_overview_lines_open_their_records(window: MainWindow, sample: Sample) -> None:
    overdue = window.overview.overdue.tree
    assert overdue.topLevelItem(0).text(2) == "G-001 Unpaid travel time between schools"
    overdue.itemActivated.emit(overdue.topLevelItem(0), 0)
    assert window.tab_widget.currentWidget() is window.grievances
    assert window.grievances.panel.title.text() == "G-001  Unpaid travel time between schools"

    coming = window.overview.coming_up.tree
    texts = [coming.topLevelItem(n).text(1) for n in range(coming.topLevelItemCount())]
    strike = texts.index("Strike day")
    coming.itemActivated.emit(coming.topLevelItem(strike), 0)
    assert window.tab_widget.currentWidget() is window.ballots
    assert window.ballots.key_date_panel.title.text() == "First strike day"

    action = texts.index("Action due")
    coming.itemActivated.emit(coming.topLevelItem(action), 0)
    assert window.tab_widget.currentWidget() is window.meetings
    assert window.meetings.panel.title.text() == "Negotiation meeting 1"


def test_overview_counts_open_the_grievances_filtered(window: MainWindow) -> None:
    statuses = window.overview.statuses.tree
    rows = {statuses.topLevelItem(n).text(0): n for n in range(statuses.topLevelItemCount())}
    assert statuses.topLevelItem(rows["In negotiation"]).text(1) == "1"
    assert statuses.topLevelItem(rows["All open"]).data(0, 256 + 1)[0] == STATUS_LINK
    statuses.itemActivated.emit(statuses.topLevelItem(rows["In negotiation"]), 0)
    assert window.tab_widget.currentWidget() is window.grievances
    assert window.grievances.view.model().rowCount() == 1
    assert window.grievances.filter_bar.status.currentText() == "In negotiation"
    window.tab_widget.setCurrentWidget(window.overview)
    statuses.itemActivated.emit(statuses.topLevelItem(rows["All open"]), 0)
    assert window.grievances.view.model().rowCount() == 3


def test_opening_a_record_hidden_by_the_filter_clears_the_filter(window: MainWindow, sample: Sample) -> None:
    tab = window.grievances
    window.tab_widget.setCurrentWidget(tab)
    status = tab.filter_bar.status
    status.setCurrentIndex(status.findText("Resolved"))
    window.open_record("grievance", sample.grievances["travel"])
    assert status.currentIndex() == 0
    assert tab.panel.title.text().startswith("G-001")


def test_geometry_is_saved_and_restored(qtbot, log: Log, sample: Sample, tmp_path: Path) -> None:
    first = MainWindow(log, today=lambda: TODAY)
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(QRect(10, 20, 770, 540))  # inside the offscreen platform's 800x600 screen
    first.grievances.splitter.setSizes([700, 300])
    sizes = first.grievances.splitter.sizes()
    first.close()

    again = open_log(log.path, actor="Test Rep")  # the first window closed the log with itself
    second = MainWindow(again, today=lambda: TODAY)
    qtbot.addWidget(second)
    assert (second.size().width(), second.size().height()) == (770, 540)
    second.show()
    assert second.grievances.splitter.sizes() == sizes
    second.close()


def test_copy_puts_the_selected_row_on_the_clipboard(window: MainWindow) -> None:
    window.tab_widget.setCurrentWidget(window.people)
    window.people.view.selectRow(1)
    window.window_actions.copy.trigger()
    assert QGuiApplication.clipboard().text() == "Ben Okafor\tRep\tMaidstone hub"


def test_open_replaces_the_log(
    window: MainWindow, log: Log, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors
) -> None:
    other_path = tmp_path / "other.stlslog"
    other = open_log(other_path, create=True, actor="x")
    disputes.create_dispute(other, "Another branch's dispute")
    other.close()
    monkeypatch.setattr(files, "ask_open_path", lambda _parent, _folder: other_path)
    window.window_actions.open_log.trigger()
    assert errors == []
    assert window.windowTitle() == "STLS Desk — other.stlslog"
    assert window.overview.title.text() == "Another branch's dispute"
    assert log.lock is None  # the old log is closed: another window could now open it
    reopened = open_log(log.path, actor="x")
    reopened.close()
    window.close()


def test_a_file_that_is_not_a_log_is_refused_and_the_old_log_kept(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors
) -> None:
    notes = tmp_path / "notes.stlslog"
    notes.write_text("not a database", encoding="utf-8")
    monkeypatch.setattr(files, "ask_open_path", lambda _parent, _folder: notes)
    window.window_actions.open_log.trigger()
    assert errors and errors[0][0] == "Cannot open the log"
    assert "not an STLS Desk log" in errors[0][1]
    assert window.windowTitle() == "STLS Desk — test.stlslog"
    window.window_actions.reload.trigger()  # the old log still answers
    assert window.overview.title.text() == "STLS restructure"


def test_new_log_creates_an_empty_one(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors
) -> None:
    monkeypatch.setattr(files, "ask_new_path", lambda _parent, _folder: tmp_path / "fresh.stlslog")
    window.window_actions.new_log.trigger()
    assert errors == []
    assert window.windowTitle() == "STLS Desk — fresh.stlslog"
    assert (tmp_path / "fresh.stlslog").exists()
    assert window.overview.title.text() == "No dispute to show"
    assert not window.dispute_selector.isEnabled()
    window.tab_widget.setCurrentWidget(window.grievances)
    assert window.grievances.table_area.empty_label.text() == "No dispute to show."


def test_new_log_never_replaces_a_file(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors
) -> None:
    existing = tmp_path / "taken.stlslog"
    existing.write_bytes(b"")
    monkeypatch.setattr(files, "ask_new_path", lambda _parent, _folder: existing)
    window.window_actions.new_log.trigger()
    assert errors and "already a file" in errors[0][1]
    assert window.windowTitle() == "STLS Desk — test.stlslog"


def test_a_renamed_dispute_is_relisted(window: MainWindow, log: Log, sample: Sample) -> None:
    window.report(disputes.change_dispute(log, sample.dispute, title="STLS restructure 2025"))
    assert window.dispute_selector.currentText() == "STLS restructure 2025 — Kent County Council"
    assert window.overview.title.text() == "STLS restructure 2025"


def test_the_frame_shows_before_its_keys_are_given(qtbot, log: Log) -> None:
    """Giving the first key builds Qt's tables of keys (about 20 ms): the frame is painted without them, and
    the keys come with the log."""
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.window_actions.quit.shortcut().isEmpty()
    window.attach(log)
    assert window.window_actions.quit.shortcut().toString() == "Ctrl+Q"
    assert [k.toString() for k in window.window_actions.redo.shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert not window.window_actions.undo.shortcut().isEmpty()
