"""Driving a record editor as a rep would: type into a field, then press Enter or leave it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.tabs.paged import PagedTableTab


def open_record(window: MainWindow, tab: PagedTableTab, record_id: int):
    """Show the tab, select the record, and return its editor."""
    window.tab_widget.setCurrentWidget(tab)
    tab.select_record(record_id)
    editor = tab.editor
    assert editor is not None and editor.record_id == record_id
    return editor


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type key by key; a character QTest cannot name (Ł, ✊) arrives as a key event carrying its text."""
    for char in text:
        if char == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select what the field holds and type over it, key by key."""
    widget.setFocus()
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.selectAll()
    type_text(qtbot, widget, text)


def clear(qtbot: QtBot, widget: QLineEdit) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)


def enter(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def leave(qtbot: QtBot, window: MainWindow, widget: QWidget, to: QWidget) -> None:
    """Move the focus from `widget` to `to`, as a click or Tab elsewhere would."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    to.setFocus()
    qtbot.waitUntil(to.hasFocus)


def column(view, n: int) -> list[str]:
    model = view.model()
    return [model.index(row, n).data() for row in range(model.rowCount())]
