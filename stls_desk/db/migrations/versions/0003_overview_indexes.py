"""Indexes for the Overview's counts on a large log: open action items by meeting and due date, and
proposals by dispute, status and respond-by date (in place of the index by dispute and status).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 22:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_action_item_open",
        "action_item",
        ["meeting_id", "due_on"],
        unique=False,
        sqlite_where=sa.text("done_on IS NULL"),
        postgresql_where=sa.text("done_on IS NULL"),
    )
    op.drop_index("ix_proposal_dispute_status", table_name="proposal")
    op.create_index(
        "ix_proposal_dispute_status_respond_by",
        "proposal",
        ["dispute_id", "status", "respond_by"],
        unique=False,
    )
    op.execute("PRAGMA user_version = 3")


def downgrade() -> None:
    op.drop_index("ix_proposal_dispute_status_respond_by", table_name="proposal")
    op.create_index("ix_proposal_dispute_status", "proposal", ["dispute_id", "status"], unique=False)
    op.drop_index("ix_action_item_open", table_name="action_item")
    op.execute("PRAGMA user_version = 2")
