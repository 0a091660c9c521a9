"""Creating, renaming and closing disputes from the window; every tab follows the dispute chosen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from stls_desk.db.log import Log
from stls_desk.domain.enums import DisputeStatus
from stls_desk.domain.working_days import Nation
from stls_desk.services import closures, disputes
from stls_desk.ui.dialogs import dispute as dispute_dialog
from stls_desk.ui.dialogs.dispute import CloseDisputeDialog, DisputeDialog, DisputeValues
from stls_desk.ui.main_window import MainWindow
from tests.ui.data import TODAY, Sample

NEW = DisputeValues(
    title="Support staff regrading <b>&amp;</b> Łódź",
    employer="Kent County Council",
    branch="Kent NEU",
    summary="Teaching assistants regraded without consultation.\nSecond line.",
    status=DisputeStatus.ACTIVE,
    opened_on=date(2025, 2, 1),
    nation=Nation.SCOTLAND,
)


def answer(monkeypatch: pytest.MonkeyPatch, values: DisputeValues | None) -> list[object]:
    """Make the dispute dialog return `values` at once; the list records what it was shown."""
    shown: list[object] = []

    def ask(_parent, current, nation, today):
        shown.append((current, nation, today))
        return values

    monkeypatch.setattr(dispute_dialog, "ask", ask)
    return shown


def test_file_menu_holds_the_dispute_actions(window: MainWindow) -> None:
    texts = [a.text() for a in window.menus.file.actions() if not a.isSeparator()]
    assert texts.index("&New dispute…") < texts.index("&Quit")
    assert {"&Edit dispute…", "&Close dispute…"} <= set(texts)


def test_create_a_dispute_and_every_tab_follows(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, log: Log, sample: Sample
) -> None:
    shown = answer(monkeypatch, NEW)
    window.dispute_actions.new.trigger()
    assert shown == [(None, Nation.ENGLAND_WALES, TODAY)]
    created = next(d for d in disputes.list_disputes(log) if d.title == NEW.title)
    assert (created.employer, created.branch, created.summary) == (NEW.employer, NEW.branch, NEW.summary)
    assert created.opened_on == date(2025, 2, 1)
    assert closures.get_nation(log, created.id) == Nation.SCOTLAND
    assert window.dispute_selector.current_dispute_id() == created.id
    assert window.dispute_selector.currentText() == f"{NEW.title} — Kent County Council"
    assert all(tab.dispute_id == created.id for tab in window.tabs)
    assert window.overview.title.text() == NEW.title
    assert "Created the dispute" in window.statusBar().currentMessage()


def test_cancelling_creates_nothing(monkeypatch: pytest.MonkeyPatch, window: MainWindow, log: Log) -> None:
    before = disputes.list_disputes(log)
    answer(monkeypatch, None)
    window.dispute_actions.new.trigger()
    assert disputes.list_disputes(log) == before


def test_rename_a_dispute(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, log: Log, sample: Sample
) -> None:
    renamed = DisputeValues(
        "STLS restructure 2025", "Kent CC", "Kent NEU", "", DisputeStatus.ACTIVE, None, Nation.ENGLAND_WALES
    )
    shown = answer(monkeypatch, renamed)
    window.dispute_actions.edit.trigger()
    current, nation, _today = shown[0]
    assert current.id == sample.dispute
    assert nation == Nation.ENGLAND_WALES
    row = disputes.get_dispute(log, sample.dispute)
    assert (row.title, row.employer, row.opened_on) == ("STLS restructure 2025", "Kent CC", None)
    assert window.dispute_selector.current_dispute_id() == sample.dispute
    assert window.dispute_selector.currentText() == "STLS restructure 2025 — Kent CC"
    assert window.overview.title.text() == "STLS restructure 2025"


def test_close_a_dispute_keeps_it_listed_and_marked(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, log: Log, sample: Sample
) -> None:
    monkeypatch.setattr(dispute_dialog, "ask_close", lambda _parent, _dispute: DisputeStatus.CLOSED)
    window.dispute_actions.close.trigger()
    assert disputes.get_dispute(log, sample.dispute).status == DisputeStatus.CLOSED
    selector = window.dispute_selector
    assert selector.current_dispute_id() == sample.dispute  # still shown, now at the end of the list
    assert selector.currentText() == "STLS restructure — Kent County Council (closed)"
    assert selector.itemData(selector.count() - 1) == sample.dispute
    assert not window.dispute_actions.close.isEnabled()
    assert window.dispute_actions.edit.isEnabled()
    # Switching to the other dispute and back: every tab follows the selector.
    selector.select_dispute(sample.other_dispute)
    assert all(tab.dispute_id == sample.other_dispute for tab in window.tabs)
    assert window.dispute_actions.close.isEnabled()
    selector.select_dispute(sample.dispute)
    assert all(tab.dispute_id == sample.dispute for tab in window.tabs)


def test_settling_is_asked_first(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, log: Log, sample: Sample
) -> None:
    monkeypatch.setattr(dispute_dialog, "ask_close", lambda _parent, _dispute: None)
    window.dispute_actions.close.trigger()
    assert disputes.get_dispute(log, sample.dispute).status == DisputeStatus.ACTIVE
    monkeypatch.setattr(dispute_dialog, "ask_close", lambda _parent, _dispute: DisputeStatus.SETTLED)
    window.dispute_actions.close.trigger()
    assert disputes.get_dispute(log, sample.dispute).status == DisputeStatus.SETTLED
    assert window.dispute_selector.currentText().endswith("(settled)")


def test_an_empty_log_invites_the_first_dispute(
    monkeypatch: pytest.MonkeyPatch, qtbot, window: MainWindow, tmp_path: Path
) -> None:
    button = window.dispute_actions.first_dispute
    assert button.isHidden()
    assert window.open_log_file(tmp_path / "new.stlslog", create=True)
    assert window.dispute_selector.count() == 0
    assert button.isVisible()
    assert not window.dispute_actions.edit.isEnabled()
    answer(monkeypatch, NEW)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    created = disputes.list_disputes(window.log)
    assert [d.title for d in created] == [NEW.title]
    assert window.dispute_selector.current_dispute_id() == created[0].id
    assert all(tab.dispute_id == created[0].id for tab in window.tabs)
    assert button.isHidden()


# -- the dialogs themselves, driven as a rep would --


def test_the_dialog_refuses_an_empty_title_and_keeps_the_rest(qtbot) -> None:
    dialog = DisputeDialog(None, None, Nation.ENGLAND_WALES, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "New dispute"
    assert dialog.opened_on.value() == TODAY
    qtbot.keyClicks(dialog.employer, "Medway Council")
    qtbot.keyClicks(dialog.summary, "Cuts to ")
    dialog.summary.insertPlainText("— ✊ — الخدمة")  # QTest types Latin-1 only
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()  # refused at the form
    assert dialog.title.property("invalid") is True
    assert dialog.problem.text() == "Give the dispute a title."
    assert dialog.employer.text() == "Medway Council"
    qtbot.keyClicks(dialog.title, "Medway cuts")
    assert not dialog.title.property("invalid")
    dialog.nation.setCurrentIndex(dialog.nation.findData(Nation.NORTHERN_IRELAND.value))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    values = dialog.values()
    assert values.title == "Medway cuts"
    assert values.summary == "Cuts to — ✊ — الخدمة"
    assert values.nation == Nation.NORTHERN_IRELAND
    assert values.status == DisputeStatus.ACTIVE


def test_the_dialog_shows_the_dispute_it_edits(qtbot, log: Log, sample: Sample) -> None:
    current = disputes.get_dispute(log, sample.dispute)
    dialog = DisputeDialog(None, current, Nation.SCOTLAND, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit dispute"
    assert dialog.title.text() == "STLS restructure"
    assert dialog.opened_on.value() == date(2024, 6, 1)
    assert dialog.nation.currentData() == Nation.SCOTLAND.value
    dialog.opened_on.edit.clear()
    assert dialog.values().opened_on is None
    qtbot.keyClicks(dialog.opened_on.edit, "31 Feb 2025")
    dialog.accept()
    assert dialog.opened_on.is_marked
    assert "no such day" in dialog.opened_on.message.text()
    assert dialog.title.text() == "STLS restructure"
    dialog.opened_on.edit.setText("3/2/25")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.values().opened_on == date(2025, 2, 3)


def test_the_close_dialog_asks_how_it_ended(qtbot, log: Log, sample: Sample) -> None:
    dialog = CloseDisputeDialog(None, disputes.get_dispute(log, sample.dispute))
    qtbot.addWidget(dialog)
    assert dialog.status() == DisputeStatus.SETTLED
    dialog.closed.click()
    assert dialog.status() == DisputeStatus.CLOSED
