"""Paragraphs laid out line by line with QTextLayout for meeting mode's slides, cut with an ellipsis where
they do not fit, never clipped. Plain text only: nothing in a paragraph is read as markup; the marks (words
added, words removed) are ranges laid over the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QTextCharFormat, QTextLayout, QTextOption

LINE_SPACING = 1.12
ELLIPSIS = "…"


@dataclass(frozen=True)
class Colours:
    background: QColor
    ink: QColor
    heading: QColor
    muted: QColor
    rule: QColor
    added: QColor
    removed: QColor


SCREEN = Colours(
    background=QColor("#0b0f14"),  # near black: white on it is 19:1, the yellow headings 14:1
    ink=QColor("#ffffff"),
    heading=QColor("#ffd43b"),
    muted=QColor("#dee2e6"),
    rule=QColor("#495057"),
    added=QColor("#8ce99a"),
    removed=QColor("#ffa8a8"),
)
PAPER = Colours(  # a handout: dark on white, so a printer does not lay down a page of black ink
    background=QColor("#ffffff"),
    ink=QColor("#000000"),
    heading=QColor("#1c3d7a"),
    muted=QColor("#3d4148"),
    rule=QColor("#adb5bd"),
    added=QColor("#067647"),
    removed=QColor("#b42318"),
)


@dataclass
class Op:
    """One thing to paint: a laid-out text, a filled rectangle or a rule."""

    layout: QTextLayout | None = None
    at: QPointF = field(default_factory=QPointF)
    colour: QColor = field(default_factory=lambda: QColor(SCREEN.ink))
    rect: QRectF | None = None
    radius: float = 0.0
    para: Para | None = None  # for a line of a paragraph: which, where it starts, and the width it had
    start: int = 0
    width: float = 0.0


@dataclass
class Block:
    """A laid-out paragraph: its painting, its height, and the words it shows."""

    ops: list[Op]
    height: float
    shown: str
    cut: bool


@dataclass(frozen=True)
class Para:
    text: str
    font: QFont
    colour: QColor
    formats: tuple[tuple[int, int, str], ...] = ()  # (start, length, "added" | "removed")
    bullet: bool = False
    space_before: float = 0.0
    max_lines: int | None = None  # never more lines than this (the rest cut with an ellipsis)
    colours: Colours = SCREEN  # the marks' colours


def lay(
    paras: Sequence[Para],
    width: float,
    max_height: float | None = None,
    per_para_lines: int | None = None,
) -> Block:
    """Paragraphs one under another within `width`; what does not fit in `max_height` (or in a
    paragraph's `max_lines`, or `per_para_lines` each) is cut at the end of the last line that fits,
    with an ellipsis."""
    ops: list[Op] = []
    shown: list[str] = []
    y, cut = 0.0, False
    for para in paras:
        top = y + para.space_before if ops else y
        indent = QFontMetricsF(para.font).horizontalAdvance("•  ") if para.bullet else 0.0
        lines = _wrap(para, width - indent)
        if not lines:
            continue
        fit = len(lines)
        if max_height is not None:
            fit = max(0, int((max_height - top + 1e-6) // lines[0].height))
        out_of_room = fit < len(lines)
        for limit in (para.max_lines, per_para_lines):
            if limit is not None:
                fit = min(fit, limit)
        if fit == 0:  # no room for even one line: the text above ends with the ellipsis instead
            cut = True
            if shown:
                _end_with_ellipsis(ops)
                shown[-1] = shown[-1].rstrip(ELLIPSIS) + ELLIPSIS
            break
        if fit < len(lines):
            lines = _elided(para, width - indent, lines, fit)
            cut = True
        if para.bullet:
            ops.append(Op(single("•", para.font), QPointF(0, top), para.colour))
        for line in lines:
            ops.append(
                Op(
                    line.layout,
                    QPointF(indent, top),
                    para.colour,
                    para=para,
                    start=line.start,
                    width=width - indent,
                )
            )
            top += line.height
        shown.append(" ".join(line.text for line in lines))
        y = top
        if out_of_room:
            break
    return Block(ops, y, "\n".join(shown), cut)


def flat(text: str) -> str:
    """A text as one paragraph: line breaks and runs of spaces become single spaces."""
    return " ".join(text.split())


def _option() -> QTextOption:
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return option


def _formats(para: Para, start: int, length: int) -> list[QTextLayout.FormatRange]:
    """The paragraph's marks that fall inside [start, start + length), moved to start at 0."""
    out = []
    for begin, size, change in para.formats:
        lo, hi = max(begin, start), min(begin + size, start + length)
        if hi <= lo:
            continue
        mark = QTextCharFormat()
        if change == "added":
            mark.setForeground(para.colours.added)
            mark.setFontUnderline(True)
        else:
            mark.setForeground(para.colours.removed)
            mark.setFontStrikeOut(True)
        r = QTextLayout.FormatRange()
        r.start, r.length, r.format = lo - start, hi - lo, mark
        out.append(r)
    return out


@dataclass(frozen=True)
class Line:
    layout: QTextLayout
    height: float
    text: str
    start: int  # where the line starts in its paragraph's text


def single(text: str, font: QFont, para: Para | None = None, start: int = 0) -> QTextLayout:
    """`text` as one laid-out line (it has been made to fit), with the paragraph's marks from `start`."""
    layout = QTextLayout(text, font)
    layout.setTextOption(_option())
    if para is not None:
        layout.setFormats(_formats(para, start, len(text)))
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e6)
    # No setPosition: a line starts at (0, 0) anyway, and PySide6 6.12's QTextLine.setPosition drops a
    # reference to None it does not own, which crashes the interpreter after a few hundred calls.
    layout.endLayout()
    return layout


def _wrap(para: Para, width: float) -> list[Line]:
    """The paragraph wrapped to `width`, one `Line` each."""
    text = para.text
    layout = QTextLayout(text, para.font)
    layout.setTextOption(_option())
    layout.beginLayout()
    spans: list[tuple[int, int, float]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        spans.append((line.textStart(), line.textLength(), line.height() * LINE_SPACING))
    layout.endLayout()
    out = []
    for start, length, height in spans:
        piece = text[start : start + length].rstrip()
        out.append(Line(single(piece, para.font, para, start), height, piece.strip(), start))
    return out


def _elided(para: Para, width: float, lines: list[Line], keep: int) -> list[Line]:
    """The first `keep` lines, the last ending in an ellipsis that stands for everything after it."""
    start = lines[keep - 1].start
    last = _fit_with_ellipsis(para.text[start:].strip(), para.font, width)
    return [
        *lines[: keep - 1],
        Line(single(last, para.font, para, start), lines[keep - 1].height, last, start),
    ]


def _fit_with_ellipsis(text: str, font: QFont, width: float) -> str:
    """The longest start of `text` that fits `width` with '…' after it, cut between words if it can be."""
    metrics = QFontMetricsF(font)
    kept = ""
    for word in text.split(" "):
        trial = f"{kept} {word}" if kept else word
        if metrics.horizontalAdvance(trial + ELLIPSIS) > width:
            break
        kept = trial
    if not kept:  # one very long word: cut inside it
        kept = text
        while kept and metrics.horizontalAdvance(kept + ELLIPSIS) > width:
            kept = kept[:-1]
    return kept.rstrip(" ,;:") + ELLIPSIS


def _end_with_ellipsis(ops: list[Op]) -> None:
    """Make the last line painted end in an ellipsis: the text after it had no room."""
    for op in reversed(ops):
        if op.para is None or op.layout is None:
            continue
        text = op.layout.text().rstrip(ELLIPSIS)
        op.layout = single(_fit_with_ellipsis(text, op.para.font, op.width), op.para.font, op.para, op.start)
        return
