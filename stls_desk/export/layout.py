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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, LongTable, Paragraph, Spacer

from stls_desk.export.pack import BriefingData, PackOptions, Section
from stls_desk.export.pack import ExportCancelled as ExportCancelled
from stls_desk.export.styles import CELL_PADDING, MUTED, RULE, clean, esc, table_style

Progress = Callable[[int, int], bool]


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
    """Takes no room; ticks the progress when it is drawn (tables tick for their rows themselves)."""

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


class TickingTable(LongTable):  # type: ignore[misc]
    """A long table that ticks the progress for its body rows as it draws them, a page at a time.

    Each row is counted once against the rows the table announced (`expect_rows`), even a row split
    across two pages, so a table never ticks more than it asked for.
    """

    _budget: list[int] | None = None  # rows not yet ticked, shared by the parts the table splits into
    _ticker: Ticker | None = None

    def expect_rows(self, ticker: Ticker, rows: int) -> None:
        ticker.expect(rows)
        self._ticker, self._budget = ticker, [rows]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, TickingTable):
                part._ticker, part._budget = self._ticker, self._budget
        return parts

    def draw(self) -> None:
        super().draw()
        if self._ticker is None or self._budget is None:
            return
        rows = min(self._nrows - self.repeatRows, self._budget[0])
        self._budget[0] -= rows
        for _ in range(rows):
            self._ticker.tick()


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


def cell_text(text: str, style: ParagraphStyle, width: float) -> str | Paragraph:
    """User text for a table cell: a plain string when it fits on one line, else a Paragraph that wraps.

    A plain string prints exactly as written (ReportLab draws it without parsing any markup) and costs a
    fraction of a Paragraph, which a table of a thousand rows feels; the table's FONT and TEXTCOLOR
    commands give it the look of `style` (see PackContext.table).
    """
    text = clean(_brief(text))
    if "\n" not in text:
        line = " ".join(text.split())  # as a Paragraph would print it: runs of spaces as one
        if stringWidth(line, style.fontName, style.fontSize) <= width:
            return line
    return Paragraph(esc(text), style)


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
        split across pages rather than run off the bottom. Plain strings are user text, printed as written
        (see `cell_text`); a flowable cell is used as it is."""
        scale = self.width / sum(widths)
        col_widths = [w * scale for w in widths]
        room = [w - 2 * CELL_PADDING for w in col_widths]
        head_style, cell_style = self.styles["CellHead"], self.styles["Cell"]
        head = [cell_text(h, head_style, room[i]) for i, h in enumerate(header)]
        body = [
            [
                cell if not isinstance(cell, str) else cell_text(cell, cell_style, room[i])
                for i, cell in enumerate(row)
            ]
            for row in rows
        ]
        if not body:
            return Spacer(0, 0)
        style = table_style()
        for rows_from, rows_to, look in ((0, 0, head_style), (1, -1, cell_style)):
            style.add("FONT", (0, rows_from), (-1, rows_to), look.fontName, look.fontSize, look.leading)
            style.add("TEXTCOLOR", (0, rows_from), (-1, rows_to), look.textColor)
        for cmd in extra_style:
            style.add(*cmd)
        table = TickingTable(
            [head, *body], colWidths=col_widths, repeatRows=1, splitInRow=1, style=style, hAlign="LEFT"
        )
        if tick:
            table.expect_rows(self.ticker, len(body))
        return table
