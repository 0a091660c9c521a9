"""The Ballots & dates tab: each ballot's figures and what they mean under the rules, and the key dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Slot
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QTableView, QVBoxLayout, QWidget

from stls_desk.db.log import Log
from stls_desk.domain.enums import BallotKind
from stls_desk.services import ballots
from stls_desk.services.ballots import BallotRow, KeyDateRow
from stls_desk.ui import format as fmt
from stls_desk.ui.models.ballots import BallotTableModel, KeyDateTableModel, assessment, turnout
from stls_desk.ui.models.table import ID_ROLE, ROW_ROLE, RowTableModel
from stls_desk.ui.tabs.base import DisputeTab, Today
from stls_desk.ui.widgets.record_panel import RecordPanel
from stls_desk.ui.widgets.tables import TableArea, make_table_view, row_text, size_columns


class BallotsTab(DisputeTab):
    entities = frozenset({"ballot", "key_date"})

    def __init__(self, log: Log, today: Today = date.today, parent: QWidget | None = None) -> None:
        super().__init__(log, today, parent)
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.ballot_model = BallotTableModel(self)
        self.key_date_model = KeyDateTableModel(self)
        self.ballot_view, ballot_box, self.ballot_area = self._table(
            "ballots", self.tr("Ballots"), self.ballot_model
        )
        self.key_date_view, key_date_box, self.key_date_area = self._table(
            "keyDates", self.tr("Key dates"), self.key_date_model
        )

        self.ballot_panel = RecordPanel("ballotRecord", "", self)
        p = self.ballot_panel
        p.add_line("kind", self.tr("Kind"))
        p.add_text("question", self.tr("Question"), lines=2)
        p.add_line("notice_given_on", self.tr("Notice of ballot given"))
        p.add_line("opens_on", self.tr("Opens"))
        p.add_line("closes_on", self.tr("Closes"))
        p.add_line("eligible", self.tr("Entitled to vote"))
        p.add_line("votes_cast", self.tr("Votes cast"))
        p.add_line("yes_votes", self.tr("Yes"))
        p.add_line("no_votes", self.tr("No"))
        p.add_line("spoilt", self.tr("Spoilt"))
        p.add_line("important_public_service", self.tr("Important public service"))
        p.add_line("rule_set", self.tr("Rules applied"))
        p.add_line("turnout", self.tr("Turnout"))
        p.add_line("support", self.tr("Yes of those entitled"))
        p.add_line("mandate", self.tr("Mandate lasts until"))
        p.add_text("result", self.tr("Result"), lines=4)

        self.key_date_panel = RecordPanel("keyDateRecord", "", self)
        k = self.key_date_panel
        k.add_line("kind", self.tr("Kind"))
        k.add_line("when", self.tr("Date"))
        k.add_line("short_notice", self.tr("Employer agreed short notice"))
        k.add_text("note", self.tr("Note"), lines=5)

        self.placeholder = RecordPanel(
            "ballotsPlaceholder", self.tr("Select a ballot or a date to see it here.")
        )
        self.panels = QStackedWidget(self)
        for panel in (self.placeholder, self.ballot_panel, self.key_date_panel):
            self.panels.addWidget(panel)

        tables = QSplitter(Qt.Orientation.Vertical, self)
        tables.setObjectName("ballotsTablesSplitter")
        tables.setChildrenCollapsible(False)
        tables.addWidget(ballot_box)
        tables.addWidget(key_date_box)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("ballotsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(tables)
        self.splitter.addWidget(self.panels)
        self.tables_splitter = tables
        self.splitter.setSizes([700, 400])
        tables.setSizes([300, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._restore_state()

    def _remembered(self) -> list[QTableView | QSplitter]:
        return [self.ballot_view, self.key_date_view, self.splitter, self.tables_splitter]

    def _table(self, name: str, title: str, model: RowTableModel) -> tuple[QTableView, QWidget, TableArea]:
        view = make_table_view(f"{name}Table", title, self)
        view.setModel(model)
        size_columns(view, model.columns)
        # Both tables open in date order: a ballot's opening day and a key date's day are column 2.
        view.horizontalHeader().setSortIndicator(2, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        box = QWidget(self)
        heading = QLabel(f"<b>{title}</b>", box)
        heading.setBuddy(view)
        area = TableArea(view, box)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(area, 1)
        return view, box, area

    def _connect_signals(self) -> None:
        self.ballot_view.selectionModel().currentRowChanged.connect(
            self._on_ballot_selection_current_row_changed
        )
        self.key_date_view.selectionModel().currentRowChanged.connect(
            self._on_key_date_selection_current_row_changed
        )

    # -- reading --

    def _load(self) -> None:
        shown = self._shown()
        if self.dispute_id is None:
            self.ballot_model.set_rows([])
            self.key_date_model.set_rows([])
        else:
            self.ballot_model.set_rows(ballots.list_ballots(self._log, self.dispute_id))
            self.key_date_model.set_rows(ballots.list_key_dates(self._log, self.dispute_id))
        for area, model, empty in (
            (self.ballot_area, self.ballot_model, self.tr("No ballots yet.")),
            (self.key_date_area, self.key_date_model, self.tr("No key dates yet.")),
        ):
            if self.dispute_id is None:
                area.show_empty(self.tr("No dispute to show."))
            elif model.rowCount() == 0:
                area.show_empty(empty)
            else:
                area.show_table()
        if shown is None or not self._select(*shown):
            self.panels.setCurrentWidget(self.placeholder)

    def _shown(self) -> tuple[str, int] | None:
        if self.panels.currentWidget() is self.ballot_panel:
            index = self.ballot_view.currentIndex()
            return ("ballot", index.data(ID_ROLE)) if index.isValid() else None
        if self.panels.currentWidget() is self.key_date_panel:
            index = self.key_date_view.currentIndex()
            return ("key_date", index.data(ID_ROLE)) if index.isValid() else None
        return None

    # -- selecting --

    def select_record(self, record_id: int, entity: str = "ballot") -> None:
        """Select a ballot (entity "ballot") or a key date (entity "key_date")."""
        self.ensure_fresh()
        self._select(entity, record_id)

    def _select(self, entity: str, record_id: int) -> bool:
        view, model = (
            (self.ballot_view, self.ballot_model)
            if entity == "ballot"
            else (self.key_date_view, self.key_date_model)
        )
        row = model.row_of_id(record_id)
        if row is None:
            return False
        index = model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        view.selectionModel().clear()  # so that setting the current row always shows it, moved or not
        view.selectionModel().setCurrentIndex(index, flags)
        view.scrollTo(index)
        view.setFocus()
        return True

    def _show(self, entity: str, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if entity == "ballot":
            self._show_ballot(row)
        else:
            self._show_key_date(row)

    def _show_ballot(self, b: BallotRow) -> None:
        result = assessment(b)
        statutory = b.kind == BallotKind.STATUTORY
        mandate = fmt.day(result.mandate_last_day) if result and result.valid and statutory else ""
        if result is None:
            rule_set = ""
            verdict = self.tr("The result is not in yet.")
        else:
            rule_set = result.rule_set
            if not statutory:
                verdict = self.tr(
                    "An indicative ballot shows members' support; only a statutory ballot gives a mandate "
                    "for industrial action."
                )
                if result.valid:
                    verdict += " " + self.tr("This result would meet the statutory thresholds.")
            elif result.valid:
                verdict = self.tr("A lawful mandate: turnout and support meet the thresholds.")
            else:
                verdict = self.tr("No mandate:") + "\n" + "\n".join(f"• {r}" for r in result.reasons)
            if result.notes:
                verdict += "\n\n" + "\n".join(result.notes)
        yes_no = {True: self.tr("Yes"), False: self.tr("No")}
        self.ballot_panel.show_record(
            self.tr("%1 ballot").replace("%1", b.kind.label),
            fmt.day_range(b.opens_on, b.closes_on),
            {
                "kind": b.kind.label,
                "question": b.question,
                "notice_given_on": fmt.day(b.notice_given_on),
                "opens_on": fmt.day(b.opens_on),
                "closes_on": fmt.day(b.closes_on),
                "eligible": fmt.count(b.eligible),
                "votes_cast": fmt.count(b.votes_cast),
                "yes_votes": fmt.count(b.yes_votes),
                "no_votes": fmt.count(b.no_votes),
                "spoilt": fmt.count(b.spoilt),
                "important_public_service": yes_no[b.important_public_service],
                "rule_set": rule_set,
                "turnout": fmt.percent(turnout(b)),
                "support": fmt.percent(result.yes_share_of_eligible) if result else "",
                "mandate": mandate,
                "result": verdict,
            },
        )
        self.panels.setCurrentWidget(self.ballot_panel)

    def _show_key_date(self, k: KeyDateRow) -> None:
        self.key_date_panel.show_record(
            k.title,
            "",
            {
                "kind": k.kind.label,
                "when": fmt.day_range(k.starts_on, k.ends_on),
                "short_notice": self.tr("Yes") if k.employer_agreed_short_notice else self.tr("No"),
                "note": k.note,
            },
        )
        self.panels.setCurrentWidget(self.key_date_panel)

    def copy_text(self) -> str:
        shown = self.panels.currentWidget()
        if shown is self.placeholder:
            return ""
        return row_text(self.ballot_view if shown is self.ballot_panel else self.key_date_view)

    # -- slots --

    @Slot(QModelIndex, QModelIndex)
    def _on_ballot_selection_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.key_date_view.selectionModel().clear()
            self._show("ballot", current)

    @Slot(QModelIndex, QModelIndex)
    def _on_key_date_selection_current_row_changed(
        self, current: QModelIndex, _previous: QModelIndex
    ) -> None:
        if current.isValid():
            self.ballot_view.selectionModel().clear()
            self._show("key_date", current)
