"""The Overview tab: what needs attention, what is overdue, what comes next, open grievances by status and
the latest proposals.

"Needs attention" (shown only when there is something) lists each strike day or day of action short of
strike, not yet over, that no ballot and notice cover, saying why. "Coming up" is the dispute's dated list
from `services.upcoming`, as the Ballots & dates calendar shows it: a day the app worked out has a ring and
reads in italics, with the rule set in its tooltip.

Each line opens its record: Enter or a double-click emits `record_activated`, and a grievance count emits
`grievance_statuses_requested` so the Grievances tab opens filtered to those grievances.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTreeWidgetItem, QVBoxLayout, QWidget

from stls_desk.db.log import Log
from stls_desk.services import first_screen
from stls_desk.services.deadlines import ActionCheck
from stls_desk.services.outcome import NotFoundError
from stls_desk.services.overview import DueItem, DueKind, Overview, overview
from stls_desk.ui import format as fmt
from stls_desk.ui.tabs.base import DisputeTab, Today
from stls_desk.ui.widgets.record_panel import LINK_ROLE
from stls_desk.ui.widgets.section import Section, SectionRow

STRONG = frozenset({DueKind.STRIKE_DAY, DueKind.MANDATE_ENDS})
"""Days of action and the end of a mandate read in bold: the dates everything else turns on."""
STATUS_LINK = "grievance_status"
"""A count line's link: its value is a status's value, or "" for every open grievance."""


class OverviewTab(DisputeTab):
    grievance_statuses_requested = Signal(str)
    """The rep opened a grievance count: the status value, or "" for all open grievances."""

    entities = frozenset(
        {"dispute", "grievance", "proposal", "meeting", "action_item", "ballot", "key_date", "person"}
    )

    def __init__(self, log: Log, today: Today = date.today, parent: QWidget | None = None) -> None:
        super().__init__(log, today, parent)
        self.current: Overview | None = None
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("overviewTitle")
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("overviewSubtitle")
        self.subtitle.setWordWrap(True)

        self.attention = Section(
            "overviewAttention",
            [self.tr("Date"), self.tr("What"), self.tr("Why it needs attention")],
            self,
            compact=True,
        )
        self.overdue = Section(
            "overviewOverdue", [self.tr("Was due"), self.tr("What"), self.tr("Record")], self
        )
        self.coming_up = Section(
            "overviewComingUp", [self.tr("Date"), self.tr("What"), self.tr("Record")], self
        )
        self.statuses = Section(
            "overviewGrievances", [self.tr("Status"), self.tr("Grievances")], self, compact=True, numeric=(1,)
        )
        self.proposals = Section(
            "overviewProposals",
            [self.tr("Ref."), self.tr("Title"), self.tr("Tabled"), self.tr("Status")],
            self,
        )
        self.sections = (self.attention, self.overdue, self.coming_up, self.statuses, self.proposals)

        # What is due on the left, where the eye starts; the state of things on the right.
        due = QVBoxLayout()
        due.setSpacing(12)
        due.addWidget(self.overdue, 1)
        due.addWidget(self.coming_up, 1)
        state = QVBoxLayout()
        state.setSpacing(12)
        state.addWidget(self.statuses)
        state.addWidget(self.proposals, 1)
        columns = QHBoxLayout()
        columns.setSpacing(18)
        columns.addLayout(due, 3)
        columns.addLayout(state, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(8)
        layout.addWidget(self.attention)
        layout.addLayout(columns, 1)

    def _connect_signals(self) -> None:
        for section in self.sections:
            section.tree.itemActivated.connect(self._on_section_item_activated)

    def _load(self) -> None:
        if self.dispute_id is None:
            self.current = None
            self._show_nothing()
        else:
            try:
                dispute = first_screen.get_dispute(self._log, self.dispute_id)
            except NotFoundError:
                self.current = None
                self._show_nothing()
                return
            self.current = overview(self._log, self.dispute_id, self._today())
            details = [dispute.employer, dispute.branch, dispute.status.label]
            if dispute.opened_on:
                details.append(self.tr("opened %1").replace("%1", fmt.day(dispute.opened_on)))
            self.title.setText(dispute.title)
            self.subtitle.setText(" · ".join(d for d in details if d))
            self._show(self.current)

    def _show_nothing(self) -> None:
        self.title.setText(self.tr("No dispute to show"))
        self.subtitle.setText(self.tr("This log has no disputes yet."))
        for section in self.sections:
            section.set_title("")
            section.set_rows([], "")

    def _show(self, o: Overview) -> None:
        self.attention.set_title(
            self.tr("Needs attention: days of action no ballot and notice cover (%1)").replace(
                "%1", str(len(o.needs_attention))
            )
        )
        self.attention.set_rows([self._attention_row(c) for c in o.needs_attention], "", stretch=2)
        self.overdue.set_title(self._titled(self.tr("Overdue"), len(o.overdue), o.overdue_total))
        self.overdue.set_rows(
            [self._due_row(item, marked=False) for item in o.overdue],
            self.tr("Nothing is overdue."),
            stretch=2,
        )
        weeks = (o.horizon - o.today).days // 7
        coming = self.tr("Coming up in the next %1 weeks").replace("%1", str(weeks))
        self.coming_up.set_title(self._titled(coming, len(o.coming_up), o.coming_up_total))
        self.coming_up.set_rows(
            [self._due_row(item) for item in o.coming_up],
            self.tr("Nothing falls due before %1.").replace("%1", fmt.day(o.horizon)),
            stretch=2,
        )
        self.statuses.set_title(self.tr("Open grievances (%1)").replace("%1", fmt.count(o.open_grievances)))
        status_rows = [
            SectionRow((c.status.label, fmt.count(c.count)), (STATUS_LINK, c.status.value))
            for c in o.grievances_by_status
        ]
        status_rows.append(SectionRow((self.tr("All open"), fmt.count(o.open_grievances)), (STATUS_LINK, "")))
        self.statuses.set_rows(status_rows, "", stretch=0)
        self.proposals.set_title(self.tr("Latest proposals"))
        self.proposals.set_rows(
            [
                SectionRow((p.reference, p.title, fmt.day(p.tabled_on), p.status.label), ("proposal", p.id))
                for p in o.latest_proposals
            ],
            self.tr("No proposals yet."),
        )

    def _titled(self, title: str, shown: int, total: int) -> str:
        if total > shown:
            return (
                self.tr("%1 (first %2 of %3)")
                .replace("%1", title)
                .replace("%2", str(shown))
                .replace("%3", fmt.count(total))
            )
        return f"{title} ({total})" if total else title

    def _due_row(self, item: DueItem, *, marked: bool = True) -> SectionRow:
        """A dated line; `marked` gives it the calendar's dot or ring (unmarked, only a worked-out day is)."""
        when = fmt.day_range(item.on, item.until)
        strong = item.kind in STRONG
        tips = [f"{item.label}: {item.text}", item.detail]
        if item.derived:
            tips.append(
                self.tr("Worked out by STLS Desk under the %1 rules; check before relying on it.").replace(
                    "%1", item.rule_set or ""
                )
            )
        if item.flags:
            tips += [self.tr("Not covered by a ballot and notice:"), *(f"• {f}" for f in item.flags)]
        return SectionRow(
            (when, item.label, item.text),  # an uncovered day reads in red; Needs attention says why
            (item.entity, item.record_id),
            warn=item.overdue or bool(item.flags),
            strong=strong,
            derived=item.derived if marked or item.derived else None,
            tooltip="\n".join(t for t in tips if t),
        )

    def _attention_row(self, check: ActionCheck) -> SectionRow:
        when = fmt.day_range(check.starts_on, check.ends_on)
        why = "; ".join(check.reasons)
        tip = "\n".join([f"{check.kind.label}: {check.title}", *(f"• {r}" for r in check.reasons)])
        cells = (when, f"{check.kind.label}: {check.title}", why)
        return SectionRow(cells, ("key_date", check.key_date_id), warn=True, strong=True, tooltip=tip)

    def select_record(self, record_id: int) -> None:
        """The overview has no records of its own: it shows the dispute, whatever the id."""
        self.ensure_fresh()

    def copy_text(self) -> str:
        for section in self.sections:
            item = section.tree.currentItem()
            if section.tree.hasFocus() and item is not None:
                return "\t".join(item.text(c) for c in range(section.tree.columnCount()))
        return ""

    @Slot(QTreeWidgetItem, int)
    def _on_section_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        link = item.data(0, LINK_ROLE)
        if not link:
            return
        entity, value = link
        if entity == STATUS_LINK:
            self.grievance_statuses_requested.emit(value)
        else:
            self.record_activated.emit(entity, value)
