"""Edit ▸ New (Ctrl+N) and Edit ▸ Delete… (Del), handed to whichever tab is showing.

A tab takes part by having `new_record()` and `delete_selected()` (the EditsRecords protocol); on a tab
without them both actions are disabled, so they never take the keys from it. A widget inside a tab that
wants Delete for itself (a list of attachments) accepts the key's ShortcutOverride event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtGui import QAction, QKeySequence

from stls_desk.ui.editors.base import EditsRecords

if TYPE_CHECKING:
    from stls_desk.ui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


@dataclass(frozen=True)
class RecordActions:
    new: QAction
    delete: QAction


class _Router(QObject):
    """Passes the two actions to the current tab and keeps them enabled only where a tab takes them."""

    def __init__(self, window: MainWindow, actions: RecordActions) -> None:
        super().__init__(window)
        self._window = window
        self._actions = actions

    def current(self) -> EditsRecords | None:
        tab = self._window.tab_widget.currentWidget()
        return tab if isinstance(tab, EditsRecords) else None

    @Slot()
    def on_new_triggered(self) -> None:
        tab = self.current()
        if tab is not None:
            tab.new_record()

    @Slot()
    def on_delete_triggered(self) -> None:
        tab = self.current()
        if tab is not None:
            tab.delete_selected()

    @Slot(int)
    def on_tab_changed(self, _index: int = 0) -> None:
        editable = self.current() is not None
        self._actions.new.setEnabled(editable)
        self._actions.delete.setEnabled(editable)


def install(window: MainWindow) -> RecordActions:
    """Add New and Delete… to the window's Edit menu, before "Copy selected row"."""
    new = QAction(_tr("&New"), window)
    new.setObjectName("newRecordAction")
    new.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
    new.setStatusTip(_tr("Add a record to the tab you are in (a grievance, a proposal…)"))
    delete = QAction(_tr("&Delete…"), window)
    delete.setObjectName("deleteRecordAction")
    delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    delete.setStatusTip(_tr("Delete the selected record, after saying what goes with it"))
    window.addAction(new)
    window.addAction(delete)
    edit = window.menus.edit
    before = window.window_actions.copy
    edit.insertAction(before, new)
    edit.insertAction(before, delete)
    edit.insertSeparator(before)
    actions = RecordActions(new, delete)
    router = _Router(window, actions)
    new.triggered.connect(router.on_new_triggered)
    delete.triggered.connect(router.on_delete_triggered)
    window.tab_widget.currentChanged.connect(router.on_tab_changed)
    router.on_tab_changed()
    return actions
