"""What every service shares: the result of a user action, validation errors, and audited writes.

A service function is one user action: it opens a transaction on the log, changes rows, writes an audit
entry for each, and returns an `Outcome` saying what changed — never a live ORM object.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from types import SimpleNamespace
from typing import Any, TypeVar, cast

from sqlalchemy import Dialect, Insert, Select, Table, Update, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, configure_mappers

from stls_desk.db import driver
from stls_desk.db.log import Log
from stls_desk.db.models import AuditEntry, Row
from stls_desk.domain.enums import AuditAction
from stls_desk.services.outcome import NotFoundError as NotFoundError
from stls_desk.services.outcome import Outcome as Outcome
from stls_desk.services.outcome import ServiceError as ServiceError
from stls_desk.services.outcome import ValidationError as ValidationError
from stls_desk.services.outcome import gone

R = TypeVar("R", bound=Row)

# Fields whose values are a member's personal data: the audit trail records that they changed, not what to.
PERSONAL_FIELDS: dict[str, frozenset[str]] = {
    "person": frozenset({"name", "workplace", "contact", "notes"}),
}


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    entity: str
    entity_id: int
    action: AuditAction
    summary: str
    changes: dict[str, Any] = field(default_factory=dict)


def plain(value: Any) -> Any:
    """A value as JSON can hold it, for the audit trail."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


def audit_values(
    log: Log,
    entity: str,
    entity_id: int,
    entity_uuid: str,
    action: AuditAction,
    changes: dict[str, tuple[Any, Any]],
    *,
    dispute_id: int | None,
    summary: str = "",
) -> dict[str, Any]:
    """The columns of one audit entry; personal fields are recorded by name only."""
    personal = PERSONAL_FIELDS.get(entity, frozenset())
    recorded = {
        name: None if name in personal else [plain(old), plain(new)] for name, (old, new) in changes.items()
    }
    return {
        "actor": log.actor,
        "entity": entity,
        "entity_id": entity_id,
        "entity_uuid": entity_uuid,
        "dispute_id": dispute_id,
        "action": action,
        "summary": summary[:400],
        "changes": json.dumps(recorded, ensure_ascii=False, sort_keys=True),
    }


def audit(
    session: Session,
    log: Log,
    row: Row,
    action: AuditAction,
    changes: dict[str, tuple[Any, Any]],
    *,
    dispute_id: int | None,
    summary: str = "",
) -> None:
    values = audit_values(
        log,
        type(row).__tablename__,
        row.id,
        row.uuid,
        action,
        changes,
        dispute_id=dispute_id,
        summary=summary,
    )
    session.add(AuditEntry(**values))


def changed_values(
    current: Any, values: dict[str, Any], allowed: frozenset[str]
) -> dict[str, tuple[Any, Any]]:
    """{field: (old, new)} for the given fields whose value differs from current's; unknown fields refused."""
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(
            sorted(unknown)[0], f"{sorted(unknown)[0]!r} is not a field that can be changed."
        )
    changed: dict[str, tuple[Any, Any]] = {}
    for name, new in values.items():
        old = getattr(current, name)
        if old != new:
            changed[name] = (old, new)
    return changed


def apply_changes(row: Row, values: dict[str, Any], allowed: frozenset[str]) -> dict[str, tuple[Any, Any]]:
    """Set the given fields on row; return {field: (old, new)} for those whose value really changed."""
    changed = changed_values(row, values, allowed)
    for name, (_old, new) in changed.items():
        setattr(row, name, new)
    return changed


def get_or_fail(session: Session, model: type[R], row_id: int, what: str) -> R:
    row = session.get(model, row_id)
    if row is None:
        raise gone(what)
    return row


# ----- edits without the ORM: for the saves a rep makes field by field ------------------------------------
#
# Saving one field through the ORM (get, flush, unit of work, audit object, commit) cost several times the
# bare UPDATE + INSERT + COMMIT, and through Core statements still twice. These helpers read the row, write
# one UPDATE of the changed columns and one audit INSERT, with statements SQLAlchemy compiles once per shape
# (`Compiled`), on the driver's cursor in one transaction (`Log.writing_cursor`).

_ROW_ID = "stls_row_id"  # the bound id's name: no column is called that


class Compiled:
    """A Core statement compiled once for a dialect, to run on the driver's own cursor.

    SQLAlchemy's own work on each execution, done once: the SQL and the order of its parameters, and each
    column type's conversions (a date to the text SQLite stores, an enum to its value, and back). Values
    still go through those conversions, so what is written is exactly what the models would write.
    """

    def __init__(self, statement: Select[Any] | Insert | Update, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        self.names: tuple[str, ...] = tuple(compiled.positiontup or ())
        self._to_db = tuple(
            compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in self.names
        )
        columns = statement.selected_columns if isinstance(statement, Select) else ()
        self.keys: tuple[str, ...] = tuple(str(column.key) for column in columns)
        self._from_db = tuple(
            column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns
        )

    def params(self, values: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(
            value if convert is None else convert(value)
            for convert, value in zip(self._to_db, (values[name] for name in self.names), strict=True)
        )

    def record(self, row: tuple[Any, ...]) -> SimpleNamespace:
        """A row this statement selected, its values as the models give them, by column name."""
        return SimpleNamespace(
            **{
                key: value if convert is None else convert(value)
                for key, convert, value in zip(self.keys, self._from_db, row, strict=True)
            }
        )


_compiled: weakref.WeakKeyDictionary[Dialect, dict[tuple[Any, ...], Compiled]] = weakref.WeakKeyDictionary()


def _statement(dialect: Dialect, shape: tuple[Any, ...]) -> Compiled:
    """The statement of this shape, compiled once per dialect: ("select", model), ("update", model, fields)
    or ("audit",)."""
    known = _compiled.setdefault(dialect, {})
    found = known.get(shape)
    if found is None:
        found = known[shape] = Compiled(_build(shape), dialect)
    return found


def _build(shape: tuple[Any, ...]) -> Select[Any] | Insert | Update:
    kind, *rest = shape
    if kind == "audit":
        table = cast(Table, AuditEntry.__table__)
        return insert(table).values({c.key: bindparam(c.key, type_=c.type) for c in table.c if c.key != "id"})
    table = cast(Table, rest[0].__table__)
    if kind == "select":
        return select(*table.c).where(table.c.id == bindparam(_ROW_ID))
    set_ = [*rest[1], *(c.key for c in table.c if c.onupdate is not None and c.key not in rest[1])]
    return (
        update(table)
        .where(table.c.id == bindparam(_ROW_ID))
        .values({name: bindparam(name, type_=table.c[name].type) for name in set_})
    )


def _defaults(table: Table, which: str, given: dict[str, Any]) -> dict[str, Any]:
    """The Python-side defaults (which="default") or on-update values (which="onupdate") of the columns
    not given, as SQLAlchemy would fill them in (updated_at, an audit entry's time)."""
    filled = {}
    for column in table.c:
        default = getattr(column, which)
        if default is not None and column.key not in given and (default.is_callable or default.is_scalar):
            filled[column.key] = default.arg(None) if default.is_callable else default.arg
    return filled


def current_row(cursor: driver.Cursor, log: Log, model: type[Row], row_id: int, what: str) -> SimpleNamespace:
    """The record's columns as they are now (no ORM object), by name; NotFoundError if gone."""
    statement = _statement(log.engine.dialect, ("select", model))
    found = cursor.execute(statement.sql, statement.params({_ROW_ID: row_id})).fetchone()
    if found is None:
        raise gone(what)
    return statement.record(found)


def change_columns(
    log: Log,
    cursor: driver.Cursor,
    model: type[Row],
    current: SimpleNamespace,
    values: dict[str, Any],
    *,
    allowed: frozenset[str],
    dispute_id: int | None,
    summary: str,
) -> Outcome:
    """change_row for a record read with current_row: the same checks, audit entry and outcome, written
    as one UPDATE of the changed columns and one INSERT."""
    changed = changed_values(current, values, allowed)
    if changed:
        table = cast(Table, model.__table__)
        dialect = log.engine.dialect
        new = {name: value for name, (_, value) in changed.items()}
        update_ = _statement(dialect, ("update", model, tuple(sorted(changed))))
        cursor.execute(
            update_.sql, update_.params({_ROW_ID: current.id, **new, **_defaults(table, "onupdate", new)})
        )
        entry = audit_values(
            log,
            model.__tablename__,
            current.id,
            current.uuid,
            AuditAction.CHANGED,
            changed,
            dispute_id=dispute_id,
            summary=summary,
        )
        audit_ = _statement(dialect, ("audit",))
        entries = cast(Table, AuditEntry.__table__)
        cursor.execute(audit_.sql, audit_.params({**entry, **_defaults(entries, "default", entry)}))
    return Outcome(model.__tablename__, current.id, AuditAction.CHANGED, dispute_id, tuple(sorted(changed)))


def change_fields(
    log: Log,
    model: type[Row],
    row_id: int,
    values: dict[str, Any],
    *,
    clean: Callable[[dict[str, Any], SimpleNamespace], dict[str, Any]],
    allowed: frozenset[str],
    what: str,
    summary: Callable[[SimpleNamespace], str],
) -> Outcome:
    """One user action that sets fields of one record (no related records): read, checked by `clean`
    against the record as it is, written and audited with compiled statements on the driver's cursor."""
    with writing_cursor(log) as cursor:
        row = current_row(cursor, log, model, row_id, what)
        return change_columns(
            log,
            cursor,
            model,
            row,
            clean(values, row),
            allowed=allowed,
            dispute_id=row.dispute_id,
            summary=summary(row),
        )


def next_number(session: Session, model: Any, dispute_id: int) -> int:
    """The next reference number in a dispute (G-001, G-002…): one more than the highest used."""
    highest = session.scalar(select(func.max(model.number)).where(model.dispute_id == dispute_id))
    return int(highest or 0) + 1


def require_text(value: str, field_name: str, label: str, max_length: int) -> str:
    text = value.strip()
    if not text:
        raise ValidationError(field_name, f"{label} cannot be empty.")
    if len(text) > max_length:
        raise ValidationError(field_name, f"{label} is {len(text)} characters long; keep it to {max_length}.")
    return text


def limit_text(value: str, field_name: str, label: str, max_length: int) -> str:
    if len(value) > max_length:
        raise ValidationError(
            field_name, f"{label} is {len(value)} characters long; keep it to {max_length}."
        )
    return value


def require_order(later: date | None, earlier: date | None, field_name: str, message: str) -> None:
    if later is not None and earlier is not None and later < earlier:
        raise ValidationError(field_name, message)


def translate_db_error(exc: Exception) -> ServiceError:
    """A database refusal in a rep's words; the schema's constraint names say which rule was broken."""
    text = str(getattr(exc, "orig", exc))
    if isinstance(exc, IntegrityError | driver.IntegrityError):
        if "CHECK constraint failed" in text:
            rule = text.split("CHECK constraint failed:")[-1].strip()
            return ValidationError(
                rule.removeprefix("ck_"), f"The log refused this change: {_describe(rule)}."
            )
        if "FOREIGN KEY" in text:
            return ServiceError("That record refers to something that is no longer in the log.")
        if "UNIQUE" in text:
            return ServiceError("The log already holds a record with that reference.")
    if isinstance(exc, OperationalError | driver.OperationalError):
        if "readonly" in text or "read-only" in text:
            return ServiceError("The log cannot be saved: its file or folder is read-only. Nothing was lost.")
        if "disk is full" in text or "database or disk is full" in text:
            return ServiceError(
                "The disk is full, so the change was not saved. Free some space and try again."
            )
        if "locked" in text or "busy" in text:
            return ServiceError("Another program is writing to the log; try again in a moment.")
    return ServiceError(f"The log refused this change ({text}).")


def _describe(rule: str) -> str:
    words = rule.split("_", 2)[-1].replace("_", " ") if rule.startswith("ck_") else rule.replace("_", " ")
    return words


@contextmanager
def writing(log: Log) -> Iterator[Session]:
    """One user action's transaction, with the database's refusals turned into messages a rep can act on."""
    with _refusals_explained(), log.writing() as session:
        yield session


@contextmanager
def writing_cursor(log: Log) -> Iterator[driver.Cursor]:
    """`writing` for an action made of compiled statements alone (`current_row`, `change_columns`)."""
    with _refusals_explained(), log.writing_cursor() as cursor:
        yield cursor


@contextmanager
def _refusals_explained() -> Iterator[None]:
    try:
        yield
    except ServiceError:
        raise
    except (IntegrityError, OperationalError, driver.IntegrityError, driver.OperationalError) as exc:
        raise translate_db_error(exc) from exc


def create_row(
    log: Log,
    session: Session,
    row: Row,
    *,
    dispute_id: int | None,
    summary: str,
    fields: frozenset[str],
) -> Outcome:
    """Add row and audit it with every given field's value (personal ones by name only)."""
    session.add(row)
    session.flush()
    values = {name: (None, getattr(row, name)) for name in sorted(fields)}
    audit(session, log, row, AuditAction.CREATED, values, dispute_id=dispute_id, summary=summary)
    return Outcome(type(row).__tablename__, row.id, AuditAction.CREATED, dispute_id, tuple(sorted(fields)))


def change_row(
    log: Log,
    session: Session,
    row: Row,
    values: dict[str, Any],
    *,
    allowed: frozenset[str],
    dispute_id: int | None,
    summary: str,
    extra: dict[str, tuple[Any, Any]] | None = None,
) -> Outcome:
    """Apply values to row; audit only the fields whose value really changed."""
    changed = apply_changes(row, values, allowed)
    changed.update(extra or {})
    if changed:
        session.flush()
        audit(session, log, row, AuditAction.CHANGED, changed, dispute_id=dispute_id, summary=summary)
    return Outcome(type(row).__tablename__, row.id, AuditAction.CHANGED, dispute_id, tuple(sorted(changed)))


def delete_row(
    log: Log, session: Session, row: Row, *, dispute_id: int | None, summary: str, fields: frozenset[str]
) -> Outcome:
    """Delete row, keeping in the audit trail what it held (personal values by name only)."""
    values = {name: (getattr(row, name), None) for name in sorted(fields)}
    audit(session, log, row, AuditAction.DELETED, values, dispute_id=dispute_id, summary=summary)
    row_id = row.id
    session.delete(row)
    session.flush()
    return Outcome(type(row).__tablename__, row_id, AuditAction.DELETED, dispute_id)


def map_models() -> None:
    """Map the models now, rather than on the first query that needs them: for a thread that loads the
    program while the window shows its first screen."""
    configure_mappers()


def history(log: Log, entity: str, entity_id: int) -> list[AuditRow]:
    """A record's audit trail, newest first."""
    with log.reading() as session:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
            .order_by(AuditEntry.id.desc())
        ).all()
        return [
            AuditRow(r.id, r.at, r.actor, r.entity, r.entity_id, r.action, r.summary, json.loads(r.changes))
            for r in rows
        ]
