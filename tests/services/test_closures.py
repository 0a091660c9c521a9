"""Closure days and a dispute's nation: audited like every change, and what working days count from."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from stls_desk.db.log import Log
from stls_desk.db.models import AuditEntry
from stls_desk.domain.enums import AuditAction
from stls_desk.domain.working_days import Nation
from stls_desk.services import closures
from stls_desk.services.core import NotFoundError, ValidationError


def audit_trail(log: Log, entity: str) -> list[tuple[AuditAction, dict[str, object]]]:
    with log.reading() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id))
        return [(e.action, json.loads(e.changes)) for e in entries]


def test_closure_days_are_listed_in_date_order_and_audited(log: Log, dispute_id: int) -> None:
    late = closures.add_closure_day(log, dispute_id, date(2025, 12, 19), "  Staff training  ")
    early = closures.add_closure_day(log, dispute_id, date(2025, 10, 24))

    rows = closures.list_closure_days(log, dispute_id)
    assert [(r.id, r.day, r.note) for r in rows] == [
        (early.id, date(2025, 10, 24), ""),
        (late.id, date(2025, 12, 19), "Staff training"),
    ]
    assert [r.day for r in closures.list_closure_days(log, dispute_id, start=date(2025, 11, 1))] == [
        date(2025, 12, 19)
    ]
    assert closures.list_closure_days(log, dispute_id, end=date(2025, 10, 23)) == []

    closures.remove_closure_day(log, early.id)
    assert [r.day for r in closures.list_closure_days(log, dispute_id)] == [date(2025, 12, 19)]
    assert audit_trail(log, "closure_day") == [
        (AuditAction.CREATED, {"day": [None, "2025-12-19"], "note": [None, "Staff training"]}),
        (AuditAction.CREATED, {"day": [None, "2025-10-24"], "note": [None, ""]}),
        (AuditAction.DELETED, {"day": ["2025-10-24", None], "note": ["", None]}),
    ]


def test_a_day_is_a_closure_day_once_and_the_dispute_must_exist(log: Log, dispute_id: int) -> None:
    closures.add_closure_day(log, dispute_id, date(2025, 12, 19))
    with pytest.raises(ValidationError) as refused:
        closures.add_closure_day(log, dispute_id, date(2025, 12, 19))
    assert refused.value.field == "day"
    assert "19 December 2025 is already a closure day" in refused.value.message
    with pytest.raises(ValidationError) as too_long:
        closures.add_closure_day(log, dispute_id, date(2025, 12, 22), "x" * 301)
    assert too_long.value.field == "note"
    with pytest.raises(NotFoundError):
        closures.add_closure_day(log, dispute_id + 1, date(2025, 12, 22))
    with pytest.raises(NotFoundError):
        closures.remove_closure_day(log, 999)


def test_the_nation_defaults_to_england_and_wales_and_changes_are_audited(log: Log, dispute_id: int) -> None:
    assert closures.get_nation(log, dispute_id) is Nation.ENGLAND_WALES

    outcome = closures.set_nation(log, dispute_id, "scotland")

    assert outcome.fields == ("nation",)
    assert closures.get_nation(log, dispute_id) is Nation.SCOTLAND
    changed = [changes for action, changes in audit_trail(log, "dispute") if action == AuditAction.CHANGED]
    assert changed == [{"nation": ["england_wales", "scotland"]}]
    assert closures.set_nation(log, dispute_id, Nation.SCOTLAND).fields == ()  # no change, no entry


def test_an_unknown_nation_is_refused_by_field(log: Log, dispute_id: int) -> None:
    with pytest.raises(ValidationError) as refused:
        closures.set_nation(log, dispute_id, "wales")
    assert refused.value.field == "nation"
    assert "England and Wales, Scotland, Northern Ireland" in refused.value.message
    with pytest.raises(NotFoundError):
        closures.set_nation(log, dispute_id + 1, Nation.SCOTLAND)


def test_the_working_calendar_has_the_nation_and_the_closure_days(log: Log, dispute_id: int) -> None:
    closures.add_closure_day(log, dispute_id, date(2026, 1, 5))
    closures.set_nation(log, dispute_id, Nation.NORTHERN_IRELAND)

    calendar = closures.working_calendar(log, dispute_id)

    assert calendar.nation is Nation.NORTHERN_IRELAND
    assert calendar.closures == frozenset({date(2026, 1, 5)})
    assert not calendar.is_working_day(date(2026, 3, 17))  # St Patrick's Day
    with pytest.raises(NotFoundError):
        closures.working_calendar(log, dispute_id + 1)
