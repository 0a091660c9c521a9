"""A dispute's log as the plain data a briefing pack is made from, and the pack written to a file.

The renderer (export.pdf) never sees a session: this module reads the dispute in a handful of queries,
assesses its ballots with the rules in force (services.deadlines), and hands over `pack.BriefingData`.
Redaction for the members' pack happens in export.members, one step for every audience's text.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from stls_desk.db import models as m
from stls_desk.db.log import Log
from stls_desk.export import pack
from stls_desk.services.core import NotFoundError, ServiceError
from stls_desk.services.deadlines import BallotDeadlines, deadlines

if TYPE_CHECKING:  # ReportLab loads only when a pack is written, not when a tab reads the log
    from stls_desk.export.layout import Progress
    from stls_desk.export.pdf import RenderResult


def briefing_data(log: Log, dispute_id: int, today: date | None = None) -> pack.BriefingData:
    """Everything a pack can show about the dispute, with names as the log holds them."""
    today = today or date.today()
    assessed = {b.ballot_id: b for b in deadlines(log, dispute_id, today).ballots}
    with log.reading() as s:
        dispute = s.get(m.Dispute, dispute_id)
        if dispute is None:
            raise NotFoundError("That dispute is no longer in the log.")
        files = _attachments(s, dispute_id)
        return pack.BriefingData(
            dispute=pack.Dispute(
                dispute.title,
                dispute.employer,
                dispute.branch,
                dispute.summary,
                dispute.status,
                dispute.opened_on,
            ),
            people=tuple(
                pack.Person(p.name, p.role, p.workplace, p.contact)
                for p in s.scalars(
                    select(m.Person).where(m.Person.dispute_id == dispute_id).order_by(m.Person.name)
                )
            ),
            grievances=tuple(_grievance(g, files) for g in _grievances(s, dispute_id)),
            proposals=tuple(_proposal(p, files) for p in _proposals(s, dispute_id)),
            meetings=tuple(_meeting(mt, files) for mt in _meetings(s, dispute_id)),
            ballots=tuple(
                _ballot(b, assessed.get(b.id))
                for b in s.scalars(
                    select(m.Ballot).where(m.Ballot.dispute_id == dispute_id).order_by(m.Ballot.opens_on)
                )
            ),
            key_dates=tuple(
                pack.KeyDate(k.kind, k.title, k.starts_on, k.ends_on, k.note)
                for k in s.scalars(
                    select(m.KeyDate).where(m.KeyDate.dispute_id == dispute_id).order_by(m.KeyDate.starts_on)
                )
            ),
        )


def export_briefing_pack(
    log: Log,
    dispute_id: int,
    options: pack.PackOptions,
    target: Path,
    progress: Progress | None = None,
) -> RenderResult:
    """Write the pack for `options.audience` to target (atomically: a failed or cancelled export leaves
    whatever was there before)."""
    from stls_desk.export.pdf import render_briefing_pack

    data = briefing_data(log, dispute_id, options.today)
    try:
        return render_briefing_pack(data, options, target, progress)
    except OSError as exc:
        raise ServiceError(f"Cannot write {target}: {exc.strerror or exc}.") from None


def default_file_name(log: Log, dispute_id: int, audience: pack.Audience, today: date | None = None) -> str:
    """A name a branch secretary would give the file: 'stls-restructure-members-pack-2025-02-10.pdf'."""
    with log.reading() as s:
        dispute = s.get(m.Dispute, dispute_id)
        title = dispute.title if dispute is not None else "dispute"
    words = "".join(c.lower() if c.isalnum() else " " for c in title).split()
    stem = "-".join(words[:5]) or "dispute"
    return f"{stem}-{audience.value}-pack-{(today or date.today()).isoformat()}.pdf"


# ----- reading --------------------------------------------------------------------------------------------

_Files = dict[tuple[str, int], list[pack.Attachment]]


def _attachments(s: Session, dispute_id: int) -> _Files:
    found: _Files = defaultdict(list)
    rows = s.execute(
        select(
            m.Attachment.grievance_id,
            m.Attachment.proposal_id,
            m.Attachment.meeting_id,
            m.Attachment.name,
            m.Attachment.media_type,
            m.Attachment.size,
            m.Attachment.sha256,
        )
        .where(m.Attachment.dispute_id == dispute_id)
        .order_by(m.Attachment.name)
    )
    for grievance_id, proposal_id, meeting_id, name, media_type, size, sha in rows:
        owners = (("grievance", grievance_id), ("proposal", proposal_id), ("meeting", meeting_id))
        for owner, owner_id in owners:
            if owner_id is not None:
                found[(owner, owner_id)].append(pack.Attachment(name, media_type, size, sha))
    return found


def _grievances(s: Session, dispute_id: int) -> list[m.Grievance]:
    query = (
        select(m.Grievance)
        .where(m.Grievance.dispute_id == dispute_id)
        .options(selectinload(m.Grievance.raised_by))
        .order_by(m.Grievance.number)
    )
    return list(s.scalars(query))


def _proposals(s: Session, dispute_id: int) -> list[m.Proposal]:
    query = (
        select(m.Proposal)
        .where(m.Proposal.dispute_id == dispute_id)
        .options(selectinload(m.Proposal.revisions), selectinload(m.Proposal.grievances))
        .order_by(m.Proposal.number)
    )
    return list(s.scalars(query))


def _meetings(s: Session, dispute_id: int) -> list[m.Meeting]:
    query = (
        select(m.Meeting)
        .where(m.Meeting.dispute_id == dispute_id)
        .options(
            selectinload(m.Meeting.attendees).selectinload(m.Attendee.person),
            selectinload(m.Meeting.actions).selectinload(m.ActionItem.owner),
        )
        .order_by(m.Meeting.held_at)
    )
    return list(s.scalars(query))


def _grievance(g: m.Grievance, files: _Files) -> pack.Grievance:
    return pack.Grievance(
        reference=g.reference,
        title=g.title,
        scope=g.scope,
        stage=g.stage,
        status=g.status,
        raised_on=g.raised_on,
        detail=g.detail,
        category=g.category,
        raised_by=tuple(p.name for p in g.raised_by),
        staff_group=g.staff_group,
        employer_response=g.employer_response,
        response_due=g.response_due,
        resolved_on=g.resolved_on,
        confidential=g.confidential,
        attachments=tuple(files.get(("grievance", g.id), ())),
    )


def _proposal(p: m.Proposal, files: _Files) -> pack.Proposal:
    return pack.Proposal(
        reference=p.reference,
        title=p.title,
        tabled_by=p.tabled_by,
        status=p.status,
        tabled_on=p.tabled_on,
        respond_by=p.respond_by,
        text=p.text,
        employer_position=p.employer_position,
        union_position=p.union_position,
        addresses=tuple(g.reference for g in p.grievances),
        revisions=tuple(pack.Revision(r.number, r.text, r.revised_on, r.note) for r in p.revisions),
        confidential=p.confidential,
        attachments=tuple(files.get(("proposal", p.id), ())),
    )


def _meeting(mt: m.Meeting, files: _Files) -> pack.Meeting:
    return pack.Meeting(
        title=mt.title,
        held_at=mt.held_at,
        kind=mt.kind,
        location=mt.location,
        attendees=tuple(pack.Attendee(a.person.name, a.side) for a in mt.attendees),
        agenda=mt.agenda,
        minutes=mt.minutes,
        decisions=mt.decisions,
        actions=tuple(
            pack.ActionItem(a.description, a.owner.name if a.owner else "", a.due_on, a.done_on)
            for a in mt.actions
        ),
        confidential=mt.confidential,
        attachments=tuple(files.get(("meeting", mt.id), ())),
    )


def _ballot(b: m.Ballot, checked: BallotDeadlines | None) -> pack.Ballot:
    a = checked.assessment if checked is not None else None
    rules = a.thresholds_rule_set if a is not None else None
    return pack.Ballot(
        kind=b.kind,
        question=b.question,
        opens_on=b.opens_on,
        closes_on=b.closes_on,
        notice_given_on=b.notice_given_on,
        eligible=b.eligible,
        votes_cast=b.votes_cast,
        yes_votes=b.yes_votes,
        no_votes=b.no_votes,
        spoilt=b.spoilt,
        turnout=a.turnout if a else None,
        support=a.yes_share_of_votes if a else None,
        yes_of_eligible=a.yes_share_of_eligible if a else None,
        turnout_threshold=rules.turnout_threshold if rules else None,
        support_threshold=0.5 if a else None,
        yes_of_eligible_threshold=(
            rules.important_public_services_threshold if rules and b.important_public_service else None
        ),
        thresholds_met=a.valid if a else None,
        mandate_expires=(checked.mandate_last_day if checked and checked.gives_mandate else None),
        rule_set=(checked.rule_set or "") if checked else "",
        assessment=_assessment_text(b, checked),
    )


def _assessment_text(b: m.Ballot, checked: BallotDeadlines | None) -> str:
    if checked is None or checked.assessment is None:
        return (
            checked.not_assessed if checked and checked.not_assessed else "No result is recorded yet."
        ) or ""
    a = checked.assessment
    if b.kind.value == "indicative":
        verdict = "An indicative ballot: it gauges support and gives no mandate for action."
        return verdict + (" It would have met the statutory tests." if a.valid else "")
    if a.valid:
        return (
            f"A lawful mandate under the {a.rule_set} rules, lasting {a.mandate_months} months to "
            f"{a.mandate_last_day:%-d %B %Y}."
        )
    return "No lawful mandate: " + " ".join(a.reasons)
