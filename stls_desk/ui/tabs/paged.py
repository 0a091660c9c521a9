"""A table tab over a paged model: the database filters, sorts and hands over rows a page at a time."""

from __future__ import annotations

import dataclasses
from typing import Any

from stls_desk.db.log import Log
from stls_desk.services.core import NotFoundError
from stls_desk.ui.models.paged import PagedTableModel
from stls_desk.ui.tabs.base import TableTab


class PagedTableTab(TableTab):
    """Subclasses give the query for the current dispute and filter, and a record's reference."""

    model: PagedTableModel

    def _query(self) -> Any:
        raise NotImplementedError

    def _reference(self, record_id: int) -> str:
        """The record's reference (G-012), which the filter box finds exactly."""
        raise NotImplementedError

    def set_log(self, log: Log) -> None:
        self.model.set_log(log)
        super().set_log(log)

    def _status_filter(self) -> Any:
        status = self.filter_bar.status
        return (status.currentData() if status is not None else None) or frozenset()

    def _fill(self) -> None:
        """Re-read the rows loaded when only the log changed; start from the first page for a new filter."""
        query, current = self._query(), self.model.query
        if query is not None and current is not None:
            unsorted = dataclasses.replace(query, sort=current.sort, descending=current.descending)
            if unsorted == current:
                self.model.reload(keep_loaded=True)
                return
        self.model.set_query(query)

    def _total(self) -> int:
        return self.model.total

    def _find_unloaded(self, record_id: int) -> None:
        """The record may be pages away among 100,000 rows: filter to its reference instead of loading all."""
        try:
            reference = self._reference(record_id)
        except NotFoundError:
            return
        self.filter_bar.set_filter(reference)
        self._apply_filter()
