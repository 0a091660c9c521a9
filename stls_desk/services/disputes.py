"""Disputes: the top of the log. Everything else belongs to one."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from stls_desk.db.log import Log
from stls_desk.db.models import (
    ActionItem,
    Attachment,
    AuditEntry,
    Ballot,
    Dispute,
    Grievance,
    KeyDate,
    Meeting,
    Person,
    Proposal,
    ProposalRevision,
)
from stls_desk.domain.enums import DisputeStatus
from stls_desk.services.core import (
    Outcome,
    change_row,
    create_row,
    delete_row,
    get_or_fail,
    limit_text,
    require_text,
    writing,
)
from stls_desk.services.first_screen import DisputeRow as DisputeRow
from stls_desk.services.first_screen import get_dispute as get_dispute
from stls_desk.services.first_screen import list_disputes as list_disputes

FIELDS = frozenset({"title", "employer", "branch", "summary", "status", "opened_on", "nation"})


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    if "title" in values:
        values["title"] = require_text(values["title"], "title", "The dispute's title", 200)
    for name, label in (("employer", "The employer"), ("branch", "The branch")):
        if name in values:
            values[name] = limit_text(values[name].strip(), name, label, 200)
    if "status" in values:
        values["status"] = DisputeStatus(values["status"])
    return values


def create_dispute(
    log: Log,
    title: str,
    *,
    employer: str = "",
    branch: str = "",
    summary: str = "",
    status: DisputeStatus = DisputeStatus.ACTIVE,
    opened_on: date | None = None,
) -> Outcome:
    values = _clean(
        dict(
            title=title, employer=employer, branch=branch, summary=summary, status=status, opened_on=opened_on
        )
    )
    with writing(log) as s:
        dispute = Dispute(**values)
        s.add(dispute)
        s.flush()
        return create_row(log, s, dispute, dispute_id=dispute.id, summary=dispute.title, fields=FIELDS)


def change_dispute(log: Log, dispute_id: int, **values: Any) -> Outcome:
    values = _clean(values)
    with writing(log) as s:
        dispute = get_or_fail(s, Dispute, dispute_id, "dispute")
        return change_row(
            log, s, dispute, values, allowed=FIELDS, dispute_id=dispute_id, summary=dispute.title
        )


def delete_dispute(log: Log, dispute_id: int) -> Outcome:
    """Delete a dispute and everything in it; the audit trail keeps that it happened."""
    with writing(log) as s:
        dispute = get_or_fail(s, Dispute, dispute_id, "dispute")
        return delete_row(log, s, dispute, dispute_id=dispute_id, summary=dispute.title, fields=FIELDS)


RECORD_KINDS: tuple[tuple[str, Any], ...] = (
    ("disputes", Dispute),
    ("people", Person),
    ("grievances", Grievance),
    ("proposals", Proposal),
    ("proposal revisions", ProposalRevision),
    ("meetings", Meeting),
    ("action items", ActionItem),
    ("ballots", Ballot),
    ("key dates", KeyDate),
    ("attachments", Attachment),
    ("audit entries", AuditEntry),
)


def record_counts(log: Log) -> dict[str, int]:
    """How many of each kind of record the log holds."""
    with log.reading() as s:
        return {
            name: int(s.scalar(select(func.count()).select_from(model)) or 0) for name, model in RECORD_KINDS
        }
