"""The dispute actions in the File menu and the toolbar: create, edit (rename) and close a dispute.

`install(window, today)` adds them to the main window, with a button on the Overview (on each Overview the
window builds) that invites the rep to create the first dispute of an empty log. Disputes are not on the
undo stack (undo covers the records inside a dispute), so each change runs through `Operations.run`,
audited and reported like any other.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QBoxLayout, QPushButton, QToolBar

from stls_desk.domain.enums import AuditAction, DisputeStatus
from stls_desk.domain.working_days import Nation
from stls_desk.services import closures, disputes
from stls_desk.services.core import NotFoundError, Outcome
from stls_desk.ui.dialogs import dispute as dispute_dialog
from stls_desk.ui.tabs.base import DisputeTab, Today
from stls_desk.ui.tabs.overview import OverviewTab

if TYPE_CHECKING:
    from stls_desk.ui.main_window import MainWindow


class DisputeActions(QObject):
    def __init__(self, window: MainWindow, today: Today = date.today) -> None:
        super().__init__(window)
        self.window = window
        self._today = today
        self._setup_ui()
        self._connect_signals()
        self._update()

    def _setup_ui(self) -> None:
        w = self.window
        self.new = QAction(self.tr("&New dispute…"), w)
        self.new.setObjectName("newDisputeAction")
        self.new.setStatusTip(self.tr("Start the record of another dispute in this log"))
        self.edit = QAction(self.tr("&Edit dispute…"), w)
        self.edit.setObjectName("editDisputeAction")
        self.edit.setStatusTip(self.tr("Rename the dispute or change its employer, branch, status or dates"))
        self.close = QAction(self.tr("&Close dispute…"), w)
        self.close.setObjectName("closeDisputeAction")
        self.close.setStatusTip(self.tr("Mark the dispute settled or closed; it stays in the log"))
        for action in (self.new, self.edit, self.close):
            w.addAction(action)

        # In the File menu, beside the log's own New and Open: a dispute is the next thing a log holds.
        quit_action = w.window_actions.quit
        w.menus.file.insertActions(quit_action, [self.new, self.edit, self.close])
        w.menus.file.insertSeparator(quit_action)

        toolbar = w.findChild(QToolBar, "disputeToolBar")
        if toolbar is not None:
            self.toolbar_edit = QAction(self.tr("Edit dispute…"), toolbar)
            self.toolbar_edit.setObjectName("editDisputeToolAction")
            self.toolbar_edit.setToolTip(self.tr("Edit the dispute's details"))
            self.toolbar_new = QAction(self.tr("New dispute…"), toolbar)
            self.toolbar_new.setObjectName("newDisputeToolAction")
            self.toolbar_new.setToolTip(self.tr("Start another dispute"))
            toolbar.addAction(self.toolbar_edit)
            toolbar.addAction(self.toolbar_new)

        self.first_dispute: QPushButton | None = None
        for tab in w.built_tabs():
            self._on_window_tab_built(tab)

    def _add_first_dispute_button(self, overview: OverviewTab) -> None:
        """An empty log's Overview invites the rep to begin (hidden until the log's disputes are listed)."""
        self.first_dispute = QPushButton(self.tr("Create the first dispute…"), overview)
        self.first_dispute.setObjectName("createFirstDisputeButton")
        layout = overview.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(2, self.first_dispute, 0)
        self.first_dispute.setVisible(self.window.is_loaded and self.window.dispute_selector.count() == 0)
        self.first_dispute.clicked.connect(self._on_new_triggered)

    def _connect_signals(self) -> None:
        self.new.triggered.connect(self._on_new_triggered)
        self.edit.triggered.connect(self._on_edit_triggered)
        self.close.triggered.connect(self._on_close_triggered)
        if hasattr(self, "toolbar_new"):
            self.toolbar_new.triggered.connect(self._on_new_triggered)
            self.toolbar_edit.triggered.connect(self._on_edit_triggered)
        self.window.tab_built.connect(self._on_window_tab_built)
        self.window.detached.connect(self._on_window_detached)
        self.window.loaded.connect(self._update)
        self.window.log_changed.connect(self._on_window_log_changed)
        self.window.dispute_selector.currentIndexChanged.connect(self._on_selector_current_index_changed)

    def _current(self) -> disputes.DisputeRow | None:
        dispute_id = self.window.dispute_selector.current_dispute_id()
        if dispute_id is None:
            return None
        try:
            return disputes.get_dispute(self.window.log, dispute_id)
        except NotFoundError:
            return None

    def _update(self) -> None:
        current = self._current()
        self.edit.setEnabled(current is not None)
        self.close.setEnabled(current is not None and current.status == DisputeStatus.ACTIVE)
        if hasattr(self, "toolbar_edit"):
            self.toolbar_edit.setEnabled(current is not None)
        if self.first_dispute is not None:
            self.first_dispute.setVisible(self.window.dispute_selector.count() == 0)

    # -- the changes --

    def create(self, values: dispute_dialog.DisputeValues) -> int | None:
        """Add a dispute with these details and show it; its id, or None if the log refused."""
        log = self.window.log

        def create() -> Outcome:
            outcome = disputes.create_dispute(
                log,
                values.title,
                employer=values.employer,
                branch=values.branch,
                summary=values.summary,
                status=values.status,
                opened_on=values.opened_on,
            )
            if values.nation != Nation.ENGLAND_WALES:
                closures.set_nation(log, outcome.id, values.nation)
            return outcome

        done = self.tr("Created the dispute “%1”.").replace("%1", values.title)
        outcome = self.window.operations.run(create, done)
        if outcome is None:
            return None
        self.window.dispute_selector.select_dispute(outcome.id)
        self._update()
        return outcome.id

    def change(self, dispute_id: int, values: dispute_dialog.DisputeValues) -> bool:
        log = self.window.log

        def change() -> Outcome:
            first = disputes.change_dispute(
                log,
                dispute_id,
                title=values.title,
                employer=values.employer,
                branch=values.branch,
                summary=values.summary,
                status=values.status,
                opened_on=values.opened_on,
            )
            second = closures.set_nation(log, dispute_id, values.nation)
            fields = tuple(sorted(set(first.fields) | set(second.fields)))
            return Outcome("dispute", dispute_id, AuditAction.CHANGED, dispute_id, fields)

        outcome = self.window.operations.run(change, self.tr("Saved the dispute's details."))
        self._update()
        return outcome is not None

    def set_status(self, dispute_id: int, status: DisputeStatus) -> bool:
        log = self.window.log
        done = self.tr("The dispute is now marked %1.").replace("%1", status.label.lower())
        outcome = self.window.operations.run(
            lambda: disputes.change_dispute(log, dispute_id, status=status), done
        )
        self._update()
        return outcome is not None

    # -- slots --

    @Slot()
    def _on_new_triggered(self) -> None:
        values = dispute_dialog.ask(self.window, None, Nation.ENGLAND_WALES, self._today())
        if values is not None:
            self.create(values)

    @Slot()
    def _on_edit_triggered(self) -> None:
        current = self._current()
        if current is None:
            return
        nation = closures.get_nation(self.window.log, current.id)
        values = dispute_dialog.ask(self.window, current, nation, self._today())
        if values is not None:
            self.change(current.id, values)

    @Slot()
    def _on_close_triggered(self) -> None:
        current = self._current()
        if current is None or current.status != DisputeStatus.ACTIVE:
            return
        status = dispute_dialog.ask_close(self.window, current)
        if status is not None:
            self.set_status(current.id, status)

    @Slot(object)
    def _on_window_log_changed(self, outcome: Outcome) -> None:
        if outcome.entity == "dispute":
            self._update()

    @Slot(int)
    def _on_selector_current_index_changed(self, _index: int) -> None:
        self._update()

    @Slot(object)
    def _on_window_tab_built(self, tab: DisputeTab) -> None:
        if isinstance(tab, OverviewTab):
            self._add_first_dispute_button(tab)

    @Slot()
    def _on_window_detached(self) -> None:
        self.first_dispute = None  # it went with the Overview; the next Overview gets its own


def install(window: MainWindow, today: Today = date.today) -> DisputeActions:
    """Add the dispute actions to the File menu and the toolbar, and the first-dispute button to the Overview."""
    return DisputeActions(window, today)
