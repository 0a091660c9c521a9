"""The Positions tab: every issue with the union's position beside the council's latest offer, and the gap.

One row per issue (services.positions): each grievance, and each proposal that addresses none. Selecting a
row shows the history of the council's offers on it and, word by word, what changed between the last two
revisions; choosing another offer in the history shows what that one changed. Read-only: positions are
edited where they live, in the Grievances and Proposals tabs (Enter on an offer opens its proposal).

The rep's own view of the log, names and all; meeting mode (View ▸ Meeting mode) shows the same issues
redacted for members.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stls_desk.db.log import Log
from stls_desk.domain.textdiff import Segment, counts, word_diff
from stls_desk.services.core import NotFoundError
from stls_desk.services.positions import Offer, Position, positions
from stls_desk.ui import format as fmt
from stls_desk.ui.models.table import ID_ROLE, ROW_ROLE, Column, RowFilterProxy, RowTableModel
from stls_desk.ui.tabs.base import DisputeTab, Today
from stls_desk.ui.widgets.filter_bar import FilterBar
from stls_desk.ui.widgets.record_panel import LINK_ROLE, RecordPanel
from stls_desk.ui.widgets.tables import TableArea, make_table_view, row_text, size_columns

ADDED_STYLE = "color: #067647; background-color: #e3f4e8; text-decoration: underline;"
REMOVED_STYLE = "color: #b42318; background-color: #fdecea; text-decoration: line-through;"
OFFER_ROLE = Qt.ItemDataRole.UserRole + 2
"""On a line of the offers' history: its index in the position's offers."""


@dataclass(frozen=True)
class PositionRow:
    """A position in the table. Grievances and proposals number their ids apart, so the row's `id` is the
    grievance's id, or minus the proposal's: unique in the table, and stable across refreshes."""

    id: int
    position: Position


def row_key(entity: str, record_id: int) -> int:
    return record_id if entity == "grievance" else -record_id


def _one_line(text: str) -> str:
    return " ".join(text.split())


def diff_html(segments: list[Segment]) -> str:
    """The later text with the words it lost struck through and those it gained underlined. Every word
    is HTML-escaped before any markup goes round it."""
    out: list[str] = []
    for seg in segments:
        pieces: list[str] = []
        for word in seg.words:
            if word == "\n":
                pieces.append("<br/>")
            else:
                if pieces and pieces[-1] != "<br/>":
                    pieces.append(" ")
                pieces.append(html.escape(word, quote=False))
        body = "".join(pieces)
        if not body:
            continue
        if seg.change == "added":
            body = f'<span style="{ADDED_STYLE}">{body}</span>'
        elif seg.change == "removed":
            body = f'<span style="{REMOVED_STYLE}">{body}</span>'
        if out and not out[-1].endswith("<br/>") and not body.startswith("<br/>"):
            out.append(" ")
        out.append(body)
    return "".join(out)


def offer_name(offer: Offer) -> str:
    """'P-002 revision 3, 12 Feb 2025', or 'P-002 as tabled, 6 Nov 2024'."""
    which = f"revision {offer.revision}" if offer.revision else "as tabled"
    when = f", {fmt.day(offer.offered_on)}" if offer.offered_on else ""
    return f"{offer.reference} {which}{when}"


class PositionsTab(DisputeTab):
    entities = frozenset({"grievance", "proposal", "proposal_revision"})

    def __init__(self, log: Log, today: Today = date.today, parent: QWidget | None = None) -> None:
        super().__init__(log, today, parent)
        self._selected: int | None = None
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        columns = (
            Column(
                self.tr("Issue"),
                lambda r: f"{r.position.reference} {r.position.title}",
                sort_value=lambda r: (r.position.entity != "grievance", r.position.reference),
                width=26,
                stretch=True,
            ),
            Column(self.tr("Union's position"), lambda r: _one_line(r.position.union_position), width=18),
            Column(
                self.tr("Council's latest offer"),
                lambda r: _one_line(r.position.council_offer) or self.tr("None yet"),
                width=18,
            ),
            Column(self.tr("Status"), lambda r: r.position.status, width=13),
            Column(self.tr("The gap"), lambda r: r.position.gap, width=20),
        )
        self.model = RowTableModel(self, columns)
        self.proxy = RowFilterProxy(self.model, self)
        self.filter_bar = FilterBar("positions", self.tr("Filter issues…"), self)
        self.view: QTableView = make_table_view("positionsTable", self.tr("Positions"), self)
        self.view.setModel(self.proxy)
        # A position is read, not scanned: three wrapped lines a row show both sides side by side.
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().lineSpacing() * 3 + 12)
        size_columns(self.view, columns)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.table_area = TableArea(self.view, self)

        self.panel = RecordPanel(
            "positionsPanel", self.tr("Select an issue to see the offers made on it."), self
        )
        self.panel.record_page.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a frame, not a Tab stop
        self.panel.title.setTextFormat(Qt.TextFormat.PlainText)  # the rep's words, never markup
        self.panel.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.panel.add_line("status", self.tr("Status"))
        self.panel.add_line("gap", self.tr("The gap"))
        self.panel.add_text("union", self.tr("The union's position"), lines=4)
        self.panel.add_text("offer", self.tr("The council's latest offer"), lines=6)
        self.offers: QListWidget = self.panel.add_list(
            "offers", self.tr("History of offers (Enter opens the proposal)"), rows=4
        )
        self.changes = QTextBrowser()
        self.changes.setOpenLinks(False)
        self.changes.setMinimumHeight(self.changes.fontMetrics().lineSpacing() * 8)
        self.panel.add_widget("changes", self.tr("What changed"), self.changes, wide=True)
        self.changes_label = next(c for c in self.panel.findChildren(QLabel) if c.buddy() is self.changes)
        self.changes_label.setTextFormat(Qt.TextFormat.PlainText)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.table_area, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("positionsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([860, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._restore_state()

    def _connect_signals(self) -> None:
        self.filter_bar.changed.connect(self._on_filter_bar_changed)
        self.view.selectionModel().currentRowChanged.connect(self._on_selection_current_row_changed)
        self.view.activated.connect(self._on_view_activated)
        self.offers.currentRowChanged.connect(self._on_offers_current_row_changed)
        self.offers.itemActivated.connect(self._on_offers_item_activated)

    def _remembered(self) -> list[QTableView | QSplitter]:
        return [self.view, self.splitter]

    # -- reading --

    def _load(self) -> None:
        rows: list[PositionRow] = []
        if self.dispute_id is not None:
            try:
                rows = [
                    PositionRow(row_key(p.entity, p.record_id), p)
                    for p in positions(self._log, self.dispute_id, self._today())
                ]
            except NotFoundError:
                rows = []
        self.model.set_rows(rows)
        self._after_fill()

    def _after_fill(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = self.tr("issue") if total == 1 else self.tr("issues")
        if self.dispute_id is None:
            self.filter_bar.count.setText("")
            self.table_area.show_empty(self.tr("No dispute to show."))
        elif total == 0:
            self.filter_bar.count.setText("")
            self.table_area.show_empty(self.tr("No grievances or proposals yet: the issues appear here."))
        elif shown == 0:
            self.filter_bar.count.setText(self.tr("0 of %1 %2").replace("%1", str(total)).replace("%2", noun))
            self.table_area.show_empty(self.tr("No issues match the filter."))
        else:
            text = f"{total} {noun}" if shown == total else self.tr("%1 of %2 %3")
            text = text.replace("%1", str(shown)).replace("%2", str(total)).replace("%3", noun)
            self.filter_bar.count.setText(text)
            self.table_area.show_table()
        self._reselect(self._selected)

    # -- selecting --

    def _index_of(self, key: int) -> QModelIndex:
        row = self.model.row_of_id(key)
        return QModelIndex() if row is None else self.proxy.mapFromSource(self.model.index(row, 0))

    def _reselect(self, key: int | None) -> None:
        index = self._index_of(key) if key is not None else QModelIndex()
        if index.isValid():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.view.selectionModel().blockSignals(True)
            self.view.selectionModel().setCurrentIndex(index, flags)
            self.view.selectionModel().blockSignals(False)
            self.view.scrollTo(index)
            self._show(index.data(ROW_ROLE).position)
        else:
            self.view.clearSelection()
            self._selected = None
            self.panel.show_placeholder()
            self.record_selected.emit("grievance", 0)

    def select_record(self, record_id: int, entity: str = "grievance") -> None:
        """Show the issue about that grievance (or, with entity "proposal", that proposal)."""
        self.ensure_fresh()
        key = row_key(entity, record_id)
        if not self._index_of(key).isValid() and self.filter_bar.filter_text:
            self.filter_bar.set_filter()
            self.proxy.setFilterFixedString("")
        self._selected = key if self._index_of(key).isValid() else None
        self._after_fill()
        self.view.setFocus()

    def current_position(self) -> Position | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE).position if index.isValid() and self._selected is not None else None

    def copy_text(self) -> str:
        return row_text(self.view)

    # -- showing --

    def _show(self, p: Position) -> None:
        self._selected = row_key(p.entity, p.record_id)
        offer = offer_name(p.offer) if p.offer else self.tr("none yet")
        self.panel.show_record(
            f"{p.reference} {p.title}",
            self.tr("Latest offer: %1").replace("%1", offer)
            + (self.tr(" · confidential") if p.confidential else ""),
            {
                "status": p.status,
                "gap": p.gap,
                "union": p.union_position,
                "offer": p.council_offer or p.council_says,
            },
        )
        self.panel.set_lines(
            "offers",
            [
                (f"{offer_name(o)}" + (f" · {o.note}" if o.note else ""), ("proposal", o.proposal_id))
                for o in p.offers
            ],
            empty=self.tr("The council has made no offer on this issue."),
        )
        for n in range(len(p.offers)):
            self.offers.item(n).setData(OFFER_ROLE, n)
        latest = next((n for n, o in enumerate(p.offers) if o == p.offer), len(p.offers) - 1)
        self.offers.blockSignals(True)
        self.offers.setCurrentRow(latest)
        self.offers.blockSignals(False)
        self._show_changes(p, latest)
        self.record_selected.emit(p.entity, p.record_id)

    def _show_changes(self, p: Position, index: int) -> None:
        """What offer `index` changed against the offer before it on the same proposal."""
        if not 0 <= index < len(p.offers):
            self.changes_label.setText(self.tr("What changed"))
            self.changes.setPlainText(self.tr("No offer to compare."))
            return
        after = p.offers[index]
        before = next(
            (
                o
                for o in reversed(p.offers[:index])
                if o.reference == after.reference and o.revision < after.revision
            ),
            None,
        )
        if before is None:
            self.changes_label.setText(self.tr("What changed in %1").replace("%1", offer_name(after)))
            self.changes.setPlainText(
                self.tr("The first text of %1: there is no earlier revision to compare it with.").replace(
                    "%1", after.reference
                )
            )
            return
        segments = word_diff(before.text, after.text)
        added, removed = counts(segments)
        self.changes_label.setText(
            self.tr("What changed from revision %1 to %2 of %3 (%4 words added, %5 removed)")
            .replace("%1", str(before.revision))
            .replace("%2", str(after.revision))
            .replace("%3", after.reference)
            .replace("%4", str(added))
            .replace("%5", str(removed))
        )
        self.changes.setHtml(diff_html(segments))

    # -- slots --

    @Slot()
    def _on_filter_bar_changed(self) -> None:
        self.proxy.setFilterFixedString(self.filter_bar.filter_text)
        self._after_fill()

    @Slot(QModelIndex, QModelIndex)
    def _on_selection_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show(current.data(ROW_ROLE).position)
        else:
            self._selected = None
            self.panel.show_placeholder()

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        key = index.data(ID_ROLE)
        if key is not None:
            self.record_activated.emit("grievance" if key > 0 else "proposal", abs(key))

    @Slot(int)
    def _on_offers_current_row_changed(self, row: int) -> None:
        p = self.current_position()
        if p is not None and row >= 0:
            self._show_changes(p, row)

    @Slot(QListWidgetItem)
    def _on_offers_item_activated(self, item: QListWidgetItem) -> None:
        link = item.data(LINK_ROLE)
        if link and link[1]:
            self.record_activated.emit(*link)
