"""A desktop program driven from the keyboard: standard shortcuts, none ambiguous; tab order through the
forms; a name for every control a screen reader lands on; window, splitter and column state kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from stls_desk.db.log import Log, open_log
from stls_desk.services import grievances
from stls_desk.ui.dialogs import files, preferences
from stls_desk.ui.main_window import MainWindow
from tests.ui.data import TODAY, Sample

KNOWN_UNNAMED = {
    # Controls reached by Tab that a screen reader cannot name yet, by tab; each is listed so that a new one
    # fails this test.
    "ProposalsTab": {"QTreeWidget:revisions"},
}
CONTAINERS = ("QScrollArea",)
"""Not controls: a record panel's scroll area should take no Tab stop at all (test_tab_order_on_the_table_side)."""


def activate(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def press(qtbot, window: MainWindow, sequence: str) -> None:
    """Type a shortcut where the rep's focus is, as a key press reaches the window."""
    key = QKeySequence(sequence)[0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key.key(), key.keyboardModifiers())


def label(widget: QWidget) -> str:
    return f"{type(widget).__name__}:{widget.objectName()}"


def test_every_shortcut_is_unique(window: MainWindow) -> None:
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            owners.setdefault(sequence.toString(), []).append(action.objectName() or action.text())
    for shortcut in window.findChildren(QShortcut):
        owners.setdefault(shortcut.key().toString(), []).append(shortcut.objectName())
    assert {key: who for key, who in owners.items() if len(who) > 1} == {}
    for expected in (
        "Ctrl+F",
        "Ctrl+H",
        "Ctrl+,",
        "Ctrl+Z",
        "Ctrl+Shift+Z",
        "Ctrl+C",
        "Ctrl+O",
        "Ctrl+Q",
        "F5",
    ):
        assert expected in owners


def test_the_menus_are_file_edit_view_help(window: MainWindow) -> None:
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&View", "&Help"]
    edit = [a.objectName() for a in window.menus.edit.actions() if not a.isSeparator()]
    assert edit.index("findAction") < edit.index("preferencesAction")
    assert "historyAction" in [a.objectName() for a in window.menus.view.actions()]
    assert [a.objectName() for a in window.menus.help.actions()] == ["aboutAction"]


def test_the_standard_shortcuts_work(
    qtbot, window: MainWindow, log: Log, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    activate(qtbot, window)
    for n in range(6, 0, -1):
        press(qtbot, window, f"Ctrl+{n}")
        assert window.tab_widget.currentIndex() == n - 1
    press(qtbot, window, "Ctrl+F")
    assert window.search.isVisible()
    window.search.hide()
    activate(qtbot, window)
    press(qtbot, window, "Ctrl+H")
    assert window.history.isVisible()
    press(qtbot, window, "Ctrl+H")
    assert not window.history.isVisible()

    asked: list[str] = []
    monkeypatch.setattr(preferences, "ask", lambda _p, current, **_k: asked.append(current.rep_name))
    press(qtbot, window, "Ctrl+,")
    assert asked == ["Test Rep"]
    opened: list[str] = []
    monkeypatch.setattr(files, "ask_open_path", lambda _p, folder: opened.append(folder))
    press(qtbot, window, "Ctrl+O")
    assert len(opened) == 1

    travel = sample.grievances["travel"]
    window.operations.change("grievance", travel, grievances.change_grievance, category="Mileage")
    window.tab_widget.setCurrentWidget(window.people)  # focus on a table, not in a text field
    window.people.view.setFocus()
    press(qtbot, window, "Ctrl+Z")
    assert grievances.get_grievance(log, travel).row.category == "Pay"
    press(qtbot, window, "Ctrl+Shift+Z")
    assert grievances.get_grievance(log, travel).row.category == "Mileage"
    press(qtbot, window, "F5")
    assert window.statusBar().currentMessage() == "Read the log again."
    press(qtbot, window, "Ctrl+Q")
    assert not window.isVisible()


def test_tab_goes_through_the_grievances_editor_top_to_bottom(
    qtbot, window: MainWindow, sample: Sample
) -> None:
    activate(qtbot, window)
    window.open_record("grievance", sample.grievances["travel"])
    editor = window.grievances.panel
    focusable = [
        w
        for w in editor.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.isVisible()
        and w.isEnabled()
        and w.focusProxy() is None
        and type(w).__name__ != "QScrollArea"  # a stop of its own: see test_tab_order_on_the_table_side
    ]
    assert len(focusable) > 10
    first = editor.findChild(QWidget, "title")
    first.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first, timeout=1000)
    order = []
    for _ in range(len(focusable)):
        order.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert set(order) == set(focusable), [label(w) for w in order]  # each once; Tab never stays in a box
    rows = [w.mapTo(window, QPoint(0, 0)).y() for w in order]
    assert rows == sorted(rows), [label(w) for w in order]  # top to bottom, as the form reads
    for _ in range(40):  # Tab leaves the editor and comes round to the table side again
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is window.grievances.filter_bar.text:
            break
    else:
        pytest.fail("Tab never came back to the grievances filter")


@pytest.mark.xfail(
    reason="the filter's status choice comes after the table, and the record panel's scroll area "
    "takes a Tab stop of its own (widgets/filter_bar.py, widgets/record_panel.py)"
)
def test_tab_order_on_the_table_side(qtbot, window: MainWindow, sample: Sample) -> None:
    activate(qtbot, window)
    window.open_record("grievance", sample.grievances["travel"])
    tab = window.grievances
    tab.filter_bar.text.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.filter_bar.text, timeout=1000)
    order = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order[:2] == [tab.filter_bar.status, tab.view]
    assert all(type(w).__name__ != "QScrollArea" for w in order)


def test_every_control_reached_by_tab_has_a_name(window: MainWindow) -> None:
    """What a screen reader says on landing: the accessible name, a buddy label's text, or a button's text."""
    unnamed: dict[str, set[str]] = {}
    for tab in window.tabs:
        window.tab_widget.setCurrentWidget(tab)
        view = getattr(tab, "view", None)
        if view is not None and view.model().rowCount():
            view.selectRow(0)  # the editor shows its fields
        for widget in tab.findChildren(QWidget):
            if (
                not widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                or not widget.isVisible()
                or widget.focusProxy() is not None
                or widget.objectName().startswith("qt_")  # Qt's own parts, named by their owner
                or type(widget).__name__ in CONTAINERS
            ):
                continue
            face = QAccessible.queryAccessibleInterface(widget)
            if face is None or not face.text(QAccessible.Text.Name).replace("&", "").strip():
                unnamed.setdefault(type(tab).__name__, set()).add(label(widget))
    new = {tab: names - KNOWN_UNNAMED.get(tab, set()) for tab, names in unnamed.items()}
    assert {tab: names for tab, names in new.items() if names} == {}


def test_window_splitter_column_and_dock_state_survive_a_restart(qtbot, window: MainWindow, log: Log) -> None:
    window.setGeometry(QRect(10, 20, 780, 560))
    window.grievances.splitter.setSizes([500, 280])
    window.grievances.view.setColumnWidth(1, 333)
    window.tab_widget.setCurrentWidget(window.ballots)
    window.ballots.tables_splitter.setSizes([120, 300])
    window.history.toggleViewAction().trigger()
    kept = (
        window.grievances.splitter.sizes(),
        window.grievances.view.columnWidth(1),
        window.ballots.tables_splitter.sizes(),
    )
    window.close()

    again = MainWindow(open_log(log.path, actor="Test Rep"), today=lambda: TODAY)
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (780, 560)
    assert again.history.isVisible()
    again.tab_widget.setCurrentWidget(again.ballots)
    assert (
        again.grievances.splitter.sizes(),
        again.grievances.view.columnWidth(1),
        again.ballots.tables_splitter.sizes(),
    ) == kept
    again.close()


def test_the_window_and_the_desktop_entry_use_the_icon(window: MainWindow) -> None:
    from stls_desk import app
    from stls_desk.ui.resources import RESOURCES

    assert not window.windowIcon().isNull()
    assert not app.application().windowIcon().isNull()
    entry = dict(
        line.split("=", 1)
        for line in (RESOURCES / "stls-desk.desktop").read_text(encoding="utf-8").splitlines()
        if "=" in line
    )
    assert entry["Icon"] == Path(RESOURCES / "icons" / "stls-desk.svg").stem
    assert entry["Exec"] == "stls-desk %f"
    assert app.application().desktopFileName() == "stls-desk"
    assert entry["StartupWMClass"] == "stls-desk"
