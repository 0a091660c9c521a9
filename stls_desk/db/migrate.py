"""Bring a log's schema up to this version's, with the Alembic migrations shipped in the package.

Alembic is imported only when a log is behind: opening an up-to-date log costs one header read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def migrate(engine: Engine, path: Path) -> None:
    """Run every migration the log has not had yet, each in its own transaction."""
    from alembic import command
    from alembic.config import Config

    config = alembic_config(engine)
    assert isinstance(config, Config)
    command.upgrade(config, "head")


def head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = alembic_config()
    assert isinstance(config, Config)
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave the FTS5 search index (a virtual table and its shadow tables) to its hand-written migration."""
    return not (type_ == "table" and name is not None and name.startswith("search_index"))
