"""The pack's look in one place: fonts, palette, paragraph styles, table styles, and safe text.

Every string a user typed reaches ReportLab through `esc()`, which escapes it so that "<b>", "&" or
"<img src=…>" print as written and never as markup or an error.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

# One accent; everything else is ink and greys. Red and green appear only to mark removed and added words.
ACCENT = colors.HexColor("#5B2A86")
ACCENT_LIGHT = colors.HexColor("#EFE9F5")
INK = colors.HexColor("#1F2328")
MUTED = colors.HexColor("#5B6470")
RULE = colors.HexColor("#D0D7DE")
FILL = colors.HexColor("#F4F5F7")
REMOVED = colors.HexColor("#B42318")
ADDED = colors.HexColor("#1A7F37")

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}


def font_dir() -> Path:
    """resources/fonts at the repository root (the package is installed editable); else the system's."""
    shipped = Path(__file__).resolve().parents[2] / "resources" / "fonts"
    for candidate in (shipped, SYSTEM_FONT_DIR):
        if all((candidate / f).is_file() for f in _FILES.values()):
            return candidate
    raise FileNotFoundError(f"DejaVu Sans fonts not found in {shipped} or {SYSTEM_FONT_DIR}")


@functools.cache
def register_fonts() -> None:
    """Register DejaVu Sans once per process: it has ŵ, ŷ, ł, ż, ś, £ and € where the PDF core fonts do not."""
    folder = font_dir()
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )


def stylesheet() -> StyleSheet1:
    """The pack's paragraph styles."""
    sheet = StyleSheet1()

    def add(name: str, **kw: object) -> None:
        base = dict(fontName=FONT, fontSize=9.5, leading=13.5, textColor=INK, alignment=TA_LEFT)
        base.update(kw)
        sheet.add(ParagraphStyle(name=name, **base))

    add("Body", spaceAfter=4)
    add("Small", fontSize=8, leading=10.5, textColor=MUTED)
    add("Kicker", fontName=FONT_BOLD, fontSize=9, leading=12, textColor=ACCENT, spaceAfter=2)
    add("CoverTitle", fontName=FONT_BOLD, fontSize=26, leading=31, spaceAfter=8)
    add("CoverSub", fontSize=13, leading=17, textColor=MUTED, spaceAfter=2)
    add("H1", fontName=FONT_BOLD, fontSize=17, leading=21, textColor=ACCENT, spaceBefore=2, spaceAfter=8)
    add("H2", fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=4)
    add("H3", fontName=FONT_BOLD, fontSize=9.5, leading=13, spaceBefore=6, spaceAfter=2)
    add("Cell", fontSize=8, leading=10.2)
    add("Position", fontSize=9, leading=12.5)
    add("CellHead", fontName=FONT_BOLD, fontSize=7.5, leading=9.5, textColor=MUTED)
    add("CellMuted", fontSize=8, leading=10.2, textColor=MUTED)
    add("TileNumber", fontName=FONT_BOLD, fontSize=18, leading=21, textColor=ACCENT)
    add("TileDate", fontName=FONT_BOLD, fontSize=13, leading=21, textColor=ACCENT)
    add("TileLabel", fontSize=7.5, leading=9.5, textColor=MUTED)
    add("Contents", fontSize=10.5, leading=19)
    add("Bullet", leftIndent=10, bulletIndent=0, spaceAfter=1.5)
    return sheet


CELL_PADDING = 4  # points left and right of a table cell's text


def table_style(*, header: bool = True, zebra: bool = True) -> TableStyle:
    """Light rules, a grey header row that repeats on each page, padding that keeps text off the lines."""
    cmds: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        cmds += [("BACKGROUND", (0, 0), (-1, 0), FILL), ("LINEBELOW", (0, 0), (-1, 0), 0.9, ACCENT)]
    if zebra:
        cmds.append(
            ("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1), [colors.white, colors.HexColor("#FAFBFC")])
        )
    return TableStyle(cmds)


def restyle_table(extra: Sequence[tuple[object, ...]]) -> TableStyle:
    """A bare table style (no header, no rules) plus `extra` commands: for layout tables."""
    style = TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    for cmd in extra:
        style.add(*cmd)
    return style


# XML 1.0 refuses these; ReportLab's paragraph parser would stop on them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """User text made printable as plain text: NFC, no control characters, tabs as spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _NOT_XML.sub("\ufffd", text)


def esc(text: str, *, lines: bool = True) -> str:
    """User text as paragraph markup that prints literally: & < > escaped, line breaks kept."""
    text = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\n", "<br/>") if lines else text.replace("\n", " ")


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_date(day: date | datetime | None, *, weekday: bool = False) -> str:
    """'3 Feb 2025', the same in every locale; an em dash for no date."""
    if day is None:
        return "—"
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]} {text}" if weekday else text


def fmt_month(day: date, *, year: bool = True) -> str:
    return f"{_MONTHS[day.month - 1]} {day.year}" if year else _MONTHS[day.month - 1]


def fmt_span(start: date, end: date | None) -> str:
    return fmt_date(start) if end is None or end == start else f"{fmt_date(start)} – {fmt_date(end)}"


def fmt_pct(fraction: float | None) -> str:
    return "—" if fraction is None else f"{fraction * 100:.1f}%"


def fmt_int(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def fmt_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def hex_colour(colour: colors.Color) -> str:
    """'#rrggbb', as paragraph markup's <font color> wants it."""
    return "#" + str(colour.hexval())[2:]


CONTENT_WIDTH = 210 * mm - 2 * 18 * mm
