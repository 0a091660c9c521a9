"""The dispute as dated events: what happened (the timeline), what is coming (dates), what is late."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stls_desk.domain.enums import KeyDateKind
from stls_desk.export.pack import Ballot, BriefingData


class Strand(StrEnum):
    """What an event is about; the timeline picture draws each strand in its own row."""

    DISPUTE = "dispute"
    GRIEVANCE = "grievance"
    PROPOSAL = "proposal"
    MEETING = "meeting"
    BALLOT = "ballot"
    ACTION = "action"  # strike days and action short of strike
    DEADLINE = "deadline"

    @property
    def label(self) -> str:
        return _STRAND_LABELS[self]


_STRAND_LABELS = {
    Strand.DISPUTE: "Dispute",
    Strand.GRIEVANCE: "Grievances",
    Strand.PROPOSAL: "Proposals",
    Strand.MEETING: "Meetings",
    Strand.BALLOT: "Ballots",
    Strand.ACTION: "Industrial action",
    Strand.DEADLINE: "Deadlines and other dates",
}


@dataclass(frozen=True)
class Event:
    on: date
    strand: Strand
    what: str  # the kind of event, in the app's words: "Grievance raised"
    title: str = ""  # the record's own words (user text)
    until: date | None = None
    note: str = ""  # user text
    about: str = ""  # what the record is about, for a summary of many (a grievance's category; user text)


def _key_date_strand(kind: KeyDateKind) -> Strand:
    return Strand.ACTION if kind.is_industrial_action else Strand.DEADLINE


def timeline(data: BriefingData) -> list[Event]:
    """Every dated thing in the log, in date order (ties keep the order the strands are listed)."""
    events: list[Event] = []
    d = data.dispute
    if d.opened_on:
        events.append(Event(d.opened_on, Strand.DISPUTE, "Dispute opened", d.title))
    for g in data.grievances:
        label = f"{g.reference} {g.title}"
        if g.raised_on:
            events.append(Event(g.raised_on, Strand.GRIEVANCE, "Grievance raised", label, about=g.category))
        if g.resolved_on:
            what = f"Grievance {g.status.label.lower()}"
            events.append(Event(g.resolved_on, Strand.GRIEVANCE, what, label, about=g.category))
    for p in data.proposals:
        label = f"{p.reference} {p.title}"
        if p.tabled_on:
            events.append(
                Event(p.tabled_on, Strand.PROPOSAL, f"Proposal tabled ({p.tabled_by.label.lower()})", label)
            )
        for r in sorted(p.revisions, key=lambda r: r.number):
            if r.number > 1:
                events.append(Event(r.revised_on, Strand.PROPOSAL, f"Revision {r.number}", label))
    for m in data.meetings:
        events.append(Event(m.held_at.date(), Strand.MEETING, m.kind.label, m.title))
    for b in data.ballots:
        events.extend(_ballot_events(b))
    for k in data.key_dates:
        events.append(Event(k.starts_on, _key_date_strand(k.kind), k.kind.label, k.title, k.ends_on, k.note))
    order = list(Strand)
    return sorted(events, key=lambda e: (e.on, order.index(e.strand)))


def _ballot_events(b: Ballot) -> list[Event]:
    name = f"{b.kind.label} ballot"
    out = []
    if b.notice_given_on:
        out.append(Event(b.notice_given_on, Strand.BALLOT, "Ballot notice given", name))
    out.append(Event(b.opens_on, Strand.BALLOT, "Ballot opens", name))
    out.append(Event(b.closes_on, Strand.BALLOT, "Ballot closes", name))
    if b.mandate_expires:
        out.append(Event(b.mandate_expires, Strand.BALLOT, "Mandate expires", name))
    return out


def upcoming(data: BriefingData, today: date) -> list[Event]:
    """Strike days, deadlines and other dates from today on: key dates, answers due, ballots, mandates."""
    events: list[Event] = [
        Event(k.starts_on, _key_date_strand(k.kind), k.kind.label, k.title, k.ends_on, k.note)
        for k in data.key_dates
        if k.last_day >= today
    ]
    for p in data.proposals:
        if p.status.awaiting_answer and p.respond_by and p.respond_by >= today:
            events.append(Event(p.respond_by, Strand.PROPOSAL, "Response due", f"{p.reference} {p.title}"))
    for g in data.grievances:
        if g.status.is_open and g.response_due and g.response_due >= today:
            events.append(
                Event(g.response_due, Strand.GRIEVANCE, "Employer's response due", f"{g.reference} {g.title}")
            )
    for b in data.ballots:
        events.extend(e for e in _ballot_events(b) if e.on >= today and e.what != "Ballot notice given")
    order = list(Strand)
    return sorted(events, key=lambda e: (e.on, order.index(e.strand)))


def current_mandate(data: BriefingData, today: date) -> Ballot | None:
    """The ballot whose mandate runs longest from today, or the last to have expired; None if none had one."""
    with_mandate = [b for b in data.ballots if b.mandate_expires and b.thresholds_met is not False]
    if not with_mandate:
        return None
    return max(with_mandate, key=lambda b: (b.mandate_expires or today, b.closes_on))
