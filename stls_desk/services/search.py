"""One search over every text field of every kind of record, through the log's FTS5 index.

The index is kept in step by triggers (migration 0002), so whatever writes to the log — a form, an import,
an undo — is found at once, and deleted text is found no more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select, text

from stls_desk.db.log import Log
from stls_desk.db.models import ActionItem, Attachment, ProposalRevision

# The kind of record behind each index row: rowid = record id * 16 + code (see migration 0002).
KIND_CODES = {
    1: "dispute",
    2: "person",
    3: "grievance",
    4: "proposal",
    5: "proposal_revision",
    6: "meeting",
    7: "action_item",
    8: "ballot",
    9: "key_date",
    10: "attachment",
}
KIND_LABELS = {
    "dispute": "Disputes",
    "person": "People",
    "grievance": "Grievances",
    "proposal": "Proposals",
    "proposal_revision": "Proposal revisions",
    "meeting": "Meetings",
    "action_item": "Action items",
    "ballot": "Ballots",
    "key_date": "Key dates",
    "attachment": "Attachments",
}
_START, _END = "\ue000", "\ue001"  # private-use marks around matched words; never in typed text
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    entity: str
    id: int
    dispute_id: int | None
    title: str
    snippet: tuple[tuple[str, bool], ...]  # (text, is a matching word) pieces, to show the matches

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.entity]


def match_expression(query: str) -> str:
    """The user's words as an FTS5 query: every word must appear, each as a prefix ("consult" finds
    "consultation"). Quoting each word keeps FTS5's own syntax (AND, NEAR, quotes, colons) out of reach."""
    words = _WORD.findall(query.replace(_START, "").replace(_END, ""))
    return " ".join(f'"{w}"*' for w in words)


def _pieces(snippet: str) -> tuple[tuple[str, bool], ...]:
    parts: list[tuple[str, bool]] = []
    for chunk in re.split(f"({_START}.*?{_END})", snippet):
        if chunk.startswith(_START):
            parts.append((chunk[1:-1], True))
        elif chunk:
            parts.append((chunk, False))
    return tuple(parts)


def search(log: Log, query: str, *, dispute_id: int | None = None, limit: int = 200) -> list[SearchHit]:
    """The best matches first (bm25), titles weighted above bodies; empty for a query with no words."""
    expression = match_expression(query)
    if not expression:
        return []
    sql = (
        "SELECT rowid, dispute_id, title, "
        f"snippet(search_index, -1, '{_START}', '{_END}', '…', 12) "
        "FROM search_index WHERE search_index MATCH :q"
        + (" AND dispute_id = :d" if dispute_id is not None else "")
        + " ORDER BY bm25(search_index, 4.0, 1.0) LIMIT :n"
    )
    with log.reading() as s:
        rows = s.execute(text(sql), {"q": expression, "d": dispute_id, "n": limit}).all()
    return [
        SearchHit(KIND_CODES[rowid % 16], rowid // 16, d, title, _pieces(snip))
        for rowid, d, title, snip in rows
    ]


def grouped(hits: list[SearchHit]) -> dict[str, list[SearchHit]]:
    """Hits by kind, kinds in the order a rep thinks of them, each kind's hits best first."""
    order = list(KIND_LABELS)
    groups: dict[str, list[SearchHit]] = {}
    for hit in sorted(hits, key=lambda h: order.index(h.entity)):
        groups.setdefault(hit.entity, []).append(hit)
    return groups


SHOWN_BY_OWNER = frozenset({"proposal_revision", "action_item", "attachment"})
"""Kinds of record shown inside another record (a revision in its proposal), not in a tab of their own."""


def owner_of(log: Log, entity: str, record_id: int) -> tuple[str, int] | None:
    """The record to open to show this one: a revision's proposal, an action item's meeting, an attachment's
    grievance, proposal or meeting; any other kind is shown as itself. None for a revision, action item or
    attachment that is no longer in the log."""
    with log.reading() as s:
        if entity == "proposal_revision":
            proposal_id = s.scalar(
                select(ProposalRevision.proposal_id).where(ProposalRevision.id == record_id)
            )
            return None if proposal_id is None else ("proposal", proposal_id)
        if entity == "action_item":
            meeting_id = s.scalar(select(ActionItem.meeting_id).where(ActionItem.id == record_id))
            return None if meeting_id is None else ("meeting", meeting_id)
        if entity == "attachment":
            owners = s.execute(
                select(Attachment.grievance_id, Attachment.proposal_id, Attachment.meeting_id).where(
                    Attachment.id == record_id
                )
            ).first()
            if owners is None:
                return None
            kinds = ("grievance", "proposal", "meeting")
            return next((kind, owner) for kind, owner in zip(kinds, owners, strict=True) if owner is not None)
    return entity, record_id
