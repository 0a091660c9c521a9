"""Briefing packs as PDF (ReportLab platypus, A4): the renderer, its page chrome, and the atomic write.

Shaped after pretix's invoice renderer: one class holds page size, margins, the stylesheet and the registered
fonts; a numbering canvas keeps every page until the end so it can print "Page X of Y" (and the contents'
page numbers) in a single layout pass; output goes to bytes or, atomically, to a file.

    render_briefing_pack(data, PackOptions(Audience.MEMBERS), Path("pack.pdf"), progress=on_progress)

The data is always passed through `prepare_for_audience` here, so a members' pack cannot be made from
unredacted data by forgetting a step.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from stls_desk import APP_NAME, __version__
from stls_desk.export.layout import (
    ExportCancelled,
    PackContext,
    Progress,
    SectionHeading,
    Ticker,
)
from stls_desk.export.members import prepare_for_audience
from stls_desk.export.pack import Audience, BriefingData, PackOptions, Section, within_period
from stls_desk.export.sections_overview import at_a_glance, cover, timeline_section
from stls_desk.export.sections_records import (
    ballots_section,
    grievances_section,
    meetings_section,
    proposals_section,
)
from stls_desk.export.styles import (
    ACCENT,
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    RULE,
    clean,
    fmt_date,
    register_fonts,
    stylesheet,
)

__all__ = [
    "BriefingPackRenderer",
    "ExportCancelled",
    "RenderResult",
    "render_briefing_bytes",
    "render_briefing_pack",
]

_SECTION_BUILDERS: dict[Section, Callable[[PackContext], list[Flowable]]] = {
    Section.AT_A_GLANCE: at_a_glance,
    Section.TIMELINE: timeline_section,
    Section.GRIEVANCES: grievances_section,
    Section.PROPOSALS: proposals_section,
    Section.MEETINGS: meetings_section,
    Section.BALLOTS: ballots_section,
}


@dataclass(frozen=True)
class RenderResult:
    path: Path
    page_count: int


@dataclass(frozen=True)
class _Chrome:
    """What every page carries, drawn when the page count is known."""

    dispute: str
    audience: Audience
    footer: str


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis to fit `width` on one line."""
    text = " ".join(clean(text)[:2000].split())
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)  # the longest prefix that fits, found by halving: the text may be long
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


class PackCanvas(Canvas):  # type: ignore[misc]
    """Keeps each page until save() so it can add "Page X of Y", the header, and the contents' numbers."""

    def __init__(self, *args: Any, chrome: _Chrome, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._chrome = chrome
        self._pages: list[dict[str, Any]] = []
        self.section_pages: dict[Section, int] = {}
        self._slots: list[tuple[int, Section, float, float, float]] = []
        self.page_count = 0

    def defer_contents_number(self, section: Section, x_left: float, x_right: float, y: float) -> None:
        self._slots.append((self.getPageNumber(), section, x_left, x_right, y))

    def mark_section(self, section: Section) -> None:
        """`section` starts on this page: for the contents, and a bookmark made when the page is written
        (bookmarks point at the page being written, and ours are written only at save())."""
        self.section_pages.setdefault(section, self.getPageNumber())

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)  # back to that page, as it was when it was finished
            self._draw_chrome(total)
            self._draw_contents_numbers()
            self._add_bookmarks()
            Canvas.showPage(self)
        self.page_count = total
        Canvas.save(self)

    def _draw_chrome(self, total: int) -> None:
        c, page = self._chrome, self.getPageNumber()
        width, height = self._pagesize
        left, right = BriefingPackRenderer.left_margin, width - BriefingPackRenderer.right_margin
        top = height - 11 * mm
        self.saveState()
        if c.audience is Audience.OFFICERS:
            label = "CONFIDENTIAL · officers only"
            self.setFont(FONT_BOLD, 8)
            self.setFillColor(ACCENT)
        else:
            label = "Members' briefing"
            self.setFont(FONT, 8)
            self.setFillColor(MUTED)
        label_w = self.stringWidth(label, self._fontname, 8)
        self.drawRightString(right, top, label)
        self.setFont(FONT, 8)
        self.setFillColor(MUTED)
        self.drawString(left, top, _fit(c.dispute, FONT, 8, right - left - label_w - 12 * mm))
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(left, top - 3 * mm, right, top - 3 * mm)
        bottom = 10 * mm
        self.line(left, bottom + 4 * mm, right, bottom + 4 * mm)
        self.drawString(left, bottom, _fit(c.footer, FONT, 8, right - left - 40 * mm))
        self.setFillColor(INK)
        self.drawRightString(right, bottom, f"Page {page} of {total}")
        self.restoreState()

    def _add_bookmarks(self) -> None:
        for section, page in self.section_pages.items():
            if page == self.getPageNumber():
                self.bookmarkPage(section.value)
                self.addOutlineEntry(section.heading, section.value, level=0)

    def _draw_contents_numbers(self) -> None:
        page = self.getPageNumber()
        for slot_page, section, x_left, x_right, y in self._slots:
            target = self.section_pages.get(section)
            if slot_page != page or target is None:
                continue
            self.saveState()
            self.setFont(FONT, 10.5)
            self.setFillColor(INK)
            self.drawRightString(x_right, y, str(target))
            self.restoreState()
            self.linkAbsolute("", section.value, Rect=(x_left, y - 4, x_right, y + 12), thickness=0)


class _PackDocument(BaseDocTemplate):  # type: ignore[misc]
    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, SectionHeading):
            canvas: PackCanvas = self.canv
            canvas.mark_section(flowable.section)


class BriefingPackRenderer:
    """Lays out one briefing pack. Page size, margins, fonts and styles live here, as in pretix."""

    pagesize = A4
    left_margin = 18 * mm
    right_margin = 18 * mm
    top_margin = 20 * mm
    bottom_margin = 19 * mm

    def __init__(self, data: BriefingData, options: PackOptions, progress: Progress | None = None) -> None:
        register_fonts()
        self.options = options
        self.data = prepare_for_audience(within_period(data, options), options)
        self.styles = stylesheet()
        self.ticker = Ticker(progress)
        self.page_count = 0

    @property
    def sections(self) -> list[Section]:
        return [s for s in Section if s in self.options.sections]

    def metadata(self) -> dict[str, str]:
        d = self.data.dispute
        audience = "officers (confidential)" if self.options.audience is Audience.OFFICERS else "members"
        return {
            "title": clean(f"{d.title} — briefing pack for {audience}"),
            "author": clean(d.branch or APP_NAME),
            "subject": clean(
                f"Briefing pack for {audience}: {d.title}"
                + (f", with {d.employer}" if d.employer else "")
                + f". Generated {fmt_date(self.options.generated_on)}."
            ),
            "creator": f"{APP_NAME} {__version__}",
        }

    def story(self, width: float) -> list[Flowable]:
        ctx = PackContext(self.data, self.options, self.styles, width, self.ticker)
        story = cover(ctx, self.sections)
        for section in self.sections:
            story += _SECTION_BUILDERS[section](ctx)
        return story

    def build(self, out: IO[bytes]) -> int:
        """Lay the pack out into `out`; returns the page count. Raises ExportCancelled if told to stop."""
        meta = self.metadata()
        doc = _PackDocument(
            out,
            pagesize=self.pagesize,
            leftMargin=self.left_margin,
            rightMargin=self.right_margin,
            topMargin=self.top_margin,
            bottomMargin=self.bottom_margin,
            **meta,
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=self.pagesize)])
        story = self.story(doc.width)
        footer = f"{self.data.dispute.branch} · generated {fmt_date(self.options.generated_on)} by {APP_NAME}"
        chrome = _Chrome(self.data.dispute.title, self.options.audience, footer.lstrip(" ·"))
        made: list[PackCanvas] = []

        def canvasmaker(*args: Any, **kwargs: Any) -> PackCanvas:
            canvas = PackCanvas(*args, chrome=chrome, **kwargs)
            made.append(canvas)
            return canvas

        doc.build(story, canvasmaker=canvasmaker)
        self.ticker.finish()
        self.page_count = made[-1].page_count
        return self.page_count


def render_briefing_bytes(
    data: BriefingData, options: PackOptions, progress: Progress | None = None
) -> bytes:
    """The pack as PDF bytes."""
    buffer = BytesIO()
    BriefingPackRenderer(data, options, progress).build(buffer)
    return buffer.getvalue()


def render_briefing_pack(
    data: BriefingData, options: PackOptions, target: Path, progress: Progress | None = None
) -> RenderResult:
    """Write the pack to `target` atomically: a cancelled or failed export leaves whatever was there before.

    The PDF is laid out into a temporary file beside `target`, flushed to disk, then renamed into place.
    """
    target = Path(target)
    renderer = BriefingPackRenderer(data, options, progress)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            renderer.build(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)  # mkstemp made it 0600: keep the mode the old file had, or an ordinary one
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return RenderResult(target, renderer.page_count)
