"""The pack's pictures, drawn as vector shapes (reportlab.graphics): no image files, crisp at any zoom.

Each function returns a `Drawing`, which is a flowable: it goes straight into the story. Labels here are the
app's own words and dates, never user text, so nothing a user typed can upset a picture.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors

from stls_desk.domain.enums import GrievanceStatus
from stls_desk.export.events import Event, Strand
from stls_desk.export.pack import Ballot, Grievance
from stls_desk.export.styles import (
    ACCENT,
    ACCENT_LIGHT,
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    RULE,
    fmt_date,
    fmt_month,
)

_LANE = 17.0
_LABEL_W = 92.0


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: float = 7,
    colour: colors.Color = MUTED,
    bold: bool = False,
    anchor: str = "start",
) -> String:
    return String(
        x, y, text, fontName=FONT_BOLD if bold else FONT, fontSize=size, fillColor=colour, textAnchor=anchor
    )


def _marker(strand: Strand, x: float, y: float) -> Group:
    """One mark per event: shape tells the strand apart without needing colour."""
    g = Group()
    if strand is Strand.GRIEVANCE:
        g.add(Line(x, y - 4, x, y + 4, strokeColor=MUTED, strokeWidth=0.8))
    elif strand is Strand.PROPOSAL:
        g.add(
            Polygon(
                [x, y - 4, x + 4, y, x, y + 4, x - 4, y],
                fillColor=INK,
                strokeColor=colors.white,
                strokeWidth=0.4,
            )
        )
    elif strand is Strand.BALLOT:
        g.add(Rect(x - 3.2, y - 3.2, 6.4, 6.4, fillColor=INK, strokeColor=colors.white, strokeWidth=0.4))
    elif strand is Strand.DEADLINE:
        g.add(
            Polygon(
                [x - 4, y - 3.5, x + 4, y - 3.5, x, y + 4],
                fillColor=MUTED,
                strokeColor=colors.white,
                strokeWidth=0.4,
            )
        )
    else:
        colour = ACCENT if strand in (Strand.ACTION, Strand.DISPUTE) else INK
        g.add(Circle(x, y, 3.4, fillColor=colour, strokeColor=colors.white, strokeWidth=0.4))
    return g


def _month_ticks(start: date, end: date) -> list[date]:
    """First days of months in [start, end], thinned so the labels never collide."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120, 10**6) if months / s <= 12)
    ticks = []
    y, m = start.year, start.month
    while date(y, m, 1) <= end:
        if date(y, m, 1) >= start and ((y * 12 + m - 1) % step == 0):
            ticks.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return ticks


def timeline_strip(events: Sequence[Event], today: date, width: float) -> Drawing:
    """The dispute on one strip per strand, months along the bottom, today marked with a dashed line."""
    lanes = [s for s in Strand if any(e.strand is s for e in events)] or [Strand.DISPUTE]
    top_pad, axis_h = 16.0, 22.0
    height = top_pad + len(lanes) * _LANE + axis_h
    d = Drawing(width, height)
    days = [e.on for e in events] + [e.until for e in events if e.until] + [today]
    start, end = min(days) - timedelta(days=3), max(days) + timedelta(days=3)
    span = max((end - start).days, 1)
    x0, x1 = _LABEL_W, width - 6

    def x_of(day: date) -> float:
        return x0 + (x1 - x0) * (day - start).days / span

    for i, lane in enumerate(lanes):
        y = height - top_pad - (i + 0.5) * _LANE
        if i % 2 == 0:
            d.add(
                Rect(
                    x0, y - _LANE / 2, x1 - x0, _LANE, fillColor=colors.HexColor("#F7F8FA"), strokeColor=None
                )
            )
        d.add(_text(x0 - 6, y - 2.5, lane.label, anchor="end", colour=INK))
        for e in (e for e in events if e.strand is lane):
            if e.until and e.until > e.on:
                d.add(
                    Rect(
                        x_of(e.on),
                        y - 3,
                        max(x_of(e.until) - x_of(e.on), 2),
                        6,
                        fillColor=ACCENT,
                        strokeColor=None,
                    )
                )
            d.add(_marker(lane, x_of(e.on), y))
    base = axis_h - 6
    d.add(Line(x0, base, x1, base, strokeColor=RULE, strokeWidth=0.8))
    ticks = _month_ticks(start, end)
    for tick in ticks:
        x = x_of(tick)
        d.add(Line(x, base, x, base - 3, strokeColor=MUTED, strokeWidth=0.5))
        with_year = tick.month == 1 or tick == ticks[0] or len(ticks) <= 6
        d.add(_text(x, base - 11, fmt_month(tick, year=with_year), anchor="middle"))
    tx = x_of(today)
    d.add(Line(tx, base, tx, height - top_pad + 2, strokeColor=ACCENT, strokeWidth=1, strokeDashArray=[3, 2]))
    anchor = "end" if tx > x1 - 60 else ("start" if tx < x0 + 60 else "middle")
    d.add(
        _text(tx, height - top_pad + 5, f"Today, {fmt_date(today)}", colour=ACCENT, bold=True, anchor=anchor)
    )
    return d


def _bar_row(
    d: Drawing, y: float, label: str, value: float | None, threshold: float | None, x0: float, x1: float
) -> None:
    """One horizontal bar on a 0–100% track, a dashed line at its threshold, the figure at its end."""
    h = 9.0
    d.add(_text(x0 - 6, y + 1.5, label, anchor="end", colour=INK))
    d.add(Rect(x0, y, x1 - x0, h, fillColor=ACCENT_LIGHT, strokeColor=None))
    if value is not None:
        v = min(max(value, 0.0), 1.0)
        met = threshold is None or value >= threshold
        d.add(Rect(x0, y, (x1 - x0) * v, h, fillColor=ACCENT if met else MUTED, strokeColor=None))
        text = f"{value * 100:.1f}%"
        inside = v > 0.85
        d.add(
            _text(
                x0 + (x1 - x0) * v + (-3 if inside else 3),
                y + 2,
                text,
                bold=True,
                colour=colors.white if inside else INK,
                anchor="end" if inside else "start",
            )
        )
    else:
        d.add(_text(x0 + 3, y + 2, "no figures yet"))
    if threshold is not None:
        tx = x0 + (x1 - x0) * min(max(threshold, 0.0), 1.0)
        d.add(Line(tx, y - 3, tx, y + h + 3, strokeColor=INK, strokeWidth=1, strokeDashArray=[2.5, 1.5]))
        d.add(_text(tx, y + h + 4.5, f"{threshold * 100:.0f}% needed", size=6, anchor="middle"))


def ballot_bars(ballot: Ballot, width: float) -> Drawing:
    """A ballot's turnout and support (and yes-of-eligible, if the rule set has it) against thresholds."""
    rows: list[tuple[str, float | None, float | None]] = [
        ("Turnout", ballot.turnout, ballot.turnout_threshold),
        ("Support (yes of votes)", ballot.support, ballot.support_threshold),
    ]
    if ballot.yes_of_eligible_threshold is not None or ballot.yes_of_eligible is not None:
        rows.append(("Yes of all eligible", ballot.yes_of_eligible, ballot.yes_of_eligible_threshold))
    row_h, axis_h = 25.0, 14.0
    height = len(rows) * row_h + axis_h + 4
    d = Drawing(width, height)
    x0, x1 = 110.0, width - 40
    for i, (label, value, threshold) in enumerate(rows):
        _bar_row(d, height - (i + 1) * row_h, label, value, threshold, x0, x1)
    for pct in (0, 25, 50, 75, 100):
        x = x0 + (x1 - x0) * pct / 100
        d.add(Line(x, axis_h - 2, x, axis_h + 1, strokeColor=MUTED, strokeWidth=0.5))
        d.add(_text(x, axis_h - 10, f"{pct}%", size=6.5, anchor="middle"))
    return d


def grievance_status_bars(grievances: Sequence[Grievance], width: float) -> Drawing:
    """How many grievances stand at each status: open ones in the accent, closed ones in grey."""
    counts = Counter(g.status for g in grievances)
    statuses = list(GrievanceStatus)
    row_h = 17.0
    height = len(statuses) * row_h + 6
    d = Drawing(width, height)
    x0, x1 = 110.0, width - 40
    most = max(counts.values(), default=0) or 1
    for i, status in enumerate(statuses):
        y = height - (i + 1) * row_h
        n = counts.get(status, 0)
        d.add(_text(x0 - 6, y + 3, status.label, anchor="end", colour=INK))
        w = (x1 - x0) * n / most
        if n:
            d.add(
                Rect(x0, y, max(w, 1.5), 11, fillColor=ACCENT if status.is_open else RULE, strokeColor=None)
            )
        d.add(_text(x0 + w + 4, y + 3, str(n), bold=True, colour=INK))
    d.add(Line(x0, 2, x0, height, strokeColor=MUTED, strokeWidth=0.6))
    return d
