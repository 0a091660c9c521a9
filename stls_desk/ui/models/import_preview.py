"""The rows of a spreadsheet about to be imported, as the preview shows them, with what is wrong marked.

One column per column of the file (its header says which field it goes into, or that it is ignored),
one row per line, the line number in the vertical header. A line with a problem is tinted and its
tooltip lists the problems; the cell a problem names is marked more strongly; a duplicate line is
greyed, since it will be skipped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from stls_desk.services.table_files import plain_text
from stls_desk.services.table_import import ImportPreview
from stls_desk.ui.models.table import WARNING

ModelIndex = QModelIndex | QPersistentModelIndex
LINE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The file's line number of the row (an int)."""
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
"""'problem', 'duplicate' or '' (to be added)."""
BAD_LINE = QBrush(QColor(179, 38, 30, 28))
BAD_CELL = QBrush(QColor(179, 38, 30, 80))
SKIPPED = QColor("#808080")


def _tr(text: str) -> str:
    return QCoreApplication.translate("import_preview", text)


class ImportPreviewModel(QAbstractTableModel):
    """A preview's rows; `set_preview` replaces them all (a reset)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._preview: ImportPreview | None = None
        self._field_headers: dict[str, str] = {}
        self._problems: dict[int, list[str]] = {}
        self._bad_cells: set[tuple[int, str]] = set()
        self._duplicates: dict[int, str] = {}

    def set_preview(self, preview: ImportPreview) -> None:
        self.beginResetModel()
        self._preview = preview
        self._field_headers = dict(preview.fields())
        self._problems, self._bad_cells, self._duplicates = {}, set(), {}
        for problem in preview.problems:
            if problem.line > preview.header_line:
                self._problems.setdefault(problem.line, []).append(
                    f"{problem.field}: {problem.message}" if problem.field else problem.message
                )
                self._bad_cells.add((problem.line, problem.field))
        for duplicate in preview.duplicates:
            self._duplicates[duplicate.line] = (
                _tr("Already in the log: it will be skipped.")
                if duplicate.of_line is None
                else _tr("The same as line %1: it will be skipped.").replace("%1", str(duplicate.of_line))
            )
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._preview is None else len(self._preview.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._preview is None else len(self._preview.headers)

    def target(self, column: int) -> str | None:
        """The field the file's column goes into, or None if it is ignored."""
        assert self._preview is not None
        return self._preview.mapping.get(self._preview.headers[column])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        preview = self._preview
        if preview is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(preview.rows):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return str(preview.rows[section].line)
            if role == Qt.ItemDataRole.ToolTipRole:
                return _tr("Line %1 of the file").replace("%1", str(preview.rows[section].line))
            return None
        if not 0 <= section < len(preview.headers):
            return None
        target = self.target(section)
        if role == Qt.ItemDataRole.DisplayRole:
            into = self._field_headers.get(target, target) if target else _tr("(ignored)")
            return f"{preview.headers[section] or _tr('(no heading)')}\n→ {into}"
        if role == Qt.ItemDataRole.ForegroundRole and target is None:
            return SKIPPED
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        preview = self._preview
        if preview is None or not index.isValid():
            return None
        if not (0 <= index.row() < len(preview.rows) and 0 <= index.column() < len(preview.headers)):
            return None
        row = preview.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            cell = row.cells[column] if column < len(row.cells) else None
            return plain_text(cell).replace("\r\n", " ⏎ ").replace("\n", " ⏎ ")
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.line in self._problems:
                return "\n".join(self._problems[row.line])
            return self._duplicates.get(row.line)
        if role == Qt.ItemDataRole.BackgroundRole and row.line in self._problems:
            return BAD_CELL if (row.line, preview.headers[column]) in self._bad_cells else BAD_LINE
        if role == Qt.ItemDataRole.ForegroundRole:
            if (row.line, preview.headers[column]) in self._bad_cells:
                return WARNING
            if row.line in self._duplicates or self.target(column) is None:
                return SKIPPED
        if role == LINE_ROLE:
            return row.line
        if role == STATE_ROLE:
            if row.line in self._problems:
                return "problem"
            return "duplicate" if row.line in self._duplicates else ""
        return None
