"""Alembic environment: migrations run in-process on the engine `open_log` made (its pragmas included)."""

from __future__ import annotations

from alembic import context

from stls_desk.db.migrate import include_object
from stls_desk.db.models import Base

engine = context.config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_object=include_object,
        render_as_batch=True,  # SQLite changes most tables by copying them; batch mode does that safely
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
