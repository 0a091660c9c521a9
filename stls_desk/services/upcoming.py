"""One date-ordered list of a dispute's entered and derived dates, and the same dates as calendar events.

The dates themselves are worked out in `deadlines`; this module puts them in order for the Overview, the
Ballots & dates calendar and the calendar file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date

from stls_desk.db.log import Log
from stls_desk.domain.enums import PersonRole
from stls_desk.domain.redaction import Redactor
from stls_desk.domain.rules import long_date
from stls_desk.export.calendar import CalendarEvent
from stls_desk.services.deadline_sources import Sources, read_sources
from stls_desk.services.deadlines import (
    _KEY_DATE_KINDS,
    _KINDS,
    MEETING_LENGTH,
    BallotDeadlines,
    Deadline,
    DeadlineKind,
    DisputeDeadlines,
    _derive,
)

# ----- one dated list -----------------------------------------------------------------------------------


def upcoming(
    log: Log,
    dispute_id: int,
    today: date,
    *,
    start: date | None = None,
    end: date | None = None,
    include_overdue: bool = True,
    limit: int | None = None,
) -> list[Deadline]:
    """Entered and derived dates from `start` (default `today`) to `end` (default: no end), in date order.

    A range of days counts if any of it falls in the window. With `include_overdue`, overdue items from
    before `start` come too (a grievance response not yet received, a notice of ballot not yet given).
    """
    first = today if start is None else start
    with log.plain_reading() as conn:
        src = read_sources(
            conn, dispute_id, due_from=None if include_overdue else first, until=end, meetings_from=first
        )
        derived = _derive(src, dispute_id, today)
    return _dated(src, derived, first, end, include_overdue=include_overdue, limit=limit)


def _dated(
    src: Sources,
    d: DisputeDeadlines,
    first: date,
    end: date | None,
    *,
    include_overdue: bool,
    limit: int | None = None,
) -> list[Deadline]:
    """The dated items of what `read_sources` found, from `first` to `end`, in date order (see `upcoming`)."""
    found = [
        item
        for item in _items(src, d)
        if (item.last_day >= first and (end is None or item.day <= end)) or (include_overdue and item.overdue)
    ]
    found.sort(key=lambda item: item.order)
    return found if limit is None else found[:limit]


def _items(src: Sources, d: DisputeDeadlines) -> list[Deadline]:
    """Every dated item, entered and derived, for the list, the month calendar and the calendar file."""
    checks = {c.key_date_id: c for c in d.action_checks}
    items = [*d.grievances, *d.proposals]
    for k in src.key_dates:
        check = checks.get(k.id)
        items.append(
            Deadline(
                k.starts_on,
                _KEY_DATE_KINDS[k.kind],
                k.title,
                "key_date",
                k.id,
                rule_set=", ".join(check.rule_sets) or None if check else None,
                until=k.ends_on,
                source_uuid=k.uuid,
                detail=k.note,
                flags=check.reasons if check else (),
            )
        )
    for n in d.notices:
        if n.earliest_action_day is not None:
            detail = (
                f"Notice of action given on {long_date(n.given_on)}: {n.notice_days} days' notice under "
                f"{n.rule_set}, so action may start on {long_date(n.earliest_action_day)} at the earliest. "
                f"{n.note}"
            )
            items.append(
                Deadline(
                    n.earliest_action_day,
                    DeadlineKind.EARLIEST_ACTION,
                    n.title,
                    "key_date",
                    n.key_date_id,
                    derived=True,
                    rule_set=n.rule_set,
                    source_uuid=n.uuid,
                    detail=detail.strip(),
                )
            )
    for b in d.ballots:
        items.extend(_ballot_items(b, d.today))
    for m in src.meetings:
        items.append(
            Deadline(
                m.held_at.date(),
                DeadlineKind.MEETING,
                m.title,
                "meeting",
                m.id,
                at=m.held_at,
                source_uuid=m.uuid,
                detail=f"{m.kind.label} meeting",
                location=m.location,
                confidential=m.confidential,
            )
        )
    return items


def _ballot_items(b: BallotDeadlines, today: date) -> list[Deadline]:
    """A ballot's opening and closing days as entered, and the statutory days worked out from them."""
    name = f"{b.kind.label} ballot: {_short(b.question)}"
    opens = long_date(b.opens_on)
    dated = [
        (b.opens_on, DeadlineKind.BALLOT_OPENS, b.rule_set, "", False),
        (b.closes_on, DeadlineKind.BALLOT_CLOSES, b.rule_set, "", False),
    ]
    if b.notice_of_ballot_last_day is not None:
        last = b.notice_of_ballot_last_day
        given = (
            f"Notice was given on {long_date(b.notice_given_on)}."
            if b.notice_given_on
            else "No notice is recorded yet."
        )
        detail = f"Notice of the ballot must reach the employer at least {(b.opens_on - last).days} days before it opens on {opens}. {given}"
        late = b.notice_given_on is None and last < today <= b.opens_on
        dated.append((last, DeadlineKind.NOTICE_OF_BALLOT, b.rule_set, " ".join((detail, *b.problems)), late))
    if b.sample_voting_paper_last_day is not None:
        last = b.sample_voting_paper_last_day
        detail = f"The employer must have a sample voting paper at least {(b.opens_on - last).days} days before the ballot opens on {opens}."
        dated.append((last, DeadlineKind.SAMPLE_VOTING_PAPER, b.rule_set, detail, False))
    if b.mandate_last_day is not None:
        detail = f"A mandate of {b.mandate_months} months, beginning with the day the ballot closes ({long_date(b.closes_on)})."
        if b.mandate_provisional:
            detail += " No result is recorded yet: this holds only if the ballot gives a mandate."
        dated.append((b.mandate_last_day, DeadlineKind.MANDATE_ENDS, b.mandate_rule_set, detail, False))
    provisional = f"{name} (if the result gives a mandate)"
    return [
        Deadline(
            day,
            kind,
            provisional if kind == DeadlineKind.MANDATE_ENDS and b.mandate_provisional else name,
            "ballot",
            b.ballot_id,
            kind.derived,
            rules,
            late,
            source_uuid=b.uuid,
            detail=detail,
        )
        for day, kind, rules, detail, late in dated
    ]


def _short(text: str, length: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"


# ----- the calendar file ----------------------------------------------------------------------------


def calendar_events(log: Log, dispute_id: int, today: date) -> list[CalendarEvent]:
    """The dispute's dates as calendar events, every member's name redacted from every text.

    A calendar file leaves the laptop, so redaction fails closed: a member's first name on its own is
    replaced too, wherever it appears. Confidential grievances, proposals and meetings show only their
    reference or kind. Each UID is the record's UUID and the event's role, so a fresh export updates the
    same events when imported.
    """
    with log.plain_reading() as conn:
        src = read_sources(conn, dispute_id)
        items = sorted(_items(src, _derive(src, dispute_id, today)), key=lambda item: item.order)
        people = conn.execute("SELECT name, role FROM person WHERE dispute_id = ?", (dispute_id,)).fetchall()
    members = [name for name, role in people if role == PersonRole.MEMBER]
    redactor = Redactor(members, others=[name for name, role in people if role != PersonRole.MEMBER])
    by_word: dict[str, set[str]] = {}
    for name in members:
        for word in _words(name):
            by_word.setdefault(word, set()).add(name)

    def redact(text: str) -> str:
        # Every member counts as seen (so first names alone go too), but only those sharing a word with
        # the text can be named in it: passing just those gives the same result, far faster with many
        # members; a text sharing no word with any member's name is left as it is.
        named = {name for word in _words(text) for name in by_word.get(word, ())}
        return redactor.redact(text, seen=sorted(named)) if named else text

    return [_event(item, redact) for item in items]


def _words(text: str) -> set[str]:
    """The words of `text` in the forms a case-blind name match could take (NFC, case-folded, lowered)."""
    text = unicodedata.normalize("NFC", text)
    return {word for form in (text.casefold(), text.lower()) for word in re.findall(r"\w+", form)}


def _event(item: Deadline, redact: Callable[[str], str]) -> CalendarEvent:
    uid = f"{item.source_uuid}-{_KINDS[item.kind][1]}@stls-desk"
    if item.confidential:
        title, detail, location = f"{item.reference or item.detail} (confidential)", "", ""
    else:
        title, detail, location = item.title, item.detail, item.location
    summary = redact(title if item.kind == DeadlineKind.MEETING else f"{item.kind.label}: {title}")
    lines = [detail]
    if item.flags:
        lines += ["Not covered by a ballot and notice:", *(f"- {flag}" for flag in item.flags)]
    if item.derived:
        lines.append(f"Worked out by STLS Desk under the {item.rule_set} rules; check before relying on it.")
    description = redact("\n".join(line for line in lines if line))
    categories = ("STLS Desk", item.kind.label, "Worked out" if item.derived else "Entered")
    if item.at is not None:
        return CalendarEvent.for_time(
            uid,
            summary,
            item.at,
            item.at + MEETING_LENGTH,
            description=description,
            location=redact(location),
            categories=categories,
        )
    return CalendarEvent.for_days(
        uid, summary, item.day, item.until, description=description, categories=categories
    )
