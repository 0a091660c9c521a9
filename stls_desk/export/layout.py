"""Building blocks the pack's sections are laid out with: headings, contents, progress ticks, tables.

`PackContext` carries what every section needs (the data, the options, the styles, the frame width and
the progress `Ticker`) and makes the few kinds of flowable the pack uses, always escaping user text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, LongTable, Paragraph, Spacer

from stls_desk.export.pack import BriefingData, PackOptions, Section
from stls_desk.export.styles import MUTED, RULE, esc, table_style

Progress = Callable[[int, int], bool]


class ExportCancelled(Exception):
    """The progress callback asked to stop; no file was written."""


class Ticker:
    """Counts the steps of a layout and reports them; raises ExportCancelled when told to stop."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.total = 0
        self.done = 0

    def expect(self, steps: int = 1) -> None:
        self.total += steps

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None and not self.progress(min(self.done, self.total), self.total):
            raise ExportCancelled("Export cancelled")

    def finish(self) -> None:
        if self.progress is not None and not self.progress(self.total, self.total):
            raise ExportCancelled("Export cancelled")


class SectionCanvas(Protocol):
    """What the pack's canvas offers flowables: a place to leave a page number for later."""

    def defer_contents_number(self, section: Section, x_left: float, x_right: float, y: float) -> None: ...


class SectionHeading(Paragraph):  # type: ignore[misc]
    """A section's title; the document records its page for the contents and the PDF outline."""

    def __init__(self, section: Section, style: ParagraphStyle) -> None:
        super().__init__(esc(section.heading), style)
        self.section = section


class ProgressMark(Flowable):  # type: ignore[misc]
    """Takes no room; ticks the progress when it is drawn, in the story or in a table cell."""

    def __init__(self, ticker: Ticker) -> None:
        super().__init__()
        ticker.expect()
        self.ticker = ticker

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        self.ticker.tick()


class Contents(Flowable):  # type: ignore[misc]
    """The contents list: titles now, with dotted leaders; page numbers filled in when the pack is saved."""

    def __init__(self, sections: Sequence[Section], style: ParagraphStyle) -> None:
        super().__init__()
        self.sections = list(sections)
        self.style = style
        self.width = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.style.leading * len(self.sections)

    def draw(self) -> None:
        canv: Any = self.canv
        size, leading = self.style.fontSize, self.style.leading
        for i, section in enumerate(self.sections):
            y = leading * (len(self.sections) - i - 1) + (leading - size) / 2
            canv.setFont(self.style.fontName, size)
            canv.setFillColor(self.style.textColor)
            canv.drawString(0, y, section.heading)
            title_w = canv.stringWidth(section.heading, self.style.fontName, size)
            canv.setStrokeColor(RULE)
            canv.setDash(1, 2.5)
            canv.line(title_w + 6, y + 1, self.width - 28, y + 1)
            canv.setDash()
            x_left, y_abs = canv.absolutePosition(0, y)
            x_right, _ = canv.absolutePosition(self.width, y)
            canv.defer_contents_number(section, x_left, x_right, y_abs)


CELL_CHARS = 600
CELL_LINES = 12


def _brief(text: str) -> str:
    """Text for a table cell, cut with a visible ellipsis past CELL_CHARS or CELL_LINES.

    Tables index the log (titles, dates, owners); a record's full text prints in its own section. A
    pasted essay in a narrow cell would otherwise run to pages and take minutes to lay out.
    """
    lines = text.splitlines()
    cut = "\n".join(lines[:CELL_LINES])[:CELL_CHARS]
    return text if cut == text else cut.rstrip() + " …"


@dataclass
class PackContext:
    data: BriefingData
    options: PackOptions
    styles: StyleSheet1
    width: float
    ticker: Ticker = field(default_factory=lambda: Ticker(None))

    def p(self, text: str, style: str = "Body") -> Paragraph:
        """A paragraph of user text, escaped: whatever it holds prints as written."""
        return Paragraph(esc(text), self.styles[style])

    def markup(self, markup: str, style: str = "Body") -> Paragraph:
        """A paragraph of the app's own markup (user text inside must already be escaped)."""
        return Paragraph(markup, self.styles[style])

    def sub(self, markup: str, style: str = "H2", room: float | None = None) -> list[Flowable]:
        """A subheading (app markup) that starts a new page when less than `room` is left under it.

        Not keepWithNext: ReportLab would keep it with everything after it, and a long table or minutes
        after a heading would then leave half a page empty or a title alone on a page.
        """
        if room is None:
            room = 32 * mm if style == "H2" else 22 * mm
        return [CondPageBreak(room), Paragraph(markup, self.styles[style])]

    def heading(self, section: Section) -> list[Flowable]:
        return [SectionHeading(section, self.styles["H1"]), ProgressMark(self.ticker)]

    def note(self, text: str) -> Paragraph:
        return Paragraph(f'<font color="#{MUTED.hexval()[2:]}">{esc(text)}</font>', self.styles["Body"])

    def bullets(self, items: Sequence[str], style: str = "Bullet") -> list[Flowable]:
        """User text as a bulleted list."""
        return [Paragraph(esc(item), self.styles[style], bulletText="•") for item in items]

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str | Flowable]],
        widths: Sequence[float],
        *,
        extra_style: Sequence[tuple[object, ...]] = (),
        tick: bool = True,
    ) -> Flowable:
        """A table that fits the frame: wrapping cells, the header repeated on every page, rows that may
        split across pages rather than run off the bottom. Plain strings are user text and are escaped."""
        scale = self.width / sum(widths)
        col_widths = [w * scale for w in widths]
        head = [Paragraph(esc(h), self.styles["CellHead"]) for h in header]
        body: list[list[Flowable | list[Flowable]]] = []
        for row in rows:
            cells: list[Flowable | list[Flowable]] = []
            for i, cell in enumerate(row):
                if not isinstance(cell, str):
                    cells.append(cell)
                elif i == 0 and tick:  # the row ticks the progress when it is drawn
                    cells.append(
                        [ProgressMark(self.ticker), Paragraph(esc(_brief(cell)), self.styles["Cell"])]
                    )
                else:
                    cells.append(Paragraph(esc(_brief(cell)), self.styles["Cell"]))
            body.append(cells)
        if not body:
            return Spacer(0, 0)
        style = table_style()
        for cmd in extra_style:
            style.add(*cmd)
        return LongTable(
            [head, *body], colWidths=col_widths, repeatRows=1, splitInRow=1, style=style, hAlign="LEFT"
        )
