"""A member's right to erasure: remove a person from the log so that their name is nowhere in the file.

Deleting a person removes their record and their links (raised by, attended, owns an action). The audit
trail already keeps a person's fields by name only (`core.PERSONAL_FIELDS`). What deletion alone leaves
is the name as the rep typed it into free text — minutes, a grievance's detail — and the audit trail's
copies of those texts. `find_mentions` lists those places; `erase_person` deletes the person and, if asked,
replaces every mention with "[erased]", in the records and in the audit trail, then purges the search
index and checkpoints the write-ahead log so that, with secure_delete on, the old bytes are overwritten.

Only the full name (any case, any spacing between its words) and the contact details are searched for:
a nickname or a surname on its own is not found, and the rep should look for those. Backups made before
the erasure still hold the name until they are thinned away (`db.backup.purge_backups_older_than`
removes them at once); so do `.damaged-` copies of a log.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Enum, String, Text, select, text
from sqlalchemy.orm import Session

from stls_desk.db.log import Log
from stls_desk.db.models import Attachment, AuditEntry, Base, Dispute, Person, Row, utc_now
from stls_desk.domain.enums import AuditAction
from stls_desk.services import people
from stls_desk.services.core import Outcome, delete_row, get_or_fail, writing

ERASED = "[erased]"
BACKUPS_NOTE = (
    "Backups of this log made before now still hold this person's details until they are thinned away. "
    "Delete them now if the erasure must be complete."
)
_NOT_TEXT = frozenset({"uuid", "sha256", "media_type"})


@dataclass(frozen=True)
class Mention:
    """One field of one record that names the person: where, how often, and whether it can be replaced."""

    entity: str
    id: int
    field: str
    label: str  # what a rep recognises: "G-003 Cover for absences", "audit trail entry #41"
    count: int
    replaceable: bool = True
    dispute_id: int | None = None

    @property
    def where(self) -> str:
        return f"{self.label}: {self.field.replace('_', ' ')}"


@dataclass(frozen=True)
class ErasureResult:
    outcome: Outcome  # the person's deletion
    replaced: tuple[Mention, ...]
    remaining: tuple[Mention, ...]  # left as they are: by choice, or not changeable here (a file's contents)
    search_indexes: tuple[str, ...]  # full-text indexes purged and compacted
    checkpointed: bool  # the write-ahead log was emptied, so no old page holding the name remains in it


def name_pattern(person_name: str, contact: str = "") -> re.Pattern[str]:
    """The person's full name (any case, any spacing between its words) and their contact details."""
    parts = [r"\s+".join(re.escape(word) for word in person_name.split())]
    if len(contact.strip()) >= 6:
        parts.append(re.escape(contact.strip()))
    return re.compile(r"(?<!\w)(?:" + "|".join(p for p in parts if p) + r")(?!\w)", re.IGNORECASE)


def _text_columns(model: type[Row]) -> list[str]:
    return [
        c.key
        for c in model.__table__.columns
        if isinstance(c.type, String | Text) and not isinstance(c.type, Enum) and c.key not in _NOT_TEXT
    ]


def _models() -> list[type[Row]]:
    return sorted(
        (m.class_ for m in Base.registry.mappers if issubclass(m.class_, Row)), key=lambda m: m.__tablename__
    )


def _label(record: Any) -> str:
    reference = getattr(record, "reference", "")
    for name in ("title", "name", "description", "question", "note"):
        value = getattr(record, name, None)
        if isinstance(value, str) and value.strip():
            words = value.strip().splitlines()[0][:60]
            return f"{reference} {words}".strip()
    return reference or f"{type(record).__tablename__.replace('_', ' ')} #{record.id}"


def _dispute_of(record: Any) -> int | None:
    if isinstance(record, Dispute):
        return record.id
    for owner in (record, getattr(record, "meeting", None), getattr(record, "proposal", None)):
        dispute_id = getattr(owner, "dispute_id", None)
        if dispute_id is not None:
            return int(dispute_id)
    return None


def _record_mentions(
    session: Session, person: Person, pattern: re.Pattern[str]
) -> Iterator[tuple[Any, Mention]]:
    for model in _models():
        columns = _text_columns(model)
        if not columns:
            continue
        for record in session.scalars(select(model)):
            if record is person:
                continue
            for column in columns:
                value = getattr(record, column)
                count = len(pattern.findall(value)) if isinstance(value, str) else 0
                if count:
                    # Another person's own name field: the same name, maybe the same member entered twice.
                    replaceable = not (isinstance(record, Person) and column == "name")
                    yield (
                        record,
                        Mention(
                            model.__tablename__,
                            record.id,
                            column,
                            _label(record),
                            count,
                            replaceable,
                            _dispute_of(record),
                        ),
                    )


def _scrub(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [_scrub(v, pattern) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, pattern) for k, v in value.items()}
    return value


def _changes(entry: AuditEntry) -> Any:
    try:
        return json.loads(entry.changes)
    except ValueError:
        return entry.changes


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _scrubbed_changes(entry: AuditEntry, pattern: re.Pattern[str]) -> str:
    """The audit entry's changes with the name replaced in its values, still valid JSON."""
    decoded = _changes(entry)
    if decoded is entry.changes:  # not JSON after all: plain text
        return pattern.sub(ERASED, entry.changes)
    return json.dumps(_scrub(decoded, pattern), ensure_ascii=False, sort_keys=True)


def _audit_mentions(session: Session, pattern: re.Pattern[str]) -> Iterator[tuple[AuditEntry, Mention]]:
    for entry in session.scalars(select(AuditEntry)):
        for column in ("summary", "changes"):
            texts = [entry.summary] if column == "summary" else list(_strings(_changes(entry)))
            count = sum(len(pattern.findall(t)) for t in texts)
            if count:
                label = f"audit trail entry #{entry.id} ({entry.entity} #{entry.entity_id})"
                yield entry, Mention("audit_entry", entry.id, column, label, count, True, entry.dispute_id)


def _attachment_mentions(session: Session, person: Person) -> Iterator[Mention]:
    """Files whose bytes hold the name as typed (as in a text file or an uncompressed PDF); they cannot be
    changed here, only removed or replaced by the rep."""
    needle = person.name.strip().encode("utf-8")
    rows = session.execute(
        select(Attachment.id, Attachment.name, Attachment.dispute_id).where(
            text("instr(attachment.data, :needle) > 0").bindparams(needle=needle)
        )
    )
    for attachment_id, name, dispute_id in rows:
        yield Mention("attachment", attachment_id, "contents", name, 1, False, dispute_id)


def _all_mentions(session: Session, person: Person) -> list[tuple[Any, Mention]]:
    pattern = name_pattern(person.name, person.contact)
    found: list[tuple[Any, Mention]] = list(_record_mentions(session, person, pattern))
    found += list(_audit_mentions(session, pattern))
    found += [(None, m) for m in _attachment_mentions(session, person)]
    return found


def find_mentions(log: Log, person_id: int) -> list[Mention]:
    """Everywhere in the log the person's name or contact details appear, outside their own record."""
    with log.reading() as s:
        person = get_or_fail(s, Person, person_id, "person")
        return [m for _, m in _all_mentions(s, person)]


# --- the search index ---------------------------------------------------------------------------------


def _fts_tables(session: Session) -> list[tuple[str, str | None]]:
    """Every FTS5 table, with its content= option: None for an ordinary one, '' for contentless."""
    found = []
    for name, sql in session.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")):
        if sql and re.search(r"USING\s+fts5", sql, re.IGNORECASE):
            option = re.search(r"content\s*=\s*['\"]?(\w*)['\"]?", sql, re.IGNORECASE)
            found.append((str(name), option.group(1) if option else None))
    return found


def _purge_search_indexes(session: Session, pattern: re.Pattern[str], replace_in_text: bool) -> list[str]:
    """Leave no trace of the person in any full-text index, then compact it.

    Deleted entries stay in an FTS5 index's older segments until they are merged, so every index is
    optimised (merged) afterwards; secure_delete then overwrites the freed pages. An index kept in step
    by triggers (as the log's own is) has already dropped the person's row and re-indexed replaced text.
    """
    purged = []
    for table, content in _fts_tables(session):
        quoted = '"' + table.replace('"', '""') + '"'
        if content:  # external content: rebuild from the (now erased) records
            session.execute(text(f"INSERT INTO {quoted}({quoted}) VALUES ('rebuild')"))
        elif content is None and replace_in_text:  # an index holding its own copy of the text
            columns = [r[1] for r in session.execute(text(f"PRAGMA table_info({quoted})"))]
            for row in session.execute(text(f"SELECT rowid, * FROM {quoted}")).all():
                values = dict(zip(columns, row[1:], strict=True))
                changed = {c: _scrub(v, pattern) for c, v in values.items() if isinstance(v, str)}
                changed = {c: v for c, v in changed.items() if v != values[c]}
                if changed:
                    assignments = ", ".join(f'"{c}" = :{i}' for i, c in enumerate(changed))
                    params: dict[str, Any] = {str(i): v for i, v in enumerate(changed.values())}
                    session.execute(
                        text(f"UPDATE {quoted} SET {assignments} WHERE rowid = :rowid"),
                        {**params, "rowid": row[0]},
                    )
        if content != "":
            session.execute(text(f"INSERT INTO {quoted}({quoted}) VALUES ('optimize')"))
            purged.append(table)
    return purged


# --- erasing ------------------------------------------------------------------------------------------


def _record_erasure(session: Session, log: Log, record: Any, fields: list[str]) -> None:
    """Audit that text was changed, by field name only: the old text held the name."""
    session.add(
        AuditEntry(
            actor=log.actor,
            entity=type(record).__tablename__,
            entity_id=record.id,
            entity_uuid=record.uuid,
            dispute_id=_dispute_of(record),
            action=AuditAction.CHANGED,
            summary="A person's name was erased from this record",
            changes=json.dumps(dict.fromkeys(sorted(fields)), sort_keys=True),
        )
    )


def _checkpoint(log: Log) -> bool:
    raw = log.engine.raw_connection()
    try:
        busy = raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        raw.close()
    return bool(busy == 0)


def erase_person(log: Log, person_id: int, replace_in_text: bool) -> ErasureResult:
    """Delete the person and their links; with replace_in_text, also replace every mention of their name
    (and contact details) in free text and in the audit trail with "[erased]". One audited transaction,
    none of whose entries holds the name; then the search index is purged and the WAL checkpointed."""
    with writing(log) as s:
        person = get_or_fail(s, Person, person_id, "person")
        pattern = name_pattern(person.name, person.contact)
        mentions = _all_mentions(s, person)
        replaced: list[Mention] = []
        remaining: list[Mention] = []
        changed_fields: dict[Any, list[str]] = {}
        for record, mention in mentions:
            if not (replace_in_text and mention.replaceable and record is not None):
                remaining.append(mention)
                continue
            if isinstance(record, AuditEntry) and mention.field == "changes":
                record.changes = _scrubbed_changes(record, pattern)
            else:
                setattr(record, mention.field, pattern.sub(ERASED, getattr(record, mention.field)))
            if not isinstance(record, AuditEntry):
                changed_fields.setdefault(record, []).append(mention.field)
            replaced.append(mention)
        for record, fields in changed_fields.items():
            record.updated_at = utc_now()
            _record_erasure(s, log, record, fields)
        s.flush()
        outcome = delete_row(
            log,
            s,
            person,
            dispute_id=person.dispute_id,
            summary=people._summary(person),
            fields=people.FIELDS,
        )
        indexes = _purge_search_indexes(s, pattern, replace_in_text)
    return ErasureResult(outcome, tuple(replaced), tuple(remaining), tuple(indexes), _checkpoint(log))
