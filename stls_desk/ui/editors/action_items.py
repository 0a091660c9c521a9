"""A meeting's action items, edited in place: a small table whose cells are edited where they are, a line
to add an action, and buttons to mark one done today or remove it.

Each cell has its editor: the description a line, the owner one of the dispute's people (or nobody), a date
typed as the rep writes it ("25 Feb 2025", "25/2/25", "today"; empty for no date). The date editor hands
the model the text as typed: the model reads it and refuses what is not a date, or what the log refuses (a
due date before the meeting), in the cell itself, keeping what was typed; the editor then opens again on
it, and the status bar says why. Esc gives up and shows what the log holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stls_desk.services.meetings import ActionRow
from stls_desk.services.people import PersonRow
from stls_desk.ui import format as fmt
from stls_desk.ui.models.actions import DONE, DUE, OWNER, ActionItemsModel
from stls_desk.ui.operations import Operations
from stls_desk.ui.widgets.tables import make_table_view, size_columns


class ActionItemDelegate(QStyledItemDelegate):
    """Editors for the action items table: text, an owner from the dispute's people (or nobody), dates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people: list[PersonRow] = []

    def set_people(self, people: Sequence[PersonRow]) -> None:
        self._people = list(people)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        column = index.column()
        if column == OWNER:
            combo = QComboBox(parent)
            combo.setObjectName("actionOwnerEditor")
            combo.setAccessibleName(self.tr("Owner"))
            combo.addItem(self.tr("Nobody"), None)
            for person in self._people:
                combo.addItem(person.name, person.id)
            combo.activated.connect(self._on_owner_combo_activated)
            return combo
        if column in (DUE, DONE):
            line = QLineEdit(parent)
            line.setObjectName("actionDueEditor" if column == DUE else "actionDoneEditor")
            line.setAccessibleName(self.tr("Due") if column == DUE else self.tr("Done"))
            line.setPlaceholderText(self.tr("No date — e.g. 25 Feb 2025"))
            line.setToolTip(self.tr("A date such as 25 Feb 2025, 25/2/25 or today; empty for no date."))
            return line
        line = QLineEdit(parent)
        line.setObjectName("actionDescriptionEditor")
        line.setAccessibleName(self.tr("Action"))
        line.setMaxLength(2000)
        return line

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            found = editor.findData(value) if value is not None else 0
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, QLineEdit) and index.column() in (DUE, DONE):
            editor.setText(value if isinstance(value, str) else fmt.day(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        value: Any
        if isinstance(editor, QComboBox):
            value = editor.currentData()
        elif isinstance(editor, QLineEdit):
            value = editor.text()
        else:
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        # A combo needs its own height; a short row would clip it.
        rect = option.rect
        if isinstance(editor, QComboBox):
            rect = rect.adjusted(0, 0, 0, max(0, editor.sizeHint().height() - rect.height()))
        editor.setGeometry(rect)

    @Slot(int)
    def _on_owner_combo_activated(self, _index: int) -> None:
        combo = self.sender()
        if isinstance(combo, QWidget):
            self.commitData.emit(combo)
            self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)


class ActionItemsView(QTableView):
    """Delete removes the current action here (not the meeting the window's Edit ▸ Delete… would)."""

    remove_requested = Signal()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
            and self.state() != QAbstractItemView.State.EditingState
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.remove_requested.emit()
            return
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        editing = self.state() == self.State.EditingState
        if enter and not editing and self.edit(self.currentIndex(), self.EditTrigger.EditKeyPressed, event):
            return  # Enter edits the cell, as F2 does
        super().keyPressEvent(event)


class ActionItemsWidget(QWidget):
    """The table of a meeting's actions, the line that adds one, and the buttons for the selected one."""

    def __init__(self, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.meeting_id: int | None = None
        self._setup_ui()
        self._connect_signals()
        self._update_buttons()

    def _setup_ui(self) -> None:
        self.model = ActionItemsModel(self._today, self)
        self.view = ActionItemsView(self)
        template = make_table_view("meetingActions", self.tr("Action items"))
        self.view.setObjectName(template.objectName())
        self.view.setAccessibleName(template.accessibleName())
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(template.verticalHeader().defaultSectionSize())
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        template.deleteLater()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setModel(self.model)
        self.delegate = ActionItemDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        size_columns(self.view, self.model.columns)
        rows = 5
        self.view.setMinimumHeight(
            self.view.verticalHeader().defaultSectionSize() * rows
            + self.view.horizontalHeader().sizeHint().height()
            + 4
        )
        self.new_action = QLineEdit(self)
        self.new_action.setObjectName("newAction")
        self.new_action.setAccessibleName(self.tr("New action"))
        self.new_action.setPlaceholderText(self.tr("New action: type it and press Enter"))
        self.new_action.setMaxLength(2000)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setObjectName("addActionButton")
        self.done_button = QPushButton(self.tr("Done today"), self)
        self.done_button.setObjectName("actionDoneTodayButton")
        self.done_button.setToolTip(self.tr("Mark the selected action done today"))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("removeActionButton")
        self.remove_button.setToolTip(
            self.tr("Remove the selected action (Delete); Edit ▸ Undo brings it back")
        )
        adding = QHBoxLayout()
        adding.setContentsMargins(0, 0, 0, 0)
        adding.addWidget(self.new_action, 1)
        adding.addWidget(self.add_button)
        adding.addSpacing(12)
        adding.addWidget(self.done_button)
        adding.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(adding)
        self.setTabOrder(self.view, self.new_action)

    def _connect_signals(self) -> None:
        self.new_action.returnPressed.connect(self._on_new_action_return_pressed)
        self.add_button.clicked.connect(self._on_new_action_return_pressed)
        self.done_button.clicked.connect(self._on_done_button_clicked)
        self.remove_button.clicked.connect(self.remove_current)
        self.view.remove_requested.connect(self.remove_current)
        self.view.selectionModel().currentChanged.connect(self._on_selection_current_changed)
        self.model.refused.connect(self._on_model_refused)
        self.model.modelReset.connect(self._update_buttons)

    def set_operations(self, operations: Operations | None) -> None:
        self.model.set_operations(operations)
        self._update_buttons()

    def set_meeting(
        self, meeting_id: int | None, actions: Sequence[ActionRow], people: Sequence[PersonRow]
    ) -> None:
        """Show this meeting's actions, owners picked from these people."""
        if meeting_id != self.meeting_id:
            self.new_action.clear()
            self.model.revert()
        self.meeting_id = meeting_id
        self.model.set_people(people)
        self.delegate.set_people(people)
        self.model.set_rows(actions)
        self._update_buttons()

    def _update_buttons(self) -> None:
        editing = self.meeting_id is not None and self.model.editable
        selected = editing and self.view.currentIndex().isValid()
        self.new_action.setEnabled(editing)
        self.add_button.setEnabled(editing)
        self.done_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    # -- what the buttons do --

    def add(self, description: str) -> int | None:
        """Add an action to the meeting and put the cursor on its owner; its id, or None if refused."""
        if self.meeting_id is None:
            return None
        action_id = self.model.add_action(self.meeting_id, description)
        if action_id is not None:
            row = self.model.row_of_id(action_id)
            if row is not None:
                self.view.setCurrentIndex(self.model.index(row, OWNER))
        return action_id

    def remove_current(self) -> bool:
        index = self.view.currentIndex()
        if not index.isValid():
            return False
        row = index.row()
        removed = self.model.remove_action(row)
        if removed and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), index.column()))
        self._update_buttons()
        return removed

    def mark_done_today(self) -> bool:
        index = self.view.currentIndex()
        if not index.isValid():
            return False
        return self.model.setData(self.model.index(index.row(), DONE), self._today())

    # -- slots --

    @Slot()
    def _on_new_action_return_pressed(self) -> None:
        text = self.new_action.text().strip()
        if text and self.add(text) is not None:
            self.new_action.clear()

    @Slot()
    def _on_done_button_clicked(self) -> None:
        self.mark_done_today()

    @Slot(QModelIndex, QModelIndex)
    def _on_selection_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    @Slot(QModelIndex, str)
    def _on_model_refused(self, index: QModelIndex, _message: str) -> None:
        target = QPersistentModelIndex(index)
        QTimer.singleShot(0, lambda: self._edit_again(target))

    def _edit_again(self, target: QPersistentModelIndex) -> None:
        """Open the refused cell's editor again, on what was typed, if the rep is still in the table."""
        focus = QApplication.focusWidget()
        in_table = focus is not None and (focus is self.view or self.view.isAncestorOf(focus))
        if not target.isValid() or not in_table or self.model.refusal(target) is None:
            return
        index = self.model.index(target.row(), target.column())
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.edit(index)
