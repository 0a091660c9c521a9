"""The Proposals tab: what each side has tabled, paged from the database, beside the selected proposal's editor."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from stls_desk.db.log import Log
from stls_desk.domain.enums import ProposalStatus
from stls_desk.services import attachments, proposals
from stls_desk.services.core import Outcome
from stls_desk.services.proposals import ProposalQuery
from stls_desk.ui.editors.proposal import ProposalEditor
from stls_desk.ui.models.proposals import ProposalTableModel
from stls_desk.ui.tabs.base import Today
from stls_desk.ui.tabs.paged import PagedTableTab, counted

AWAITING = frozenset(s for s in ProposalStatus if s.awaiting_answer)


class ProposalsTab(PagedTableTab):
    entity = "proposal"
    entities = frozenset({"proposal", "proposal_revision", "grievance", "attachment"})

    def __init__(self, log: Log, today: Today = date.today, parent: QWidget | None = None) -> None:
        super().__init__(log, today, parent)
        self.noun, self.noun_one = self.tr("proposals"), self.tr("proposal")
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self._build(
            "proposals",
            self.tr("Proposals"),
            ProposalTableModel(self._log, self._today, self),
            self.tr("Filter proposals…"),
            ProposalEditor(self._today, self),
        )
        choices: list[tuple[str, object]] = [
            (self.tr("All statuses"), frozenset()),
            (self.tr("Awaiting an answer"), AWAITING),
        ]
        choices += [(status.label, frozenset({status})) for status in ProposalStatus]
        self.filter_bar.add_status_choice("proposals", self.tr("Proposal status"), choices)
        self._setup_record_buttons(self.tr("New proposal"), self.tr("Delete…"))
        self._give_editor_room(760, 640)

    def _connect_signals(self) -> None:
        self._connect_table()

    def _query(self) -> ProposalQuery | None:
        if self.dispute_id is None:
            return None
        return ProposalQuery(
            self.dispute_id, text=self.filter_bar.filter_text, statuses=self._status_filter()
        )

    def _reference(self, record_id: int) -> str:
        return proposals.get_proposal(self._log, record_id).row.reference

    def _create(self) -> Outcome | None:
        assert self.operations is not None and self.dispute_id is not None
        return self.operations.create(
            "proposal",
            proposals.create_proposal,
            self.dispute_id,
            self.tr("New proposal"),
            tabled_on=self._today(),
        )

    def _delete_question(self, record_id: int) -> str:
        p = proposals.get_proposal(self._log, record_id)
        files = len(attachments.list_attachments(self._log, "proposal", record_id))
        goes = [
            counted(n, one, many)
            for n, one, many in (
                (len(p.revisions), self.tr("revision"), self.tr("revisions")),
                (files, self.tr("attachment"), self.tr("attachments")),
            )
            if n
        ]
        name = f"{p.row.reference} “{p.row.title}”"
        if goes:
            text = self.tr("Delete %1 and its %2?").replace("%2", self.tr(" and ").join(goes))
        else:
            text = self.tr("Delete %1?")
        text = text.replace("%1", name)
        if p.grievances:
            stay = (
                self.tr("The grievance it addresses stays.")
                if len(p.grievances) == 1
                else self.tr("The %1 grievances it addresses stay.").replace("%1", str(len(p.grievances)))
            )
            text += " " + stay
        return text + " " + self.tr("Edit ▸ Undo puts it back.")
