"""A table model over a list of frozen row dataclasses, and the columns that describe how to show them.

Each row carries its record id in `ID_ROLE` and itself in `ROW_ROLE`, so a view's selection leads back to
the record without the model knowing what a grievance or a meeting is.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The record's id (an int)."""
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row dataclass itself."""

ModelIndex = QModelIndex | QPersistentModelIndex
NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WARNING = QColor("#b42318")
"""Text colour for what is overdue: a red that reads on both light and dark rows."""


@dataclass(frozen=True)
class Column:
    """One column: its header, how a row reads in it, and how it sorts."""

    title: str
    text: Callable[[Any], str]
    sort_key: str | None = None
    """The service's name for sorting by this column (paged models); None if the database cannot."""
    sort_value: Callable[[Any], Any] | None = None
    align: Qt.AlignmentFlag | None = None
    warn: Callable[[Any], bool] | None = None
    """True where the cell should stand out (overdue, missed)."""
    width: int = 0
    """A starting width in average characters; 0 leaves it to the header."""
    stretch: bool = False
    """This column takes the table's spare width (the title, as a rule)."""


class RowTableModel(QAbstractTableModel):
    """Rows of one dataclass; changes only through set_rows (a reset) so views keep no stale index."""

    def __init__(self, parent: QObject | None = None, columns: Sequence[Column] = ()) -> None:
        super().__init__(parent)
        self.columns: tuple[Column, ...] = tuple(columns)
        self._rows: list[Any] = []
        self._order: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show these rows, in the order the view last asked for (else as given)."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._order is not None:
            self._rows.sort(key=self._sort_key(self._order[0]), reverse=self._descending())
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python with each column's key, once per row: a short list needs no query, and a
        QSortFilterProxyModel would call data() twice for every comparison."""
        if not 0 <= column < len(self.columns):
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[index.row()].id for index in persistent]
        self._rows.sort(key=self._sort_key(column), reverse=self._descending())
        position = {row.id: n for n, row in enumerate(self._rows)}
        moved = [self.index(position[i], index.column()) for i, index in zip(ids, persistent, strict=True)]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _descending(self) -> bool:
        return self._order is not None and self._order[1] == Qt.SortOrder.DescendingOrder

    def _sort_key(self, column: int) -> Callable[[Any], Any]:
        spec = self.columns[column]
        if spec.sort_value is not None:
            return spec.sort_value
        return lambda row: spec.text(row).casefold()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of_id(self, record_id: int) -> int | None:
        """The position of the record among the rows loaded, or None."""
        return next((n for n, r in enumerate(self._rows) if r.id == record_id), None)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return column.align
        if role == Qt.ItemDataRole.ForegroundRole and column.warn is not None and column.warn(row):
            return WARNING
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.text(row)
            # As rich text, escaped: a title holding "<b>" shows as typed, and long text wraps.
            return f"<p>{html.escape(text)}</p>" if len(text) > 40 else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return column.align
        return None


class RowFilterProxy(QSortFilterProxyModel):
    """Filters a short list by the text of any column; sorting is left to the model underneath."""

    def __init__(self, source: RowTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)
