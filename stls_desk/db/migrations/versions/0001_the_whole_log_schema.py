"""the whole log schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28 17:41:15.419429
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("entity_uuid", sa.String(length=36), nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=True),
        sa.Column(
            "action",
            sa.Enum(
                "created",
                "changed",
                "deleted",
                name="audit_action",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("summary", sa.String(length=400), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entry_dispute_at", ["dispute_id", "at"], unique=False)
        batch_op.create_index("ix_audit_entry_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "dispute",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("employer", sa.String(length=200), nullable=False),
        sa.Column("branch", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "settled",
                "closed",
                name="dispute_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("opened_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_dispute_title_not_blank")),
        sa.CheckConstraint(
            "opened_on IS NULL OR date(opened_on, '+0 days') = opened_on",
            name=op.f("ck_dispute_opened_on_valid_date"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispute")),
        sa.UniqueConstraint("uuid", name=op.f("uq_dispute_uuid")),
    )
    op.create_table(
        "log_info",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_log_info")),
    )
    op.create_table(
        "ballot",
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("indicative", "statutory", name="ballot_kind", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("notice_given_on", sa.Date(), nullable=True),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("eligible", sa.Integer(), nullable=True),
        sa.Column("votes_cast", sa.Integer(), nullable=True),
        sa.Column("yes_votes", sa.Integer(), nullable=True),
        sa.Column("no_votes", sa.Integer(), nullable=True),
        sa.Column("spoilt", sa.Integer(), nullable=True),
        sa.Column("important_public_service", sa.Boolean(), nullable=False),
        sa.Column("mandate_extended_by_agreement", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "closes_on IS NULL OR date(closes_on, '+0 days') = closes_on",
            name=op.f("ck_ballot_closes_on_valid_date"),
        ),
        sa.CheckConstraint(
            "closes_on IS NULL OR opens_on IS NULL OR closes_on >= opens_on",
            name=op.f("ck_ballot_closes_on_not_before_opens_on"),
        ),
        sa.CheckConstraint(
            "coalesce(yes_votes, 0) + coalesce(no_votes, 0) + coalesce(spoilt, 0) <= votes_cast OR votes_cast IS NULL",
            name=op.f("ck_ballot_answers_within_votes_cast"),
        ),
        sa.CheckConstraint("eligible IS NULL OR eligible >= 0", name=op.f("ck_ballot_eligible_not_negative")),
        sa.CheckConstraint("length(trim(question)) > 0", name=op.f("ck_ballot_question_not_blank")),
        sa.CheckConstraint("no_votes IS NULL OR no_votes >= 0", name=op.f("ck_ballot_no_votes_not_negative")),
        sa.CheckConstraint(
            "notice_given_on IS NULL OR date(notice_given_on, '+0 days') = notice_given_on",
            name=op.f("ck_ballot_notice_given_on_valid_date"),
        ),
        sa.CheckConstraint(
            "opens_on IS NULL OR date(opens_on, '+0 days') = opens_on",
            name=op.f("ck_ballot_opens_on_valid_date"),
        ),
        sa.CheckConstraint("spoilt IS NULL OR spoilt >= 0", name=op.f("ck_ballot_spoilt_not_negative")),
        sa.CheckConstraint(
            "votes_cast IS NULL OR eligible IS NULL OR votes_cast <= eligible",
            name=op.f("ck_ballot_votes_within_eligible"),
        ),
        sa.CheckConstraint(
            "votes_cast IS NULL OR votes_cast >= 0", name=op.f("ck_ballot_votes_cast_not_negative")
        ),
        sa.CheckConstraint(
            "yes_votes IS NULL OR yes_votes >= 0", name=op.f("ck_ballot_yes_votes_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["dispute.id"], name=op.f("fk_ballot_dispute_id_dispute"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot")),
        sa.UniqueConstraint("uuid", name=op.f("uq_ballot_uuid")),
    )
    with op.batch_alter_table("ballot", schema=None) as batch_op:
        batch_op.create_index("ix_ballot_dispute_opens_on", ["dispute_id", "opens_on"], unique=False)

    op.create_table(
        "grievance",
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=False),
        sa.Column(
            "scope",
            sa.Enum(
                "individual", "collective", name="grievance_scope", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("staff_group", sa.String(length=200), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=True),
        sa.Column(
            "stage",
            sa.Enum(
                "informal",
                "formal",
                "appeal",
                "collective_procedure",
                name="grievance_stage",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "raised_with_employer",
                "in_negotiation",
                "resolved",
                "withdrawn",
                name="grievance_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("employer_response", sa.Text(), nullable=False),
        sa.Column("response_due", sa.Date(), nullable=True),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_grievance_title_not_blank")),
        sa.CheckConstraint("number > 0", name=op.f("ck_grievance_number_positive")),
        sa.CheckConstraint(
            "raised_on IS NULL OR date(raised_on, '+0 days') = raised_on",
            name=op.f("ck_grievance_raised_on_valid_date"),
        ),
        sa.CheckConstraint(
            "resolved_on IS NULL OR date(resolved_on, '+0 days') = resolved_on",
            name=op.f("ck_grievance_resolved_on_valid_date"),
        ),
        sa.CheckConstraint(
            "resolved_on IS NULL OR raised_on IS NULL OR resolved_on >= raised_on",
            name=op.f("ck_grievance_resolved_on_not_before_raised_on"),
        ),
        sa.CheckConstraint(
            "response_due IS NULL OR date(response_due, '+0 days') = response_due",
            name=op.f("ck_grievance_response_due_valid_date"),
        ),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["dispute.id"], name=op.f("fk_grievance_dispute_id_dispute"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grievance")),
        sa.UniqueConstraint("dispute_id", "number", name=op.f("uq_grievance_dispute_id_number")),
        sa.UniqueConstraint("uuid", name=op.f("uq_grievance_uuid")),
    )
    with op.batch_alter_table("grievance", schema=None) as batch_op:
        batch_op.create_index("ix_grievance_dispute_raised_on", ["dispute_id", "raised_on"], unique=False)
        batch_op.create_index(
            "ix_grievance_dispute_response_due", ["dispute_id", "response_due"], unique=False
        )
        batch_op.create_index("ix_grievance_dispute_status", ["dispute_id", "status"], unique=False)

    op.create_table(
        "key_date",
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "strike_day",
                "action_short_of_strike",
                "notice_served",
                "consultation_deadline",
                "tupe_transfer",
                "other",
                name="key_date_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("employer_agreed_short_notice", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "ends_on IS NULL OR date(ends_on, '+0 days') = ends_on",
            name=op.f("ck_key_date_ends_on_valid_date"),
        ),
        sa.CheckConstraint(
            "ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on",
            name=op.f("ck_key_date_ends_on_not_before_starts_on"),
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_key_date_title_not_blank")),
        sa.CheckConstraint(
            "starts_on IS NULL OR date(starts_on, '+0 days') = starts_on",
            name=op.f("ck_key_date_starts_on_valid_date"),
        ),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["dispute.id"], name=op.f("fk_key_date_dispute_id_dispute"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_date")),
        sa.UniqueConstraint("uuid", name=op.f("uq_key_date_uuid")),
    )
    with op.batch_alter_table("key_date", schema=None) as batch_op:
        batch_op.create_index("ix_key_date_dispute_starts_on", ["dispute_id", "starts_on"], unique=False)

    op.create_table(
        "meeting",
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("held_at", sa.DateTime(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "negotiation",
                "jcc",
                "branch",
                "members_meeting",
                "acas",
                name="meeting_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("minutes", sa.Text(), nullable=False),
        sa.Column("decisions", sa.Text(), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_meeting_title_not_blank")),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["dispute.id"], name=op.f("fk_meeting_dispute_id_dispute"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("uuid", name=op.f("uq_meeting_uuid")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index("ix_meeting_dispute_held_at", ["dispute_id", "held_at"], unique=False)

    op.create_table(
        "person",
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "member",
                "rep",
                "officer",
                "employer_rep",
                "other",
                name="person_role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("workplace", sa.String(length=200), nullable=False),
        sa.Column("contact", sa.String(length=400), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_person_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["dispute.id"], name=op.f("fk_person_dispute_id_dispute"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("uuid", name=op.f("uq_person_uuid")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_dispute_id"), ["dispute_id"], unique=False)

    op.create_table(
        "proposal",
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column(
            "tabled_by",
            sa.Enum(
                "employer", "union", "joint", name="tabled_by", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("tabled_on", sa.Date(), nullable=True),
        sa.Column("respond_by", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "tabled",
                "under_consideration",
                "accepted",
                "rejected",
                "withdrawn",
                "superseded",
                "agreed",
                name="proposal_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("employer_position", sa.Text(), nullable=False),
        sa.Column("union_position", sa.Text(), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_proposal_title_not_blank")),
        sa.CheckConstraint("number > 0", name=op.f("ck_proposal_number_positive")),
        sa.CheckConstraint(
            "respond_by IS NULL OR date(respond_by, '+0 days') = respond_by",
            name=op.f("ck_proposal_respond_by_valid_date"),
        ),
        sa.CheckConstraint(
            "tabled_on IS NULL OR date(tabled_on, '+0 days') = tabled_on",
            name=op.f("ck_proposal_tabled_on_valid_date"),
        ),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["dispute.id"], name=op.f("fk_proposal_dispute_id_dispute"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal")),
        sa.UniqueConstraint("dispute_id", "number", name=op.f("uq_proposal_dispute_id_number")),
        sa.UniqueConstraint("uuid", name=op.f("uq_proposal_uuid")),
    )
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.create_index("ix_proposal_dispute_status", ["dispute_id", "status"], unique=False)
        batch_op.create_index("ix_proposal_dispute_tabled_on", ["dispute_id", "tabled_on"], unique=False)

    op.create_table(
        "action_item",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "done_on IS NULL OR date(done_on, '+0 days') = done_on",
            name=op.f("ck_action_item_done_on_valid_date"),
        ),
        sa.CheckConstraint(
            "due_on IS NULL OR date(due_on, '+0 days') = due_on",
            name=op.f("ck_action_item_due_on_valid_date"),
        ),
        sa.CheckConstraint(
            "length(trim(description)) > 0", name=op.f("ck_action_item_description_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_action_item_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["person.id"], name=op.f("fk_action_item_owner_id_person"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_item")),
        sa.UniqueConstraint("uuid", name=op.f("uq_action_item_uuid")),
    )
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.create_index("ix_action_item_due_on", ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_item_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_item_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "attachment",
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("grievance_id", sa.Integer(), nullable=True),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(grievance_id IS NOT NULL) + (proposal_id IS NOT NULL) + (meeting_id IS NOT NULL) = 1",
            name=op.f("ck_attachment_one_owner"),
        ),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_attachment_sha256_length")),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_attachment_name_not_blank")),
        sa.CheckConstraint("size >= 0", name=op.f("ck_attachment_size_not_negative")),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["dispute.id"], name=op.f("fk_attachment_dispute_id_dispute"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["grievance_id"],
            ["grievance.id"],
            name=op.f("fk_attachment_grievance_id_grievance"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_attachment_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposal.id"],
            name=op.f("fk_attachment_proposal_id_proposal"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
        sa.UniqueConstraint("uuid", name=op.f("uq_attachment_uuid")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_dispute_id"), ["dispute_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_grievance_id"), ["grievance_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_proposal_id"), ["proposal_id"], unique=False)

    op.create_table(
        "attendee",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "side",
            sa.Enum(
                "union", "employer", "independent", name="side", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_attendee_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_attendee_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendee")),
        sa.UniqueConstraint("meeting_id", "person_id", name=op.f("uq_attendee_meeting_id_person_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_attendee_uuid")),
    )
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendee_person_id"), ["person_id"], unique=False)

    op.create_table(
        "grievance_raiser",
        sa.Column("grievance_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["grievance_id"],
            ["grievance.id"],
            name=op.f("fk_grievance_raiser_grievance_id_grievance"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_grievance_raiser_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("grievance_id", "person_id", name=op.f("pk_grievance_raiser")),
    )
    with op.batch_alter_table("grievance_raiser", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grievance_raiser_person_id"), ["person_id"], unique=False)

    op.create_table(
        "proposal_grievance",
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("grievance_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["grievance_id"],
            ["grievance.id"],
            name=op.f("fk_proposal_grievance_grievance_id_grievance"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposal.id"],
            name=op.f("fk_proposal_grievance_proposal_id_proposal"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("proposal_id", "grievance_id", name=op.f("pk_proposal_grievance")),
    )
    with op.batch_alter_table("proposal_grievance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_proposal_grievance_grievance_id"), ["grievance_id"], unique=False
        )

    op.create_table(
        "proposal_revision",
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("revised_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("note", sa.String(length=400), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("number > 0", name=op.f("ck_proposal_revision_number_positive")),
        sa.CheckConstraint(
            "revised_on IS NULL OR date(revised_on, '+0 days') = revised_on",
            name=op.f("ck_proposal_revision_revised_on_valid_date"),
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposal.id"],
            name=op.f("fk_proposal_revision_proposal_id_proposal"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_revision")),
        sa.UniqueConstraint("proposal_id", "number", name=op.f("uq_proposal_revision_proposal_id_number")),
        sa.UniqueConstraint("uuid", name=op.f("uq_proposal_revision_uuid")),
    )
    # The file now says what it is (application_id), which schema it holds (user_version) and which
    # STLS Desk it needs; later migrations raise the last two. Literal values: a migration is frozen in time.
    op.execute("PRAGMA application_id = 1398033491")
    op.execute("PRAGMA user_version = 1")
    op.execute("INSERT INTO log_info (key, value) VALUES ('requires_app_version', '0.1.0')")


def downgrade() -> None:
    op.drop_table("proposal_revision")
    with op.batch_alter_table("proposal_grievance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_grievance_grievance_id"))

    op.drop_table("proposal_grievance")
    with op.batch_alter_table("grievance_raiser", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grievance_raiser_person_id"))

    op.drop_table("grievance_raiser")
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendee_person_id"))

    op.drop_table("attendee")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_proposal_id"))
        batch_op.drop_index(batch_op.f("ix_attachment_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_attachment_grievance_id"))
        batch_op.drop_index(batch_op.f("ix_attachment_dispute_id"))

    op.drop_table("attachment")
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_item_owner_id"))
        batch_op.drop_index(batch_op.f("ix_action_item_meeting_id"))
        batch_op.drop_index("ix_action_item_due_on")

    op.drop_table("action_item")
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_index("ix_proposal_dispute_tabled_on")
        batch_op.drop_index("ix_proposal_dispute_status")

    op.drop_table("proposal")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_dispute_id"))

    op.drop_table("person")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_dispute_held_at")

    op.drop_table("meeting")
    with op.batch_alter_table("key_date", schema=None) as batch_op:
        batch_op.drop_index("ix_key_date_dispute_starts_on")

    op.drop_table("key_date")
    with op.batch_alter_table("grievance", schema=None) as batch_op:
        batch_op.drop_index("ix_grievance_dispute_status")
        batch_op.drop_index("ix_grievance_dispute_response_due")
        batch_op.drop_index("ix_grievance_dispute_raised_on")

    op.drop_table("grievance")
    with op.batch_alter_table("ballot", schema=None) as batch_op:
        batch_op.drop_index("ix_ballot_dispute_opens_on")

    op.drop_table("ballot")
    op.drop_table("log_info")
    op.drop_table("dispute")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_entity")
        batch_op.drop_index("ix_audit_entry_dispute_at")

    op.drop_table("audit_entry")
