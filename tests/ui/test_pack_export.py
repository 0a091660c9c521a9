"""File ▸ Export briefing pack…: the dialog's choices reach the PDF; cancelling leaves no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from stls_desk.export.pack import Audience, Section
from stls_desk.services import disputes
from stls_desk.ui import messages, pack_export
from stls_desk.ui.dialogs import export_pack
from stls_desk.ui.dialogs.export_pack import ExportPackDialog, PackRequest
from stls_desk.ui.main_window import MainWindow
from tests.ui.data import Sample


def request(sample: Sample, audience: Audience) -> PackRequest:
    return PackRequest(sample.dispute, audience, frozenset(Section), None, None)


def test_export_writes_the_chosen_pack(
    window: MainWindow, sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pack.pdf"
    offered: list[str] = []
    monkeypatch.setattr(export_pack, "ask", lambda *a: request(sample, Audience.OFFICERS))
    monkeypatch.setattr(pack_export, "ask_target", lambda parent, suggested: target)
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, *a: offered.append(text) or False)
    assert window.pack_export.export() == target
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "CONFIDENTIAL" in text
    assert str(target) in offered[0]


def test_cancelling_leaves_no_file(
    window: MainWindow, sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pack.pdf"
    monkeypatch.setattr(export_pack, "ask", lambda *a: request(sample, Audience.MEMBERS))
    monkeypatch.setattr(pack_export, "ask_target", lambda parent, suggested: target)
    monkeypatch.setattr(pack_export.QProgressDialog, "wasCanceled", lambda self: True)
    assert window.pack_export.export() is None
    assert not target.exists()
    assert list(tmp_path.glob("*.part")) == []


def test_the_dialog_defaults_to_members_and_refuses_an_empty_choice(
    qtbot: QtBot, window: MainWindow, sample: Sample
) -> None:
    dialog = ExportPackDialog(disputes.list_disputes(window.log), sample.dispute, window)
    qtbot.addWidget(dialog)
    assert dialog.request().audience is Audience.MEMBERS
    for box in dialog.sections.values():
        box.setChecked(False)
    assert not dialog.export_button.isEnabled()
    assert "at least one section" in dialog.problem.text()
    dialog.sections[Section.GRIEVANCES].setChecked(True)
    dialog.limit_dates.setChecked(True)
    dialog.date_from.setDate(dialog.date_to.date().addDays(1))
    assert not dialog.export_button.isEnabled()
    dialog.date_from.setDate(dialog.date_to.date().addDays(-30))
    assert dialog.export_button.isEnabled()
    chosen = dialog.request()
    assert chosen.sections == frozenset({Section.GRIEVANCES})
    assert chosen.date_from is not None and chosen.date_to is not None
