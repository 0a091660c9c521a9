"""What the window shows first, read without SQLAlchemy: the log's disputes and a dispute's latest proposals.

Importing SQLAlchemy and mapping the models take about half a second, so the first screen (the dispute
chooser and the Overview, `services.overview`) is read with plain SQL through `Log.plain_reading()`, and
the window fills before the rest of the program is loaded. `services.disputes` and `services.proposals`
give these same rows to everything else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from stls_desk.db import driver, plain
from stls_desk.db.log import Log
from stls_desk.domain.enums import DisputeStatus, ProposalStatus, TabledBy
from stls_desk.services.outcome import gone


@dataclass(frozen=True)
class DisputeRow:
    id: int
    uuid: str
    title: str
    employer: str
    branch: str
    summary: str
    status: DisputeStatus
    opened_on: date | None


@dataclass(frozen=True)
class ProposalRow:
    id: int
    number: int
    title: str
    tabled_by: TabledBy
    tabled_on: date | None
    respond_by: date | None
    status: ProposalStatus
    confidential: bool

    @property
    def reference(self) -> str:
        return f"P-{self.number:03d}"


_DISPUTE = "SELECT id, uuid, title, employer, branch, summary, status, opened_on FROM dispute"


def _disputes(rows: Iterable[Any]) -> list[DisputeRow]:
    return [
        DisputeRow(id_, uuid, title, employer, branch, summary, DisputeStatus(status), plain.day(opened_on))
        for id_, uuid, title, employer, branch, summary, status, opened_on in rows
    ]


def list_disputes(log: Log) -> list[DisputeRow]:
    """Active disputes first, then by title."""
    with log.plain_reading() as conn:
        return _disputes(conn.execute(f"{_DISPUTE} ORDER BY status != ?, title", (DisputeStatus.ACTIVE,)))


def get_dispute(log: Log, dispute_id: int) -> DisputeRow:
    with log.plain_reading() as conn:
        found = _disputes(conn.execute(f"{_DISPUTE} WHERE id = ?", (dispute_id,)))
    if not found:
        raise gone("dispute")
    return found[0]


def latest_proposals(conn: driver.Connection, dispute_id: int, limit: int) -> list[ProposalRow]:
    """The dispute's proposals most recently tabled first (those with no day last), as the Proposals tab
    sorts them by day tabled, newest first."""
    rows = conn.execute(
        "SELECT id, number, title, tabled_by, tabled_on, respond_by, status, confidential FROM proposal"
        " WHERE dispute_id = ? ORDER BY tabled_on DESC, number LIMIT ?",
        (dispute_id, limit),
    )
    return [
        ProposalRow(
            id_,
            number,
            title,
            TabledBy(tabled_by),
            plain.day(tabled_on),
            plain.day(respond_by),
            ProposalStatus(status),
            bool(confidential),
        )
        for id_, number, title, tabled_by, tabled_on, respond_by, status, confidential in rows
    ]
