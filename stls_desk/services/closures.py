"""Closure days and a dispute's nation: what working-day deadlines count from.

Bank holidays come from the `holidays` package by nation; a rep adds the workplace's own closures (school
closure days, a day announced at short notice). Each change is one audited action, like every service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from stls_desk.db.log import Log
from stls_desk.db.models import ClosureDay, Dispute
from stls_desk.domain.rules import long_date
from stls_desk.domain.working_days import Nation, WorkingCalendar
from stls_desk.services import disputes
from stls_desk.services.core import (
    Outcome,
    ValidationError,
    create_row,
    delete_row,
    get_or_fail,
    limit_text,
    writing,
)

FIELDS = frozenset({"day", "note"})


@dataclass(frozen=True)
class ClosureDayRow:
    id: int
    dispute_id: int
    day: date
    note: str


def list_closure_days(
    log: Log, dispute_id: int, *, start: date | None = None, end: date | None = None
) -> list[ClosureDayRow]:
    """The dispute's closure days in date order, optionally only those from `start` to `end` inclusive."""
    stmt = select(ClosureDay.id, ClosureDay.dispute_id, ClosureDay.day, ClosureDay.note).where(
        ClosureDay.dispute_id == dispute_id
    )
    if start is not None:
        stmt = stmt.where(ClosureDay.day >= start)
    if end is not None:
        stmt = stmt.where(ClosureDay.day <= end)
    with log.reading() as s:
        return [ClosureDayRow(*row) for row in s.execute(stmt.order_by(ClosureDay.day))]


def add_closure_day(log: Log, dispute_id: int, day: date, note: str = "") -> Outcome:
    """Mark `day` as a day the workplace is closed, so working-day deadlines step over it."""
    note = limit_text(note.strip(), "note", "The note", 300)
    with writing(log) as s:
        get_or_fail(s, Dispute, dispute_id, "dispute")
        taken = s.scalar(
            select(ClosureDay.id).where(ClosureDay.dispute_id == dispute_id, ClosureDay.day == day)
        )
        if taken is not None:
            raise ValidationError("day", f"{long_date(day)} is already a closure day.")
        closure = ClosureDay(dispute_id=dispute_id, day=day, note=note)
        return create_row(
            log, s, closure, dispute_id=dispute_id, summary=f"Closure day {day.isoformat()}", fields=FIELDS
        )


def remove_closure_day(log: Log, closure_day_id: int) -> Outcome:
    """Make a closure day a working day again; the audit trail keeps that it was one."""
    with writing(log) as s:
        closure = get_or_fail(s, ClosureDay, closure_day_id, "closure day")
        return delete_row(
            log,
            s,
            closure,
            dispute_id=closure.dispute_id,
            summary=f"Closure day {closure.day.isoformat()}",
            fields=FIELDS,
        )


def get_nation(log: Log, dispute_id: int) -> Nation:
    """The nation whose bank holidays the dispute's working days skip."""
    with log.reading() as s:
        return Nation(get_or_fail(s, Dispute, dispute_id, "dispute").nation)


def set_nation(log: Log, dispute_id: int, nation: Nation | str) -> Outcome:
    """Set the nation whose bank holidays count (England and Wales, Scotland, Northern Ireland)."""
    try:
        chosen = Nation(nation)
    except ValueError:
        known = ", ".join(n.label for n in Nation)
        raise ValidationError("nation", f"Pick one of: {known}.") from None
    return disputes.change_dispute(log, dispute_id, nation=chosen)


def working_calendar(log: Log, dispute_id: int) -> WorkingCalendar:
    """The dispute's working days: weekdays less its nation's bank holidays and its own closure days."""
    with log.reading() as s:
        nation = get_or_fail(s, Dispute, dispute_id, "dispute").nation
        days = s.scalars(select(ClosureDay.day).where(ClosureDay.dispute_id == dispute_id)).all()
    return WorkingCalendar(Nation(nation), days)
