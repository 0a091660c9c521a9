"""What every tab offers the main window, and the table-beside-record layout most tabs share.

The interface: `set_log`, `set_dispute`, `refresh`, `on_log_changed(outcome)`, `select_record(record_id)`,
and the `record_activated(entity, id)` signal a tab emits when the rep asks to open a record that lives in
another tab. A hidden tab only notes that it is out of date and reads the log when it is next shown, so
opening a log or switching dispute reads one tab's rows, not six.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QListWidgetItem, QSplitter, QTableView, QVBoxLayout, QWidget

from stls_desk.db.log import Log
from stls_desk.services.outcome import Outcome
from stls_desk.ui import settings
from stls_desk.ui.models.table import ID_ROLE, RowFilterProxy, RowTableModel
from stls_desk.ui.operations import Operations
from stls_desk.ui.widgets.filter_bar import FilterBar
from stls_desk.ui.widgets.record_panel import LINK_ROLE, RecordPanel
from stls_desk.ui.widgets.tables import TableArea, make_table_view, row_text, size_columns

Today = Callable[[], date]


class DisputeTab(QWidget):
    """One tab of the main window, showing the current dispute's records of one kind."""

    record_activated = Signal(str, int)
    """The rep asked to open a record (entity, id) that may live in another tab."""
    record_selected = Signal(str, int)
    """The record (entity, id) now shown beside the table, e.g. for the history panel; id 0 for none."""

    entities: frozenset[str] = frozenset()
    """The kinds of record (as an Outcome names them) whose changes this tab shows."""

    def __init__(self, log: Log, today: Today = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._log = log
        self._today = today
        self.dispute_id: int | None = None
        self._stale = False  # nothing to read until the window's load() sets a dispute
        self.operations: Operations | None = None
        """Where this tab's edits go (set by the main window); None leaves the tab read-only."""

    def set_operations(self, operations: Operations) -> None:
        self.operations = operations

    def set_log(self, log: Log) -> None:
        """Show another log: nothing of the old one is kept."""
        self._log = log
        self.dispute_id = None
        self._changed()

    def set_dispute(self, dispute_id: int | None) -> None:
        self.dispute_id = dispute_id
        self._changed()

    def on_log_changed(self, outcome: Outcome) -> None:
        if self.concerns(outcome):
            self._changed()

    def concerns(self, outcome: Outcome) -> bool:
        same_dispute = outcome.dispute_id is None or outcome.dispute_id == self.dispute_id
        return outcome.entity in self.entities and same_dispute

    def refresh(self) -> None:
        """Read this tab's records again for the current dispute, keeping the selection where it can."""
        self._stale = False
        self._load()

    def ensure_fresh(self) -> None:
        if self._stale:
            self.refresh()

    def select_record(self, record_id: int) -> None:
        raise NotImplementedError

    def copy_text(self) -> str:
        """The selected record as text to paste elsewhere; empty when nothing is selected."""
        return ""

    def _remembered(self) -> list[QTableView | QSplitter]:
        """The tables (their headers) and splitters whose state is kept between sessions."""
        return []

    def _restore_state(self) -> None:
        """Put back column widths, sort and splitter positions, each keyed by the widget's objectName."""
        for widget in self._remembered():
            state = settings.view_state(widget.objectName()).read()
            if not state.isEmpty():
                target = widget.horizontalHeader() if isinstance(widget, QTableView) else widget
                target.restoreState(state)

    def save_state(self) -> None:
        """Keep column widths, sort and splitter positions for next time."""
        for widget in self._remembered():
            target = widget.horizontalHeader() if isinstance(widget, QTableView) else widget
            settings.view_state(widget.objectName()).write(target.saveState())

    def _load(self) -> None:
        raise NotImplementedError

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_fresh()
        super().showEvent(event)


class TableTab(DisputeTab):
    """A filterable, sortable table on the left and the selected record on the right.

    Subclasses build their model, filter and panel in `_setup_ui` (calling `_build` for the frame), fill
    the model in `_load`, and show one record in `_show_record`.
    """

    entity = ""
    """The kind of record the table lists, as an Outcome names it ("grievance")."""

    noun = "records"
    """The records' name in the plural, for "No grievances yet." (a subclass sets it through tr)."""
    noun_one = "record"

    def __init__(self, log: Log, today: Today = date.today, parent: QWidget | None = None) -> None:
        super().__init__(log, today, parent)
        self._selected_id: int | None = None
        self._reselecting = False

    def _build(
        self,
        name: str,
        title: str,
        model: RowTableModel,
        filter_placeholder: str,
        panel: RecordPanel,
        *,
        proxy: bool = False,
        sort_column: int = 0,
        sort_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
    ) -> None:
        """Lay out filter, table and panel; a proxy filters short lists in memory."""
        self.model = model
        self.proxy: RowFilterProxy | None = None
        self.filter_bar = FilterBar(name, filter_placeholder, self)
        self.view: QTableView = make_table_view(f"{name}Table", title, self)
        if proxy:
            self.proxy = RowFilterProxy(model, self)
            self.view.setModel(self.proxy)
        else:
            self.view.setModel(model)
        size_columns(self.view, model.columns)
        self.view.horizontalHeader().setSortIndicator(sort_column, sort_order)
        self.view.setSortingEnabled(True)
        self.table_area = TableArea(self.view, self)
        self.panel = panel

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.table_area, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName(f"{name}Splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._restore_state()

    def _remembered(self) -> list[QTableView | QSplitter]:
        return [self.view, self.splitter]

    def _connect_table(self) -> None:
        """Wire the frame's own parts: filter to query, selection to panel, panel links to the window."""
        self.filter_bar.changed.connect(self._on_filter_bar_changed)
        self.view.selectionModel().currentRowChanged.connect(self._on_selection_current_row_changed)
        for field in self.panel.fields.values():
            if hasattr(field, "itemActivated"):
                field.itemActivated.connect(self._on_panel_item_activated)

    # -- reading --

    def _load(self) -> None:
        self._fill()
        self._after_fill()

    def _fill(self) -> None:
        """Put the current dispute's rows (as the filter asks) in the model."""
        raise NotImplementedError

    def _apply_filter(self) -> None:
        if self.proxy is not None:
            self.proxy.setFilterFixedString(self.filter_bar.filter_text)
        else:
            self._fill()
        self._after_fill()

    def _after_fill(self) -> None:
        shown = self.view.model().rowCount()
        self._update_count(shown)
        if self.dispute_id is None:
            self.table_area.show_empty(self.tr("No dispute to show."))
        elif shown == 0 and self._filtered():
            self.table_area.show_empty(self.tr("No %1 match the filter.").replace("%1", self.noun))
        elif shown == 0:
            self.table_area.show_empty(self._empty_text())
        else:
            self.table_area.show_table()
        self._reselect(self._selected_id)

    def _filtered(self) -> bool:
        status = self.filter_bar.status
        return bool(self.filter_bar.filter_text) or (status is not None and status.currentIndex() > 0)

    def _empty_text(self) -> str:
        return self.tr("No %1 yet.").replace("%1", self.noun)

    def _total(self) -> int:
        return self.model.rowCount()

    def _update_count(self, shown: int) -> None:
        total = self._total()
        noun = self.noun_one if total == 1 else self.noun
        if self.dispute_id is None:
            text = ""
        elif self.proxy is not None and shown != total:
            text = self.tr("%1 of %2 %3").replace("%1", f"{shown:,}").replace("%2", f"{total:,}")
            text = text.replace("%3", noun)
        else:
            text = f"{total:,} {noun}"
        self.filter_bar.count.setText(text)

    # -- selecting --

    def _row_of(self, record_id: int) -> QModelIndex:
        """The view's index of the record among the rows loaded; invalid if it is not there."""
        row = self.model.row_of_id(record_id)
        if row is None:
            return QModelIndex()
        index = self.model.index(row, 0)
        return self.proxy.mapFromSource(index) if self.proxy is not None else index

    def _reselect(self, record_id: int | None) -> None:
        index = self._row_of(record_id) if record_id is not None else QModelIndex()
        if record_id is not None and index.isValid():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self._reselecting = True  # the record is shown once, below, whether or not the row moved
            try:
                self.view.selectionModel().setCurrentIndex(index, flags)
            finally:
                self._reselecting = False
            self.view.scrollTo(index)
            self._selected_id = record_id
            self._show_record(record_id)
            self.record_selected.emit(self.entity, record_id)
        else:
            self.view.clearSelection()
            self._selected_id = None
            self.panel.show_placeholder()
            self.record_selected.emit(self.entity, 0)

    def select_record(self, record_id: int) -> None:
        """Show the record and select its row, clearing a filter that hides it."""
        self.ensure_fresh()
        if not self._row_of(record_id).isValid() and self._filtered():
            self.filter_bar.set_filter()
            self._apply_filter()
        if not self._row_of(record_id).isValid():
            self._find_unloaded(record_id)
        self._reselect(record_id)
        self.view.setFocus()

    def _find_unloaded(self, record_id: int) -> None:
        """Make a record that is not among the rows loaded appear (paged tables override this)."""

    def _show_record(self, record_id: int) -> None:
        raise NotImplementedError

    def copy_text(self) -> str:
        return row_text(self.view)

    # -- slots --

    @Slot()
    def _on_filter_bar_changed(self) -> None:
        self._apply_filter()

    @Slot(QModelIndex, QModelIndex)
    def _on_selection_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record_id = current.data(ID_ROLE) if current.isValid() else None
        if self._reselecting or record_id == self._selected_id:
            return
        self._selected_id = record_id
        if record_id is None:
            self.panel.show_placeholder()
            self.record_selected.emit(self.entity, 0)
        else:
            self._show_record(record_id)
            self.record_selected.emit(self.entity, record_id)

    @Slot(QListWidgetItem)
    def _on_panel_item_activated(self, item: QListWidgetItem) -> None:
        link = item.data(LINK_ROLE)
        if link:
            entity, record_id = link
            self.record_activated.emit(entity, record_id)
