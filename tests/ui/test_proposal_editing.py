"""The Proposals tab edits: fields, both positions, the grievances it addresses, revisions added and compared,
New and Delete."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from stls_desk.db.log import Log
from stls_desk.domain.enums import ProposalStatus, TabledBy
from stls_desk.services import attachments, proposals
from stls_desk.services.proposals import ProposalQuery
from stls_desk.ui import messages
from stls_desk.ui.dialogs import add_revision, pick_records
from stls_desk.ui.dialogs.add_revision import AddRevisionDialog, RevisionInput
from stls_desk.ui.dialogs.pick_records import Choice
from stls_desk.ui.dialogs.revision_compare import RevisionCompareDialog
from stls_desk.ui.main_window import MainWindow
from tests.ui.data import TODAY, Sample
from tests.ui.editing import column, enter, leave, open_record, retype


def proposal(log: Log, proposal_id: int) -> proposals.ProposalDetail:
    return proposals.get_proposal(log, proposal_id)


def test_fields_and_both_positions_are_saved(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample
) -> None:
    editor = open_record(window, window.proposals, sample.proposals["pay"])
    retype(qtbot, editor.inputs["title"].input, "Pay protection for three years")
    enter(qtbot, editor.inputs["title"].input)
    qtbot.keyClick(editor.inputs["tabled_by"].input, Qt.Key.Key_Down)
    qtbot.keyClick(editor.inputs["status"].input, Qt.Key.Key_Up)
    retype(qtbot, editor.inputs["respond_by"].input, "21 March 2025")
    enter(qtbot, editor.inputs["respond_by"].input)
    employer, union = editor.inputs["employer_position"].input, editor.inputs["union_position"].input
    retype(qtbot, employer, "Two years is the most the budget allows.")
    leave(qtbot, window, employer, union)
    retype(qtbot, union, "Three years, as at Medway.")
    qtbot.keyClick(union, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter saves
    p = proposal(log, sample.proposals["pay"])
    assert p.row.title == "Pay protection for three years"
    assert p.row.tabled_by == TabledBy.UNION
    assert p.row.status == ProposalStatus.ACCEPTED
    assert p.row.respond_by == date(2025, 3, 21)
    assert p.employer_position == "Two years is the most the budget allows."
    assert p.union_position == "Three years, as at Medway."
    assert column(window.proposals.view, 1)[2] == "Pay protection for three years"


def test_respond_by_before_tabled_is_marked_and_undo_reverts_the_text(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample
) -> None:
    editor = open_record(window, window.proposals, sample.proposals["restructure"])
    respond = editor.inputs["respond_by"]
    retype(qtbot, respond.input, "1 Jan 2025")
    enter(qtbot, respond.input)
    assert respond.is_marked
    assert respond.message.text() == "The response cannot be due before the proposal was tabled."
    assert respond.input.text() == "1 Jan 2025"
    assert proposal(log, sample.proposals["restructure"]).row.respond_by == date(2025, 3, 10)

    text = editor.inputs["text"].input
    retype(qtbot, text, "Merge the hubs into five area teams.")
    leave(qtbot, window, text, editor.inputs["title"].input)
    assert proposal(log, sample.proposals["restructure"]).text == "Merge the hubs into five area teams."
    window.operations.stack.undo()
    assert text.toPlainText() == "Merge the hubs into four area teams."
    assert respond.input.text() == "1 Jan 2025"  # a refused field keeps what was typed


def test_the_grievances_it_addresses_are_picked_and_open(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_record(window, window.proposals, sample.proposals["restructure"])
    offered: list[Choice] = []

    def ask(_parent, _title, _prompt, find, chosen):
        offered.extend(find("pay", 500))
        return [*chosen, *offered]

    monkeypatch.setattr(pick_records, "ask", ask)
    qtbot.mouseClick(editor.inputs["grievances"].choose_button, Qt.MouseButton.LeftButton)
    assert [c.text for c in offered] == [
        "G-001  Unpaid travel time between schools",
        "G-003  Mileage rate cut",
    ]
    linked = [ref for _, ref, _ in proposal(log, sample.proposals["restructure"]).grievances]
    assert linked == ["G-001", "G-002", "G-003"]
    chosen = editor.inputs["grievances"].input
    assert chosen.count() == 3
    chosen.itemActivated.emit(chosen.item(0))
    assert window.tab_widget.currentWidget() is window.grievances
    assert window.grievances.editor is not None
    assert window.grievances.editor.record_id == sample.grievances["travel"]  # listed by reference


def test_add_revision_records_the_new_text(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_record(window, window.proposals, sample.proposals["restructure"])
    asked: list[tuple[str, str]] = []

    def ask(_parent, reference, text, tabled_on, today, previous=None, error=""):
        asked.append((reference, text))
        return RevisionInput(
            today(), "Merge the hubs into four area teams, with no loss of posts.", "No loss"
        )

    monkeypatch.setattr(add_revision, "ask", ask)
    qtbot.mouseClick(editor.add_revision_button, Qt.MouseButton.LeftButton)
    assert asked == [("P-001", "Merge the hubs into four area teams.")]
    p = proposal(log, sample.proposals["restructure"])
    assert [(r.number, r.revised_on, r.note) for r in p.revisions][-1] == (2, TODAY, "No loss")
    assert p.text == "Merge the hubs into four area teams, with no loss of posts."
    assert editor.revisions.topLevelItemCount() == 2
    assert editor.inputs["text"].input.toPlainText() == p.text
    assert window.statusBar().currentMessage() == "Add revision: saved."


def test_a_refused_revision_reopens_with_what_was_typed(
    window: MainWindow, log: Log, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_record(window, window.proposals, sample.proposals["restructure"])
    calls: list[tuple[RevisionInput | None, str]] = []

    def ask(_parent, _reference, _text, _tabled_on, _today, previous=None, error=""):
        calls.append((previous, error))
        if len(calls) == 1:
            return RevisionInput(date(2024, 1, 1), "Early text", "Too early")
        return None

    monkeypatch.setattr(add_revision, "ask", ask)
    editor.add_revision_button.click()
    assert calls[1] == (
        RevisionInput(date(2024, 1, 1), "Early text", "Too early"),
        "A revision cannot be dated before the proposal was tabled.",
    )
    assert len(proposal(log, sample.proposals["restructure"]).revisions) == 1


def test_the_revision_dialog_refuses_a_date_before_tabling(qtbot: QtBot) -> None:
    dialog = AddRevisionDialog(None, "P-001", "The text", date(2025, 2, 1), lambda: TODAY)
    qtbot.addWidget(dialog)
    assert dialog.text.toPlainText() == "The text"
    assert dialog.date.input.text() == "3 Mar 2025"
    retype(qtbot, dialog.date.input, "1 Jan 2025")
    dialog.buttons.accepted.emit()
    assert dialog.result_value is None and dialog.date.is_marked
    assert "before the proposal was tabled (1 Feb 2025)" in dialog.date.message.text()
    retype(qtbot, dialog.date.input, "2 Feb 2025")
    retype(qtbot, dialog.note, "Fifth team")
    dialog.buttons.accepted.emit()
    assert dialog.result_value == RevisionInput(date(2025, 2, 2), "The text", "Fifth team")


def test_compare_shows_the_words_deleted_and_inserted(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample
) -> None:
    editor = open_record(window, window.proposals, sample.proposals["restructure"])
    assert [v.label for v in editor.versions()] == ["Revision 1, 11 Feb 2025 — Fourth team"]
    assert not editor.compare_button.isEnabled()  # one text: nothing to compare yet
    window.operations.create(
        "proposal_revision",
        proposals.add_revision,
        sample.proposals["restructure"],
        TODAY,
        "Merge the hubs into five teams.",
        "Five",
    )
    assert editor.compare_button.isEnabled()
    qtbot.mouseClick(editor.compare_button, Qt.MouseButton.LeftButton)
    (dialog,) = editor.findChildren(RevisionCompareDialog)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.left.toPlainText() == "Merge the hubs into four area teams."
    assert dialog.right.toPlainText() == "Merge the hubs into five teams."
    assert "line-through" in dialog.left.toHtml() and "four area" in dialog.left.toHtml()
    assert "underline" in dialog.right.toHtml() and "five" in dialog.right.toHtml()
    assert dialog.summary.text() == "Revision 1 → Revision 2: 1 word added, 2 words removed."


def test_delete_counts_revisions_and_files(
    window: MainWindow, log: Log, sample: Sample, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, _t, text, _ok, _c="": asked.append(text) or True)
    paper = tmp_path / "offer.pdf"
    paper.write_bytes(b"%PDF-1.4 offer")
    attachments.attach_file(log, "proposal", sample.proposals["restructure"], paper)
    attachments.attach_file(log, "proposal", sample.proposals["restructure"], paper)
    tab = window.proposals
    open_record(window, tab, sample.proposals["restructure"])
    window.record_actions.delete.trigger()
    assert asked == [
        "Delete P-001 “Service restructure” and its 1 revision and 2 attachments? "
        "The grievance it addresses stays. Edit ▸ Undo puts it back."
    ]
    refs = [p.reference for p in proposals.list_proposals(log, ProposalQuery(sample.dispute))]
    assert refs == ["P-002", "P-003"]
    assert tab.editor is not None and tab.editor.record_id == sample.proposals["travel"]
    window.operations.stack.undo()
    assert len(proposal(log, sample.proposals["restructure"]).revisions) == 1


def test_new_proposal_is_tabled_today(qtbot: QtBot, window: MainWindow, log: Log, sample: Sample) -> None:
    tab = window.proposals
    window.tab_widget.setCurrentWidget(tab)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    new = proposals.list_proposals(log, ProposalQuery(sample.dispute))[-1]
    assert (new.reference, new.title, new.tabled_on, new.status) == (
        "P-004",
        "New proposal",
        TODAY,
        ProposalStatus.TABLED,
    )
    assert tab.editor is not None and tab.editor.record_id == new.id


def test_the_table_model_passes_qts_checks_after_an_edit(
    qtbot: QtBot, qtmodeltester, window: MainWindow, sample: Sample
) -> None:
    tab = window.proposals
    editor = open_record(window, tab, sample.proposals["travel"])
    with qtbot.assertNotEmitted(tab.model.modelReset):
        qtbot.keyClick(editor.inputs["status"].input, Qt.Key.Key_Down)
    assert column(tab.view, 5)[1] == "Accepted"
    qtmodeltester.check(tab.model)
