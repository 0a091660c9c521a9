"""Reading the dates a rep types: "25 Feb 2025", "25/2/25", "2025-02-25", "today", and for a response due,
"10 working days" or "10 working days from 3 Feb 2025".

Day first, as British forms write it; a two-digit year is this century. Plain Python, so the rules are
tested without a window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from stls_desk.ui import format as fmt

_MONTHS = {name.casefold(): n for n, name in enumerate(fmt.MONTHS, start=1)}
_MONTHS.update(
    {
        name: n
        for n, name in enumerate(
            (
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ),
            start=1,
        )
    }
)
_MONTHS["sept"] = 9

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_WORKING_DAYS = re.compile(r"^(\d{1,3})\s+working\s+days?(?:\s+(?:from|after)\s+(.+))?$")

DATE_HINT = "Write a date as 25 Feb 2025, 25/02/2025 or 2025-02-25."


class DateTextError(ValueError):
    """The text is not a date; the message says how to write one."""


@dataclass(frozen=True)
class WorkingDays:
    """'N working days from <start>': the start None means the editor's own default (e.g. raised on)."""

    days: int
    start: date | None


def parse_day(text: str, today: date | None = None) -> date | None:
    """The date the text names; None for empty text. Raises DateTextError with what to write instead."""
    cleaned = " ".join(text.strip().casefold().split())
    if not cleaned:
        return None
    if cleaned in ("today", "tomorrow", "yesterday"):
        base = today or date.today()
        return base + timedelta(days={"today": 0, "tomorrow": 1, "yesterday": -1}[cleaned])
    try:
        if m := _ISO.match(cleaned):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _NUMERIC.match(cleaned):
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            return date(year, int(m[2]), int(m[1]))
        if (m := _WORDS.match(cleaned)) and m[2] in _MONTHS:
            return date(int(m[3]), _MONTHS[m[2]], int(m[1]))
    except ValueError:
        raise DateTextError(f"There is no such day as “{text.strip()}”. {DATE_HINT}") from None
    raise DateTextError(f"“{text.strip()}” is not a date. {DATE_HINT}")


def parse_working_days(text: str, today: date | None = None) -> WorkingDays | None:
    """'10 working days [from 3 Feb 2025]' as WorkingDays; None if the text is not written that way."""
    cleaned = " ".join(text.strip().casefold().split())
    m = _WORKING_DAYS.match(cleaned)
    if m is None:
        return None
    days = int(m[1])
    if days == 0:
        raise DateTextError("Count at least one working day, e.g. “10 working days from 3 Feb 2025”.")
    start = parse_day(m[2], today) if m[2] else None
    return WorkingDays(days, start)
