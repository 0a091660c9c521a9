"""The Meetings tab: the dispute's meetings, newest first, beside the selected meeting's editor.

Edit ▸ New adds a meeting (today, 10:00) and puts the cursor in its title; Edit ▸ Delete… deletes the
selected meeting with its attendance, actions and files, after asking (Edit ▸ Undo brings it back). In
the action items table Delete removes the current action instead.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QItemSelectionModel, Qt, Slot
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from stls_desk.db.log import Log
from stls_desk.services import meetings
from stls_desk.services.core import NotFoundError
from stls_desk.ui import format as fmt
from stls_desk.ui import messages
from stls_desk.ui.editors.meeting import MeetingEditor
from stls_desk.ui.models.meetings import MeetingTableModel
from stls_desk.ui.operations import Operations
from stls_desk.ui.tabs.base import TableTab, Today

NEW_MEETING_AT = time(10, 0)


class MeetingsTab(TableTab):
    entity = "meeting"
    entities = frozenset({"meeting", "action_item", "person", "attachment"})

    def __init__(self, log: Log, today: Today = date.today, parent: QWidget | None = None) -> None:
        super().__init__(log, today, parent)
        self.noun, self.noun_one = self.tr("meetings"), self.tr("meeting")
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.editor = MeetingEditor(self._today, self)
        self.editor.set_log(self._log)
        self._build(
            "meetings",
            self.tr("Meetings"),
            MeetingTableModel(self),
            self.tr("Filter meetings…"),
            self.editor,
            proxy=True,
            sort_order=Qt.SortOrder.DescendingOrder,
        )
        self.splitter.setSizes([660, 640])
        self.new_button, self.delete_button = record_buttons(
            self, "meeting", self.tr("New meeting"), self.tr("Delete meeting…")
        )

    def _connect_signals(self) -> None:
        self._connect_table()
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.record_selected.connect(self._on_self_record_selected)

    # -- the log, the dispute, the operations --

    def set_operations(self, operations: Operations) -> None:
        super().set_operations(operations)
        self.editor.set_operations(operations)

    def set_log(self, log: Log) -> None:
        self.editor.set_log(log)
        super().set_log(log)

    def set_dispute(self, dispute_id: int | None) -> None:
        self._save_typing()
        self.editor.set_dispute(dispute_id)
        super().set_dispute(dispute_id)

    def save_state(self) -> None:
        self._save_typing()  # the window is closing: minutes being typed go into the log first
        super().save_state()

    def _save_typing(self) -> None:
        if self.editor.dirty:
            self.editor.save_all()

    # -- reading --

    def _fill(self) -> None:
        if self.dispute_id is None:
            self.model.set_rows([])
        else:
            self.model.set_rows(meetings.list_meetings(self._log, self.dispute_id, today=self._today()))
        assert self.proxy is not None
        self.proxy.setFilterFixedString(self.filter_bar.filter_text)

    def _show_record(self, record_id: int) -> None:
        if self.editor.record_id == record_id:
            self.editor.reload()
            return
        self._save_typing()
        self.editor.load(record_id)

    # -- Edit ▸ New and Delete… --

    def new_record(self) -> None:
        """Add a meeting held today at 10:00 and put the cursor in its title."""
        if self.dispute_id is None or self.operations is None:
            return
        self._save_typing()
        held = datetime.combine(self._today(), NEW_MEETING_AT)
        outcome = self.operations.create(
            "meeting", meetings.create_meeting, self.dispute_id, self.tr("New meeting"), held
        )
        if outcome is not None:
            self.select_record(outcome.id)
            self.editor.focus_field("title")

    def delete_selected(self) -> None:
        """Delete the selected meeting (after asking), or, from inside the action items, that action."""
        focus = QApplication.focusWidget()
        actions = self.editor.action_items
        if focus is not None and (focus is actions.view or actions.view.isAncestorOf(focus)):
            actions.remove_current()
            return
        record_id = self._selected_id
        if record_id is None or self.operations is None:
            return
        try:
            m = meetings.get_meeting(self._log, record_id, today=self._today())
        except NotFoundError:
            return
        goes = [
            self.tr("%1 action items").replace("%1", str(len(m.actions))) if m.actions else "",
            self.tr("who attended") if m.attendees else "",
            self.tr("its files") if self.editor.attachments.rows() else "",
        ]
        with_text = ", ".join(g for g in goes if g)
        text = (
            self.tr("Delete “%1” (%2)")
            .replace("%1", m.row.title)
            .replace("%2", fmt.day_and_time(m.row.held_at))
            + (self.tr(", with %1?").replace("%1", with_text) if with_text else "?")
            + "\n\n"
            + self.tr("Edit ▸ Undo brings it back.")
        )
        if not messages.confirm(self, self.tr("Delete meeting"), text, self.tr("Delete")):
            return
        row = self.view.currentIndex().row()
        if self.operations.delete("meeting", record_id) is not None:
            select_row_near(self, row)

    @Slot()
    def _on_new_button_clicked(self) -> None:
        self.new_record()

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        self.view.setFocus()  # the meeting, not an action item
        self.delete_selected()

    @Slot(str, int)
    def _on_self_record_selected(self, _entity: str, record_id: int) -> None:
        self.delete_button.setEnabled(record_id != 0 and self.operations is not None)


def record_buttons(
    tab: TableTab, entity: str, new_text: str, delete_text: str
) -> tuple[QPushButton, QPushButton]:
    """New and Delete… buttons under a tab's table: the same as Edit ▸ New (Ctrl+N) and Delete… (Del)."""
    new = QPushButton(new_text, tab)
    new.setObjectName(f"{entity}New")
    new.setToolTip(tab.tr("Add one (Ctrl+N)"))
    delete = QPushButton(delete_text, tab)
    delete.setObjectName(f"{entity}Delete")
    delete.setToolTip(tab.tr("Delete the selected one (Del)"))
    delete.setEnabled(False)
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(new)
    row.addWidget(delete)
    row.addStretch(1)
    table_side = tab.splitter.widget(0)
    layout = table_side.layout() if table_side is not None else None
    assert isinstance(layout, QVBoxLayout)
    layout.addLayout(row)
    return new, delete


def select_row_near(tab: TableTab, row: int) -> None:
    """After a deletion: select the row that took the deleted one's place (or the last), keep the focus."""
    tab.ensure_fresh()
    count = tab.view.model().rowCount()
    if count:
        index = tab.view.model().index(min(max(row, 0), count - 1), 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        tab.view.selectionModel().setCurrentIndex(index, flags)
    tab.view.setFocus(Qt.FocusReason.OtherFocusReason)
