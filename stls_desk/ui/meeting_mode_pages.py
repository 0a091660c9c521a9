"""One meeting-mode page laid out as a slide: big, high-contrast type that a hall can read, that always fits.

Sizes are set in points for a 1080-pixel-high screen and scale with the height actually available, so a
1920×1080 projector gets body text of 34 points, shrinking to no less than 28 before anything is cut. What
still does not fit is cut at the end of the last line that fits, with "…": text is never clipped mid-line
or pushed off the slide. Fonts are given in pixels worked out from those points and the device's dots per
inch, so one layout paints the same on the screen and, scaled, on a printed page.

User text reaches the screen through QTextLayout as plain text: nothing in it is read as markup.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
)

from stls_desk.domain.textdiff import Segment
from stls_desk.services import positions
from stls_desk.services.meeting_deck import MeetingPage, PageKind
from stls_desk.ui.slide_text import (
    ELLIPSIS,
    SCREEN,
    Block,
    Colours,
    Op,
    Para,
    flat,
    lay,
)

BACKGROUND = SCREEN.background
CHIP = {  # the gap's tone: (background, text)
    "good": (QColor("#2f9e44"), QColor("#ffffff")),
    "bad": (QColor("#e03131"), QColor("#ffffff")),
    "closed": (QColor("#495057"), QColor("#ffffff")),
    "open": (QColor("#ffd43b"), QColor("#000000")),
}
_TONES = {
    positions.AGREED: "good",
    positions.RESOLVED: "good",
    positions.OFFER_REJECTED: "bad",
    positions.UNION_REJECTED: "bad",
    positions.WITHDRAWN: "closed",
    positions.OFFER_WITHDRAWN: "closed",
    positions.OFFER_SUPERSEDED: "closed",
}

REFERENCE_HEIGHT = 1080.0
"""The screen height the point sizes below are set for."""
BODY_POINTS = 34.0
MIN_BODY_POINTS = 28.0
"""Body text never shrinks below this on the projector (at 1080 pixels high)."""
PRINT_MIN_BODY_POINTS = 16.0
"""A handout is read at arm's length: it may shrink further before anything is cut."""
TITLE_POINTS = 46.0
HEADING_POINTS = 30.0
FOOTER_POINTS = 20.0


class Slide:
    """A page laid out for a given size: paint it with `paint`; `shown_text` is what it shows.

    `scale` (sizes against a 1080-pixel-high screen) follows the height unless given: a printed page,
    taller for its width than a screen, gives it from its width so the type keeps to the slide's proportion.
    """

    def __init__(
        self,
        page: MeetingPage,
        width: float,
        height: float,
        *,
        dpi: float = 96.0,
        counter: str = "",
        footer: str = "",
        min_body_points: float = MIN_BODY_POINTS,
        colours: Colours = SCREEN,
        scale: float | None = None,
    ) -> None:
        self.page = page
        self.width, self.height, self.dpi = width, height, dpi
        self.colours = colours
        self.scale = height / REFERENCE_HEIGHT if scale is None else scale
        self.counter, self.footer = counter, footer
        self.ops: list[Op] = []
        self.shown: list[str] = []
        self.cut = False
        self.body_points = 0.0
        steps = max(1, math.ceil(BODY_POINTS - min_body_points))
        for n in range(steps + 1):
            body = BODY_POINTS - (BODY_POINTS - min_body_points) * n / steps
            if self._lay_out(body, last=n == steps):
                break

    # -- sizes --

    def points(self, reference_points: float) -> float:
        """A size set for a 1080-pixel-high screen, at this slide's height."""
        return reference_points * self.scale

    def _font(self, reference_points: float, *, bold: bool = False) -> QFont:
        font = QFont()
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setFamilies(["Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"])
        font.setPixelSize(max(1, round(self.points(reference_points) * self.dpi / 72)))
        font.setBold(bold)
        return font

    # -- laying out --

    def _lay_out(self, body_points: float, *, last: bool) -> bool:
        """Lay the page out with body text of `body_points`; False if it does not fit (unless `last`,
        when what does not fit is cut with an ellipsis)."""
        self.ops, self.shown, self.cut = [], [], False
        self.body_points = self.points(body_points)
        shrink = body_points / BODY_POINTS
        self._body = self._font(body_points)
        self._heading = self._font(max(MIN_BODY_POINTS, HEADING_POINTS * shrink), bold=True)
        self._title = self._font(max(36.0, TITLE_POINTS * shrink), bold=True)
        self._small = self._font(FOOTER_POINTS)
        s = self.scale
        self._left, self._right = 96 * s, self.width - 96 * s
        top, self._gap = 64 * s, 22 * s
        bottom = self.height - 56 * s - QFontMetricsF(self._small).height() - 20 * s
        y = top
        title = lay(
            [Para(flat(self.page.title), self._title, self.colours.ink, max_lines=2)],
            self._right - self._left,
        )
        y = self._place(title, self._left, y) + self._gap
        if self.page.kind is PageKind.ISSUE:
            y = self._chip(y) + 2 * self._gap
            fits = self._issue(y, bottom, last)
        else:
            subtitle = lay(
                [Para(flat(self.page.subtitle), self._heading, self.colours.muted, max_lines=2)],
                self._right - self._left,
            )
            y = self._place(subtitle, self._left, y) + 2 * self._gap
            fits = self._groups(y, bottom, last)
        self._footer()
        return fits

    def _place(self, block: Block, x: float, y: float) -> float:
        for op in block.ops:
            op.at = QPointF(op.at.x() + x, op.at.y() + y)
            if op.rect is not None:
                op.rect.translate(x, y)
            self.ops.append(op)
        if block.shown:
            self.shown.append(block.shown)
        self.cut = self.cut or block.cut
        return y + block.height

    def _chip(self, y: float) -> float:
        """The status and the gap, on a coloured band whose colour says how it stands."""
        background, ink = CHIP[_TONES.get(self.page.gap, "open")]
        pad_x, pad_y = 22 * self.scale, 8 * self.scale
        block = lay(
            [Para(flat(self.page.subtitle), self._heading, ink, max_lines=1)],
            self._right - self._left - 2 * pad_x,
        )
        width = max((op.layout.lineAt(0).naturalTextWidth() for op in block.ops if op.layout), default=0.0)
        band = Op(rect=QRectF(0, 0, width + 2 * pad_x, block.height + 2 * pad_y), colour=background)
        band.radius = 10 * self.scale
        self._place(Block([band], 0, "", False), self._left, y)
        return self._place(block, self._left + pad_x, y + pad_y) + pad_y

    def _issue(self, y: float, bottom: float, last: bool) -> bool:
        """The union's position beside the council's latest offer, whose changes are marked in place;
        under the union's position, what the marks are measured against and what they mean.

        When the offer is too long at the smallest size, it gives way in steps, keeping what changed:
        unchanged lines are held to one line each, then left out (an ellipsis marks where), then changed
        lines are held to two lines each; only then is the end cut."""
        page, width = self.page, self._right - self._left
        gutter = 56 * self.scale
        left_width = (width - gutter) * 0.4
        right_width = width - gutter - left_width
        union = [
            Para(flat(page.union_heading), self._heading, self.colours.heading),
            *self._lines(page.union_position),
        ]
        key = self._key(page)
        offer_head = [Para(flat(page.offer_heading), self._heading, self.colours.heading)]
        offer = [self._diff_line(line, first=n == 0) for n, line in enumerate(page.offer_lines)]
        room = bottom - y
        key_block = lay(key, left_width) if key else None
        union_room = room - (key_block.height + 2 * self._gap if key_block else 0.0)
        left = lay(union, left_width)
        right = lay(offer_head + offer, right_width)
        if (left.height > union_room or right.height > room) and not last:
            return False
        for step in (1, 2, 3):
            if right.height <= room:
                break
            right = lay(offer_head + _give_way(offer, step), right_width)
            self.cut = True
        if right.height > room:
            right = lay(offer_head + _give_way(offer, 3), right_width, room)
        if left.height > union_room:
            left = lay(union, left_width, union_room)
        self._place(left, self._left, y)
        if key_block is not None:
            self._place(key_block, self._left, y + left.height + 2 * self._gap)
        self._place(right, self._left + left_width + gutter, y)
        rule_height = max(
            left.height + (key_block.height + 2 * self._gap if key_block else 0.0), right.height
        )
        rule = Op(rect=QRectF(0, 0, max(1.0, 2 * self.scale), rule_height), colour=self.colours.rule)
        self._place(Block([rule], 0, "", False), self._left + left_width + gutter / 2, y)
        return True

    def _key(self, page: MeetingPage) -> list[Para]:
        """What the offer's marks are measured against and, when there are marks, what they mean."""
        if not page.changes_heading:
            return []
        key = [Para(flat(page.changes_heading), self._body, self.colours.muted)]
        if any(seg.change != "same" for line in page.offer_lines for seg in line):
            new, old = "new words underlined", "removed words struck through"
            space = 8 * self.scale
            key.append(
                Para(
                    new,
                    self._body,
                    self.colours.ink,
                    ((0, len(new), "added"),),
                    space_before=space,
                    colours=self.colours,
                )
            )
            key.append(
                Para(
                    old,
                    self._body,
                    self.colours.ink,
                    ((0, len(old), "removed"),),
                    space_before=space,
                    colours=self.colours,
                )
            )
        return key

    def _groups(self, y: float, bottom: float, last: bool) -> bool:
        """Headings, each with its lines as bullets, down the page. At the smallest size a bullet is held
        to two lines, then one; then the longest group loses lines from its end to an "and N more"."""
        room, width = bottom - y, self._right - self._left
        block = lay(self._group_paras(None), width)
        if block.height > room and not last:
            return False
        kept: list[int | None] = [None] * len(self.page.groups)
        for cap in (2, 1):
            if block.height <= room:
                break
            block = lay(self._group_paras(kept), width, per_para_lines=cap)
        while block.height > room:
            counts = [len(g.lines) if k is None else k for g, k in zip(self.page.groups, kept, strict=True)]
            longest = max(range(len(counts)), key=lambda n: counts[n])
            if counts[longest] <= 1:
                block = lay(self._group_paras(kept), width, room, per_para_lines=1)
                break
            kept[longest] = counts[longest] - 1
            block = lay(self._group_paras(kept), width, per_para_lines=1)
        self._place(block, self._left, y)
        return True

    def _group_paras(self, kept: list[int | None] | None) -> list[Para]:
        paras: list[Para] = []
        for n, group in enumerate(self.page.groups):
            paras.append(
                Para(
                    flat(group.heading),
                    self._heading,
                    self.colours.heading,
                    space_before=self._gap if paras else 0.0,
                )
            )
            count = None if kept is None else kept[n]
            lines = group.lines if count is None else group.lines[: max(0, count - 1)]
            paras += [Para(flat(line), self._body, self.colours.ink, bullet=True) for line in lines]
            if count is not None and count < len(group.lines):
                more = len(group.lines) - len(lines)
                paras.append(Para(f"… and {more} more", self._body, self.colours.muted, bullet=True))
        return paras

    def _footer(self) -> None:
        metrics = QFontMetricsF(self._small)
        y = self.height - 56 * self.scale - metrics.height()
        counter = lay(
            [Para(flat(self.counter), self._small, self.colours.muted, max_lines=1)], self.width / 4
        )
        width = max((op.layout.lineAt(0).naturalTextWidth() for op in counter.ops if op.layout), default=0.0)
        self._place(counter, self._right - width, y)
        footer = lay(
            [Para(flat(self.footer), self._small, self.colours.muted, max_lines=1)],
            self._right - self._left - width - 48 * self.scale,
        )
        self._place(footer, self._left, y)

    def _lines(self, text: str) -> list[Para]:
        space = 8 * self.scale
        return [
            Para(flat(line), self._body, self.colours.ink, space_before=space if n else self._gap / 2)
            for n, line in enumerate(t for t in text.split("\n") if t.strip())
        ]

    def _diff_line(self, segments: Sequence[Segment], *, first: bool = False) -> Para:
        """A line of the offer: added words underlined in green, removed ones struck through in red."""
        text, formats = "", []
        for seg in segments:
            words = " ".join(seg.words)
            if text:
                text += " "
            if seg.change != "same":
                formats.append((len(text), len(words), seg.change))
            text += words
        space = self._gap / 2 if first else 8 * self.scale
        return Para(
            text, self._body, self.colours.ink, tuple(formats), space_before=space, colours=self.colours
        )

    # -- painting --

    def paint(self, painter: QPainter) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(QRectF(0, 0, self.width, self.height), self.colours.background)
        for op in self.ops:
            if op.rect is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(op.colour)
                painter.drawRoundedRect(op.rect, op.radius, op.radius)
            elif op.layout is not None:
                painter.setPen(QPen(op.colour))
                op.layout.draw(painter, op.at)
        painter.restore()

    def shown_text(self) -> str:
        """Every word the slide shows (cut text ends in '…'), for tests and screen readers."""
        return "\n".join(self.shown)


# ----- text -------------------------------------------------------------------------------------------------


def _give_way(lines: list[Para], step: int) -> list[Para]:
    """The offer's lines made shorter, step by step, keeping the changed ones (see Slide._issue)."""
    out: list[Para] = []
    for para in lines:
        if para.formats:
            out.append(replace(_from_first_change(para), max_lines=2) if step >= 3 else para)
        elif step == 1:
            out.append(replace(para, max_lines=1))
        elif not out or out[-1].text != ELLIPSIS:
            out.append(replace(para, text=ELLIPSIS, colour=para.colours.muted, formats=()))
    return out


def _from_first_change(para: Para) -> Para:
    """A changed line started a few words before its first change (after its number, if it has one),
    so that holding it to two lines keeps the change in view."""
    first = min(start for start, _length, _change in para.formats)
    number = re.match(r"\(?\w{1,4}[.)]\s+", para.text)
    head = para.text[: number.end()] if number and number.end() <= first else ""
    before = para.text[len(head) : first].split(" ")
    if len(before) <= 6:
        return para
    cut_at = first - len(" ".join(before[-5:]))
    text = f"{head}{ELLIPSIS} {para.text[cut_at:]}"
    shift = len(head) + len(ELLIPSIS) + 1 - cut_at
    formats = tuple(
        (start + shift, length, change) for start, length, change in para.formats if start >= cut_at
    )
    return replace(para, text=text, formats=formats)
