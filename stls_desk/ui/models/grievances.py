"""The grievances table: paged, sorted and filtered by the database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject

from stls_desk.db.log import Log
from stls_desk.services import grievances
from stls_desk.services.core import NotFoundError
from stls_desk.services.grievances import GrievanceQuery, GrievanceRow
from stls_desk.ui import format as fmt
from stls_desk.ui.models.paged import PagedTableModel
from stls_desk.ui.models.table import Column


class GrievanceTableModel(PagedTableModel):
    def __init__(
        self, log: Log, today: Callable[[], date] = date.today, parent: QObject | None = None
    ) -> None:
        super().__init__(log, parent)
        self._today = today
        self.columns = self._columns()

    def _columns(self) -> tuple[Column, ...]:
        return (
            Column(self.tr("Ref."), lambda g: g.reference, "reference", width=5),
            Column(self.tr("Title"), lambda g: g.title, "title", width=40, stretch=True),
            Column(self.tr("Category"), lambda g: g.category, "category", width=10),
            Column(self.tr("Stage"), lambda g: g.stage.label, "stage", width=14),
            Column(self.tr("Status"), lambda g: g.status.label, "status", width=17),
            Column(self.tr("Raised"), lambda g: fmt.day(g.raised_on), "raised_on", width=10),
            Column(
                self.tr("Response due"),
                lambda g: fmt.day(g.response_due),
                "response_due",
                warn=self._response_overdue,
                width=10,
            ),
        )

    def _response_overdue(self, g: GrievanceRow) -> bool:
        return g.status.is_open and g.response_due is not None and g.response_due < self._today()

    def _count(self, query: GrievanceQuery) -> int:
        return grievances.count_grievances(self._log, query)

    def _fetch(self, query: GrievanceQuery, offset: int, limit: int) -> list[GrievanceRow]:
        return grievances.list_grievances(self._log, query, offset=offset, limit=limit)

    def _fetch_one(self, record_id: int) -> GrievanceRow | None:
        try:
            return grievances.get_grievance(self._log, record_id).row
        except NotFoundError:
            return None
