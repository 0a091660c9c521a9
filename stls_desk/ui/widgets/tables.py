"""A table view set up the same way in every tab, and a table that says so when it has nothing to show."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QStackedWidget, QTableView, QWidget

from stls_desk.ui.models.table import Column


def make_table_view(name: str, accessible_name: str, parent: QWidget | None = None) -> QTableView:
    """Whole rows selected one at a time, sortable by header, read-only, Tab leaving the table."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.setCornerButtonEnabled(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSortIndicatorShown(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


def size_columns(view: QTableView, columns: Sequence[Column]) -> None:
    """Give each column room for its header and `width` digits (digits are a font's widest common
    characters, so a date or a status of that length fits); the stretching one (or else the last) takes
    the rest of the table's width."""
    metrics = view.fontMetrics()
    header = view.horizontalHeader()
    header.setMinimumSectionSize(metrics.horizontalAdvance("0000"))
    stretch = [n for n, column in enumerate(columns) if column.stretch]
    header.setStretchLastSection(not stretch)
    padding = metrics.horizontalAdvance("00")
    indicator = metrics.height()  # room for the sort arrow beside the header's text
    for n, column in enumerate(columns):
        if column.width:
            content = metrics.horizontalAdvance("0" * column.width)
            view.setColumnWidth(
                n, max(content, metrics.horizontalAdvance(column.title) + indicator) + padding
            )
        if n in stretch:
            header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch)


def row_text(view: QTableView) -> str:
    """The current row's cells as the table shows them, separated by tabs; empty with no current row."""
    index = view.currentIndex()
    if not index.isValid():
        return ""
    model = view.model()
    return "\t".join(model.index(index.row(), c).data() or "" for c in range(model.columnCount()))


class TableArea(QStackedWidget):
    """A table, or in its place a friendly line saying why it is empty ("No grievances yet")."""

    def __init__(self, view: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName(f"{view.objectName()}Empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)  # the palette's disabled text: quiet grey
        self.empty_label.setMargin(24)
        self.addWidget(view)
        self.addWidget(self.empty_label)
        self.setCurrentWidget(self.empty_label)  # blank until the first fill, never an empty grid

    def show_table(self) -> None:
        self.setCurrentWidget(self.view)

    def show_empty(self, text: str) -> None:
        self.empty_label.setText(text)
        self.setCurrentWidget(self.empty_label)

    @property
    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty_label
