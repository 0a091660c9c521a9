"""The Proposals tab: what each side has tabled, paged from the database, beside the selected proposal."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from stls_desk.db.log import Log
from stls_desk.domain.enums import ProposalStatus
from stls_desk.services import proposals
from stls_desk.services.core import NotFoundError
from stls_desk.services.proposals import ProposalQuery
from stls_desk.ui import format as fmt
from stls_desk.ui.models.proposals import ProposalTableModel
from stls_desk.ui.tabs.base import Today
from stls_desk.ui.tabs.paged import PagedTableTab
from stls_desk.ui.widgets.record_panel import RecordPanel

AWAITING = frozenset(s for s in ProposalStatus if s.awaiting_answer)


class ProposalsTab(PagedTableTab):
    entity = "proposal"
    entities = frozenset({"proposal", "proposal_revision", "grievance"})

    def __init__(self, log: Log, today: Today = date.today, parent: QWidget | None = None) -> None:
        super().__init__(log, today, parent)
        self.noun, self.noun_one = self.tr("proposals"), self.tr("proposal")
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        panel = RecordPanel("proposalRecord", self.tr("Select a proposal to see it here."), self)
        panel.add_line("status", self.tr("Status"))
        panel.add_line("tabled_by", self.tr("Tabled by"))
        panel.add_line("tabled_on", self.tr("Tabled on"))
        panel.add_line("respond_by", self.tr("Respond by"))
        panel.add_text("text", self.tr("Text"), lines=6)
        panel.add_text("employer_position", self.tr("Employer's position"), lines=3)
        panel.add_text("union_position", self.tr("Union's position"), lines=3)
        panel.add_list("grievances", self.tr("Grievances it addresses"), rows=3)
        panel.add_list("revisions", self.tr("Revisions"), rows=3)
        self._build(
            "proposals",
            self.tr("Proposals"),
            ProposalTableModel(self._log, self._today, self),
            self.tr("Filter proposals…"),
            panel,
        )
        choices: list[tuple[str, object]] = [
            (self.tr("All statuses"), frozenset()),
            (self.tr("Awaiting an answer"), AWAITING),
        ]
        choices += [(status.label, frozenset({status})) for status in ProposalStatus]
        self.filter_bar.add_status_choice("proposals", self.tr("Proposal status"), choices)

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

    def _show_record(self, record_id: int) -> None:
        try:
            p = proposals.get_proposal(self._log, record_id)
        except NotFoundError:
            self.panel.show_placeholder(self.tr("That proposal is no longer in the log."))
            return
        row = p.row
        subtitle = self.tr("Confidential: kept out of members' briefing packs.") if row.confidential else ""
        self.panel.show_record(
            f"{row.reference}  {row.title}",
            subtitle,
            {
                "status": row.status.label,
                "tabled_by": row.tabled_by.label,
                "tabled_on": fmt.day(row.tabled_on),
                "respond_by": fmt.day(row.respond_by),
                "text": p.text,
                "employer_position": p.employer_position,
                "union_position": p.union_position,
            },
        )
        self.panel.set_lines(
            "grievances",
            [(f"{ref}  {title}", ("grievance", gid)) for gid, ref, title in p.grievances],
            empty=self.tr("None linked"),
        )
        self.panel.set_lines(
            "revisions",
            [
                (
                    self.tr("Revision %1, %2")
                    .replace("%1", str(r.number))
                    .replace("%2", fmt.day(r.revised_on))
                    + (f": {r.note}" if r.note else ""),
                    None,
                )
                for r in p.revisions
            ],
            empty=self.tr("No revisions"),
        )
