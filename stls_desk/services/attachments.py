"""Attachments: files (the council's proposal PDF, a letter) kept inside the log itself."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from stls_desk.db.log import Log
from stls_desk.db.models import Attachment, Grievance, Meeting, Proposal
from stls_desk.services.core import Outcome, ServiceError, create_row, delete_row, get_or_fail, writing

FIELDS = frozenset({"name", "media_type", "sha256", "size"})
OWNERS: dict[str, type[Grievance] | type[Proposal] | type[Meeting]] = {
    "grievance": Grievance,
    "proposal": Proposal,
    "meeting": Meeting,
}
MAX_SIZE = 200 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    name: str
    media_type: str
    size: int
    sha256: str
    added_at: datetime


def _owner_column(owner: str) -> str:
    if owner not in OWNERS:
        raise ServiceError(f"Files can be attached to grievances, proposals and meetings, not to {owner}.")
    return f"{owner}_id"


def list_attachments(log: Log, owner: str, owner_id: int) -> list[AttachmentRow]:
    column = getattr(Attachment, _owner_column(owner))
    with log.reading() as s:
        rows = s.execute(
            select(
                Attachment.id,
                Attachment.name,
                Attachment.media_type,
                Attachment.size,
                Attachment.sha256,
                Attachment.created_at,
            )
            .where(column == owner_id)
            .order_by(Attachment.name)
        )
        return [AttachmentRow(*r) for r in rows]


def add_attachment(
    log: Log, owner: str, owner_id: int, name: str, data: bytes, media_type: str = ""
) -> Outcome:
    """Keep a copy of the file's bytes in the log, with its SHA-256 so a copy can be checked later."""
    column = _owner_column(owner)
    if len(data) > MAX_SIZE:
        raise ServiceError(
            f"{name} is {len(data) // (1024 * 1024)} MB; files over 200 MB cannot be attached."
        )
    media_type = media_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    with writing(log) as s:
        parent: Grievance | Proposal | Meeting = get_or_fail(s, OWNERS[owner], owner_id, owner)
        attachment = Attachment(
            dispute_id=parent.dispute_id,
            name=Path(name).name or "attachment",
            media_type=media_type,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            data=data,
            **{column: owner_id},
        )
        s.add(attachment)
        s.flush()
        return create_row(
            log,
            s,
            attachment,
            dispute_id=parent.dispute_id,
            summary=f"{owner} #{owner_id}: {attachment.name}",
            fields=FIELDS,
        )


def attach_file(log: Log, owner: str, owner_id: int, path: Path) -> Outcome:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ServiceError(f"Cannot read {path.name}: {exc.strerror or exc}.") from None
    return add_attachment(log, owner, owner_id, path.name, data)


def attachment_data(log: Log, attachment_id: int) -> bytes:
    with log.reading() as s:
        return get_or_fail(s, Attachment, attachment_id, "attachment").data


def delete_attachment(log: Log, attachment_id: int) -> Outcome:
    with writing(log) as s:
        a = get_or_fail(s, Attachment, attachment_id, "attachment")
        return delete_row(log, s, a, dispute_id=a.dispute_id, summary=a.name, fields=FIELDS)
