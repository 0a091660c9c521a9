"""Who attended a meeting, each with their side: a small table of names and sides, "Choose…" to pick people
(stls_desk/ui/dialogs/pick_records.py), Delete to take someone off.

Its value is the sorted list of (person id, side value); the meeting editor saves it through
services.meetings.set_attendees. Someone newly picked sits on the employer's side if they are an employer
representative, else on the union's; the side is changed in the table and saved at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stls_desk.domain.enums import PersonRole, Side
from stls_desk.services.people import PersonRow
from stls_desk.ui.dialogs import pick_records
from stls_desk.ui.dialogs.pick_records import Choice
from stls_desk.ui.editors.base import Field
from stls_desk.ui.widgets.record_panel import LINK_ROLE

Attendance = tuple[int, str, Side]
"""(person id, name, side): one attendee as the field shows them."""


class _AttendeesTable(QTableWidget):
    """Delete takes the current person off the list (not the meeting, as Edit ▸ Delete… would)."""

    def __init__(self, field: AttendeesField) -> None:
        super().__init__(0, 2)
        self._field = field

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentRow() >= 0:
            self._field.remove_row(self.currentRow())
            return
        super().keyPressEvent(event)


class AttendeesField(Field):
    def __init__(
        self, name: str, label: str, people: Callable[[], Sequence[PersonRow]], rows: int = 4
    ) -> None:
        self._people = people
        self._items: list[Attendance] = []
        self._editable = True
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        table = _AttendeesTable(self)
        table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Side")])
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        height = table.verticalHeader().defaultSectionSize() * rows + header.sizeHint().height() + 4
        table.setFixedHeight(height)
        layout.addWidget(table, 1)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        self.choose_button = QPushButton(self.tr("Choose…"), row)
        self.choose_button.setObjectName(f"{name}Choose")
        self.choose_button.setAccessibleName(self.tr("Choose who attended"))
        self.remove_button = QPushButton(self.tr("Remove"), row)
        self.remove_button.setObjectName(f"{name}Remove")
        self.remove_button.setToolTip(self.tr("Take the selected person off the list (Delete)"))
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        super().__init__(name, label, table, row)
        self.table = table
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)

    # -- Field --

    def value(self) -> Any:
        return sorted((person_id, side.value) for person_id, _, side in self._items)

    def _normal(self, value: Any) -> Any:
        return sorted((person_id, Side(side).value) for person_id, _, side in value)

    def _show(self, value: Any) -> None:
        self._items = [(person_id, name, Side(side)) for person_id, name, side in value]
        self._fill()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.choose_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 1)
            if combo is not None:
                combo.setEnabled(editable)

    def attendees(self) -> list[tuple[int, Side]]:
        """The value as services.meetings.set_attendees takes it."""
        return [(person_id, side) for person_id, _, side in self._items]

    # -- changing it --

    def set_attendees(self, items: Sequence[Attendance]) -> None:
        """Show these attendees (as the picker would leave them) and commit."""
        self._items = list(items)
        self._fill()
        self.committed.emit()

    def set_side(self, row: int, side: Side) -> None:
        person_id, name, _ = self._items[row]
        self._items[row] = (person_id, name, side)
        self.committed.emit()

    def remove_row(self, row: int) -> None:
        if not self._editable or not 0 <= row < len(self._items):
            return
        self.set_attendees([a for n, a in enumerate(self._items) if n != row])
        if self.table.rowCount():
            self.table.selectRow(min(row, self.table.rowCount() - 1))

    def choose(self, chosen: Sequence[Choice]) -> None:
        """Keep those still chosen (with their sides), add the newly chosen with a side from their role."""
        roles = {p.id: p.role for p in self._people()}
        kept = {item[0]: item for item in self._items}
        items = []
        for c in chosen:
            if c.id in kept:
                items.append(kept[c.id])
            else:
                side = Side.EMPLOYER if roles.get(c.id) == PersonRole.EMPLOYER_REP else Side.UNION
                items.append((c.id, c.text, side))
        self.set_attendees(items)

    def _fill(self) -> None:
        self.table.setRowCount(len(self._items))
        for row, (person_id, name, side) in enumerate(self._items):
            item = QTableWidgetItem(name)
            item.setData(LINK_ROLE, ("person", person_id))
            item.setToolTip(name)
            self.table.setItem(row, 0, item)
            combo = QComboBox()
            combo.setObjectName(f"attendeeSide{row}")
            combo.setAccessibleName(self.tr("%1's side").replace("%1", name))
            for choice in Side:
                combo.addItem(self.tr(choice.label), choice.value)
            combo.setCurrentIndex(combo.findData(side.value))
            combo.setEnabled(self._editable)
            combo.activated.connect(lambda _n, combo=combo, row=row: self._on_side_activated(row, combo))
            self.table.setCellWidget(row, 1, combo)

    def _find(self, text: str, limit: int) -> list[Choice]:
        wanted = text.casefold()
        found = [
            Choice(p.id, p.name, ", ".join(d for d in (p.role.label, p.workplace) if d))
            for p in self._people()
            if wanted in p.name.casefold() or wanted in p.workplace.casefold()
        ]
        return found[:limit]

    # -- slots --

    def _on_side_activated(self, row: int, combo: QComboBox) -> None:
        side = Side(combo.currentData())
        if 0 <= row < len(self._items) and self._items[row][2] != side:
            self.set_side(row, side)

    @Slot()
    def _on_choose_button_clicked(self) -> None:
        current = [Choice(person_id, name) for person_id, name, _ in self._items]
        chosen = pick_records.ask(
            self.table,
            self.tr("Who attended"),
            self.tr("Tick everyone who attended; set each one's side in the meeting afterwards."),
            self._find,
            current,
        )
        if chosen is not None:
            self.choose(chosen)

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        self.remove_row(self.table.currentRow())
