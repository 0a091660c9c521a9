"""The Ballots & dates tab: the ballots and key dates, each editable beside the tables, and the calendar.

Top left, the two tables (a strike day no ballot and notice cover reads "⚠ Not covered"); bottom left, the
month calendar, "What comes next" and the working days (`widgets.dates_pane`); on the right the selected
ballot's editor with its assessment, or the key date's editor with its check. Edit ▸ New asks whether to
add a ballot or a key date; Edit ▸ Delete… deletes the record shown (or, from the closure days' list, the
closure day picked).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Slot
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QTableView, QVBoxLayout, QWidget

from stls_desk.db.log import Log
from stls_desk.services import ballots
from stls_desk.services.core import NotFoundError, Outcome
from stls_desk.services.deadlines import deadlines
from stls_desk.ui import format as fmt
from stls_desk.ui import messages
from stls_desk.ui.dialogs import new_dated
from stls_desk.ui.dialogs.new_dated import NewBallot
from stls_desk.ui.editors.ballot import BallotEditor
from stls_desk.ui.editors.key_date import KeyDateEditor
from stls_desk.ui.models.ballots import BallotTableModel, KeyDateTableModel
from stls_desk.ui.models.table import ID_ROLE, RowTableModel
from stls_desk.ui.operations import Operations
from stls_desk.ui.tabs.base import DisputeTab, Today
from stls_desk.ui.widgets.dates_pane import DatesPane
from stls_desk.ui.widgets.record_panel import RecordPanel
from stls_desk.ui.widgets.tables import TableArea, make_table_view, row_text, size_columns

DATES_ONLY = frozenset({"grievance", "proposal", "meeting"})
"""Records whose dates the calendar shows but whose changes leave the tables and editors as they are."""


class BallotsTab(DisputeTab):
    entities = frozenset({"ballot", "key_date", "closure_day", "dispute"})

    def __init__(self, log: Log, today: Today = date.today, parent: QWidget | None = None) -> None:
        super().__init__(log, today, parent)
        self._dates_stale = False
        self._setup_ui()
        self._connect_signals()
        self.set_log(log)

    def _setup_ui(self) -> None:
        self.ballot_model = BallotTableModel(self)
        self.key_date_model = KeyDateTableModel(self)
        self.ballot_view, ballot_box, self.ballot_area = self._table(
            "ballots", self.tr("Ballots"), self.ballot_model
        )
        self.key_date_view, key_date_box, self.key_date_area = self._table(
            "keyDates", self.tr("Key dates"), self.key_date_model
        )
        self.ballot_panel = BallotEditor(self._today, self)
        self.key_date_panel = KeyDateEditor(self._today, self)
        self.placeholder = RecordPanel(
            "ballotsPlaceholder",
            self.tr("Select a ballot or a date to see it here, or add one with Edit ▸ New (Ctrl+N)."),
        )
        self.placeholder.show_placeholder()
        self.panels = QStackedWidget(self)
        for panel in (self.placeholder, self.ballot_panel, self.key_date_panel):
            self.panels.addWidget(panel)
        self.dates = DatesPane(self._today, self)

        tables = QSplitter(Qt.Orientation.Vertical, self)
        tables.setObjectName("ballotsTablesSplitter")
        tables.setChildrenCollapsible(False)
        tables.addWidget(ballot_box)
        tables.addWidget(key_date_box)
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.setObjectName("ballotsLeftSplitter")
        left.setChildrenCollapsible(False)
        left.addWidget(tables)
        left.addWidget(self.dates)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("ballotsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panels)
        self.tables_splitter, self.left_splitter = tables, left
        self.splitter.setSizes([880, 500])
        tables.setSizes([100, 210])
        left.setSizes([320, 440])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._restore_state()

    def save_state(self) -> None:
        """The window is closing: save what the rep typed and has not yet left, then the layout."""
        self._save_typing()
        super().save_state()

    def _save_typing(self) -> None:
        """Save a field the rep is still in before the form shows another record (or the window closes)."""
        shown = self.panels.currentWidget()
        if shown in (self.ballot_panel, self.key_date_panel):
            shown.save_all()

    def _remembered(self) -> list[QTableView | QSplitter]:
        return [self.ballot_view, self.key_date_view, self.splitter, self.tables_splitter, self.left_splitter]

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
        self.dates.record_requested.connect(self._on_dates_record_requested)

    # -- the window's calls --

    def set_log(self, log: Log) -> None:
        super().set_log(log)
        for editor in (self.ballot_panel, self.key_date_panel):
            editor.set_log(log)
        self.dates.set_log(log)

    def set_operations(self, operations: Operations) -> None:
        super().set_operations(operations)
        for editor in (self.ballot_panel, self.key_date_panel):
            editor.set_operations(operations)
        self.dates.set_operations(operations)

    def set_dispute(self, dispute_id: int | None) -> None:
        if dispute_id != self.dispute_id:
            self.panels.setCurrentWidget(self.placeholder)
        for editor in (self.ballot_panel, self.key_date_panel):
            editor.set_dispute(dispute_id)
        self.dates.set_dispute(dispute_id)
        super().set_dispute(dispute_id)

    def on_log_changed(self, outcome: Outcome) -> None:
        same_dispute = outcome.dispute_id is None or outcome.dispute_id == self.dispute_id
        if outcome.entity in DATES_ONLY and same_dispute:
            if self.isVisible():
                self.dates.refresh_dates()
            else:
                self._dates_stale = True
        super().on_log_changed(outcome)

    def ensure_fresh(self) -> None:
        if self._dates_stale and not self._stale:
            self._dates_stale = False
            self.dates.refresh_dates()
        super().ensure_fresh()

    # -- reading --

    def _load(self) -> None:
        self._dates_stale = False
        shown = self._shown()
        if self.dispute_id is None:
            self.ballot_model.set_rows([])
            self.key_date_model.set_rows([])
        else:
            try:
                flags = {
                    c.key_date_id: c.reasons
                    for c in deadlines(self._log, self.dispute_id, self._today()).flags
                }
            except NotFoundError:
                flags = {}
            self.ballot_model.set_rows(ballots.list_ballots(self._log, self.dispute_id))
            self.key_date_model.set_rows(ballots.list_key_dates(self._log, self.dispute_id), flags)
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
        if shown is None or not self._select(*shown, focus=False):
            self._show_nothing()
        self.dates.refresh()

    def _shown(self) -> tuple[str, int] | None:
        panel = self.panels.currentWidget()
        if panel in (self.ballot_panel, self.key_date_panel) and panel.record_id is not None:
            return panel.entity, panel.record_id
        return None

    def _show_nothing(self) -> None:
        self.panels.setCurrentWidget(self.placeholder)
        self.record_selected.emit("ballot", 0)

    # -- selecting --

    def select_record(self, record_id: int, entity: str = "ballot") -> None:
        """Select a ballot (entity "ballot") or a key date (entity "key_date")."""
        self.ensure_fresh()
        self._select(entity, record_id)

    def _select(self, entity: str, record_id: int, *, focus: bool = True) -> bool:
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
        if focus:
            view.setFocus()
        return True

    def _show(self, entity: str, record_id: int) -> None:
        editor = self.ballot_panel if entity == "ballot" else self.key_date_panel
        other = self.key_date_view if entity == "ballot" else self.ballot_view
        other.selectionModel().clear()
        if editor.record_id == record_id and self.panels.currentWidget() is editor:
            editor.reload()  # the same record read again: keep what the rep is typing
        else:
            self._save_typing()
            editor.load(record_id)
        self.panels.setCurrentWidget(editor)
        self.record_selected.emit(entity, record_id)
        if entity == "key_date" and editor.record_id is not None:
            row = self.key_date_model.row_of_id(record_id)
            if row is not None:
                self.dates.show_day(self.key_date_model.row_at(row).starts_on)

    def copy_text(self) -> str:
        shown = self.panels.currentWidget()
        if shown is self.ballot_panel:
            return row_text(self.ballot_view) + "\n" + self.ballot_panel.assessment_text()
        if shown is self.key_date_panel:
            return row_text(self.key_date_view)
        return ""

    # -- adding and deleting (Edit ▸ New, Edit ▸ Delete…) --

    def new_record(self) -> None:
        if self.operations is None or self.dispute_id is None:
            return
        self.ensure_fresh()
        self._save_typing()
        initial = "key_date" if self.panels.currentWidget() is self.key_date_panel else "ballot"
        answer = new_dated.ask(self, self._today(), initial)
        if answer is None:
            return
        if isinstance(answer, NewBallot):
            outcome = self.operations.create(
                "ballot",
                ballots.create_ballot,
                self.dispute_id,
                answer.question,
                answer.opens_on,
                answer.closes_on,
                kind=answer.kind,
            )
        else:
            outcome = self.operations.create(
                "key_date",
                ballots.create_key_date,
                self.dispute_id,
                answer.kind,
                answer.title,
                answer.starts_on,
                ends_on=answer.ends_on,
            )
        if outcome is not None:
            self.select_record(outcome.id, outcome.entity)

    def delete_selected(self) -> None:
        if self.operations is None:
            return
        if self.dates.closures.days.hasFocus() and self.dates.closures.selected_id() is not None:
            self.dates.closures.remove_selected()
            return
        shown = self._shown()
        if shown is None:
            return
        entity, record_id = shown
        if entity == "ballot":
            row = self.ballot_model.row_at(self.ballot_model.row_of_id(record_id) or 0)
            what = self.tr("the %1 ballot of %2").replace("%1", row.kind.label.lower())
            what = what.replace("%2", fmt.day_range(row.opens_on, row.closes_on))
            also = self.tr("The deadlines worked out from it go with it; Edit ▸ Undo puts it back.")
        else:
            key = self.key_date_model.row_at(self.key_date_model.row_of_id(record_id) or 0)
            what = f"“{key.title}” ({fmt.day_range(key.starts_on, key.ends_on)})"
            also = self.tr("Edit ▸ Undo puts it back.")
        if messages.confirm(
            self,
            self.tr("Delete"),
            self.tr("Delete %1? %2").replace("%1", what).replace("%2", also),
            self.tr("Delete"),
        ):
            self.operations.delete(entity, record_id)

    # -- slots --

    @Slot(QModelIndex, QModelIndex)
    def _on_ballot_selection_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show("ballot", current.data(ID_ROLE))

    @Slot(QModelIndex, QModelIndex)
    def _on_key_date_selection_current_row_changed(
        self, current: QModelIndex, _previous: QModelIndex
    ) -> None:
        if current.isValid():
            self._show("key_date", current.data(ID_ROLE))

    @Slot(str, int)
    def _on_dates_record_requested(self, entity: str, record_id: int) -> None:
        if entity in ("ballot", "key_date"):
            self._select(entity, record_id)
        else:
            self.record_activated.emit(entity, record_id)
