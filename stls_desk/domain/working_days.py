"""Working days for local grievance and consultation procedures: no weekends, bank holidays or closures.

Statutory ballot and notice periods count calendar days (see `ballots.py`); many local procedures count
working days instead, and bank holidays differ between England and Wales, Scotland and Northern Ireland.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum
from functools import cache


class Nation(StrEnum):
    """A UK nation with its own bank holidays; the value is what the log stores."""

    ENGLAND_WALES = "england_wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"

    @property
    def label(self) -> str:
        """The nation as a rep reads it."""
        return _LABELS[self]

    @property
    def subdivision(self) -> str:
        """The `holidays` package's code for this nation's bank holidays (Wales shares England's)."""
        return _SUBDIVISIONS[self]


_LABELS = {
    Nation.ENGLAND_WALES: "England and Wales",
    Nation.SCOTLAND: "Scotland",
    Nation.NORTHERN_IRELAND: "Northern Ireland",
}
_SUBDIVISIONS = {Nation.ENGLAND_WALES: "ENG", Nation.SCOTLAND: "SCT", Nation.NORTHERN_IRELAND: "NIR"}


@cache
def bank_holidays(nation: Nation, year: int) -> dict[date, str]:
    """The bank holidays of `nation` in `year`, substitute days included, by date with their names.

    Cached: the `holidays` package rebuilds a year's calendar on every call, and working-day sums ask
    the same years again and again. Callers must not change the returned dict.
    """
    import holidays  # loaded the first time a working day is counted, not at start-up

    calendar = holidays.country_holidays("GB", subdiv=nation.subdivision, years=year)
    return {day: str(name) for day, name in calendar.items()}


class WorkingCalendar:
    """Which days count as working days for one workplace: weekdays that are not bank holidays in its
    nation and not one of its own closure days (school closures, days announced at short notice)."""

    def __init__(self, nation: Nation, closures: Iterable[date] = frozenset()) -> None:
        self.nation = Nation(nation)
        self.closures: frozenset[date] = frozenset(closures)

    def __repr__(self) -> str:
        return f"WorkingCalendar({self.nation.value!r}, closures={len(self.closures)} days)"

    def bank_holiday_name(self, day: date) -> str | None:
        """The bank holiday falling on `day`, or None."""
        return bank_holidays(self.nation, day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        """Whether `day` is a weekday that is neither a bank holiday nor a closure day."""
        return (
            day.weekday() < 5 and day not in self.closures and day not in bank_holidays(self.nation, day.year)
        )

    def add_working_days(self, start: date, n: int) -> date:
        """The date `n` working days after `start`, not counting `start` itself (before it, if `n` is
        negative). `n` = 0 gives `start`, working day or not; otherwise the result is always a working day.
        """
        step = timedelta(days=1 if n >= 0 else -1)
        day, remaining = start, abs(n)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """Working days after `a` up to and including `b`; if `b` comes first, minus those from `b` up to
        but not including `a`. The inverse of `add_working_days`: `working_days_between(a,
        add_working_days(a, n)) == n` for every n, negative too.
        """
        if b < a:
            return -self._working_days_from(b, a - timedelta(days=1))
        return self._working_days_from(a + timedelta(days=1), b)

    def _working_days_from(self, first: date, last: date) -> int:
        """Working days from `first` to `last` inclusive: weekdays by arithmetic, less weekday days off."""
        if first > last:
            return 0
        days_off = set(self.closures)
        for year in range(first.year, last.year + 1):
            days_off.update(bank_holidays(self.nation, year))
        off_weekdays = sum(1 for day in days_off if first <= day <= last and day.weekday() < 5)
        return _weekdays_from(first, last) - off_weekdays


def _weekdays_from(first: date, last: date) -> int:
    """Monday-to-Friday days from `first` to `last` inclusive, by whole weeks then the remainder."""
    total = (last - first).days + 1
    whole_weeks, remainder = divmod(total, 7)
    start = first.weekday()
    extra = sum(1 for offset in range(remainder) if (start + offset) % 7 < 5)
    return whole_weeks * 5 + extra
