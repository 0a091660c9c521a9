"""A damaged log met as it is opened: said in plain words, its newest good backup offered, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stls_desk import app
from stls_desk.db.backup import make_backup
from stls_desk.db.health import DAMAGED_TAG, integrity_problems
from stls_desk.db.log import open_log
from stls_desk.services import grievances
from stls_desk.services.grievances import GrievanceQuery
from stls_desk.ui import messages
from stls_desk.ui.dialogs import files
from stls_desk.ui.dialogs.backups import taken
from stls_desk.ui.main_window import MainWindow
from tests.ui.data import Sample


def damage(path: Path) -> None:
    """Overwrite a page in the middle of the file, as a failing disk or a bad copy might."""
    data = path.read_bytes()
    page_size = int.from_bytes(data[16:18], "big")
    middle = len(data) // page_size // 2
    with path.open("r+b") as f:
        f.seek(middle * page_size)
        f.write(b"\xde\xad\xbe\xef" * (page_size // 4))
    assert integrity_problems(path, quick=True)


@pytest.fixture
def damaged(sample_file: tuple[Path, Sample], tmp_path: Path) -> Path:
    """A copy of the sample log with a backup of it taken, then damaged."""
    path = tmp_path / "kent.stlslog"
    shutil.copyfile(sample_file[0], path)
    make_backup(path)
    damage(path)
    return path


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    said: dict[str, list[str]] = {"confirm": [], "info": [], "error": []}
    monkeypatch.setattr(messages, "show_info", lambda _p, _t, text: said["info"].append(text))
    monkeypatch.setattr(messages, "show_error", lambda _p, _t, text, details="": said["error"].append(text))
    return said


def answer(monkeypatch: pytest.MonkeyPatch, boxes: dict[str, list[str]], yes: bool) -> None:
    def confirm(_parent, _title, text, ok_text, cancel_text=""):
        boxes["confirm"].append(f"{text}\n[{ok_text} / {cancel_text}]")
        return yes

    monkeypatch.setattr(messages, "confirm", confirm)


def test_at_start_up_the_backup_is_offered_and_restoring_opens_it(
    damaged: Path, boxes, monkeypatch: pytest.MonkeyPatch, sample: Sample
) -> None:
    answer(monkeypatch, boxes, yes=True)
    monkeypatch.setenv(app.QUIT_AFTER, "overview")
    assert app.run(damaged, create=False) == 0
    [question] = boxes["confirm"]
    # SQLite's own words for the damage depend on which page was hit; what follows them is ours.
    assert question.startswith("This log is damaged: ") and ". A copy was kept at " in question
    assert "It has not been changed." in question
    assert "Restore the backup of " in question and "5 grievances" in question
    assert "[Restore the backup / Quit]" in question
    assert boxes["error"] == []
    assert "The damaged log is kept, unchanged, at:" in boxes["info"][0]
    kept = list(damaged.parent.glob(f"kent.stlslog{DAMAGED_TAG}*"))
    assert len(kept) == 1 and integrity_problems(kept[0], quick=True)
    assert integrity_problems(damaged, quick=False) == []
    log = open_log(damaged)
    try:
        assert len(grievances.list_grievances(log, GrievanceQuery(sample.dispute))) == 4
    finally:
        log.close()


def test_at_start_up_declining_exits_cleanly_and_leaves_the_file_as_it_was(
    damaged: Path, boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, boxes, yes=False)
    before = damaged.read_bytes()
    assert app.run(damaged, create=False) == app.EXIT_CANNOT_OPEN
    assert "[Restore the backup / Quit]" in boxes["confirm"][0]
    assert boxes["error"] == [] and boxes["info"] == []
    assert damaged.read_bytes() == before


def test_with_no_backup_it_says_so(
    sample_file: tuple[Path, Sample], tmp_path: Path, boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, boxes, yes=True)
    path = tmp_path / "unsaved.stlslog"
    shutil.copyfile(sample_file[0], path)
    damage(path)
    assert app.run(path, create=False) == app.EXIT_CANNOT_OPEN
    assert boxes["confirm"] == []
    assert "This log is damaged" in boxes["error"][0]
    assert "There is no good backup of it to restore" in boxes["error"][0]


def test_file_open_offers_the_backup_and_declining_keeps_the_current_log(
    window: MainWindow, damaged: Path, boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, boxes, yes=False)
    monkeypatch.setattr(files, "ask_open_path", lambda *_a: damaged)
    current = window.log
    window.window_actions.open_log.trigger()
    assert window.log is current
    assert "[Restore the backup / Keep the current log]" in boxes["confirm"][0]
    assert boxes["error"] == []


def test_file_open_restores_the_backup_and_shows_it(
    window: MainWindow, damaged: Path, boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, boxes, yes=True)
    monkeypatch.setattr(files, "ask_open_path", lambda *_a: damaged)
    window.window_actions.open_log.trigger()
    assert window.log.path == damaged
    assert window.windowTitle() == "STLS Desk — kent.stlslog"
    assert window.dispute_selector.count() == 2
    assert integrity_problems(damaged, quick=False) == []


def test_the_offer_names_the_backup_by_its_local_time(
    damaged: Path, boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stls_desk.db.log import DamagedLogError
    from stls_desk.ui.dialogs import restore

    answer(monkeypatch, boxes, yes=False)
    with pytest.raises(DamagedLogError) as caught:
        open_log(damaged)
    backup = caught.value.newest_backup
    assert backup is not None
    assert restore.recover(None, caught.value, "Test Rep", decline_text="Quit") is None
    assert f"Restore the backup of {taken(backup)}?" in boxes["confirm"][0]
