"""A month calendar of a dispute's dates: entered days and worked-out deadlines marked differently.

An entered day (a strike day, a ballot's opening) has a filled dot; a day the app worked out (a mandate's
last day, the last day for notice of ballot) has a ring. Strike days and action short of strike are shaded
red and bold, outlined when no ballot and notice cover them; bank holidays and the workplace's closure days
are shaded grey. The widget only shows what it is given (`set_items`): the tab reads the dates from
`services.upcoming` for the month on show, and lists a day's items when the rep picks it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QGridLayout, QLabel, QWidget

from stls_desk.domain.working_days import WorkingCalendar
from stls_desk.services.deadlines import Deadline, DeadlineKind
from stls_desk.ui.models.deadlines import DERIVED_COLOUR, ENTERED_COLOUR, mark_icon
from stls_desk.ui.models.table import WARNING


def _qdate(day: date) -> QDate:
    """The day as Qt's date (PySide converts a date implicitly, but its type stubs do not say so)."""
    return QDate(day.year, day.month, day.day)


ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
ACTION_KINDS = frozenset({DeadlineKind.STRIKE_DAY, DeadlineKind.ACTION_SHORT_OF_STRIKE})
ACTION_BACKGROUND = QColor("#f8d7d4")
ACTION_TEXT = QColor("#8a1c14")
CLOSED_BACKGROUND = QColor("#dedede")
CLOSED_TEXT = QColor("#6b6b6b")
MAX_MARKS = 3
"""Marks drawn in one cell; the day's list shows every item."""


def py_date(day: QDate) -> date:
    """A QDate as a datetime.date (QDate.toPython is typed as returning object)."""
    return date(day.year(), day.month(), day.day())


@dataclass(frozen=True)
class DayMarks:
    """What the calendar shows on one day, for tests and for the day's heading."""

    entered: tuple[Deadline, ...] = ()
    derived: tuple[Deadline, ...] = ()
    action: bool = False
    """A strike day or a day of action short of strike falls on it."""
    flagged: tuple[str, ...] = ()
    """Why no ballot and notice cover the day of action on it (empty when they do, or there is none)."""
    closed: str = ""
    """The bank holiday's name or the closure day's note ("Closure day" without one); "" when open."""
    items: tuple[Deadline, ...] = field(default=(), repr=False)


class DisputeCalendar(QCalendarWidget):
    """A QCalendarWidget that paints each day's marks; weeks start on Monday, as British diaries do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disputeCalendar")
        self.setAccessibleName(self.tr("Calendar of the dispute's dates"))
        self.setLocale(ENGLISH)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.setGridVisible(True)
        # Red is kept for strike days: weekends read in quiet grey instead of Qt's default red.
        weekend = QTextCharFormat()
        weekend.setForeground(QBrush(CLOSED_TEXT))
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.setWeekdayTextFormat(day, weekend)
        self.setMinimumSize(340, 260)
        self._by_day: dict[date, list[Deadline]] = {}
        self._closed: dict[date, str] = {}
        self._uncovered: dict[date, tuple[str, ...]] = {}
        self._today: date | None = None

    # -- what is shown --

    def shown_range(self) -> tuple[date, date]:
        """The first and last days the month on show can display (its grid reaches into the months
        either side), with a week to spare."""
        first = date(self.yearShown(), self.monthShown(), 1)
        return first - timedelta(days=14), first + timedelta(days=31 + 21)

    def set_items(
        self,
        items: Iterable[Deadline],
        working: WorkingCalendar | None,
        closures: Mapping[date, str] | None = None,
        today: date | None = None,
        uncovered: Mapping[date, tuple[str, ...]] | None = None,
    ) -> None:
        """Show these dated items, and the bank holidays and closure days of `working`, over the range
        `shown_range()` gives; `closures` names the closure days (their notes), `uncovered` the days of
        action no ballot and notice cover, with the reasons (`services.deadlines` DayFlag)."""
        first, last = self.shown_range()
        self._today = today
        self._uncovered = dict(uncovered or {})
        self._by_day = {}
        for item in items:
            day = max(item.day, first)
            while day <= min(item.last_day, last):
                self._by_day.setdefault(day, []).append(item)
                day += timedelta(days=1)
        self._closed = {}
        if working is not None:
            notes = closures or {}
            day = first
            while day <= last:
                holiday = working.bank_holiday_name(day)
                if holiday:
                    self._closed[day] = holiday
                elif day in working.closures:
                    self._closed[day] = notes.get(day) or self.tr("Closure day")
                day += timedelta(days=1)
        self._apply_formats(first, last)
        self.updateCells()

    def items_on(self, day: date) -> list[Deadline]:
        """The items on `day`, in date order as given (a range counts on each of its days)."""
        return list(self._by_day.get(day, ()))

    def marks(self, day: date) -> DayMarks:
        items = tuple(self._by_day.get(day, ()))
        action = [item for item in items if item.kind in ACTION_KINDS]
        return DayMarks(
            entered=tuple(item for item in items if not item.derived),
            derived=tuple(item for item in items if item.derived),
            action=bool(action),
            flagged=self._uncovered.get(day, ()) if action else (),
            closed=self._closed.get(day, ""),
            items=items,
        )

    def _apply_formats(self, first: date, last: date) -> None:
        self.setDateTextFormat(QDate(), QTextCharFormat())  # forget the last month's formats
        closed = QTextCharFormat()
        closed.setBackground(QBrush(CLOSED_BACKGROUND))
        closed.setForeground(QBrush(CLOSED_TEXT))
        action = QTextCharFormat()
        action.setBackground(QBrush(ACTION_BACKGROUND))
        action.setForeground(QBrush(ACTION_TEXT))
        action.setFontWeight(QFont.Weight.Bold)
        day = first
        while day <= last:
            marks = self.marks(day)
            fmt = action if marks.action else closed if marks.closed else QTextCharFormat()
            if marks.derived and not marks.entered:
                fmt = QTextCharFormat(fmt)
                fmt.setFontItalic(True)  # a day only worked out reads in italic, as in the lists
            if not fmt.isEmpty():
                self.setDateTextFormat(_qdate(day), fmt)
            day += timedelta(days=1)

    # -- painting --

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        super().paintCell(painter, rect, qdate)
        day = py_date(qdate)
        marks = self.marks(day)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if marks.action:  # a bar that still shows when the day is selected and its shading is not
            painter.fillRect(QRectF(rect.left() + 1, rect.top() + 1, rect.width() - 2, 3), ACTION_TEXT)
        if marks.flagged:
            painter.setPen(QPen(WARNING, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5))
        elif day == self._today:
            painter.setPen(QPen(self.palette().color(self.palette().ColorRole.Highlight), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5))
        shown = [False] * min(len(marks.entered), MAX_MARKS)
        shown += [True] * min(len(marks.derived), MAX_MARKS - len(shown))
        size = max(6.0, min(rect.height() / 4.5, 9.0))
        gap = size * 0.5
        width = len(shown) * size + (len(shown) - 1) * gap
        x = rect.center().x() - width / 2 + 0.5
        y = rect.bottom() - size - 2.0
        for derived in shown:
            dot = QRectF(x, y, size, size)
            if derived:
                painter.setPen(QPen(DERIVED_COLOUR, 2.0))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(dot.adjusted(1.0, 1.0, -1.0, -1.0))
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(ENTERED_COLOUR)
                painter.drawEllipse(dot)
            x += size + gap
        painter.restore()


class CalendarLegend(QWidget):
    """What the calendar's marks mean, in a line under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarLegend")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(4)
        layout.setVerticalSpacing(2)
        size = self.fontMetrics().height()
        entries: Sequence[tuple[object, str]] = (
            (mark_icon(False, size), self.tr("entered by you")),
            (ACTION_BACKGROUND, self.tr("strike day or action")),
            (mark_icon(True, size), self.tr("worked out (italic)")),
            (CLOSED_BACKGROUND, self.tr("bank holiday or closure")),
        )
        for n, (swatch, text) in enumerate(entries):
            box = QLabel(self)
            if isinstance(swatch, QColor):
                box.setFixedSize(size, size)
                box.setStyleSheet(f"background: {swatch.name()}; border: 1px solid #999;")
            else:
                box.setPixmap(swatch.pixmap(size, size))  # type: ignore[attr-defined]
            row, column = divmod(n, 2)
            layout.addWidget(box, row, column * 3)
            layout.addWidget(QLabel(text, self), row, column * 3 + 1)
        layout.setColumnMinimumWidth(2, 12)
        layout.setColumnStretch(5, 1)
        self.setAccessibleName(self.tr("Legend: %1").replace("%1", ", ".join(t for _, t in entries)))
