"""A table model that holds a count and fetches rows a page at a time, sorted and filtered by the database.

As Anki's browser does, it never loads a whole table: the view asks for more (canFetchMore/fetchMore) as
it scrolls, and a click on a header re-queries in the new order instead of sorting rows in Python. One
record's edit re-reads that one row (`update_row`), found through an id → position index, not a scan.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from stls_desk.db.log import Log
from stls_desk.ui.models.table import ModelIndex, RowTableModel

PAGE_SIZE = 200


class PagedTableModel(RowTableModel):
    """Rows of a service's query; subclasses say how to count and fetch (`_count`, `_fetch`).

    The query is a frozen dataclass with `sort` and `descending` fields, as the services take.
    """

    def __init__(self, log: Log, parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._log = log
        self.page_size = page_size
        self.query: Any = None
        self.total = 0
        self._sort: tuple[str, bool] | None = None
        self._positions: dict[int, int] = {}

    def set_log(self, log: Log) -> None:
        """Read from another log; shows nothing until the next set_query."""
        self._log = log
        self.set_query(None)

    def _count(self, query: Any) -> int:
        raise NotImplementedError

    def _fetch(self, query: Any, offset: int, limit: int) -> list[Any]:
        raise NotImplementedError

    def _fetch_one(self, record_id: int) -> Any | None:
        """One record's row as the list shows it; None if it is no longer in the log."""
        raise NotImplementedError

    def row_of_id(self, record_id: int) -> int | None:
        return self._positions.get(record_id)

    def update_row(self, record_id: int) -> bool:
        """Re-read one loaded record's row and repaint it; False if it is not loaded or has gone.

        The row stays where it is even if the change moves it in the sort or out of the filter: the rep
        sees the record they are editing, and the next refresh puts it in its place.
        """
        position = self._positions.get(record_id)
        if position is None:
            return False
        row = self._fetch_one(record_id)
        if row is None:
            return False
        self._rows[position] = row
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(position, 0), self.index(position, last))
        return True

    def set_query(self, query: Any) -> None:
        """Show what `query` finds, from the first page; None shows nothing."""
        if query is not None and self._sort is not None:
            query = dataclasses.replace(query, sort=self._sort[0], descending=self._sort[1])
        self.query = query
        self.reload(keep_loaded=False)

    def reload(self, *, keep_loaded: bool = True) -> None:
        """Read the rows again; keep_loaded reads as many as were loaded, so a refresh keeps the scroll."""
        wanted = max(self.page_size, len(self._rows)) if keep_loaded else self.page_size
        self.beginResetModel()
        if self.query is None:
            self.total, self._rows = 0, []
        else:
            self.total = self._count(self.query)
            self._rows = self._fetch(self.query, 0, wanted) if self.total else []
        self._positions = {row.id: n for n, row in enumerate(self._rows)}
        self.endResetModel()

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008 (Qt's signature)
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self.query is None:
            return
        start = len(self._rows)
        rows = self._fetch(self.query, start, min(self.page_size, self.total - start))
        if not rows:  # the log shrank since we counted: stop asking
            self.total = start
            return
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self._positions.update((row.id, n) for n, row in enumerate(rows, start=start))
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_key if 0 <= column < len(self.columns) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self._sort = (key, descending)
        if self.query is None or (self.query.sort, self.query.descending) == self._sort:
            return
        self.query = dataclasses.replace(self.query, sort=key, descending=descending)
        self.reload(keep_loaded=False)
