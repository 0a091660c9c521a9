"""Dates as a member reads or hears them: '25 February 2025', 'Tuesday 25 February 2025'. Fixed English names, so the words
never follow the machine's locale (Qt sets the C locale; a French desktop would otherwise say 'mardi')."""

from __future__ import annotations

from datetime import date, datetime

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def spoken_date(day: date | None) -> str:
    """'Tuesday 25 February 2025'; empty for no date."""
    if day is None:
        return ""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def written_date(day: date | None) -> str:
    """'25 February 2025' (no weekday): for a date in a sentence."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def long_range(start: date, end: date | None) -> str:
    """'25 February 2025', or '3 March 2025 to 7 March 2025'."""
    if end is None or end == start:
        return written_date(start)
    return f"{written_date(start)} to {written_date(end)}"


def spoken_range(start: date, end: date | None) -> str:
    """One day, or 'Monday 3 March 2025 to Friday 7 March 2025'."""
    if end is None or end == start:
        return spoken_date(start)
    return f"{spoken_date(start)} to {spoken_date(end)}"


def spoken_time(moment: datetime) -> str:
    """'Wednesday 5 March 2025 at 10:00'."""
    return f"{spoken_date(moment.date())} at {moment:%H:%M}"
