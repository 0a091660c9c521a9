"""The dispute's working days: its nation (whose bank holidays count) and the workplace's closure days.

Working-day deadlines (a grievance's "within 10 working days") step over weekends, the nation's bank
holidays and these closure days (`services.closures`). Each add, remove or change of nation goes through the
window's Operations, so it is audited and reported to every tab; a refused day is marked at the form.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stls_desk.db.log import Log
from stls_desk.domain.working_days import Nation
from stls_desk.services import closures
from stls_desk.services.closures import ClosureDayRow
from stls_desk.services.core import NotFoundError
from stls_desk.ui import format as fmt
from stls_desk.ui.editors.base import MARK_COLOUR
from stls_desk.ui.operations import Operations
from stls_desk.ui.widgets.dispute_calendar import ENGLISH, py_date


def _qdate(day: date) -> QDate:
    """The day as Qt's date (PySide converts a date implicitly, but its type stubs do not say so)."""
    return QDate(day.year, day.month, day.day)


ID_ROLE = Qt.ItemDataRole.UserRole + 1
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class ClosuresPanel(QWidget):
    """Nation and closure days of the current dispute, read from the log and changed through Operations."""

    changed = Signal()
    """A closure day or the nation changed (the tab redraws its calendar)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closuresPanel")
        self.log: Log | None = None
        self.operations: Operations | None = None
        self.dispute_id: int | None = None
        self._today = date.today
        self._refusal = ""
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.nation = QComboBox(self)
        self.nation.setObjectName("nation")
        self.nation.setAccessibleName(self.tr("Bank holidays of"))
        for nation in Nation:
            self.nation.addItem(self.tr(nation.label), nation.value)
        self.days = QListWidget(self)
        self.days.setObjectName("closureDays")
        self.days.setAccessibleName(self.tr("Closure days"))
        self.days.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.days.setFixedHeight(self.days.fontMetrics().height() * 4 + 12)
        self.days.setWordWrap(True)
        self.days.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.day = QDateEdit(self)
        self.day.setObjectName("closureDay")
        self.day.setAccessibleName(self.tr("Closure day to add"))
        self.day.setLocale(ENGLISH)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setCalendarPopup(True)
        self.note = QLineEdit(self)
        self.note.setObjectName("closureNote")
        self.note.setAccessibleName(self.tr("Why the workplace is closed"))
        self.note.setPlaceholderText(self.tr("Why (e.g. INSET day)"))
        self.note.setMaxLength(300)
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.add_button.setObjectName("addClosureDay")
        self.add_button.setAccessibleName(self.tr("Add closure day"))
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.setObjectName("removeClosureDay")
        self.remove_button.setAccessibleName(self.tr("Remove the selected closure day"))
        self.remove_button.setEnabled(False)
        self.message = QLabel(self)
        self.message.setObjectName("closureDayMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {MARK_COLOUR};")
        self.message.hide()
        explain = QLabel(
            self.tr(
                "Working-day deadlines skip weekends, the bank holidays of the nation chosen here and "
                "these closure days."
            ),
            self,
        )
        explain.setWordWrap(True)
        explain.setEnabled(False)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Bank &holidays of"), self.nation)
        adding = QHBoxLayout()
        adding.setContentsMargins(0, 0, 0, 0)
        adding.addWidget(self.day)
        adding.addWidget(self.note, 1)
        adding.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        caption = QLabel(self.tr("&Closure days"), self)
        caption.setBuddy(self.days)
        days_row = QHBoxLayout()
        days_row.addWidget(self.days, 1)
        days_row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(caption)
        layout.addLayout(days_row)
        layout.addLayout(adding)
        layout.addWidget(self.message)
        layout.addWidget(explain)
        self.setTabOrder(self.nation, self.days)
        self.setTabOrder(self.days, self.remove_button)
        self.setTabOrder(self.remove_button, self.day)
        self.setTabOrder(self.day, self.note)
        self.setTabOrder(self.note, self.add_button)

    def _connect_signals(self) -> None:
        self.nation.activated.connect(self._on_nation_activated)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.note.returnPressed.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.days.currentRowChanged.connect(self._on_days_current_row_changed)
        self.day.dateChanged.connect(self._on_day_date_changed)

    # -- the tab's calls --

    def set_log(self, log: Log, today: Callable[[], date] = date.today) -> None:
        self.log = log
        self._today = today

    def set_operations(self, operations: Operations) -> None:
        self.operations = operations
        operations.failed.connect(self._on_operations_failed)

    def set_dispute(self, dispute_id: int | None) -> None:
        self.dispute_id = dispute_id
        self.day.setDate(_qdate(self._today()))
        self.refresh()

    def refresh(self) -> None:
        """Read the nation and closure days again, keeping the selected day where it can."""
        selected = self.selected_id()
        self.days.clear()
        editable = self.dispute_id is not None and self.log is not None and self.operations is not None
        for widget in (self.nation, self.day, self.note, self.add_button):
            widget.setEnabled(editable)
        if self.dispute_id is None or self.log is None:
            return
        try:
            nation = closures.get_nation(self.log, self.dispute_id)
            rows = closures.list_closure_days(self.log, self.dispute_id)
        except NotFoundError:
            return
        self.nation.setCurrentIndex(self.nation.findData(nation.value))
        for row in rows:
            item = QListWidgetItem(self._line(row))
            item.setData(ID_ROLE, row.id)
            item.setToolTip(self._line(row))
            self.days.addItem(item)
            if row.id == selected:
                self.days.setCurrentItem(item)
        if not rows:
            item = QListWidgetItem(self.tr("None: only weekends and bank holidays are skipped."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.days.addItem(item)
        self.remove_button.setEnabled(editable and self.selected_id() is not None)

    def selected_id(self) -> int | None:
        item = self.days.currentItem()
        found = item.data(ID_ROLE) if item is not None else None
        return found if isinstance(found, int) else None

    def closure_notes(self) -> dict[date, str]:
        """The closure days listed, with their notes, for the calendar's shading."""
        if self.dispute_id is None or self.log is None:
            return {}
        return {row.day: row.note for row in closures.list_closure_days(self.log, self.dispute_id)}

    def _line(self, row: ClosureDayRow) -> str:
        when = f"{WEEKDAYS[row.day.weekday()]} {fmt.day(row.day)}"
        return f"{when} — {row.note}" if row.note else when

    # -- changing --

    def add(self, day: date, note: str = "") -> bool:
        """Add a closure day as the Add button does; False (and the day marked) if it was refused."""
        if self.operations is None or self.dispute_id is None:
            return False
        self._clear_mark()
        operations, dispute_id, kept_note = self.operations, self.dispute_id, note.strip()
        self._refusal = ""
        outcome = operations.run(
            lambda: closures.add_closure_day(operations.log, dispute_id, day, kept_note),
            self.tr("Closure day %1 added.").replace("%1", fmt.day(day)),
        )
        if outcome is None:
            self._mark(self._refusal or self.tr("Not added."))
            return False
        self.note.clear()
        self.refresh()
        self.changed.emit()
        return True

    def remove_selected(self) -> bool:
        closure_id, operations = self.selected_id(), self.operations
        if operations is None or closure_id is None:
            return False
        outcome = operations.run(
            lambda: closures.remove_closure_day(operations.log, closure_id),
            self.tr("Closure day removed."),
        )
        if outcome is None:
            return False
        self.refresh()
        self.changed.emit()
        return True

    def _mark(self, message: str) -> None:
        self.day.setProperty("invalid", True)
        self.day.setStyleSheet(f"border: 2px solid {MARK_COLOUR}; border-radius: 3px;")
        self.message.setText(message)
        self.message.show()

    def _clear_mark(self) -> None:
        self.day.setProperty("invalid", False)
        self.day.setStyleSheet("")
        self.message.hide()

    # -- slots --

    @Slot(int)
    def _on_nation_activated(self, index: int) -> None:
        if self.operations is None or self.dispute_id is None:
            return
        chosen, operations, dispute_id = Nation(self.nation.itemData(index)), self.operations, self.dispute_id
        outcome = operations.run(
            lambda: closures.set_nation(operations.log, dispute_id, chosen),
            self.tr("Bank holidays now follow %1.").replace("%1", chosen.label),
        )
        if outcome is not None:
            self.changed.emit()

    @Slot()
    def _on_add_button_clicked(self) -> None:
        self.add(py_date(self.day.date()), self.note.text())

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        self.remove_selected()

    @Slot(int)
    def _on_days_current_row_changed(self, _row: int) -> None:
        self.remove_button.setEnabled(self.operations is not None and self.selected_id() is not None)

    @Slot(QDate)
    def _on_day_date_changed(self, _day: QDate) -> None:
        self._clear_mark()

    @Slot(str, str)
    def _on_operations_failed(self, _field: str, message: str) -> None:
        self._refusal = message
