"""A table tab over a paged model: the database filters, sorts and hands over rows a page at a time.

Beside the table is the selected record's editor. A change to one record repaints its one row
(`PagedTableModel.update_row`) and refreshes the editor; only a record added or deleted re-reads the table.
New (Ctrl+N) and Delete… (Del) arrive from the window's Edit menu as `new_record()` and `delete_selected()`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from stls_desk.db.log import Log
from stls_desk.domain.enums import AuditAction
from stls_desk.services.core import NotFoundError, Outcome
from stls_desk.ui import messages, settings
from stls_desk.ui.editors.base import RecordEditor
from stls_desk.ui.models.paged import PagedTableModel
from stls_desk.ui.operations import Operations
from stls_desk.ui.tabs.base import TableTab


def counted(n: int, one: str, many: str) -> str:
    """'1 attachment', '3 attachments'."""
    return f"{n:,} {one if n == 1 else many}"


class PagedTableTab(TableTab):
    """Subclasses give the query for the current dispute and filter, and a record's reference; an editing
    tab builds a RecordEditor as its panel and says how to create a record and what a delete takes."""

    model: PagedTableModel

    def _query(self) -> Any:
        raise NotImplementedError

    def _reference(self, record_id: int) -> str:
        """The record's reference (G-012), which the filter box finds exactly."""
        raise NotImplementedError

    @property
    def editor(self) -> RecordEditor | None:
        return self.panel if isinstance(self.panel, RecordEditor) else None

    def _build(self, *args: Any, **kwargs: Any) -> None:
        super()._build(*args, **kwargs)
        if self.editor is not None:
            self.editor.set_log(self._log)

    def set_log(self, log: Log) -> None:
        self.model.set_log(log)
        if self.editor is not None:
            self.editor.set_log(log)
        super().set_log(log)

    def set_operations(self, operations: Operations) -> None:
        super().set_operations(operations)
        if self.editor is not None:
            self.editor.set_operations(operations)

    def set_dispute(self, dispute_id: int | None) -> None:
        if self.editor is not None:
            self.editor.set_dispute(dispute_id)
        super().set_dispute(dispute_id)

    def save_state(self) -> None:
        """The window is closing: save what the rep typed and has not yet left, then the layout."""
        if self.editor is not None:
            self.editor.save_all()
        super().save_state()

    def _status_filter(self) -> Any:
        status = self.filter_bar.status
        return (status.currentData() if status is not None else None) or frozenset()

    def _fill(self) -> None:
        """Re-read the rows loaded when only the log changed; start from the first page for a new filter."""
        query, current = self._query(), self.model.query
        if query is not None and current is not None:
            unsorted = dataclasses.replace(query, sort=current.sort, descending=current.descending)
            if unsorted == current:
                self.model.reload(keep_loaded=True)
                return
        self.model.set_query(query)

    def _total(self) -> int:
        return self.model.total

    def _find_unloaded(self, record_id: int) -> None:
        """The record may be pages away among 100,000 rows: filter to its reference instead of loading all."""
        try:
            reference = self._reference(record_id)
        except NotFoundError:
            return
        self.filter_bar.set_filter(reference)
        self._apply_filter()

    def _show_record(self, record_id: int) -> None:
        if self.editor is not None:
            if self.editor.record_id not in (None, record_id):
                self.editor.save_all()  # what the rep typed in the record they leave is kept
            self.editor.load(record_id)

    # -- the log changed --

    def on_log_changed(self, outcome: Outcome) -> None:
        """A change to one of this tab's records repaints its row; other kinds only touch the editor."""
        if not self.concerns(outcome) or self.editor is None:
            super().on_log_changed(outcome)
            return
        if not self.isVisible() or self._stale:
            self._changed()
        elif outcome.entity != self.entity:
            self.editor.reload()  # a linked record, a revision, an attachment: the table shows none
        elif outcome.action == AuditAction.CHANGED:
            self.model.update_row(outcome.id)
            if outcome.id == self.editor.record_id:
                self.editor.reload()
        else:
            self.refresh()

    # -- new and delete --

    def _setup_record_buttons(self, new_text: str, delete_text: str) -> None:
        """New and Delete… buttons under the table (the same as Edit ▸ New and Edit ▸ Delete…)."""
        self.new_button = QPushButton(new_text, self)
        self.new_button.setObjectName(f"{self.entity}New")
        self.new_button.setToolTip(self.tr("Add one (Ctrl+N)"))
        self.delete_button = QPushButton(delete_text, self)
        self.delete_button.setObjectName(f"{self.entity}Delete")
        self.delete_button.setToolTip(self.tr("Delete the selected one (Del)"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        table_side = self.splitter.widget(0)
        left = table_side.layout() if table_side is not None else None
        assert isinstance(left, QVBoxLayout)
        left.addLayout(row)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.record_selected.connect(self._on_self_record_selected)
        self.delete_button.setEnabled(False)

    def _give_editor_room(self, table: int, editor: int) -> None:
        """A wider editor than the read-only panel had, unless the rep has set the splitter before."""
        if settings.view_state(self.splitter.objectName()).read().isEmpty():
            self.splitter.setSizes([table, editor])

    def _create(self) -> Outcome | None:
        """Add a record through self.operations (the subclass knows its service and defaults)."""
        raise NotImplementedError

    def _delete_question(self, record_id: int) -> str:
        """ "Delete G-003 and its 2 attachments? …": what goes with the record, counted."""
        raise NotImplementedError

    def new_record(self) -> None:
        """Add a record, select it, and put the cursor in its title to name it."""
        if self.operations is None or self.dispute_id is None or self.editor is None:
            return
        self.ensure_fresh()
        self.editor.save_all()
        outcome = self._create()
        if outcome is None:
            return
        self.select_record(outcome.id)
        if self.editor.record_id == outcome.id:
            self.editor.focus_field("title")

    def delete_selected(self) -> None:
        """Delete the selected record after the rep confirms what goes with it; select the next row."""
        record_id = self._selected_id
        if self.operations is None or record_id is None:
            if self.operations is not None:
                self.operations.message.emit(self.tr("Select a %1 to delete.").replace("%1", self.noun_one))
            return
        try:
            question = self._delete_question(record_id)
        except NotFoundError:
            self.refresh()
            return
        title = self.tr("Delete %1").replace("%1", self.noun_one)
        if not messages.confirm(self, title, question, self.tr("Delete")):
            return
        row = self.view.currentIndex().row()
        if self.operations.delete(self.entity, record_id) is None:
            return
        self.ensure_fresh()
        count = self.view.model().rowCount()
        if count:
            index = self.view.model().index(min(max(row, 0), count - 1), 0)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.view.selectionModel().setCurrentIndex(index, flags)
            self.view.scrollTo(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_new_button_clicked(self) -> None:
        self.new_record()

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        self.delete_selected()

    @Slot(str, int)
    def _on_self_record_selected(self, _entity: str, record_id: int) -> None:
        self.delete_button.setEnabled(record_id != 0 and self.operations is not None)
