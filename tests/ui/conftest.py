"""Window tests: settings in a temporary folder, a log with a small dispute, the main window on it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from stls_desk import app
from stls_desk.db.log import Log, open_log
from stls_desk.ui import records_menu
from stls_desk.ui.main_window import MainWindow
from tests.ui.data import TODAY, Sample, build_sample


@pytest.fixture(autouse=True)
def settings_folder(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test reads and writes its own settings (and backups), never the rep's real ones."""
    app.application()  # the organisation and application names QSettings files settings under
    folder = tmp_path / "settings"
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # backups, never the rep's own
    # The app waits before backing up a log it opened (not to slow the rep's first minute); tests that
    # check the automatic backup should not wait that long (test_backups_ui checks the delay itself).
    monkeypatch.setattr(records_menu, "BACKUP_ON_OPEN_DELAY_MS", 0)
    return folder


@pytest.fixture(scope="session")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Sample]:
    """The sample log, built through the services once per session (a second or so) and copied per test."""
    path = tmp_path_factory.mktemp("sample") / "sample.stlslog"
    made = open_log(path, create=True, actor="Test Rep")
    try:
        return path, build_sample(made)
    finally:
        made.close()


@pytest.fixture
def log(sample_file: tuple[Path, Sample], log_path: Path) -> Iterator[Log]:
    """Here the log already holds the sample disputes: a private copy of the sample log."""
    shutil.copyfile(sample_file[0], log_path)
    opened = open_log(log_path, actor="Test Rep")
    yield opened
    opened.close()


@pytest.fixture
def sample(sample_file: tuple[Path, Sample]) -> Sample:
    """The ids of what the sample log holds."""
    return sample_file[1]


@pytest.fixture
def window(qtbot, log: Log, sample: Sample) -> Iterator[MainWindow]:
    """The main window on the sample log, showing the sample's main dispute, as of TODAY."""
    win = MainWindow(log, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    win.load()
    win.dispute_selector.select_dispute(sample.dispute)
    yield win
