"""Search results as a two-level tree: a heading for each kind of record, with its count, and its hits below.

Hits carry themselves in HIT_ROLE and, in HTML_ROLE, rich text for the delegate: every piece of the log's
text is HTML-escaped before the matching words are wrapped in <b>, so a title holding "<b>" or "&amp;"
shows exactly as typed.
"""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from stls_desk.services.search import KIND_LABELS, SearchHit, grouped

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The SearchHit of a hit row; None on a heading."""
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
"""A hit as escaped rich text: its title, then where it matched with the matching words in bold."""

ModelIndex = QModelIndex | QPersistentModelIndex
_HEADING = 0  # internalId of a heading; a hit's is its heading's row + 1


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def plain_snippet(hit: SearchHit) -> str:
    """The snippet as one line of plain text."""
    return _one_line("".join(text for text, _match in hit.snippet)).strip()


def _marked(pieces: list[tuple[str, bool]]) -> str:
    return "".join(f"<b>{html.escape(text)}</b>" if match else html.escape(text) for text, match in pieces)


def hit_html(hit: SearchHit, where: str = "") -> str:
    """The hit's title on one line and, on the next, `where` (another dispute's name) and the snippet with
    its matching words in bold. When the words matched in the title, the title carries the bold words."""
    title = _one_line(hit.title).strip()
    pieces = [(_one_line(text), match) for text, match in hit.snippet]
    inner = [(text, match) for text, match in pieces]
    if inner and not inner[0][1]:
        inner[0] = (inner[0][0].lstrip().removeprefix("…").lstrip(), False)
    if inner and not inner[-1][1]:
        inner[-1] = (inner[-1][0].rstrip().removesuffix("…").rstrip(), False)
    core = "".join(text for text, _ in inner)
    at = title.find(core) if core else -1
    if at >= 0:
        first = html.escape(title[:at]) + _marked(inner) + html.escape(title[at + len(core) :])
        detail = ""
    else:
        first, detail = html.escape(title), _marked(pieces).strip()
    if where:
        detail = f"<i>{html.escape(where)}</i>" + (" · " + detail if detail else "")
    return first + (f"<br><span class='detail'>{detail}</span>" if detail else "")


class SearchResultsModel(QAbstractItemModel):
    """The hits of one search, grouped by kind in the order services.search.grouped gives."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = ""
        self._groups: list[tuple[str, list[SearchHit]]] = []
        self._where: dict[int, str] = {}

    def set_results(self, query: str, hits: list[SearchHit], other_disputes: dict[int, str]) -> None:
        """Show these hits; a hit from a dispute in other_disputes (id → title) is named with its dispute."""
        self.beginResetModel()
        self.query = query
        self._groups = list(grouped(hits).items())
        self._where = dict(other_disputes)
        self.endResetModel()

    @property
    def hit_count(self) -> int:
        return sum(len(hits) for _, hits in self._groups)

    def hit_indexes(self) -> list[QModelIndex]:
        """Every hit's index, in the order shown: what Up and Down step through."""
        return [
            self.index(n, 0, self.index(g, 0))
            for g, (_, hits) in enumerate(self._groups)
            for n in range(len(hits))
        ]

    def hit(self, index: ModelIndex) -> SearchHit | None:
        if not index.isValid() or index.internalId() == _HEADING:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    # -- QAbstractItemModel --

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _HEADING)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _HEADING:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _HEADING)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _HEADING and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _HEADING:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _HEADING:
            return self._heading_data(index.row(), role)
        hit = self.hit(index)
        assert hit is not None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == HIT_ROLE:
            return hit
        if role == HTML_ROLE:
            return hit_html(hit, self._where.get(hit.dispute_id or 0, ""))
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_snippet(hit)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.title}: {plain_snippet(hit)}"
        return None

    def _heading_data(self, row: int, role: int) -> Any:
        entity, hits = self._groups[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{KIND_LABELS[entity]} ({len(hits)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None
