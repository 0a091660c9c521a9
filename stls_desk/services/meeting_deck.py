"""Meeting mode's pages, as plain text already fit for a members' meeting.

`meeting_pages` reads the dispute as a briefing pack does (services.briefing), passes it through the
members' pack's own redaction (export.members.redact_for_members: one redaction for both, so every member
is the same "Member A" on the projector as in the pack, and confidential records stay out), and only then
words the pages:

* "Since our last members' meeting": what the audit trail recorded after that meeting (services.since);
* one page per issue (services.positions): the union's position, the council's latest offer, the status
  and the gap, and what changed since the previous offer, word by word;
* "Next dates": the ballot, strike days, the next meeting, other dates ahead.

Every string on a page comes from the redacted data or from fixed wording here; nothing is read from the
log's personal fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from stls_desk.db.log import Log
from stls_desk.domain.enums import KeyDateKind, MeetingKind
from stls_desk.domain.textdiff import Segment, diff_lines, plain_lines
from stls_desk.export import pack
from stls_desk.export.members import redact_for_members
from stls_desk.services import since
from stls_desk.services.briefing import briefing_data
from stls_desk.services.positions import Issue, Offer, issues_of
from stls_desk.services.wording import spoken_date, spoken_range, spoken_time, written_date

NOT_RECORDED = "Not recorded yet."


class PageKind(StrEnum):
    SINCE = "since"
    ISSUE = "issue"
    DATES = "dates"


@dataclass(frozen=True)
class Group:
    """A heading and its lines, on the first and last pages."""

    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class MeetingPage:
    kind: PageKind
    title: str
    subtitle: str = ""
    groups: tuple[Group, ...] = ()
    reference: str = ""  # the issue's reference, on an issue page
    gap: str = ""  # the issue's gap (one of services.positions' phrases), on an issue page
    union_heading: str = ""
    union_position: str = ""
    offer_heading: str = ""
    council_offer: str = ""  # the latest offer as it now reads (or the council's answer, or "No offer yet")
    changes_heading: str = ""  # what the marks in `offer_lines` are measured against
    offer_lines: tuple[tuple[Segment, ...], ...] = ()  # `council_offer` line by line, changes marked

    def text(self) -> str:
        """Everything on the page as plain text, in reading order (removed words included)."""
        parts = [self.title, self.subtitle]
        for group in self.groups:
            parts += [group.heading, *group.lines]
        parts += [self.union_heading, self.union_position, self.offer_heading, self.changes_heading]
        parts += [line_text(line) for line in self.offer_lines]
        return "\n".join(p for p in parts if p)


def line_text(line: tuple[Segment, ...]) -> str:
    """A marked line's words, the removed ones included, as the page shows them."""
    return " ".join(w for seg in line for w in seg.words)


@dataclass(frozen=True)
class MeetingDeck:
    dispute: str
    today: date
    last_meeting: datetime | None  # when the last members' meeting was held; None if the log has none
    pages: tuple[MeetingPage, ...]


def meeting_pages(log: Log, dispute_id: int, today: date | None = None) -> MeetingDeck:
    """The pages of meeting mode (and of the printed handout), for a members' meeting held `today`."""
    today = today or date.today()
    data = briefing_data(log, dispute_id, today)
    members = redact_for_members(data)
    changes = since.changes_since_last_meeting(log, dispute_id, today, data, members)
    pages = [_since_page(changes)]
    pages += [_issue_page(issue) for issue in issues_of(members)]
    pages.append(_dates_page(members, today))
    held = changes.meeting_held_at
    return MeetingDeck(members.dispute.title, today, held, tuple(pages))


# ----- the pages -----------------------------------------------------------------------------------------


def _since_page(changes: since.Changes) -> MeetingPage:
    title = "Since our last members' meeting"
    if changes.meeting_held_at is None:
        return MeetingPage(
            PageKind.SINCE,
            title,
            "No earlier members' meeting is in the log",
            (Group("Where things stand", ("Every issue on the pages that follow.",)),),
        )
    subtitle = f"Our last members' meeting was on {spoken_date(changes.meeting_held_at.date())}"
    groups = tuple(Group(heading, lines) for heading, lines in changes.groups if lines)
    if not groups:
        groups = (Group("Nothing new", ("The log records no change since then.",)),)
    return MeetingPage(PageKind.SINCE, title, subtitle, groups)


def _offer_name(offer: Offer) -> str:
    """'P-002, revision 3 (12 February 2025)', or 'P-002 (tabled 6 November 2024)' with no revisions."""
    if offer.revision == 0:
        return (
            f"{offer.reference} (tabled {written_date(offer.offered_on)})"
            if offer.offered_on
            else offer.reference
        )
    when = f" ({written_date(offer.offered_on)})" if offer.offered_on else ""
    return f"{offer.reference}, revision {offer.revision}{when}"


def _issue_page(issue: Issue) -> MeetingPage:
    subtitle = issue.status if issue.gap == issue.status else f"{issue.status} · {issue.gap}"
    if issue.offer is not None:
        offer_heading = f"The council's latest offer: {_offer_name(issue.offer)}"
        offer_text = issue.council_offer.strip() or NOT_RECORDED
    elif issue.entity == "proposal":  # the union's own proposal: what the council said to it
        offer_heading = "The council's answer"
        offer_text = issue.council_says.strip() or "No answer yet."
    else:
        offer_heading = "The council's latest offer"
        response = issue.council_says.strip()
        offer_text = "No offer yet." + (f"\nThe council's response: {response}" if response else "")
    changes_heading = ""
    lines = plain_lines(offer_text)
    if issue.offer is not None and issue.previous is not None:
        previous = issue.previous
        since_when = f"revision {previous.revision}"
        since_when += f" ({written_date(previous.offered_on)})" if previous.offered_on else ""
        lines = diff_lines(list(issue.changes))
        if any(seg.change != "same" for line in lines for seg in line):
            changes_heading = f"Marked: what changed since {since_when}"
        else:
            changes_heading = f"No change in wording since {since_when}"
    elif issue.offer is not None:
        changes_heading = "The council's first offer on this issue"
    return MeetingPage(
        PageKind.ISSUE,
        f"{issue.reference} {issue.title}",
        subtitle,
        reference=issue.reference,
        gap=issue.gap,
        union_heading="The union's position",
        union_position=issue.union_position.strip() or NOT_RECORDED,
        offer_heading=offer_heading,
        council_offer=offer_text,
        changes_heading=changes_heading,
        offer_lines=tuple(lines),
    )


def _dates_page(data: pack.BriefingData, today: date) -> MeetingPage:
    groups = [
        Group("Ballot", _ballot_lines(data.ballots, today) or ("No ballot planned.",)),
        Group(
            "Strike days and action",
            tuple(
                f"{k.title} — {spoken_range(k.starts_on, k.ends_on)}"
                for k in data.key_dates
                if k.kind.is_industrial_action and k.last_day >= today
            )
            or ("None called yet.",),
        ),
        Group("Next meeting", _meeting_lines(data.meetings, today) or ("No meeting arranged yet.",)),
    ]
    others = tuple(
        f"{k.title} — {spoken_range(k.starts_on, k.ends_on)}"
        for k in data.key_dates
        if not k.kind.is_industrial_action and k.kind is not KeyDateKind.NOTICE_SERVED and k.last_day >= today
    )
    answers = tuple(
        f"Answer due on {p.reference} {p.title} — {spoken_date(p.respond_by)}"
        for p in data.proposals
        if p.status.awaiting_answer and p.respond_by is not None and p.respond_by >= today
    )
    if others or answers:
        groups.append(Group("Other dates", others + answers))
    return MeetingPage(PageKind.DATES, "Next dates", f"As of {spoken_date(today)}", tuple(groups))


def _ballot_lines(ballots: tuple[pack.Ballot, ...], today: date) -> tuple[str, ...]:
    lines: list[str] = []
    for b in ballots:
        kind = b.kind.label.lower()
        if b.opens_on > today:
            lines.append(
                f"The {kind} ballot opens {spoken_date(b.opens_on)} and closes {spoken_date(b.closes_on)}."
            )
        elif b.closes_on >= today:
            lines.append(f"The {kind} ballot is open: it closes {spoken_date(b.closes_on)}.")
        elif b.mandate_expires is not None and b.mandate_expires >= today:
            lines.append(f"Our mandate for action runs to {spoken_date(b.mandate_expires)}.")
    return tuple(lines)


def _meeting_lines(meetings: tuple[pack.Meeting, ...], today: date) -> tuple[str, ...]:
    ahead = [mt for mt in meetings if mt.held_at.date() > today]
    chosen = [
        next((mt for mt in ahead if mt.kind is MeetingKind.MEMBERS_MEETING), None),
        next((mt for mt in ahead if mt.kind is not MeetingKind.MEMBERS_MEETING), None),
    ]
    found = sorted((mt for mt in chosen if mt is not None), key=lambda mt: mt.held_at)
    return tuple(f"{mt.title} — {spoken_time(mt.held_at)}" for mt in found)
