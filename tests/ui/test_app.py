"""Starting the app: a log that cannot be opened is explained, not a traceback; unexpected errors too."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from stls_desk import app
from stls_desk.db.log import Log, open_log
from stls_desk.ui import messages
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
