"""Files attached to a grievance, proposal or meeting: added by button or drop, opened, saved, removed."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from stls_desk.db.log import Log
from stls_desk.services import attachments, grievances
from stls_desk.services.grievances import GrievanceQuery
from stls_desk.ui import messages
from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.operations import Operations
from stls_desk.ui.widgets import attachments as attachments_widget
from stls_desk.ui.widgets.attachments import AttachmentsList, size_text
from tests.ui.data import Sample
from tests.ui.editing import open_record

PDF = b"%PDF-1.4\n% the council's offer \xe2\x80\x94 revised\n" + bytes(range(256))


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "KCC offer <revised> 12 Feb.pdf"
    path.write_bytes(PDF)
    return path


@pytest.fixture
def files(qtbot: QtBot, log: Log, sample: Sample) -> AttachmentsList:
    widget = AttachmentsList("grievance")
    qtbot.addWidget(widget)
    widget.set_operations(Operations(log, widget))
    widget.set_owner_id(sample.grievances["caseload"])
    return widget


def test_nothing_to_attach_to_disables_the_buttons(qtbot: QtBot, log: Log) -> None:
    widget = AttachmentsList("meeting")
    qtbot.addWidget(widget)
    widget.set_operations(Operations(log, widget))
    widget.set_owner_id(None)
    assert not widget.add_button.isEnabled() and not widget.remove_button.isEnabled()
    assert widget.list.count() == 0


def test_add_by_button_keeps_the_bytes_in_the_log(
    qtbot: QtBot,
    files: AttachmentsList,
    log: Log,
    sample: Sample,
    letter: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(attachments_widget, "ask_files", lambda _parent: [letter])
    assert files.list.item(0).text() == "No files. Drop files here or use Add…"
    qtbot.mouseClick(files.add_button, Qt.MouseButton.LeftButton)
    (row,) = attachments.list_attachments(log, "grievance", sample.grievances["caseload"])
    assert row.name == "KCC offer <revised> 12 Feb.pdf"
    assert row.media_type == "application/pdf"
    assert row.sha256 == hashlib.sha256(PDF).hexdigest()
    assert attachments.attachment_data(log, row.id) == PDF
    assert files.rows() == [row]
    assert files.list.item(0).text() == f"KCC offer <revised> 12 Feb.pdf  ({size_text(len(PDF))})"
    assert "KCC offer &lt;revised&gt; 12 Feb.pdf" in files.list.item(0).toolTip()  # escaped, shown as named


def test_files_dropped_on_the_list_are_attached_as_one_step(
    files: AttachmentsList, log: Log, sample: Sample, letter: Path, tmp_path: Path
) -> None:
    other = tmp_path / "minutes.txt"
    other.write_text("Minutes of the meeting, 3 Feb")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(letter)), QUrl.fromLocalFile(str(other))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    files.list.dropEvent(drop)
    names = [r.name for r in attachments.list_attachments(log, "grievance", sample.grievances["caseload"])]
    assert names == ["KCC offer <revised> 12 Feb.pdf", "minutes.txt"]
    stack = files.operations.stack if files.operations else None
    assert stack is not None and stack.count() == 1 and stack.undoText() == "Attach 2 files"
    stack.undo()
    assert attachments.list_attachments(log, "grievance", sample.grievances["caseload"]) == []


def test_open_writes_a_private_read_only_copy_for_the_viewer(
    files: AttachmentsList, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files.attach([letter])
    opened: list[QUrl] = []
    monkeypatch.setattr(attachments_widget, "open_url", lambda url: opened.append(url) or True)
    files.list.setCurrentRow(0)
    files.open_button.click()
    path = Path(opened[0].toLocalFile())
    assert path.read_bytes() == PDF
    assert path.name == "KCC offer _revised_ 12 Feb.pdf"
    assert stat.S_IMODE(path.stat().st_mode) == stat.S_IRUSR
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    files.open_button.click()  # again: the read-only copy is replaced, not refused
    assert len(opened) == 2


def test_save_a_copy(
    files: AttachmentsList, letter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files.attach([letter])
    target = tmp_path / "saved" / "copy.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(attachments_widget, "ask_save_path", lambda _parent, name: target)
    files.list.setCurrentRow(0)
    files.save_button.click()
    assert target.read_bytes() == PDF


def test_remove_asks_first_and_undo_puts_it_back(
    qtbot: QtBot,
    files: AttachmentsList,
    log: Log,
    sample: Sample,
    letter: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files.attach([letter])
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, _t, text, _ok, _c="": asked.append(text) or True)
    files.list.setCurrentRow(0)
    qtbot.keyClick(files.list, Qt.Key.Key_Delete)
    assert asked == [
        f"Remove KCC offer <revised> 12 Feb.pdf ({size_text(len(PDF))}) from the log? Edit ▸ Undo puts it back."
    ]
    assert attachments.list_attachments(log, "grievance", sample.grievances["caseload"]) == []
    assert files.operations is not None
    files.operations.stack.undo()
    files.refresh()
    (row,) = attachments.list_attachments(log, "grievance", sample.grievances["caseload"])
    assert attachments.attachment_data(log, row.id) == PDF


def test_in_the_grievance_editor_delete_in_the_list_removes_the_file_not_the_grievance(
    qtbot: QtBot,
    window: MainWindow,
    log: Log,
    sample: Sample,
    letter: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(messages, "confirm", lambda *_args: True)
    editor = open_record(window, window.grievances, sample.grievances["travel"])
    files = editor.attachments
    files.attach([letter])
    assert window.statusBar().currentMessage() == "Add attachment: saved."
    window.activateWindow()
    files.list.setCurrentRow(0)
    files.list.setFocus()
    qtbot.waitUntil(files.list.hasFocus)
    qtbot.keyClick(files.list, Qt.Key.Key_Delete)
    assert attachments.list_attachments(log, "grievance", sample.grievances["travel"]) == []
    assert grievances.count_grievances(log, GrievanceQuery(sample.dispute)) == 4
    window.operations.stack.undo()  # the editor hears of the undo and lists the file again
    assert [r.name for r in files.rows()] == [letter.name]


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    files: AttachmentsList, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, title, text, details="": errors.append(text))
    monkeypatch.setattr(attachments, "MAX_SIZE", 10)
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 11)
    assert files.attach([big]) == 0
    assert errors == [f"big.bin is {size_text(11)}; files over 200 MB cannot be kept in the log."]
