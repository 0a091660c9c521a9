"""Where each issue stands: the union's position beside the council's latest offer, and the gap between.

An issue is a grievance, or a proposal that addresses no grievance. For a grievance, the council's latest
offer is the latest proposal the council (or both sides jointly) tabled on it, as its latest revision words
it; the union's position is the union's answer to that offer, else what the union itself proposed on the
grievance, else the grievance as raised. The gap is a short phrase a member understands at a glance.

Everything is worked out from a briefing pack's data (`issues_of`), so the same rules serve the rep's
Positions tab (the log as it is) and meeting mode (the members' redacted version of the same data).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from stls_desk.db import models as m
from stls_desk.db.log import Log
from stls_desk.domain.enums import GrievanceStatus, ProposalStatus, TabledBy
from stls_desk.domain.textdiff import Segment, word_diff
from stls_desk.export import pack
from stls_desk.services.briefing import briefing_data

# The gap, in a member's words.
AGREED = "Agreed"
RESOLVED = "Resolved"
WITHDRAWN = "Withdrawn"
NO_OFFER = "No offer yet"
OFFER_REJECTED = "Council's offer rejected"
OFFER_WITHDRAWN = "Council's offer withdrawn"
OFFER_SUPERSEDED = "Council's offer superseded"
AWAITING_UNION = "Awaiting the union's answer"
APART = "Union has answered; no agreement yet"
AWAITING_COUNCIL = "Awaiting the council's answer"
UNION_REJECTED = "Union's proposal rejected"


@dataclass(frozen=True)
class Offer:
    """One text the council put forward: a revision of a proposal (revision 0: the text as tabled, when
    the log records no revisions)."""

    reference: str
    title: str
    revision: int
    offered_on: date | None
    text: str
    note: str = ""
    proposal_id: int = 0  # in the rep's log (services.positions.positions); 0 in a members' deck


@dataclass(frozen=True)
class Issue:
    """One issue as a briefing pack's data shows it (names as that data holds them)."""

    entity: str  # "grievance" or "proposal"
    reference: str
    title: str
    status: str
    union_position: str
    council_offer: str  # the latest offer's text; empty when there is none
    council_says: str  # the council's stated position on the offer, or its response to the grievance
    gap: str
    offer: Offer | None  # the latest offer
    previous: Offer | None  # the revision before it, which `changes` is measured from
    changes: tuple[Segment, ...]  # the latest offer's words against the previous revision's
    offers: tuple[Offer, ...]  # every offer on the issue, oldest first
    confidential: bool
    open: bool  # still being fought over (not resolved, withdrawn or agreed)


@dataclass(frozen=True)
class Position(Issue):
    """An issue in the rep's log, with the id of the record it is about."""

    record_id: int = 0


def positions(log: Log, dispute_id: int, today: date | None = None) -> list[Position]:
    """One row per issue of the dispute, grievances first, each in reference order."""
    data = briefing_data(log, dispute_id, today)
    with log.reading() as s:
        ids = {
            f"G-{number:03d}": ("grievance", record_id)
            for record_id, number in s.execute(
                select(m.Grievance.id, m.Grievance.number).where(m.Grievance.dispute_id == dispute_id)
            )
        }
        ids |= {
            f"P-{number:03d}": ("proposal", record_id)
            for record_id, number in s.execute(
                select(m.Proposal.id, m.Proposal.number).where(m.Proposal.dispute_id == dispute_id)
            )
        }
    proposal_ids = {ref: record_id for ref, (entity, record_id) in ids.items() if entity == "proposal"}

    def with_id(offer: Offer | None) -> Offer | None:
        return None if offer is None else replace(offer, proposal_id=proposal_ids.get(offer.reference, 0))

    return [
        Position(
            **{
                **vars(issue),
                "offer": with_id(issue.offer),
                "previous": with_id(issue.previous),
                "offers": tuple(
                    replace(o, proposal_id=proposal_ids.get(o.reference, 0)) for o in issue.offers
                ),
            },
            record_id=ids[issue.reference][1],
        )
        for issue in issues_of(data)
    ]


def issues_of(data: pack.BriefingData) -> list[Issue]:
    """Every issue in `data`: each grievance, then each proposal that addresses no grievance."""
    by_grievance: dict[str, list[pack.Proposal]] = {}
    for p in data.proposals:
        for reference in p.addresses:
            by_grievance.setdefault(reference, []).append(p)
    grievances = {g.reference for g in data.grievances}
    issues = [_grievance_issue(g, by_grievance.get(g.reference, [])) for g in data.grievances]
    issues += [_proposal_issue(p) for p in data.proposals if not any(r in grievances for r in p.addresses)]
    return issues


# ----- working it out ---------------------------------------------------------------------------------------


def offers_of(p: pack.Proposal) -> tuple[Offer, ...]:
    """A proposal's texts, oldest first: each revision, or the text as tabled when none is recorded."""
    if not p.revisions:
        return (Offer(p.reference, p.title, 0, p.tabled_on, p.text),)
    return tuple(
        Offer(p.reference, p.title, r.number, r.revised_on, r.text, r.note)
        for r in sorted(p.revisions, key=lambda r: r.number)
    )


def _is_councils(p: pack.Proposal) -> bool:
    return p.tabled_by is not TabledBy.UNION


def _offered_on(p: pack.Proposal) -> tuple[date, int]:
    """The day of its latest text, then its number: what 'latest' means among proposals."""
    latest = offers_of(p)[-1].offered_on or p.tabled_on or date.min
    number = p.reference.removeprefix("P-")
    return latest, int(number) if number.isdigit() else 0


def _changes(offers: tuple[Offer, ...]) -> tuple[Offer | None, tuple[Segment, ...]]:
    if len(offers) < 2:
        return None, ()
    before, after = offers[-2], offers[-1]
    return before, tuple(word_diff(before.text, after.text))


def _offer_gap(p: pack.Proposal) -> str:
    if p.status in (ProposalStatus.AGREED, ProposalStatus.ACCEPTED):
        return AGREED
    if p.status is ProposalStatus.REJECTED:
        return OFFER_REJECTED
    if p.status is ProposalStatus.WITHDRAWN:
        return OFFER_WITHDRAWN
    if p.status is ProposalStatus.SUPERSEDED:
        return OFFER_SUPERSEDED
    return APART if p.union_position.strip() else AWAITING_UNION


def _grievance_issue(g: pack.Grievance, proposals: list[pack.Proposal]) -> Issue:
    councils = sorted((p for p in proposals if _is_councils(p)), key=_offered_on)
    unions = sorted((p for p in proposals if not _is_councils(p)), key=_offered_on)
    latest = councils[-1] if councils else None
    offers = tuple(
        sorted(
            (o for p in councils for o in offers_of(p)),
            key=lambda o: (o.offered_on or date.min, o.reference, o.revision),
        )
    )
    union = ""
    if latest is not None and latest.union_position.strip():
        union = latest.union_position
    elif unions:
        union = unions[-1].union_position.strip() or unions[-1].text
    else:
        union = g.detail
    if g.status is GrievanceStatus.RESOLVED:
        gap = RESOLVED
    elif g.status is GrievanceStatus.WITHDRAWN:
        gap = WITHDRAWN
    elif latest is None:
        gap = NO_OFFER
    else:
        gap = _offer_gap(latest)
    offer = offers_of(latest)[-1] if latest is not None else None
    previous, changes = _changes(offers_of(latest)) if latest is not None else (None, ())
    return Issue(
        entity="grievance",
        reference=g.reference,
        title=g.title,
        status=g.status.label,
        union_position=union,
        council_offer=offer.text if offer is not None else "",
        council_says=latest.employer_position if latest is not None else g.employer_response,
        gap=gap,
        offer=offer,
        previous=previous,
        changes=changes,
        offers=offers,
        confidential=g.confidential,
        open=g.status.is_open and gap != AGREED,
    )


def _proposal_issue(p: pack.Proposal) -> Issue:
    closed = p.status in (ProposalStatus.AGREED, ProposalStatus.ACCEPTED, ProposalStatus.WITHDRAWN)
    if _is_councils(p):
        offers = offers_of(p)
        previous, changes = _changes(offers)
        return Issue(
            entity="proposal",
            reference=p.reference,
            title=p.title,
            status=p.status.label,
            union_position=p.union_position,
            council_offer=offers[-1].text,
            council_says=p.employer_position,
            gap=_offer_gap(p),
            offer=offers[-1],
            previous=previous,
            changes=changes,
            offers=offers,
            confidential=p.confidential,
            open=not closed and p.status is not ProposalStatus.REJECTED,
        )
    if p.status in (ProposalStatus.AGREED, ProposalStatus.ACCEPTED):
        gap = AGREED
    elif p.status is ProposalStatus.REJECTED:
        gap = UNION_REJECTED
    elif p.status in (ProposalStatus.WITHDRAWN, ProposalStatus.SUPERSEDED):
        gap = WITHDRAWN
    else:
        gap = AWAITING_COUNCIL
    return Issue(
        entity="proposal",
        reference=p.reference,
        title=p.title,
        status=p.status.label,
        union_position=p.text.strip() or p.union_position,
        council_offer="",
        council_says=p.employer_position,
        gap=gap,
        offer=None,
        previous=None,
        changes=(),
        offers=(),
        confidential=p.confidential,
        open=not closed and p.status is not ProposalStatus.REJECTED,
    )
