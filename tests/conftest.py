"""Shared fixtures: a real log file under tmp_path, and Qt set to render offscreen."""

from __future__ import annotations

import os

# Before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from collections.abc import Iterator  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from stls_desk.db.log import Log, open_log  # noqa: E402
from stls_desk.services import disputes  # noqa: E402


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    return tmp_path / "test.stlslog"


@pytest.fixture
def log(log_path: Path) -> Iterator[Log]:
    """A new, empty, migrated log on disk, opened as a window would open it."""
    opened = open_log(log_path, create=True, actor="Test Rep")
    yield opened
    opened.close()


@pytest.fixture
def dispute_id(log: Log) -> int:
    return disputes.create_dispute(
        log,
        "STLS restructure",
        employer="Kent County Council",
        branch="Kent NEU",
        opened_on=date(2024, 6, 1),
    ).id
