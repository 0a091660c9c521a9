"""The search index (FTS5, kept in step by triggers), closure days, and each dispute's nation.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 17:47:29.058515
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


# (table, code, dispute id, title, body) as SQL over the NEW row; the codes must match
# stls_desk.services.search.KIND_CODES. Personal contact details are not indexed.
INDEXED = (
    ("dispute", 1, "NEW.id", "NEW.title", "NEW.employer || ' ' || NEW.branch || ' ' || NEW.summary"),
    ("person", 2, "NEW.dispute_id", "NEW.name", "NEW.workplace || ' ' || NEW.notes"),
    (
        "grievance",
        3,
        "NEW.dispute_id",
        "'G-' || printf('%03d', NEW.number) || ' ' || NEW.title",
        "NEW.category || ' ' || NEW.staff_group || ' ' || NEW.detail || ' ' || NEW.employer_response",
    ),
    (
        "proposal",
        4,
        "NEW.dispute_id",
        "'P-' || printf('%03d', NEW.number) || ' ' || NEW.title",
        "NEW.text || ' ' || NEW.employer_position || ' ' || NEW.union_position",
    ),
    (
        "proposal_revision",
        5,
        "(SELECT dispute_id FROM proposal WHERE id = NEW.proposal_id)",
        "(SELECT 'P-' || printf('%03d', number) || ' ' || title FROM proposal WHERE id = NEW.proposal_id)"
        " || ' revision ' || NEW.number",
        "NEW.text || ' ' || NEW.note",
    ),
    (
        "meeting",
        6,
        "NEW.dispute_id",
        "NEW.title",
        "NEW.location || ' ' || NEW.agenda || ' ' || NEW.minutes || ' ' || NEW.decisions",
    ),
    (
        "action_item",
        7,
        "(SELECT dispute_id FROM meeting WHERE id = NEW.meeting_id)",
        "NEW.description",
        "''",
    ),
    ("ballot", 8, "NEW.dispute_id", "NEW.question", "''"),
    ("key_date", 9, "NEW.dispute_id", "NEW.title", "NEW.note"),
    ("attachment", 10, "NEW.dispute_id", "NEW.name", "''"),
)


def upgrade() -> None:
    op.create_table(
        "closure_day",
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "day IS NULL OR date(day, '+0 days') = day", name=op.f("ck_closure_day_day_valid_date")
        ),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["dispute.id"], name=op.f("fk_closure_day_dispute_id_dispute"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closure_day")),
        sa.UniqueConstraint("dispute_id", "day", name=op.f("uq_closure_day_dispute_id_day")),
        sa.UniqueConstraint("uuid", name=op.f("uq_closure_day_uuid")),
    )
    with op.batch_alter_table("dispute", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "nation",
                sa.Enum(
                    "england_wales",
                    "scotland",
                    "northern_ireland",
                    name="nation",
                    native_enum=False,
                    create_constraint=True,
                ),
                nullable=False,
                server_default="england_wales",
            )
        )

    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "title, body, dispute_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    # Every record's words, one row per record. The rowid encodes which record: id * 16 + the kind's code,
    # so a trigger finds the row to replace by key, not by scanning the index.
    for table, code, dispute, title, body in INDEXED:
        rowid = f"NEW.id * 16 + {code}"
        insert = (
            f"INSERT INTO search_index (rowid, title, body, dispute_id) "
            f"SELECT {rowid}, {title}, {body}, {dispute}"
        )
        op.execute(f"CREATE TRIGGER search_{table}_insert AFTER INSERT ON {table} BEGIN {insert}; END")
        op.execute(
            f"CREATE TRIGGER search_{table}_update AFTER UPDATE ON {table} BEGIN "
            f"DELETE FROM search_index WHERE rowid = OLD.id * 16 + {code}; {insert}; END"
        )
        op.execute(
            f"CREATE TRIGGER search_{table}_delete AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM search_index WHERE rowid = OLD.id * 16 + {code}; END"
        )
        op.execute(f"{insert} FROM {table} AS NEW")  # index what the log already holds
    op.execute("PRAGMA user_version = 2")
    op.execute("UPDATE log_info SET value = '0.1.0' WHERE key = 'requires_app_version'")


def downgrade() -> None:
    with op.batch_alter_table("dispute", schema=None) as batch_op:
        batch_op.drop_column("nation")

    op.drop_table("closure_day")
    for table, *_ in INDEXED:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS search_{table}_{event}")
    op.execute("DROP TABLE IF EXISTS search_index")
    op.execute("PRAGMA user_version = 1")
