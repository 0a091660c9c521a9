"""The dispute's dates as an iCalendar file (RFC 5545) that any calendar program can import.

Takes plain `CalendarEvent`s, never a session: `services.upcoming.calendar_events` makes them from the log,
redacted. Each event keeps a stable UID, so importing an updated file updates events instead of duplicating
them. Timed events are written in Europe/London with the zone's VTIMEZONE, as calendar programs expect.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import icalendar

PRODID = "-//STLS Desk//EN"
LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class CalendarEvent:
    """One calendar entry: all day (`first_day` to `last_day`, inclusive) or timed (`start` to `end`).

    A naive `start`/`end` is a wall-clock time in Europe/London (how the log stores meetings); an aware one
    is converted to it. Build one with `for_days` or `for_time`.
    """

    uid: str
    summary: str
    description: str = ""
    first_day: date | None = None
    last_day: date | None = None
    start: datetime | None = None
    end: datetime | None = None
    location: str = ""
    categories: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.uid.strip():
            raise ValueError("A calendar event needs a UID.")
        if (self.first_day is None) == (self.start is None):
            raise ValueError(f"Event {self.uid!r} must be either all-day or timed, not both or neither.")
        if self.first_day is not None and self.last_day is not None and self.last_day < self.first_day:
            raise ValueError(
                f"Event {self.uid!r} ends on {self.last_day} before it starts on {self.first_day}."
            )
        if self.start is not None and self.end is not None and _london(self.end) < _london(self.start):
            raise ValueError(f"Event {self.uid!r} ends before it starts.")

    @classmethod
    def for_days(
        cls,
        uid: str,
        summary: str,
        first_day: date,
        last_day: date | None = None,
        *,
        description: str = "",
        location: str = "",
        categories: tuple[str, ...] = (),
    ) -> CalendarEvent:
        """An all-day event on `first_day`, or on every day from it to `last_day`."""
        return cls(
            uid,
            summary,
            description,
            first_day=first_day,
            last_day=last_day,
            location=location,
            categories=categories,
        )

    @classmethod
    def for_time(
        cls,
        uid: str,
        summary: str,
        start: datetime,
        end: datetime | None = None,
        *,
        description: str = "",
        location: str = "",
        categories: tuple[str, ...] = (),
    ) -> CalendarEvent:
        """A timed event from `start` to `end` (Europe/London)."""
        return cls(uid, summary, description, start=start, end=end, location=location, categories=categories)

    @property
    def is_all_day(self) -> bool:
        return self.first_day is not None


def _london(moment: datetime) -> datetime:
    """A wall-clock time in London: naive ones are taken as London time, aware ones converted."""
    return moment.replace(tzinfo=LONDON) if moment.tzinfo is None else moment.astimezone(LONDON)


def _vevent(event: CalendarEvent, stamp: datetime) -> icalendar.Event:
    import icalendar  # loaded when a calendar is written, not at start-up

    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("summary", event.summary)
    if event.first_day is not None:
        # DTEND of an all-day event is the day after the last one (RFC 5545 3.6.1: it is exclusive).
        vevent.add("dtstart", event.first_day)
        vevent.add("dtend", (event.last_day or event.first_day) + timedelta(days=1))
        vevent.add("transp", "TRANSPARENT")
    else:
        assert event.start is not None
        vevent.add("dtstart", _london(event.start))
        if event.end is not None:
            vevent.add("dtend", _london(event.end))
    if event.description:
        vevent.add("description", event.description)
    if event.location:
        vevent.add("location", event.location)
    if event.categories:
        vevent.add("categories", list(event.categories))
    return vevent


def calendar_bytes(
    events: Sequence[CalendarEvent], *, calendar_name: str, stamp: datetime | None = None
) -> bytes:
    """The events as one VCALENDAR, UTF-8 with CRLF line ends; `stamp` (default now) becomes each DTSTAMP.

    Raises ValueError if two events share a UID: a calendar program would keep only one of them.
    """
    import icalendar  # loaded when a calendar is written, not at start-up

    seen: set[str] = set()
    for event in events:
        if event.uid in seen:
            raise ValueError(f"Two calendar events share the UID {event.uid!r}.")
        seen.add(event.uid)
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name)
    for event in events:
        calendar.add_component(_vevent(event, stamp))
    timed = [_london(e.start).date() for e in events if e.start is not None]
    if timed:
        # VTIMEZONE built from the tz database, covering a year either side of the timed events.
        calendar.add_missing_timezones(
            first_date=min(timed) - timedelta(days=366), last_date=max(timed) + timedelta(days=366)
        )
    return bytes(calendar.to_ical())


def write_calendar(
    events: Sequence[CalendarEvent], target: Path, calendar_name: str, *, stamp: datetime | None = None
) -> None:
    """Write the calendar to `target` whole or not at all: a temporary file beside it, then a rename."""
    data = calendar_bytes(events, calendar_name=calendar_name, stamp=stamp)
    target = Path(target)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
