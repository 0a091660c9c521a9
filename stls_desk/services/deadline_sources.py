"""The records deadlines are worked out from, read in one transaction with plain SQL.

Read through the driver (`Log.plain_reading`), not the models: the Overview and the calendar need them for
the window's first screen, before SQLAlchemy is imported. `services.deadlines` derives the deadlines from
them; `services.upcoming` and `services.overview` list them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from stls_desk.db import driver, plain
from stls_desk.domain.enums import (
    BallotKind,
    GrievanceStatus,
    KeyDateKind,
    MeetingKind,
    ProposalStatus,
    TabledBy,
)
from stls_desk.domain.working_days import Nation
from stls_desk.services.outcome import gone

OPEN_GRIEVANCE = tuple(s for s in GrievanceStatus if s.is_open)
AWAITING_ANSWER = tuple(s for s in ProposalStatus if s.awaiting_answer)


@dataclass(frozen=True)
class BallotRecord:
    id: int
    uuid: str
    kind: BallotKind
    question: str
    notice_given_on: date | None
    opens_on: date
    closes_on: date
    eligible: int | None
    votes_cast: int | None
    yes_votes: int | None
    no_votes: int | None
    important_public_service: bool
    mandate_extended_by_agreement: bool


@dataclass(frozen=True)
class KeyDateRecord:
    id: int
    uuid: str
    kind: KeyDateKind
    title: str
    starts_on: date
    ends_on: date | None
    note: str
    employer_agreed_short_notice: bool


@dataclass(frozen=True)
class AnswerDue:
    """An open grievance with a response due, or a proposal awaiting an answer by a day."""

    id: int
    uuid: str
    number: int
    title: str
    due: date
    confidential: bool
    tabled_by: TabledBy | None = None  # a proposal's


@dataclass(frozen=True)
class MeetingRecord:
    id: int
    uuid: str
    title: str
    held_at: datetime
    kind: MeetingKind
    location: str
    confidential: bool


@dataclass(frozen=True)
class Sources:
    """The records deadlines come from: one query per kind of record, read in one transaction."""

    nation: Nation
    ballots: Sequence[BallotRecord]
    key_dates: Sequence[KeyDateRecord]
    grievances: Sequence[AnswerDue]
    proposals: Sequence[AnswerDue]
    meetings: Sequence[MeetingRecord]


def read_sources(
    conn: driver.Connection,
    dispute_id: int,
    *,
    due_from: date | None = None,
    until: date | None = None,
    meetings_from: date | None = None,
    meetings: bool = True,
) -> Sources:
    """Ballots and key dates whole (a dispute has few, and a notice before a window still counts in it);
    grievances, proposals and meetings only within the window, filtered by the database.

    Read with plain SQL on a `Log.plain_reading()` connection: the Overview and the calendar need them
    first, before SQLAlchemy is imported."""
    found = conn.execute("SELECT nation FROM dispute WHERE id = ?", (dispute_id,)).fetchone()
    if found is None:
        raise gone("dispute")

    def window(column: str, first: object, last: object) -> tuple[str, list[object]]:
        where = ([f" AND {column} >= ?"] if first else []) + ([f" AND {column} <= ?"] if last else [])
        return "".join(where), [v for v in (first, last) if v]

    ballots = [
        BallotRecord(
            row[0],
            row[1],
            BallotKind(row[2]),
            row[3],
            plain.day(row[4]),
            date.fromisoformat(row[5]),
            date.fromisoformat(row[6]),
            row[7],
            row[8],
            row[9],
            row[10],
            bool(row[11]),
            bool(row[12]),
        )
        for row in conn.execute(
            "SELECT id, uuid, kind, question, notice_given_on, opens_on, closes_on, eligible, votes_cast,"
            " yes_votes, no_votes, important_public_service, mandate_extended_by_agreement"
            " FROM ballot WHERE dispute_id = ? ORDER BY opens_on, id",
            (dispute_id,),
        )
    ]
    key_dates = [
        KeyDateRecord(
            row[0],
            row[1],
            KeyDateKind(row[2]),
            row[3],
            date.fromisoformat(row[4]),
            plain.day(row[5]),
            row[6],
            bool(row[7]),
        )
        for row in conn.execute(
            "SELECT id, uuid, kind, title, starts_on, ends_on, note, employer_agreed_short_notice"
            " FROM key_date WHERE dispute_id = ? ORDER BY starts_on, id",
            (dispute_id,),
        )
    ]
    first_due, last_due = due_from.isoformat() if due_from else None, until.isoformat() if until else None
    where, bounds = window("response_due", first_due, last_due)
    grievances = [
        AnswerDue(row[0], row[1], row[2], row[3], date.fromisoformat(row[4]), bool(row[5]))
        for row in conn.execute(
            "SELECT id, uuid, number, title, response_due, confidential FROM grievance"
            f" WHERE dispute_id = ? AND status IN ({plain.marks(len(OPEN_GRIEVANCE))})"
            f" AND response_due IS NOT NULL{where} ORDER BY response_due, number",
            (dispute_id, *OPEN_GRIEVANCE, *bounds),
        )
    ]
    where, bounds = window("respond_by", first_due, last_due)
    proposals = [
        AnswerDue(row[0], row[1], row[2], row[3], date.fromisoformat(row[4]), bool(row[5]), TabledBy(row[6]))
        for row in conn.execute(
            "SELECT id, uuid, number, title, respond_by, confidential, tabled_by FROM proposal"
            f" WHERE dispute_id = ? AND status IN ({plain.marks(len(AWAITING_ANSWER))})"
            f" AND respond_by IS NOT NULL{where} ORDER BY respond_by, number",
            (dispute_id, *AWAITING_ANSWER, *bounds),
        )
    ]
    held: list[MeetingRecord] = []
    if meetings:
        first = plain.moment_text(datetime.combine(meetings_from, time.min)) if meetings_from else None
        last = plain.moment_text(datetime.combine(until, time.max)) if until else None
        where, bounds = window("held_at", first, last)
        held = [
            MeetingRecord(
                row[0], row[1], row[2], plain.moment(row[3]), MeetingKind(row[4]), row[5], bool(row[6])
            )
            for row in conn.execute(
                "SELECT id, uuid, title, held_at, kind, location, confidential FROM meeting"
                f" WHERE dispute_id = ?{where} ORDER BY held_at, id",
                (dispute_id, *bounds),
            )
        ]
    return Sources(Nation(found[0]), ballots, key_dates, grievances, proposals, held)
