"""A meeting's action items, edited in place: description, owner, due and done, one cell at a time.

The model holds the service's ActionRow values. An edit goes through `Operations.change` (so it is audited
and undoable); the tab's refresh then hands the model the new rows, which it takes in place while the same
actions are listed, so an editor open in the table is not thrown away by a reset. A change the log refuses
(an action due before its meeting) stays in its cell, marked, with the reason as its tooltip, until the rep
corrects it or presses Esc (the view then calls `revert`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor

from stls_desk.services import meetings
from stls_desk.services.meetings import ActionRow
from stls_desk.services.people import PersonRow
from stls_desk.ui import format as fmt
from stls_desk.ui.editors.dates import DateTextError, parse_day
from stls_desk.ui.models.table import ID_ROLE, ROW_ROLE, WARNING, Column, ModelIndex
from stls_desk.ui.operations import Operations

DESCRIPTION, OWNER, DUE, DONE = range(4)
FIELDS = ("description", "owner_id", "due_on", "done_on")
REFUSED_BACKGROUND = QColor("#fde7e6")
"""Behind a cell whose change the log refused: a pale red that leaves the red text readable."""
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 3
"""True on every cell of an overdue action (for a delegate or a test)."""


@dataclass(frozen=True)
class Refusal:
    value: Any
    message: str


class ActionItemsModel(QAbstractTableModel):
    """Editable once `set_operations` is given; read-only (as in a briefing view) without."""

    refused = Signal(QModelIndex, str)
    """A cell's change was refused (index, why); the cell keeps the value typed."""

    def __init__(self, today: Callable[[], date] = date.today, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._rows: list[ActionRow] = []
        self._names: dict[int, str] = {}
        self._refusals: dict[tuple[int, int], Refusal] = {}
        self._operations: Operations | None = None
        self._last_failure = ""
        self.columns = (
            Column(self.tr("Action"), lambda a: a.description, width=30, stretch=True),
            Column(self.tr("Owner"), lambda a: a.owner, width=13),
            Column(self.tr("Due"), self._due_text, width=20),
            Column(self.tr("Done"), lambda a: fmt.day(a.done_on), width=10),
        )

    # -- what it shows --

    def set_operations(self, operations: Operations | None) -> None:
        if self._operations is not None:
            self._operations.failed.disconnect(self._on_operations_failed)
        self._operations = operations
        if operations is not None:
            operations.failed.connect(self._on_operations_failed)

    @property
    def editable(self) -> bool:
        return self._operations is not None

    def set_people(self, people: Sequence[PersonRow]) -> None:
        """The people an owner can be picked from (the dispute's), so a refused owner still reads by name."""
        self._names = {p.id: p.name for p in people}

    def set_rows(self, rows: Sequence[ActionRow]) -> None:
        """Show these actions. The same actions as before are updated in place (an open editor stays);
        otherwise the model resets. Refused values are kept for the actions still listed."""
        rows = list(rows)
        if [r.id for r in rows] == [r.id for r in self._rows] and rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.columns) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        ids = {r.id for r in rows}
        self._refusals = {key: r for key, r in self._refusals.items() if key[0] in ids}
        self.endResetModel()

    def rows(self) -> list[ActionRow]:
        return list(self._rows)

    def row_at(self, row: int) -> ActionRow:
        return self._rows[row]

    def row_of_id(self, action_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == action_id), None)

    def refusal(self, index: ModelIndex) -> Refusal | None:
        if not index.isValid():
            return None
        return self._refusals.get((self._rows[index.row()].id, index.column()))

    def _overdue(self, a: ActionRow) -> bool:
        return a.overdue(self._today())

    def _due_text(self, a: ActionRow) -> str:
        if self._overdue(a):
            # Not colour alone: the word says it to anyone who cannot tell the red apart.
            return self.tr("%1 — overdue").replace("%1", fmt.day(a.due_on))
        return fmt.day(a.due_on)

    def _value(self, a: ActionRow, column: int) -> Any:
        return (a.description, a.owner_id, a.due_on, a.done_on)[column]

    def _text(self, column: int, value: Any) -> str:
        if column == DESCRIPTION or isinstance(value, str):
            return str(value)
        if column == OWNER:
            return self._names.get(value, "") if value is not None else ""
        return fmt.day(value)

    # -- Qt's model interface --

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._operations is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        refusal = self._refusals.get((row.id, column))
        if role == Qt.ItemDataRole.DisplayRole:
            if refusal is not None:
                return self._text(column, refusal.value)
            return self.columns[column].text(row)
        if role == Qt.ItemDataRole.EditRole:
            return refusal.value if refusal is not None else self._value(row, column)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == OVERDUE_ROLE:
            return self._overdue(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return WARNING if refusal is not None or self._overdue(row) else None
        if role == Qt.ItemDataRole.BackgroundRole and refusal is not None:
            return REFUSED_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            if refusal is not None:
                return refusal.message
            text = self.columns[column].text(row)
            return text if len(text) > 30 else None
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and refusal is not None:
            return refusal.message
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Save one cell through the operations; a refusal keeps `value` in the cell and emits `refused`."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._operations is None:
            return False
        row, column = self._rows[index.row()], index.column()
        key = (row.id, column)
        try:
            value = _cleaned(column, value, self._today())
        except DateTextError as exc:
            self._refuse(index, value, str(exc))
            self._operations.message.emit(str(exc))
            return False
        if value == self._value(row, column):
            if self._refusals.pop(key, None) is not None:
                self.dataChanged.emit(index, index)
            return True
        self._last_failure = ""
        outcome = self._operations.change(
            "action_item", row.id, meetings.change_action, **{FIELDS[column]: value}
        )
        if outcome is None:
            self._refuse(index, value, self._last_failure or self.tr("The log refused this change."))
            return False
        # The window's refresh normally hands over the new rows already; if it did not (no window), ask.
        if self._refusals.pop(key, None) is not None or self._value(self._rows[index.row()], column) != value:
            self._reload_row(index.row())
        return True

    def _refuse(self, index: ModelIndex, value: Any, message: str) -> None:
        self._refusals[(self._rows[index.row()].id, index.column())] = Refusal(value, message)
        self.dataChanged.emit(index, index)
        self.refused.emit(self.index(index.row(), index.column()), message)

    def revert(self) -> None:
        """Esc in a refused cell: give up the refused values and show what the log holds."""
        if self._refusals:
            self._refusals.clear()
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
                )

    def _reload_row(self, row: int) -> None:
        if self._operations is None:
            return
        detail = meetings.get_meeting(self._operations.log, self._rows[row].meeting_id, self._today())
        self.set_rows(detail.actions)

    # -- adding and removing rows --

    def add_action(self, meeting_id: int, description: str) -> int | None:
        """Add an action with this description to the meeting; its id, or None if refused."""
        if self._operations is None:
            return None
        outcome = self._operations.create("action_item", meetings.add_action, meeting_id, description)
        return outcome.id if outcome is not None else None

    def remove_action(self, row: int) -> bool:
        """Delete the action at `row` (undoable through Edit ▸ Undo)."""
        if self._operations is None or not 0 <= row < len(self._rows):
            return False
        return self._operations.delete("action_item", self._rows[row].id) is not None

    @Slot(str, str)
    def _on_operations_failed(self, _field: str, message: str) -> None:
        self._last_failure = message


def _cleaned(column: int, value: Any, today: date) -> Any:
    """An editor's value as the service takes it: text stripped, no owner and no date as None, a date
    typed as text read (DateTextError if it is not one)."""
    if column == DESCRIPTION:
        return str(value or "").strip()
    if column == OWNER:
        return int(value) if value not in (None, "", 0) else None
    if isinstance(value, str):
        return parse_day(value, today)
    return value if isinstance(value, date) else None
