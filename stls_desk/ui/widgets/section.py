"""A titled list on the Overview: a header line, then a small tree of rows, or a line saying it is empty.

Each row may carry a link (entity, value) in LINK_ROLE on its first column; activating the row asks for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stls_desk.ui.models.deadlines import mark_icon
from stls_desk.ui.models.table import NUMBER, WARNING
from stls_desk.ui.widgets.record_panel import LINK_ROLE


@dataclass(frozen=True)
class SectionRow:
    """One line: its cells, the record it opens, and how it reads.

    `derived` marks a date the app worked out (True: a ring and italics, as on the Ballots & dates
    calendar) apart from one the rep entered (False: a filled dot); None for a line that is not a date.
    `tooltip` replaces the cells' own text as the line's tooltip (the rule set a date came from).
    """

    cells: tuple[str, ...]
    link: tuple[str, object] | None = None
    warn: bool = False
    strong: bool = False
    derived: bool | None = None
    tooltip: str = ""


class Section(QWidget):
    """compact=True sizes the list to its rows instead of letting it take the spare height."""

    def __init__(
        self,
        name: str,
        columns: Sequence[str],
        parent: QWidget | None = None,
        *,
        compact: bool = False,
        numeric: Sequence[int] = (),
    ) -> None:
        super().__init__(parent)
        self.compact = compact
        self.numeric = frozenset(numeric)
        self._marks = {False: mark_icon(False), True: mark_icon(True)}
        self.header = QLabel(self)
        self.header.setObjectName(f"{name}Header")
        font = QFont(self.header.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.header.setFont(font)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName(name)
        self.tree.setColumnCount(len(columns))
        self.tree.setHeaderLabels(list(columns))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setStretchLastSection(False)
        for column in self.numeric:
            self.tree.headerItem().setTextAlignment(column, NUMBER)
        self.empty = QLabel(self)
        self.empty.setObjectName(f"{name}Empty")
        self.empty.setEnabled(False)
        self.empty.setMargin(8)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty.hide()
        self.header.setBuddy(self.tree)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)

    def set_title(self, title: str) -> None:
        self.header.setText(title)
        self.tree.setAccessibleName(title)

    def set_rows(self, rows: Sequence[SectionRow], empty: str, stretch: int = 1) -> None:
        """Show the rows (column `stretch` takes the spare width), or `empty` when there are none.

        A compact section with no rows and no `empty` text hides itself.
        """
        self.tree.clear()
        items = []
        for row in rows:
            item = QTreeWidgetItem(list(row.cells))
            if row.link is not None:
                item.setData(0, LINK_ROLE, row.link)
            if row.derived is not None:
                item.setIcon(0, self._marks[row.derived])
            for column, text in enumerate(row.cells):
                item.setToolTip(column, row.tooltip or text)
                if column in self.numeric:
                    item.setTextAlignment(column, NUMBER)
                if row.warn:
                    item.setForeground(column, WARNING)
                if row.strong or row.derived:
                    font = item.font(column)
                    font.setBold(row.strong)
                    font.setItalic(bool(row.derived))
                    item.setFont(column, font)
            items.append(item)
        self.tree.addTopLevelItems(items)
        header = self.tree.header()
        for column in range(self.tree.columnCount()):
            mode = header.ResizeMode.Stretch if column == stretch else header.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        self.empty.setText(empty)
        self.tree.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        # An empty section keeps to its one line, leaving the height to the sections with rows.
        grow = QSizePolicy.Policy.Expanding if rows else QSizePolicy.Policy.Maximum
        self.setSizePolicy(QSizePolicy.Policy.Preferred, grow)
        if self.compact:
            self.setVisible(bool(rows) or bool(empty))
            rows_height = sum(self.tree.sizeHintForRow(n) for n in range(len(items)))
            frame = 2 * self.tree.frameWidth()
            self.tree.setFixedHeight(self.tree.header().sizeHint().height() + rows_height + frame)
