"""Dated items as a table: "What comes next" and a calendar day's list on the Ballots & dates tab.

Rows are `services.deadlines.Deadline`s. A day the rep entered and a day the app worked out read
differently, as on the calendar: an entered day has a filled dot, a worked-out one a ring, italic text and
a second line naming the rule set it came from. A day of action that no ballot and notice cover reads in red, with the reasons
in its tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from stls_desk.services.deadlines import Deadline
from stls_desk.ui import format as fmt
from stls_desk.ui.models.table import ROW_ROLE, WARNING, ModelIndex
from stls_desk.ui.widgets.record_panel import LINK_ROLE

DATE, WHAT, RECORD = range(3)
ENTERED_COLOUR = QColor("#1d4e89")
"""The entered days' dots: a dark blue that reads on the selected day's highlight and on white."""
DERIVED_COLOUR = QColor("#7a4d00")
"""The worked-out days' rings: a dark amber, apart from the entered blue."""


def mark_icon(derived: bool, size: int = 12) -> QIcon:
    """The calendar's mark as an icon: a filled dot for an entered day, a ring for a worked-out one."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = DERIVED_COLOUR if derived else ENTERED_COLOUR
    inset = 2
    if derived:
        painter.setPen(QPen(colour, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
    painter.drawEllipse(inset, inset, size - 2 * inset, size - 2 * inset)
    painter.end()
    return QIcon(pixmap)


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeadlineTableModel", text)


def source_text(item: Deadline) -> str:
    """Where a worked-out day comes from: 'worked out · TU Act 2016'; empty for a day the rep entered."""
    if not item.derived:
        return ""
    return _tr("worked out · %1").replace("%1", item.rule_set) if item.rule_set else _tr("worked out")


def tooltip(item: Deadline) -> str:
    """The item in full: its kind and record, the detail, where a worked-out day comes from, any flags."""
    lines = [f"{item.kind.label}: {item.title}"]
    if item.detail:
        lines.append(item.detail)
    if item.derived:
        lines.append(
            _tr("Worked out by STLS Desk under the %1 rules; check before relying on it.").replace(
                "%1", item.rule_set or ""
            )
        )
    if item.flags:
        lines.append(_tr("Not covered by a ballot and notice:"))
        lines.extend(f"• {flag}" for flag in item.flags)
    return "\n".join(lines)


class DeadlineTableModel(QAbstractTableModel):
    """Dated items in the order given; each row opens its record (LINK_ROLE holds (entity, id))."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Deadline] = []
        self._headers = (self.tr("Date"), self.tr("What"), self.tr("Record"))
        self._icons = {False: mark_icon(False), True: mark_icon(True)}

    def set_rows(self, rows: Sequence[Deadline]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Deadline]:
        return list(self._rows)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column == DATE:
            return self._icons[item.derived]
        if role == Qt.ItemDataRole.FontRole and item.derived:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and (item.flags or item.overdue):
            return WARNING
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(item)
        if role == LINK_ROLE:
            return (item.source_entity, item.source_id)
        if role == ROW_ROLE:
            return item
        return None

    def _text(self, item: Deadline, column: int) -> str:
        if column == DATE:
            return fmt.day_range(item.day, item.until)
        if column == WHAT:
            label = f"⚠ {item.kind.label}" if item.flags else item.kind.label
            source = source_text(item)
            return (
                f"{label}\n{source}" if source else label
            )  # a worked-out day says so, and under which rules
        return item.title

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None
