"""How the window writes dates, times, counts and shares: one place, so every tab reads the same.

Month names are fixed English abbreviations rather than strftime's, which follows the C locale Qt sets
and would print "févr." on a French desktop beside English labels.
"""

from __future__ import annotations

import math
from datetime import date, datetime

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(value: date | None) -> str:
    """'25 Feb 2025'; an empty string for no date."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def day_range(start: date, end: date | None) -> str:
    """'3 Mar 2025', '3–7 Mar 2025', '28 Feb – 3 Mar 2025' or '30 Dec 2025 – 2 Jan 2026'."""
    if end is None or end == start:
        return day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {day(end)}"
    return f"{day(start)} – {day(end)}"


def day_and_time(value: datetime | None) -> str:
    """'25 Feb 2025, 10:30'."""
    if value is None:
        return ""
    return f"{day(value.date())}, {value:%H:%M}"


def count(value: int | None) -> str:
    """'5,000'; an empty string for a count not yet known."""
    return "" if value is None else f"{value:,}"


def percent(share: float | None) -> str:
    """A share from 0 to 1 as '52.3%', rounded down so a shortfall never reads as a pass."""
    if share is None:
        return ""
    tenths = math.floor(share * 1000 + 1e-9)
    return f"{tenths // 10}%" if tenths % 10 == 0 else f"{tenths / 10:.1f}%"
