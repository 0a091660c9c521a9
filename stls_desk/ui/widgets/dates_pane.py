"""The lower half of the Ballots & dates tab: the month calendar with the picked day's items under it,
"What comes next" beside it, and the dispute's working days (nation and closure days).

Everything dated comes from `services.upcoming`, worked out afresh from the log each time it is read, so a
derived deadline follows its source: change a ballot's closing day and its mandate's last day moves on the
calendar. A line in either list asks for its record (`record_requested`); the tab opens it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stls_desk.db.log import Log
from stls_desk.services import closures
from stls_desk.services.core import NotFoundError
from stls_desk.services.deadlines import deadlines
from stls_desk.services.upcoming import upcoming
from stls_desk.ui import format as fmt
from stls_desk.ui.models.deadlines import DATE, RECORD, WHAT, DeadlineTableModel
from stls_desk.ui.models.table import WARNING
from stls_desk.ui.operations import Operations
from stls_desk.ui.widgets.closures import ClosuresPanel
from stls_desk.ui.widgets.dispute_calendar import CalendarLegend, DisputeCalendar, py_date
from stls_desk.ui.widgets.record_panel import LINK_ROLE
from stls_desk.ui.widgets.tables import make_table_view


def _qdate(day: date) -> QDate:
    """The day as Qt's date (PySide converts a date implicitly, but its type stubs do not say so)."""
    return QDate(day.year, day.month, day.day)


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
COMING_LIMIT = 60
"""How many of the coming dates "What comes next" lists."""


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _list_view(name: str, title: str, model: DeadlineTableModel, parent: QWidget) -> QTableView:
    view = make_table_view(name, title, parent)
    view.setModel(model)
    view.setSortingEnabled(False)  # in date order, as a diary reads
    view.horizontalHeader().setSortIndicatorShown(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(DATE, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(RECORD, QHeaderView.ResizeMode.Stretch)
    view.setColumnWidth(WHAT, view.fontMetrics().horizontalAdvance("Earliest day action may start") + 12)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    # A worked-out day's second line (its rule set) and a long record title wrap instead of hiding.
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


class DatesPane(QWidget):
    record_requested = Signal(str, int)
    """The rep opened a line: (entity, id) of its record."""

    def __init__(self, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.log: Log | None = None
        self.dispute_id: int | None = None
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.calendar = DisputeCalendar(self)
        self.legend = CalendarLegend(self)
        self.day_heading = QLabel(self)
        self.day_heading.setObjectName("dayHeading")
        self.day_heading.setTextFormat(Qt.TextFormat.PlainText)
        self.day_heading.setWordWrap(True)
        self.day_heading.setMinimumHeight(self.day_heading.fontMetrics().lineSpacing() * 2)
        self.day_model = DeadlineTableModel(self)
        self.day_view = _list_view("dayItems", self.tr("The day's dates"), self.day_model, self)
        self.coming_model = DeadlineTableModel(self)
        self.coming_heading = _heading(self.tr("What comes next"), self)
        self.coming_view = _list_view("comingUp", self.tr("What comes next"), self.coming_model, self)
        self.coming_heading.setBuddy(self.coming_view)
        self.coming_heading.setWordWrap(True)
        self.closures = ClosuresPanel(self)
        self.coming_view.setObjectName("comingUp")

        coming_page = QWidget(self)
        coming = QVBoxLayout(coming_page)
        coming.setContentsMargins(6, 6, 6, 6)
        coming.addWidget(self.coming_heading)
        coming.addWidget(self.coming_view, 1)
        working_page = QWidget(self)
        working = QVBoxLayout(working_page)
        working.setContentsMargins(6, 6, 6, 6)
        working.addWidget(self.closures)
        working.addStretch(1)
        # The working days are a tab away: what comes next is what a rep looks at most.
        self.side = QTabWidget(self)
        self.side.setObjectName("datesSide")
        self.side.addTab(coming_page, self.tr("What comes next"))
        self.side.addTab(working_page, self.tr("Working days"))
        self.side.setTabToolTip(1, self.tr("The nation whose bank holidays count, and the closure days"))

        calendar_column = QVBoxLayout()
        calendar_column.setContentsMargins(0, 0, 0, 0)
        calendar_column.addWidget(self.calendar, 3)
        calendar_column.addWidget(self.legend)
        calendar_column.addSpacing(4)
        calendar_column.addWidget(self.day_heading)
        calendar_column.addWidget(self.day_view, 2)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(calendar_column, 5)
        layout.addWidget(self.side, 6)

    def _connect_signals(self) -> None:
        self.calendar.currentPageChanged.connect(self._on_calendar_current_page_changed)
        self.calendar.selectionChanged.connect(self._on_calendar_selection_changed)
        self.day_view.activated.connect(self._on_list_activated)
        self.coming_view.activated.connect(self._on_list_activated)
        self.closures.changed.connect(self._on_closures_changed)

    # -- the tab's calls --

    def set_log(self, log: Log) -> None:
        self.log = log
        self.closures.set_log(log, self._today)

    def set_operations(self, operations: Operations) -> None:
        self.closures.set_operations(operations)

    def set_dispute(self, dispute_id: int | None) -> None:
        """Another dispute: the calendar goes back to today's month."""
        self.dispute_id = dispute_id
        today = self._today()
        self.calendar.blockSignals(True)
        self.calendar.setSelectedDate(_qdate(today))
        self.calendar.setCurrentPage(today.year, today.month)
        self.calendar.blockSignals(False)
        self.closures.set_dispute(dispute_id)

    def refresh(self) -> None:
        """Read every date again: the month on show, the picked day, what comes next, the working days."""
        self.closures.refresh()
        self.refresh_dates()

    def refresh_dates(self) -> None:
        self._fill_month()
        self._fill_coming()

    # -- reading --

    def _fill_month(self) -> None:
        if self.log is None or self.dispute_id is None:
            self.calendar.set_items([], None)
        else:
            first, last = self.calendar.shown_range()
            try:
                items = upcoming(
                    self.log, self.dispute_id, self._today(), start=first, end=last, include_overdue=False
                )
                working = closures.working_calendar(self.log, self.dispute_id)
                checks = deadlines(self.log, self.dispute_id, self._today()).action_checks
            except NotFoundError:
                items, working, checks = [], None, ()
            uncovered = {flag.day: flag.reasons for check in checks for flag in check.flags}
            self.calendar.set_items(
                items, working, self.closures.closure_notes(), self._today(), uncovered=uncovered
            )
        self._fill_day()

    def _fill_day(self) -> None:
        day = py_date(self.calendar.selectedDate())
        marks = self.calendar.marks(day)
        heading = f"{WEEKDAYS[day.weekday()]} {fmt.day(day)}"
        if marks.closed:
            heading += " · " + self.tr("closed: %1").replace("%1", marks.closed)
        if not marks.items:
            heading += " · " + self.tr("nothing on this day")
        if marks.flagged:
            heading += "\n⚠ " + self.tr("Not covered: %1").replace("%1", "; ".join(marks.flagged))
        self.day_heading.setText(heading)
        self.day_heading.setStyleSheet(f"color: {WARNING.name()};" if marks.flagged else "")
        self.day_model.set_rows(marks.items)

    def _fill_coming(self) -> None:
        today = self._today()
        if self.log is None or self.dispute_id is None:
            rows = []
        else:
            try:
                rows = upcoming(self.log, self.dispute_id, today, include_overdue=False, limit=COMING_LIMIT)
            except NotFoundError:
                rows = []
        self.coming_model.set_rows(rows)
        self.coming_heading.setText(
            self.tr("From %1, the dates entered and the deadlines worked out from them:").replace(
                "%1", fmt.day(today)
            )
        )
        self.coming_view.resizeColumnToContents(DATE)

    def show_day(self, day: date) -> None:
        """Pick a day as a click would: its month on show and its items listed."""
        self.calendar.setSelectedDate(_qdate(day))
        self.calendar.setCurrentPage(day.year, day.month)
        self._fill_day()

    # -- slots --

    @Slot(int, int)
    def _on_calendar_current_page_changed(self, _year: int, _month: int) -> None:
        self._fill_month()

    @Slot()
    def _on_calendar_selection_changed(self) -> None:
        self._fill_day()

    @Slot(QModelIndex)
    def _on_list_activated(self, index: QModelIndex) -> None:
        link = index.data(LINK_ROLE)
        if link:
            entity, record_id = link
            self.record_requested.emit(entity, record_id)

    @Slot()
    def _on_closures_changed(self) -> None:
        self._fill_month()
