"""Values read through the driver alone (`Log.plain_reading`), as the models would give them.

The window's first screen (its disputes, the Overview) is read with plain SQL, before SQLAlchemy is
imported. SQLite hands back what SQLAlchemy stored: a date as 'YYYY-MM-DD', a date and time as
'YYYY-MM-DD HH:MM:SS.ffffff', an enum as its value, a boolean as 0 or 1. These turn them back, and say how
to write a date and time in a query so that it compares as the stored text does.
"""

from __future__ import annotations

from datetime import date, datetime

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
"""How SQLAlchemy's SQLite dialect stores a DATETIME (its default storage format)."""


def day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def moment(value: str) -> datetime:
    return datetime.strptime(value, DATETIME_FORMAT)


def moment_text(at: datetime) -> str:
    """A date and time as stored, for comparing with a DATETIME column in SQL."""
    return at.strftime(DATETIME_FORMAT)


def marks(count: int) -> str:
    """The placeholders for count values: '?, ?, ?'."""
    return ", ".join("?" * count)
