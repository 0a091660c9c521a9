"""Starting the app: a log that cannot be opened is explained, not a traceback; unexpected errors too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from stls_desk import app
from stls_desk.db.log import Log, open_log
from stls_desk.ui import loading, messages
from stls_desk.ui.main_window import MainWindow
from tests.ui.data import build_sample


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    boxes: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _p, title, text, details="": boxes.append((title, text, details))
    )
    return boxes


def test_a_file_that_is_not_a_log_shows_why_and_exits_2(tmp_path: Path, shown) -> None:
    path = tmp_path / "shopping.stlslog"
    path.write_text("eggs, milk", encoding="utf-8")
    assert app.run(path, create=False) == 2
    assert shown[0][0] == "Cannot open the log"
    assert "not an STLS Desk log" in shown[0][1]
    assert path.read_text(encoding="utf-8") == "eggs, milk"


def test_a_log_open_in_another_window_shows_why_and_exits_2(log: Log, shown) -> None:
    assert app.run(log.path, create=False) == 2
    assert "already open in another STLS Desk window" in shown[0][1]


def test_a_missing_log_is_not_created_unless_asked(tmp_path: Path, shown) -> None:
    assert app.run(tmp_path / "missing.stlslog", create=False) == 2
    assert "There is no log" in shown[0][1]
    assert not (tmp_path / "missing.stlslog").exists()


def test_run_opens_the_window_and_quits_when_the_overview_is_filled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, shown
) -> None:
    path = tmp_path / "ready.stlslog"
    made = open_log(path, create=True)
    build_sample(made)
    made.close()
    monkeypatch.setenv(app.QUIT_AFTER, "overview")
    previous_hook = sys.excepthook
    assert app.run(path, create=False) == 0
    assert shown == []
    assert "filled the overview after" in capsys.readouterr().err
    assert sys.excepthook is previous_hook
    again = open_log(path)  # the window closed the log and let go of its lock
    again.close()


def test_run_can_quit_once_painted(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, shown
) -> None:
    monkeypatch.setenv(app.QUIT_AFTER, "painted")
    assert app.run(tmp_path / "new.stlslog", create=True) == 0
    assert "painted after" in capsys.readouterr().err
    fired: list[bool] = []  # and the event loop still runs afterwards: no Quit left behind
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=1000)


def test_an_unexpected_error_is_logged_and_explained(shown, caplog: pytest.LogCaptureFixture) -> None:
    try:
        raise ValueError("the sky fell")
    except ValueError as exc:
        app._excepthook(ValueError, exc, exc.__traceback__)
    title, text, details = shown[0]
    assert title == "Unexpected error"
    assert "the sky fell" in text
    assert "Traceback" in details and "ValueError" in details
    assert "Unexpected error" in caplog.text


START_UP = """
import json, sys
from pathlib import Path
from stls_desk import app
from stls_desk.ui.main_window import MainWindow

at_fill = {}
load = MainWindow.load

def load_and_note(window, **options):  # the modules in at the moment the Overview is filled
    window.filled.connect(lambda: at_fill.setdefault("modules", sorted(sys.modules)))
    load(window, **options)

MainWindow.load = load_and_note
code = app.run(Path(sys.argv[1]), create=False)
print(json.dumps({"code": code, "modules": at_fill["modules"], "import": repr(__import__)}))
"""
LATER = (
    "sqlalchemy",  # the first screen is read with plain SQL (services.first_screen, services.overview)
    "stls_desk.db.models",
    "reportlab",  # the briefing pack, on export
    "stls_desk.services.undo",  # with every record service, on the first change
    "stls_desk.ui.dialogs.restore",  # only for a damaged log
    "stls_desk.ui.pack_export",  # the commands, installed just after the Overview is filled
    "stls_desk.ui.search",
    "stls_desk.ui.records_menu",
    "stls_desk.ui.tabs.grievances",  # the other tabs, when first shown
    "stls_desk.ui.tabs.ballots",
)


def start_in_a_fresh_process(
    tmp_path: Path, script: str, env: dict[str, str] | None = None
) -> tuple[str, dict[str, Any]]:
    """Run script (which starts the app on the sample log given as its argument) in a fresh Python, with
    its own settings and data folders; its standard error, and the JSON it printed last."""
    path = tmp_path / "ready.stlslog"
    made = open_log(path, create=True)
    build_sample(made)
    made.close()
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_STATE_HOME": str(tmp_path / "state"),
            **(env or {}),
        },
    )
    assert done.returncode == 0, done.stderr
    return done.stderr, json.loads(done.stdout.splitlines()[-1])


def test_the_overview_is_filled_before_the_rest_is_loaded(tmp_path: Path) -> None:
    """What the Overview does not need waits: SQLAlchemy and the models, the other tabs, the commands,
    ReportLab, the record services."""
    stderr, report = start_in_a_fresh_process(tmp_path, START_UP, {app.QUIT_AFTER: "overview"})
    assert "filled the overview after" in stderr
    assert report["code"] == 0
    assert [name for name in LATER if name in report["modules"]] == []
    assert "stls_desk.ui.tabs.overview" in report["modules"]
    assert "__feature_import__" not in report["import"]  # PySide6's import wrapper was set aside


LOADED = """
import json, sys, threading
from pathlib import Path
from PySide6.QtCore import QTimer
from stls_desk import app
from stls_desk.ui import loading
from stls_desk.ui.main_window import MainWindow

seen = {}
load = MainWindow.load

def load_and_watch(window, **options):
    def filled():
        seen["loading"] = [t.name for t in threading.enumerate() if t.name == loading.THREAD_NAME]
    def loaded():
        seen["modules"] = sorted(sys.modules)
        seen["search"] = window.search.action.shortcut().toString()
        QTimer.singleShot(0, window.close)
    # two turns after the fill: the loading starts on the first (importing SQLAlchemy takes some 0.3 s)
    window.filled.connect(lambda: QTimer.singleShot(0, lambda: QTimer.singleShot(0, filled)))
    window.loaded.connect(loaded)
    load(window, **options)

MainWindow.load = load_and_watch
code = app.run(Path(sys.argv[1]), create=False)
print(json.dumps({"code": code, **seen}))
"""


def test_the_rest_is_loaded_on_a_thread_and_the_commands_installed(tmp_path: Path) -> None:
    """Once the Overview is filled, SQLAlchemy, the models and the services load on a thread (the window
    answers meanwhile), and the commands are installed when they are in."""
    _stderr, report = start_in_a_fresh_process(tmp_path, LOADED)
    assert report["code"] == 0
    assert report["loading"] == [loading.THREAD_NAME]
    assert {"sqlalchemy", "stls_desk.db.models", "stls_desk.services.undo"} <= set(report["modules"])
    assert report["search"] == "Ctrl+F"


def test_load_can_install_the_features_after_the_tab_is_filled(qtbot, log: Log) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.attach(log)
    with qtbot.waitSignal(window.loaded, timeout=2000):
        with qtbot.waitSignal(window.filled, timeout=1000):
            window.load(features_later=True)
        assert window.overview.title.text() == "Nursery closures"
        assert not hasattr(window, "search")  # on the next turn of the event loop
    assert window.search.action.shortcut().toString() == "Ctrl+F"
    assert window.dispute_actions.first_dispute is not None
