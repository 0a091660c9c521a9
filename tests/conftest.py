"""Shared fixtures: a real log file under tmp_path, and Qt set to render offscreen."""

from __future__ import annotations

import os
import shutil

# Before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from stls_desk.db.log import Log, open_log
from stls_desk.services import disputes


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes into the rep's real data folder (backups made before a migration go there)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


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


@pytest.fixture(scope="session")
def demo_log_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo log, written once per session (it takes a second or two); copy it before changing it."""
    from stls_desk.demo import write_demo_log

    return write_demo_log(tmp_path_factory.mktemp("demo") / "demo.stlslog")


@pytest.fixture
def demo_log(demo_log_file: Path, tmp_path: Path) -> Iterator[Log]:
    """A private copy of the demo log, opened as a window would open it."""
    copy = tmp_path / "demo.stlslog"
    shutil.copyfile(demo_log_file, copy)
    opened = open_log(copy, actor="Test Rep")
    yield opened
    opened.close()
