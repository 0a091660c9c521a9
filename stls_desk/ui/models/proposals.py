"""The proposals table: paged, sorted and filtered by the database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject

from stls_desk.db.log import Log
from stls_desk.services import proposals
from stls_desk.services.core import NotFoundError
from stls_desk.services.proposals import ProposalQuery, ProposalRow
from stls_desk.ui import format as fmt
from stls_desk.ui.models.paged import PagedTableModel
from stls_desk.ui.models.table import Column


class ProposalTableModel(PagedTableModel):
    def __init__(
        self, log: Log, today: Callable[[], date] = date.today, parent: QObject | None = None
    ) -> None:
        super().__init__(log, parent)
        self._today = today
        self.columns = self._columns()

    def _columns(self) -> tuple[Column, ...]:
        return (
            Column(self.tr("Ref."), lambda p: p.reference, "reference", width=5),
            Column(self.tr("Title"), lambda p: p.title, "title", width=40, stretch=True),
            Column(self.tr("Tabled by"), lambda p: p.tabled_by.label, "tabled_by", width=8),
            Column(self.tr("Tabled"), lambda p: fmt.day(p.tabled_on), "tabled_on", width=10),
            Column(
                self.tr("Respond by"),
                lambda p: fmt.day(p.respond_by),
                "respond_by",
                warn=self._answer_overdue,
                width=10,
            ),
            Column(self.tr("Status"), lambda p: p.status.label, "status", width=17),
        )

    def _answer_overdue(self, p: ProposalRow) -> bool:
        return p.status.awaiting_answer and p.respond_by is not None and p.respond_by < self._today()

    def _count(self, query: ProposalQuery) -> int:
        return proposals.count_proposals(self._log, query)

    def _fetch(self, query: ProposalQuery, offset: int, limit: int) -> list[ProposalRow]:
        return proposals.list_proposals(self._log, query, offset=offset, limit=limit)

    def _fetch_one(self, record_id: int) -> ProposalRow | None:
        try:
            return proposals.get_proposal(self._log, record_id).row
        except NotFoundError:
            return None
