"""The Grievances tab: the dispute's grievances, paged from the database, beside the selected one."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from stls_desk.db.log import Log
from stls_desk.domain.enums import GrievanceStatus
from stls_desk.services import grievances
from stls_desk.services.core import NotFoundError
from stls_desk.services.grievances import GrievanceQuery
from stls_desk.ui import format as fmt
from stls_desk.ui.models.grievances import GrievanceTableModel
from stls_desk.ui.tabs.base import Today
from stls_desk.ui.tabs.paged import PagedTableTab
from stls_desk.ui.widgets.record_panel import RecordPanel

OPEN = frozenset(s for s in GrievanceStatus if s.is_open)


class GrievancesTab(PagedTableTab):
    entity = "grievance"
    entities = frozenset({"grievance", "person", "proposal"})

    def __init__(self, log: Log, today: Today = date.today, parent: QWidget | None = None) -> None:
        super().__init__(log, today, parent)
        self.noun, self.noun_one = self.tr("grievances"), self.tr("grievance")
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        panel = RecordPanel("grievanceRecord", self.tr("Select a grievance to see it here."), self)
        panel.add_line("status", self.tr("Status"))
        panel.add_line("stage", self.tr("Stage"))
        panel.add_line("scope", self.tr("Individual or collective"))
        panel.add_line("category", self.tr("Category"))
        panel.add_line("staff_group", self.tr("Staff group"))
        panel.add_line("raised_by", self.tr("Raised by"))
        panel.add_line("raised_on", self.tr("Raised on"))
        panel.add_line("response_due", self.tr("Response due"))
        panel.add_line("resolved_on", self.tr("Resolved on"))
        panel.add_text("detail", self.tr("Detail"), lines=6)
        panel.add_text("employer_response", self.tr("Employer's response"), lines=4)
        panel.add_list("proposals", self.tr("Proposals that address it"), rows=3)
        self._build(
            "grievances",
            self.tr("Grievances"),
            GrievanceTableModel(self._log, self._today, self),
            self.tr("Filter grievances…"),
            panel,
        )
        choices: list[tuple[str, object]] = [
            (self.tr("All statuses"), frozenset()),
            (self.tr("Open (not resolved or withdrawn)"), OPEN),
        ]
        choices += [(status.label, frozenset({status})) for status in GrievanceStatus]
        self.filter_bar.add_status_choice("grievances", self.tr("Grievance status"), choices)

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

    def _show_record(self, record_id: int) -> None:
        try:
            g = grievances.get_grievance(self._log, record_id)
        except NotFoundError:
            self.panel.show_placeholder(self.tr("That grievance is no longer in the log."))
            return
        row = g.row
        subtitle = self.tr("Confidential: kept out of members' briefing packs.") if row.confidential else ""
        self.panel.show_record(
            f"{row.reference}  {row.title}",
            subtitle,
            {
                "status": row.status.label,
                "stage": row.stage.label,
                "scope": row.scope.label,
                "category": row.category,
                "staff_group": g.staff_group,
                "raised_by": ", ".join(name for _, name in g.raised_by),
                "raised_on": fmt.day(row.raised_on),
                "response_due": fmt.day(row.response_due),
                "resolved_on": fmt.day(row.resolved_on),
                "detail": g.detail,
                "employer_response": g.employer_response,
            },
        )
        self.panel.set_lines(
            "proposals",
            [(f"{ref}  {title}", ("proposal", pid)) for pid, ref, title in g.proposals],
            empty=self.tr("None yet"),
        )
