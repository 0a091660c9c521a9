"""Find in the log: Edit ▸ Find… (Ctrl+F) opens the search dialog, and a chosen hit opens its record.

`install(window)` is the one line the main window runs: it adds the action, makes the dialog, and wires it
to the window (the log and dispute it searches, the changes that make it search again, opening a hit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence

from stls_desk.services import search
from stls_desk.services.search import SearchHit
from stls_desk.ui.search.dialog import SearchDialog

if TYPE_CHECKING:
    from stls_desk.ui.main_window import MainWindow

STATUS_MESSAGE_MS = 5000


def _tr(text: str) -> str:
    return QCoreApplication.translate("search", text)


def install(window: MainWindow) -> SearchDialog:
    """Add Edit ▸ Find… to the window; the dialog it opens."""
    dialog = SearchDialog(window, lambda: window.log, window.dispute_selector.current_dispute_id)
    action = QAction(_tr("&Find…"), window)
    action.setObjectName("findAction")
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
    action.setStatusTip(_tr("Find words in every record of the log"))
    window.addAction(action)
    preferences = window.window_actions.preferences
    window.menus.edit.insertAction(preferences, action)
    window.menus.edit.insertSeparator(preferences)

    action.triggered.connect(dialog.start)
    dialog.hit_chosen.connect(lambda hit: open_hit(window, hit))
    window.loaded.connect(dialog.refresh)
    window.log_changed.connect(dialog.refresh)
    window.dispute_selector.currentIndexChanged.connect(dialog.refresh)
    window.detached.connect(dialog.clear)
    _StopOnClose(window, dialog)
    dialog.action = action
    return dialog


def open_hit(window: MainWindow, hit: SearchHit) -> bool:
    """Show the hit's record in its tab: a revision in its proposal, an action item in its meeting, an
    attachment in its owner, a dispute by choosing it; switching to the hit's dispute first if need be."""
    target = search.owner_of(window.log, hit.entity, hit.id)
    if target is None:
        window.statusBar().showMessage(_tr("That record is no longer in the log."), STATUS_MESSAGE_MS)
        return False
    selector = window.dispute_selector
    if hit.dispute_id is not None and hit.dispute_id != selector.current_dispute_id():
        selector.select_dispute(hit.dispute_id)
    entity, record_id = target
    if entity == "dispute":
        window.tab_widget.setCurrentWidget(window.overview)
        return True
    return window.open_record(entity, record_id)


class _StopOnClose(QObject):
    """Waits for a running search before the window closes its log."""

    def __init__(self, window: MainWindow, dialog: SearchDialog) -> None:
        super().__init__(window)
        self._dialog = dialog
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self._dialog.hide()
            self._dialog.runner.shutdown()
        return False
