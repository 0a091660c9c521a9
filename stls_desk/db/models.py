"""The log's tables: typed SQLAlchemy 2 models.

The schema refuses bad rows itself (CHECK constraints), so a row written by any path — a form, an import,
a script — obeys the same rules. Alembic's first migration creates exactly this schema; a test keeps the two
in step.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from stls_desk.domain.enums import (
    AuditAction,
    BallotKind,
    DisputeStatus,
    GrievanceScope,
    GrievanceStage,
    GrievanceStatus,
    KeyDateKind,
    MeetingKind,
    PersonRole,
    ProposalStatus,
    Side,
    TabledBy,
)
from stls_desk.domain.working_days import Nation

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_uuid() -> str:
    return str(uuid.uuid4())


def _enum(kind: type[StrEnum], name: str) -> Enum:
    """Stored as the enum's value in a VARCHAR with a CHECK constraint (SQLite has no enum type)."""
    return Enum(
        kind,
        name=name,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        length=max(len(m.value) for m in kind),
        values_callable=lambda k: [m.value for m in k],
    )


def _not_blank(column: str) -> CheckConstraint:
    return CheckConstraint(f"length(trim({column})) > 0", name=f"{column}_not_blank")


def _not_negative(*columns: str) -> list[CheckConstraint]:
    return [CheckConstraint(f"{c} IS NULL OR {c} >= 0", name=f"{c}_not_negative") for c in columns]


def _valid_date(column: str) -> CheckConstraint:
    """SQLite stores dates as text: refuse anything that is not a real ISO date.

    date() alone lets 30 February through; adding '+0 days' normalises it to 2 March, which then differs.
    """
    return CheckConstraint(
        f"{column} IS NULL OR date({column}, '+0 days') = {column}", name=f"{column}_valid_date"
    )


def _on_or_after(later: str, earlier: str) -> CheckConstraint:
    return CheckConstraint(
        f"{later} IS NULL OR {earlier} IS NULL OR {later} >= {earlier}", name=f"{later}_not_before_{earlier}"
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: dict[Any, Any] = {datetime: DateTime(), date: Date()}


class Row(Base):
    """What every record has: an integer key, a stable UUID, created and updated times (UTC)."""

    __abstract__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), default=new_uuid, unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class Dispute(Row):
    __tablename__ = "dispute"
    __table_args__ = (_not_blank("title"), _valid_date("opened_on"))

    title: Mapped[str] = mapped_column(String(200))
    employer: Mapped[str] = mapped_column(String(200), default="")
    branch: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[DisputeStatus] = mapped_column(_enum(DisputeStatus, "dispute_status"))
    opened_on: Mapped[date | None]
    nation: Mapped[Nation] = mapped_column(
        _enum(Nation, "nation"), default=Nation.ENGLAND_WALES, server_default=Nation.ENGLAND_WALES.value
    )


class Person(Row):
    __tablename__ = "person"
    __table_args__ = (_not_blank("name"),)

    dispute_id: Mapped[int] = mapped_column(ForeignKey("dispute.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[PersonRole] = mapped_column(_enum(PersonRole, "person_role"))
    workplace: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(400), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


grievance_raiser = Table(
    "grievance_raiser",
    Base.metadata,
    Column("grievance_id", ForeignKey("grievance.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True),
)

proposal_grievance = Table(
    "proposal_grievance",
    Base.metadata,
    Column("proposal_id", ForeignKey("proposal.id", ondelete="CASCADE"), primary_key=True),
    Column("grievance_id", ForeignKey("grievance.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Grievance(Row):
    __tablename__ = "grievance"
    __table_args__ = (
        _not_blank("title"),
        UniqueConstraint("dispute_id", "number"),
        CheckConstraint("number > 0", name="number_positive"),
        _valid_date("raised_on"),
        _valid_date("response_due"),
        _valid_date("resolved_on"),
        _on_or_after("resolved_on", "raised_on"),
        Index("ix_grievance_dispute_status", "dispute_id", "status"),
        Index("ix_grievance_dispute_raised_on", "dispute_id", "raised_on"),
        Index("ix_grievance_dispute_response_due", "dispute_id", "response_due"),
    )

    dispute_id: Mapped[int] = mapped_column(ForeignKey("dispute.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    detail: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(100), default="")
    scope: Mapped[GrievanceScope] = mapped_column(_enum(GrievanceScope, "grievance_scope"))
    staff_group: Mapped[str] = mapped_column(String(200), default="")
    raised_on: Mapped[date | None]
    stage: Mapped[GrievanceStage] = mapped_column(_enum(GrievanceStage, "grievance_stage"))
    status: Mapped[GrievanceStatus] = mapped_column(_enum(GrievanceStatus, "grievance_status"))
    employer_response: Mapped[str] = mapped_column(Text, default="")
    response_due: Mapped[date | None]
    resolved_on: Mapped[date | None]
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)

    raised_by: Mapped[list[Person]] = relationship(secondary=grievance_raiser, order_by="Person.name")

    @property
    def reference(self) -> str:
        return f"G-{self.number:03d}"


class Proposal(Row):
    __tablename__ = "proposal"
    __table_args__ = (
        _not_blank("title"),
        UniqueConstraint("dispute_id", "number"),
        CheckConstraint("number > 0", name="number_positive"),
        _valid_date("tabled_on"),
        _valid_date("respond_by"),
        # By status, then the day an answer is due: the Proposals tab's status filter, and the proposals
        # awaiting an answer (two statuses of many) by day, for the Overview and the calendar.
        Index("ix_proposal_dispute_status_respond_by", "dispute_id", "status", "respond_by"),
        Index("ix_proposal_dispute_tabled_on", "dispute_id", "tabled_on"),
    )

    dispute_id: Mapped[int] = mapped_column(ForeignKey("dispute.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    tabled_by: Mapped[TabledBy] = mapped_column(_enum(TabledBy, "tabled_by"))
    tabled_on: Mapped[date | None]
    respond_by: Mapped[date | None]
    status: Mapped[ProposalStatus] = mapped_column(_enum(ProposalStatus, "proposal_status"))
    text: Mapped[str] = mapped_column(Text, default="")
    employer_position: Mapped[str] = mapped_column(Text, default="")
    union_position: Mapped[str] = mapped_column(Text, default="")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)

    grievances: Mapped[list[Grievance]] = relationship(
        secondary=proposal_grievance, order_by="Grievance.number"
    )
    revisions: Mapped[list[ProposalRevision]] = relationship(
        back_populates="proposal", order_by="ProposalRevision.number", cascade="all, delete-orphan"
    )

    @property
    def reference(self) -> str:
        return f"P-{self.number:03d}"


class ProposalRevision(Row):
    __tablename__ = "proposal_revision"
    __table_args__ = (
        UniqueConstraint("proposal_id", "number"),
        CheckConstraint("number > 0", name="number_positive"),
        _valid_date("revised_on"),
    )

    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposal.id", ondelete="CASCADE"))
    number: Mapped[int]
    revised_on: Mapped[date]
    text: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(String(400), default="")

    proposal: Mapped[Proposal] = relationship(back_populates="revisions")


class Meeting(Row):
    __tablename__ = "meeting"
    __table_args__ = (
        _not_blank("title"),
        Index("ix_meeting_dispute_held_at", "dispute_id", "held_at"),
    )

    dispute_id: Mapped[int] = mapped_column(ForeignKey("dispute.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    held_at: Mapped[datetime]
    kind: Mapped[MeetingKind] = mapped_column(_enum(MeetingKind, "meeting_kind"))
    location: Mapped[str] = mapped_column(String(300), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)

    attendees: Mapped[list[Attendee]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Attendee.id"
    )
    actions: Mapped[list[ActionItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="ActionItem.id"
    )


class Attendee(Row):
    __tablename__ = "attendee"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    side: Mapped[Side] = mapped_column(_enum(Side, "side"))

    meeting: Mapped[Meeting] = relationship(back_populates="attendees")
    person: Mapped[Person] = relationship()


class ActionItem(Row):
    __tablename__ = "action_item"
    __table_args__ = (
        _not_blank("description"),
        _valid_date("due_on"),
        _valid_date("done_on"),
        Index("ix_action_item_due_on", "due_on"),
        # Only the open items: the Overview counts a dispute's overdue and coming actions, never the done ones.
        Index(
            "ix_action_item_open",
            "meeting_id",
            "due_on",
            sqlite_where=text("done_on IS NULL"),
            postgresql_where=text("done_on IS NULL"),
        ),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]

    meeting: Mapped[Meeting] = relationship(back_populates="actions")
    owner: Mapped[Person | None] = relationship()


class Ballot(Row):
    __tablename__ = "ballot"
    __table_args__ = (
        _not_blank("question"),
        _valid_date("notice_given_on"),
        _valid_date("opens_on"),
        _valid_date("closes_on"),
        _on_or_after("closes_on", "opens_on"),
        *_not_negative("eligible", "votes_cast", "yes_votes", "no_votes", "spoilt"),
        CheckConstraint(
            "coalesce(yes_votes, 0) + coalesce(no_votes, 0) + coalesce(spoilt, 0) <= votes_cast"
            " OR votes_cast IS NULL",
            name="answers_within_votes_cast",
        ),
        CheckConstraint(
            "votes_cast IS NULL OR eligible IS NULL OR votes_cast <= eligible", name="votes_within_eligible"
        ),
        Index("ix_ballot_dispute_opens_on", "dispute_id", "opens_on"),
    )

    dispute_id: Mapped[int] = mapped_column(ForeignKey("dispute.id", ondelete="CASCADE"))
    kind: Mapped[BallotKind] = mapped_column(_enum(BallotKind, "ballot_kind"))
    question: Mapped[str] = mapped_column(Text)
    notice_given_on: Mapped[date | None]
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    eligible: Mapped[int | None]
    votes_cast: Mapped[int | None]
    yes_votes: Mapped[int | None]
    no_votes: Mapped[int | None]
    spoilt: Mapped[int | None]
    important_public_service: Mapped[bool] = mapped_column(Boolean, default=False)
    mandate_extended_by_agreement: Mapped[bool] = mapped_column(Boolean, default=False)


class KeyDate(Row):
    __tablename__ = "key_date"
    __table_args__ = (
        _not_blank("title"),
        _valid_date("starts_on"),
        _valid_date("ends_on"),
        _on_or_after("ends_on", "starts_on"),
        Index("ix_key_date_dispute_starts_on", "dispute_id", "starts_on"),
    )

    dispute_id: Mapped[int] = mapped_column(ForeignKey("dispute.id", ondelete="CASCADE"))
    kind: Mapped[KeyDateKind] = mapped_column(_enum(KeyDateKind, "key_date_kind"))
    title: Mapped[str] = mapped_column(String(300))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")
    employer_agreed_short_notice: Mapped[bool] = mapped_column(Boolean, default=False)


class ClosureDay(Row):
    """A day the workplace is closed (a school closure, a day announced at short notice): not a working day."""

    __tablename__ = "closure_day"
    __table_args__ = (UniqueConstraint("dispute_id", "day"), _valid_date("day"))

    dispute_id: Mapped[int] = mapped_column(ForeignKey("dispute.id", ondelete="CASCADE"))
    day: Mapped[date]
    note: Mapped[str] = mapped_column(String(300), default="")


class Attachment(Row):
    """A file kept inside the log, attached to exactly one grievance, proposal or meeting."""

    __tablename__ = "attachment"
    __table_args__ = (
        _not_blank("name"),
        CheckConstraint("size >= 0", name="size_not_negative"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint(
            "(grievance_id IS NOT NULL) + (proposal_id IS NOT NULL) + (meeting_id IS NOT NULL) = 1",
            name="one_owner",
        ),
    )

    dispute_id: Mapped[int] = mapped_column(ForeignKey("dispute.id", ondelete="CASCADE"), index=True)
    grievance_id: Mapped[int | None] = mapped_column(
        ForeignKey("grievance.id", ondelete="CASCADE"), index=True
    )
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposal.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


class AuditEntry(Base):
    """One change to the log. Kept when its record is deleted, so it holds ids, never a foreign key."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_entity", "entity", "entity_id"),
        Index("ix_audit_entry_dispute_at", "dispute_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utc_now)
    actor: Mapped[str] = mapped_column(String(200), default="")
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int]
    entity_uuid: Mapped[str] = mapped_column(String(36))
    dispute_id: Mapped[int | None]
    action: Mapped[AuditAction] = mapped_column(_enum(AuditAction, "audit_action"))
    summary: Mapped[str] = mapped_column(String(400), default="")
    changes: Mapped[str] = mapped_column(Text, default="{}")


class LogInfo(Base):
    """Facts about the log file itself: which schema it has, which app version it needs."""

    __tablename__ = "log_info"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
