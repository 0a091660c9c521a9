"""Two texts of a proposal side by side, what changed marked word by word: on the left the words the later
text dropped (struck through, red), on the right the words it added (underlined, green).

The diff is the one the packs use (stls_desk.domain.textdiff.word_diff, difflib over words), so the window and the
briefing pack mark the same words. User text is HTML-escaped before any markup is added.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stls_desk.domain.textdiff import Segment, counts, word_diff

REMOVED_STYLE = "color: #b42318; background-color: #fdecea; text-decoration: line-through;"
ADDED_STYLE = "color: #067647; background-color: #e3f4e8; text-decoration: underline;"


@dataclass(frozen=True)
class Version:
    """One text that can be compared: how it is named ("Revision 2, 15 Jan 2025") and the text."""

    label: str
    text: str


def _render(segments: Sequence[Segment], shown: str, style: str) -> str:
    """The words of the "same" segments and of the `shown` kind, the latter in a span with `style`."""
    out: list[str] = []
    line_start = True
    for seg in segments:
        if seg.change not in ("same", shown):
            continue
        pieces: list[str] = []
        for word in seg.words:
            if word == "\n":
                pieces.append("<br/>")
            else:
                if pieces and pieces[-1] != "<br/>":
                    pieces.append(" ")
                pieces.append(html.escape(word, quote=False))
        if not pieces:
            continue
        if out and not line_start and pieces[0] != "<br/>":
            out.append(" ")  # between two segments' words; never at the end or start of a line
        body = "".join(pieces)
        out.append(f'<span style="{style}">{body}</span>' if seg.change == shown else body)
        line_start = pieces[-1] == "<br/>"
    return "".join(out)


def side_by_side(before: str, after: str) -> tuple[str, str, int, int]:
    """(left HTML, right HTML, words added, words removed) for `before` → `after`."""
    segments = word_diff(before, after)
    added, removed = counts(segments)
    return (
        _render(segments, "removed", REMOVED_STYLE),
        _render(segments, "added", ADDED_STYLE),
        added,
        removed,
    )


class RevisionCompareDialog(QDialog):
    """Any two of a proposal's texts, chosen above each side; the two sides scroll together."""

    def __init__(
        self, parent: QWidget | None, title: str, versions: Sequence[Version], left: int, right: int
    ) -> None:
        super().__init__(parent)
        self.versions = list(versions)
        self._syncing = False
        self._setup_ui(title)
        self.left_choice.setCurrentIndex(left)
        self.right_choice.setCurrentIndex(right)
        self._connect_signals()
        self._compare()

    def _setup_ui(self, title: str) -> None:
        self.setObjectName("revisionCompareDialog")
        self.setWindowTitle(self.tr("Compare revisions — %1").replace("%1", title))
        # A fixed minimum: the layout would otherwise resize the window's limits as texts are shown.
        self.setMinimumSize(640, 420)
        self.resize(1100, 680)
        heading = QLabel(title, self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        self.left_choice = self._choice("compareLeftChoice", self.tr("Earlier text"))
        self.right_choice = self._choice("compareRightChoice", self.tr("Later text"))
        self.left = self._pane("compareLeft", self.tr("Earlier text, removed words struck through"))
        self.right = self._pane("compareRight", self.tr("Later text, added words underlined"))
        self.summary = QLabel(self)
        self.summary.setObjectName("compareSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        key = QLabel(self)
        key.setTextFormat(Qt.TextFormat.RichText)  # our own markup only: no user text in it
        key.setText(
            self.tr(
                '<span style="%1">struck through</span>: in the left text, not the right · '
                '<span style="%2">underlined</span>: new in the right text'
            )
            .replace("%1", REMOVED_STYLE)
            .replace("%2", ADDED_STYLE)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        grid = QGridLayout()
        grid.addWidget(self._caption(self.tr("&From"), self.left_choice), 0, 0)
        grid.addWidget(self._caption(self.tr("&To"), self.right_choice), 0, 1)
        grid.addWidget(self.left_choice, 1, 0)
        grid.addWidget(self.right_choice, 1, 1)
        grid.addWidget(self.left, 2, 0)
        grid.addWidget(self.right, 2, 1)
        grid.setRowStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(grid, 1)
        layout.addWidget(self.summary)
        layout.addWidget(key)
        layout.addWidget(buttons)

    def _choice(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for version in self.versions:
            combo.addItem(version.label)
        return combo

    def _caption(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _pane(self, name: str, accessible: str) -> QTextBrowser:
        pane = QTextBrowser(self)
        pane.setObjectName(name)
        pane.setAccessibleName(accessible)
        pane.setOpenLinks(False)
        pane.setReadOnly(True)
        font = pane.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)  # read side by side, often on a projector
        pane.setFont(font)
        pane.document().setDocumentMargin(10)
        return pane

    def _connect_signals(self) -> None:
        self.left_choice.currentIndexChanged.connect(self._on_choice_current_index_changed)
        self.right_choice.currentIndexChanged.connect(self._on_choice_current_index_changed)
        self.left.verticalScrollBar().valueChanged.connect(self._on_left_scrolled)
        self.right.verticalScrollBar().valueChanged.connect(self._on_right_scrolled)

    def _compare(self) -> None:
        before = self.versions[self.left_choice.currentIndex()]
        after = self.versions[self.right_choice.currentIndex()]
        left, right, added, removed = side_by_side(before.text, after.text)
        self.left.setHtml(left)
        self.right.setHtml(right)
        if before.text == after.text:
            text = self.tr("The two texts are the same.")
        else:
            text = (
                self.tr("%1 → %2: %3 added, %4 removed.")
                .replace("%1", before.label.split(",")[0])
                .replace("%2", after.label.split(",")[0])
                .replace(
                    "%3", self.tr("1 word") if added == 1 else self.tr("%1 words").replace("%1", f"{added:,}")
                )
                .replace(
                    "%4",
                    self.tr("1 word") if removed == 1 else self.tr("%1 words").replace("%1", f"{removed:,}"),
                )
            )
        self.summary.setText(text)

    def _follow(self, source: QTextBrowser, target: QTextBrowser) -> None:
        """Scroll `target` to the same share of its length as `source` (the texts differ in length)."""
        if self._syncing:
            return
        self._syncing = True
        try:
            s, t = source.verticalScrollBar(), target.verticalScrollBar()
            share = s.value() / s.maximum() if s.maximum() else 0.0
            t.setValue(round(share * t.maximum()))
        finally:
            self._syncing = False

    @Slot(int)
    def _on_choice_current_index_changed(self, _index: int) -> None:
        self._compare()

    @Slot(int)
    def _on_left_scrolled(self, _value: int) -> None:
        self._follow(self.left, self.right)

    @Slot(int)
    def _on_right_scrolled(self, _value: int) -> None:
        self._follow(self.right, self.left)


def show(
    parent: QWidget | None, title: str, versions: Sequence[Version], left: int, right: int
) -> RevisionCompareDialog:
    """Open the comparison beside the window (not modal: the rep can keep working) and return it."""
    dialog = RevisionCompareDialog(parent, title, versions, left, right)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
