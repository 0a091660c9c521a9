"""The Grievances tab: the dispute's grievances, paged from the database, beside the selected one's editor."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from stls_desk.db.log import Log
from stls_desk.domain.enums import GrievanceStatus
from stls_desk.services import attachments, grievances
from stls_desk.services.core import Outcome
from stls_desk.services.grievances import GrievanceQuery
from stls_desk.ui.editors.grievance import GrievanceEditor
from stls_desk.ui.models.grievances import GrievanceTableModel
from stls_desk.ui.tabs.base import Today
from stls_desk.ui.tabs.paged import PagedTableTab, counted

OPEN = frozenset(s for s in GrievanceStatus if s.is_open)


class GrievancesTab(PagedTableTab):
    entity = "grievance"
    entities = frozenset({"grievance", "person", "proposal", "attachment"})

    def __init__(self, log: Log, today: Today = date.today, parent: QWidget | None = None) -> None:
        super().__init__(log, today, parent)
        self.noun, self.noun_one = self.tr("grievances"), self.tr("grievance")
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self._build(
            "grievances",
            self.tr("Grievances"),
            GrievanceTableModel(self._log, self._today, self),
            self.tr("Filter grievances…"),
            GrievanceEditor(self._today, self),
        )
        choices: list[tuple[str, object]] = [
            (self.tr("All statuses"), frozenset()),
            (self.tr("Open (not resolved or withdrawn)"), OPEN),
        ]
        choices += [(status.label, frozenset({status})) for status in GrievanceStatus]
        self.filter_bar.add_status_choice("grievances", self.tr("Grievance status"), choices)
        self._setup_record_buttons(self.tr("New grievance"), self.tr("Delete…"))
        self._give_editor_room(820, 580)

    def _connect_signals(self) -> None:
        self._connect_table()

    def _query(self) -> GrievanceQuery | None:
        if self.dispute_id is None:
            return None
        return GrievanceQuery(
            self.dispute_id, text=self.filter_bar.filter_text, statuses=self._status_filter()
        )

    def _reference(self, record_id: int) -> str:
        return grievances.get_grievance(self._log, record_id).row.reference

    def show_statuses(self, statuses: frozenset[GrievanceStatus]) -> None:
        """Filter the table to these statuses (the overview's counts open the tab this way)."""
        self.ensure_fresh()
        status = self.filter_bar.status
        assert status is not None
        index = next((n for n in range(status.count()) if status.itemData(n) == statuses), 0)
        self.filter_bar.set_filter("", index)
        self._apply_filter()

    def _create(self) -> Outcome | None:
        assert self.operations is not None and self.dispute_id is not None
        return self.operations.create(
            "grievance",
            grievances.create_grievance,
            self.dispute_id,
            self.tr("New grievance"),
            raised_on=self._today(),
        )

    def _delete_question(self, record_id: int) -> str:
        g = grievances.get_grievance(self._log, record_id)
        files = len(attachments.list_attachments(self._log, "grievance", record_id))
        name = f"{g.row.reference} “{g.row.title}”"
        if files:
            files_text = counted(files, self.tr("attachment"), self.tr("attachments"))
            what = self.tr("Delete %1 and its %2?").replace("%2", files_text)
        else:
            what = self.tr("Delete %1?")
        text = what.replace("%1", name)
        if g.proposals:
            stay = (
                self.tr("The proposal that addresses it stays.")
                if len(g.proposals) == 1
                else self.tr("The %1 proposals that address it stay.").replace("%1", str(len(g.proposals)))
            )
            text += " " + stay
        return text + " " + self.tr("Edit ▸ Undo puts it back.")
