"""The Core-statement save (current_row + change_columns) writes what the ORM save writes."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from stls_desk.db import driver
from stls_desk.db.log import Log
from stls_desk.db.models import AuditEntry, Grievance
from stls_desk.domain.enums import AuditAction, GrievanceStage, GrievanceStatus, ProposalStatus
from stls_desk.services import grievances, proposals
from stls_desk.services.core import ServiceError, ValidationError


def _state(log: Log, grievance_id: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The grievance's fields and updated_at, and its audit entries."""
    with log.reading() as s:
        g = s.get(Grievance, grievance_id)
        assert g is not None
        row = {name: getattr(g, name) for name in (*grievances.FIELDS, "updated_at")}
        entries = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "grievance", AuditEntry.entity_id == grievance_id)
            .order_by(AuditEntry.id)
        )
        audit = [
            {key: getattr(e, key) for key in ("actor", "dispute_id", "action", "summary", "changes")}
            for e in entries
        ]
    return row, audit


def test_a_save_without_raisers_matches_the_orm_save(log: Log, dispute_id: int) -> None:
    """change_grievance without raised_by takes the Core path; with an unchanged raised_by, the ORM one."""
    fast, orm = (
        grievances.create_grievance(log, dispute_id, "Mileage", raised_on=date(2025, 1, 6)).id
        for _ in range(2)
    )
    changes = {
        "title": "Mileage rates cut",
        "stage": "formal",
        "status": GrievanceStatus.IN_NEGOTIATION,
        "response_due": date(2025, 2, 3),
        "confidential": True,
    }
    before = _state(log, fast)[0]["updated_at"]
    outcome_fast = grievances.change_grievance(log, fast, **changes)
    outcome_orm = grievances.change_grievance(log, orm, raised_by=[], **changes)

    assert outcome_fast == replace(outcome_orm, id=fast)
    assert outcome_fast.fields == tuple(sorted(changes))
    (row_fast, audit_fast), (row_orm, audit_orm) = _state(log, fast), _state(log, orm)
    assert row_fast.pop("updated_at") > before
    row_orm.pop("updated_at")
    assert row_fast == row_orm and row_fast["stage"] is GrievanceStage.FORMAL
    changed_fast, changed_orm = audit_fast[-1], audit_orm[-1]
    assert changed_fast["action"] is AuditAction.CHANGED
    assert (changed_fast.pop("summary"), changed_orm.pop("summary")) == ("G-001 Mileage", "G-002 Mileage")
    assert changed_fast == changed_orm
    # What the compiled statements write is, to the letter, what the models write.
    with log.plain_reading() as conn:
        stored = {
            gid: conn.execute(
                "SELECT raised_on, response_due, stage, status, confidential, updated_at FROM grievance"
                " WHERE id = ?",
                (gid,),
            ).fetchone()
            for gid in (fast, orm)
        }
    assert stored[fast][:5] == stored[orm][:5] == ("2025-01-06", "2025-02-03", "formal", "in_negotiation", 1)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", stored[fast][5])


def test_a_save_the_log_refuses_changes_nothing(log: Log, dispute_id: int) -> None:
    g = grievances.create_grievance(log, dispute_id, "Mileage", raised_on=date(2025, 1, 6)).id
    before = _state(log, g)
    with pytest.raises(ValidationError):
        grievances.change_grievance(log, g, resolved_on=date(2024, 12, 1))  # before it was raised
    with pytest.raises(ValidationError):
        grievances.change_grievance(log, g, number=7)  # not a field a rep changes
    assert _state(log, g) == before


def test_a_field_save_the_file_refuses_is_explained_and_changes_nothing(log: Log, dispute_id: int) -> None:
    """A refusal from the driver itself (here: a log SQLite may only read) reaches the rep in words."""
    g = grievances.create_grievance(log, dispute_id, "Mileage", raised_on=date(2025, 1, 6)).id
    before = _state(log, g)
    engine = create_engine(
        "sqlite://",
        module=driver.dbapi2,
        creator=lambda: driver.connect(driver.read_only_uri(log.path), uri=True, check_same_thread=False),
    )
    read_only = Log(log.path, engine)
    try:
        with pytest.raises(ServiceError, match=r"read-only\. Nothing was lost"):
            grievances.change_grievance(read_only, g, title="Mileage rates cut")
    finally:
        engine.dispose()
    assert _state(log, g) == before


def test_a_proposal_saved_field_by_field_matches_the_orm_save(log: Log, dispute_id: int) -> None:
    """change_proposal without grievances takes the compiled path; with an unchanged list, the ORM one."""
    fast, orm = (
        proposals.create_proposal(log, dispute_id, "Caseload cap", tabled_on=date(2025, 1, 6)).id
        for _ in range(2)
    )
    changes = {
        "status": ProposalStatus.UNDER_CONSIDERATION,
        "respond_by": date(2025, 1, 20),
        "text": "Thirty",
    }
    outcome_fast = proposals.change_proposal(log, fast, **changes)
    outcome_orm = proposals.change_proposal(log, orm, grievances=[], **changes)
    assert outcome_fast == replace(outcome_orm, id=fast)
    with log.plain_reading() as conn:
        stored = {
            pid: conn.execute("SELECT status, respond_by, text FROM proposal WHERE id = ?", (pid,)).fetchone()
            for pid in (fast, orm)
        }
        audited = [
            json.loads(changes)
            for (changes,) in conn.execute(
                "SELECT changes FROM audit_entry WHERE entity = 'proposal' AND action = 'changed' ORDER BY id"
            )
        ]
    assert stored[fast] == stored[orm] == ("under_consideration", "2025-01-20", "Thirty")
    assert audited[0] == audited[1] and audited[0]["respond_by"] == [None, "2025-01-20"]
    with pytest.raises(ValidationError, match="before the proposal was tabled"):
        proposals.change_proposal(log, fast, respond_by=date(2024, 12, 1))
