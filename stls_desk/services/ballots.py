"""Ballots and key dates: the figures of each vote, and the days a dispute turns on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from stls_desk.db.log import Log
from stls_desk.db.models import Ballot, KeyDate
from stls_desk.domain.enums import BallotKind, KeyDateKind
from stls_desk.services.core import (
    Outcome,
    ValidationError,
    change_row,
    create_row,
    delete_row,
    get_or_fail,
    require_order,
    require_text,
    writing,
)

BALLOT_FIELDS = frozenset(
    {
        "kind",
        "question",
        "notice_given_on",
        "opens_on",
        "closes_on",
        "eligible",
        "votes_cast",
        "yes_votes",
        "no_votes",
        "spoilt",
        "important_public_service",
        "mandate_extended_by_agreement",
    }
)
KEY_DATE_FIELDS = frozenset({"kind", "title", "starts_on", "ends_on", "note", "employer_agreed_short_notice"})
COUNTS = ("eligible", "votes_cast", "yes_votes", "no_votes", "spoilt")


@dataclass(frozen=True)
class BallotRow:
    id: int
    dispute_id: int
    kind: BallotKind
    question: str
    notice_given_on: date | None
    opens_on: date
    closes_on: date
    eligible: int | None
    votes_cast: int | None
    yes_votes: int | None
    no_votes: int | None
    spoilt: int | None
    important_public_service: bool
    mandate_extended_by_agreement: bool


@dataclass(frozen=True)
class KeyDateRow:
    id: int
    dispute_id: int
    kind: KeyDateKind
    title: str
    starts_on: date
    ends_on: date | None
    note: str
    employer_agreed_short_notice: bool


def _ballot_row(b: Ballot) -> BallotRow:
    return BallotRow(*(getattr(b, name) for name in BallotRow.__dataclass_fields__))


def _key_date_row(k: KeyDate) -> KeyDateRow:
    return KeyDateRow(*(getattr(k, name) for name in KeyDateRow.__dataclass_fields__))


def _clean_ballot(values: dict[str, Any], current: Ballot | None = None) -> dict[str, Any]:
    if "question" in values:
        values["question"] = require_text(values["question"], "question", "The ballot question", 2000)
    if "kind" in values:
        values["kind"] = BallotKind(values["kind"])
    merged = {name: values.get(name, getattr(current, name) if current else None) for name in BALLOT_FIELDS}
    for name in COUNTS:
        count = merged[name]
        if count is not None and count < 0:
            raise ValidationError(name, "A count cannot be negative.")
    require_order(
        merged["closes_on"], merged["opens_on"], "closes_on", "A ballot cannot close before it opens."
    )
    cast, eligible = merged["votes_cast"], merged["eligible"]
    if cast is not None and eligible is not None and cast > eligible:
        raise ValidationError(
            "votes_cast", f"{cast} votes cast is more than the {eligible} members entitled to vote."
        )
    answered = sum(merged[name] or 0 for name in ("yes_votes", "no_votes", "spoilt"))
    if cast is not None and answered > cast:
        raise ValidationError(
            "yes_votes", f"Yes, no and spoilt add up to {answered}, more than the {cast} votes cast."
        )
    return values


def list_ballots(log: Log, dispute_id: int) -> list[BallotRow]:
    with log.reading() as s:
        rows = s.scalars(select(Ballot).where(Ballot.dispute_id == dispute_id).order_by(Ballot.opens_on))
        return [_ballot_row(b) for b in rows]


def get_ballot(log: Log, ballot_id: int) -> BallotRow:
    with log.reading() as s:
        return _ballot_row(get_or_fail(s, Ballot, ballot_id, "ballot"))


def create_ballot(
    log: Log, dispute_id: int, question: str, opens_on: date, closes_on: date, **values: Any
) -> Outcome:
    values = _clean_ballot({"question": question, "opens_on": opens_on, "closes_on": closes_on, **values})
    values.setdefault("kind", BallotKind.STATUTORY)
    with writing(log) as s:
        b = Ballot(dispute_id=dispute_id, **values)
        s.add(b)
        s.flush()
        return create_row(
            log, s, b, dispute_id=dispute_id, summary=f"{b.kind.label} ballot", fields=BALLOT_FIELDS
        )


def change_ballot(log: Log, ballot_id: int, **values: Any) -> Outcome:
    with writing(log) as s:
        b = get_or_fail(s, Ballot, ballot_id, "ballot")
        values = _clean_ballot(values, b)
        summary = f"{b.kind.label} ballot"
        return change_row(log, s, b, values, allowed=BALLOT_FIELDS, dispute_id=b.dispute_id, summary=summary)


def delete_ballot(log: Log, ballot_id: int) -> Outcome:
    with writing(log) as s:
        b = get_or_fail(s, Ballot, ballot_id, "ballot")
        summary = f"{b.kind.label} ballot"
        return delete_row(log, s, b, dispute_id=b.dispute_id, summary=summary, fields=BALLOT_FIELDS)


def _clean_key_date(values: dict[str, Any], current: KeyDate | None = None) -> dict[str, Any]:
    if "title" in values:
        values["title"] = require_text(values["title"], "title", "The title", 300)
    if "kind" in values:
        values["kind"] = KeyDateKind(values["kind"])
    starts = values.get("starts_on", current.starts_on if current else None)
    ends = values.get("ends_on", current.ends_on if current else None)
    if starts is None:
        raise ValidationError("starts_on", "Give the date.")
    require_order(ends, starts, "ends_on", "A date range cannot end before it starts.")
    return values


def list_key_dates(log: Log, dispute_id: int) -> list[KeyDateRow]:
    with log.reading() as s:
        rows = s.scalars(select(KeyDate).where(KeyDate.dispute_id == dispute_id).order_by(KeyDate.starts_on))
        return [_key_date_row(k) for k in rows]


def create_key_date(
    log: Log, dispute_id: int, kind: KeyDateKind, title: str, starts_on: date, **values: Any
) -> Outcome:
    values = _clean_key_date({"kind": kind, "title": title, "starts_on": starts_on, **values})
    with writing(log) as s:
        k = KeyDate(dispute_id=dispute_id, **values)
        s.add(k)
        s.flush()
        return create_row(log, s, k, dispute_id=dispute_id, summary=k.title, fields=KEY_DATE_FIELDS)


def change_key_date(log: Log, key_date_id: int, **values: Any) -> Outcome:
    with writing(log) as s:
        k = get_or_fail(s, KeyDate, key_date_id, "date")
        values = _clean_key_date(values, k)
        return change_row(
            log, s, k, values, allowed=KEY_DATE_FIELDS, dispute_id=k.dispute_id, summary=k.title
        )


def delete_key_date(log: Log, key_date_id: int) -> Outcome:
    with writing(log) as s:
        k = get_or_fail(s, KeyDate, key_date_id, "date")
        return delete_row(log, s, k, dispute_id=k.dispute_id, summary=k.title, fields=KEY_DATE_FIELDS)
