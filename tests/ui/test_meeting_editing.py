"""The Meetings tab as an editor: each change driven as a rep would make it, then read back from the log."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from stls_desk.db.log import Log
from stls_desk.domain.enums import MeetingKind, Side
from stls_desk.services import meetings
from stls_desk.ui import messages
from stls_desk.ui.dialogs import pick_records
from stls_desk.ui.editors.meeting import MeetingEditor
from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.models.actions import DESCRIPTION, DONE, DUE, OWNER, ActionItemsModel
from stls_desk.ui.models.table import WARNING
from tests.ui.data import TODAY, Sample, days


@pytest.fixture
def editor(window: MainWindow, sample: Sample) -> MeetingEditor:
    """The Meetings tab showing the sample's negotiation meeting (10 Feb 2025)."""
    window.tab_widget.setCurrentWidget(window.meetings)
    window.activateWindow()
    window.meetings.select_record(sample.meetings["negotiation"])
    return window.meetings.editor


def leave(editor: MeetingEditor, name: str) -> None:
    """The rep moves on from a field: it commits as it would on losing focus."""
    editor.inputs[name].committed.emit()


def detail(log: Log, sample: Sample) -> meetings.MeetingDetail:
    return meetings.get_meeting(log, sample.meetings["negotiation"], TODAY)


# -- the meeting itself --


def test_new_meeting_from_the_edit_menu(qtbot, window: MainWindow, log: Log, sample: Sample) -> None:
    window.tab_widget.setCurrentWidget(window.meetings)
    window.record_actions.new.trigger()
    created = [m for m in meetings.list_meetings(log, sample.dispute) if m.title == "New meeting"]
    assert len(created) == 1
    assert created[0].held_at == datetime(2025, 3, 3, 10, 0)
    editor = window.meetings.editor
    assert editor.record_id == created[0].id
    title = editor.inputs["title"].edit
    title.selectAll()
    qtbot.keyClicks(title, "Joint consultative committee ")
    title.insert("— Gwenllïan's <b>room</b> ✊")  # QTest types Latin-1 only
    qtbot.keyClick(title, Qt.Key.Key_Return)
    saved = meetings.get_meeting(log, created[0].id)
    assert saved.row.title == "Joint consultative committee — Gwenllïan's <b>room</b> ✊"
    assert window.meetings.editor.title.text() == saved.row.title


def test_edit_when_kind_where_and_confidential(editor: MeetingEditor, log: Log, sample: Sample) -> None:
    kind = editor.inputs["kind"].combo
    kind.setCurrentIndex(list(MeetingKind).index(MeetingKind.ACAS))
    kind.activated.emit(kind.currentIndex())
    editor.inputs["location"].edit.setText("Acas, Maidstone")
    leave(editor, "location")
    editor.inputs["confidential"].check.click()
    editor.inputs["held_at"].edit.setDateTime(datetime(2025, 2, 11, 14, 30))
    leave(editor, "held_at")
    row = detail(log, sample).row
    assert (row.kind, row.location, row.confidential) == (MeetingKind.ACAS, "Acas, Maidstone", True)
    assert row.held_at == datetime(2025, 2, 11, 14, 30)
    assert "confidential" in editor.subtitle.text()


def test_a_meeting_moved_after_its_actions_fall_due_is_refused_at_the_field(
    window: MainWindow, editor: MeetingEditor, log: Log, sample: Sample
) -> None:
    when = editor.inputs["held_at"]
    when.edit.setDateTime(datetime(2025, 3, 2, 9, 0))  # "Share the minutes" was due on 16 Feb
    leave(editor, "held_at")
    assert detail(log, sample).row.held_at == datetime(2025, 2, 10, 10, 0)
    assert when.is_marked
    assert "due before it" in when.message.text()
    assert when.value() == datetime(2025, 3, 2, 9, 0)  # what the rep set stays for correction
    assert "due before it" in window.statusBar().currentMessage()


def test_long_minutes_keep_every_keystroke(
    qtbot, window: MainWindow, editor: MeetingEditor, log: Log, sample: Sample
) -> None:
    minutes = editor.inputs["minutes"].edit
    minutes.setFocus()
    minutes.moveCursor(minutes.textCursor().MoveOperation.End)
    qtbot.keyClick(minutes, Qt.Key.Key_Return)  # Enter is a new line in the minutes, not "save"
    typed = "Gwenllian Rhys (UNISON) asked about <cover> & travel; Zbigniew agreed."
    qtbot.keyClicks(minutes, typed)
    typed = "\n" + typed
    minutes.insertPlainText(" Łukasiewicz: ‮RTL‬ 👍")
    typed += " Łukasiewicz: ‮RTL‬ 👍"
    # While the rep types, another change reaches the tab: what is being typed stays.
    editor.inputs["location"].edit.setText("County Hall, room 2")
    leave(editor, "location")
    assert minutes.toPlainText().endswith(typed)
    assert detail(log, sample).minutes == "The council set out its plans."
    # Leaving the box saves it.
    editor.inputs["decisions"].edit.setFocus()
    leave(editor, "minutes")
    assert detail(log, sample).minutes == "The council set out its plans." + typed
    assert detail(log, sample).row.location == "County Hall, room 2"


def test_minutes_being_typed_are_saved_when_another_meeting_is_chosen(
    window: MainWindow, editor: MeetingEditor, log: Log, sample: Sample
) -> None:
    editor.inputs["minutes"].edit.setPlainText("Typed, never left.")
    window.meetings.select_record(sample.meetings["branch"])
    assert detail(log, sample).minutes == "Typed, never left."
    assert editor.record_id == sample.meetings["branch"]
    editor.inputs["decisions"].edit.setPlainText("Typed as the window closed.")
    window.save_state()
    assert meetings.get_meeting(log, sample.meetings["branch"]).decisions == "Typed as the window closed."


def test_undo_a_meeting_change(window: MainWindow, editor: MeetingEditor, log: Log, sample: Sample) -> None:
    editor.inputs["title"].edit.setText("Negotiation meeting one")
    leave(editor, "title")
    assert detail(log, sample).row.title == "Negotiation meeting one"
    window.operations.stack.undo()
    assert detail(log, sample).row.title == "Negotiation meeting 1"
    assert editor.inputs["title"].edit.text() == "Negotiation meeting 1"
    window.operations.stack.redo()
    assert detail(log, sample).row.title == "Negotiation meeting one"


def test_delete_a_meeting_after_asking(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, editor: MeetingEditor, log: Log, sample: Sample
) -> None:
    asked: list[str] = []

    def confirm(_parent, _title, text, _ok, _cancel=""):
        asked.append(text)
        return len(asked) > 1  # no the first time, yes the second

    monkeypatch.setattr(messages, "confirm", confirm)
    window.meetings.view.setFocus()
    window.record_actions.delete.trigger()
    assert meetings.get_meeting(log, sample.meetings["negotiation"])
    assert "3 action items" in asked[0] and "who attended" in asked[0]
    assert window.meetings.delete_button.isEnabled()
    window.meetings.delete_button.click()
    titles = [m.title for m in meetings.list_meetings(log, sample.dispute)]
    assert titles == ["Branch meeting"]
    assert window.meetings.editor.record_id == sample.meetings["branch"]  # the next one is shown
    window.operations.stack.undo()
    restored = detail(log, sample)
    assert restored.row.title == "Negotiation meeting 1"
    assert len(restored.actions) == 3 and len(restored.attendees) == 2


# -- attendees --


def test_set_attendees_and_their_sides(
    monkeypatch: pytest.MonkeyPatch, editor: MeetingEditor, log: Log, sample: Sample
) -> None:
    who = sample.people
    field = editor.attendees
    assert [field.table.item(r, 0).text() for r in range(field.table.rowCount())] == [
        "Ben Okafor",
        "Carol Hughes",
    ]

    def pick(_parent, _title, _prompt, find, chosen):
        found = {c.text: c for c in find("", 100)}
        assert [c.id for c in chosen] == [who["ben"], who["carol"]]
        return [found["Carol Hughes"], found["Asha Patel"]]

    monkeypatch.setattr(pick_records, "ask", pick)
    field.choose_button.click()
    assert {(a.person_id, a.side) for a in detail(log, sample).attendees} == {
        (who["carol"], Side.EMPLOYER),
        (who["asha"], Side.UNION),
    }
    row = next(r for r in range(field.table.rowCount()) if field.table.item(r, 0).text() == "Asha Patel")
    side = field.table.cellWidget(row, 1)
    assert isinstance(side, QComboBox)
    side.setCurrentIndex(side.findData(Side.INDEPENDENT.value))
    side.activated.emit(side.currentIndex())
    assert (who["asha"], Side.INDEPENDENT) in {(a.person_id, a.side) for a in detail(log, sample).attendees}
    field.table.setFocus()
    field.table.selectRow(row)
    field.table.keyPressEvent(_key(Qt.Key.Key_Delete))
    assert [(a.person_id, a.side) for a in detail(log, sample).attendees] == [(who["carol"], Side.EMPLOYER)]


def _key(key: Qt.Key):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)


# -- action items, edited in place --


def actions_of(log: Log, sample: Sample) -> list[meetings.ActionRow]:
    return list(detail(log, sample).actions)


def edit_cell(
    qtbot, editor: MeetingEditor, row: int, column: int, text: str | None = None
) -> QLineEdit | QComboBox:
    """Open the cell's editor as F2 would; type `text` and press Enter if given."""
    view = editor.action_items.view
    index = view.model().index(row, column)
    view.setFocus()
    view.setCurrentIndex(index)
    view.edit(index)
    widget = QApplication.focusWidget()
    assert isinstance(widget, QLineEdit | QComboBox), widget
    if text is not None and isinstance(widget, QLineEdit):
        widget.selectAll()
        qtbot.keyClick(widget, Qt.Key.Key_Backspace)
        qtbot.keyClicks(widget, text)
        qtbot.keyClick(widget, Qt.Key.Key_Return)
        QApplication.processEvents()  # the delegate commits Enter on the next turn of the event loop
    return widget


def test_add_edit_complete_and_remove_an_action_in_place(
    qtbot, window: MainWindow, editor: MeetingEditor, log: Log, sample: Sample
) -> None:
    widget = editor.action_items
    qtbot.keyClicks(widget.new_action, "Ask Acas for dates")
    qtbot.keyClick(widget.new_action, Qt.Key.Key_Return)
    added = actions_of(log, sample)[-1]
    assert (added.description, added.owner_id, added.due_on) == ("Ask Acas for dates", None, None)
    assert widget.new_action.text() == ""
    row = widget.model.row_of_id(added.id)
    assert row is not None

    edit_cell(qtbot, editor, row, DESCRIPTION, "Ask Acas for three dates in March")
    edit_cell(qtbot, editor, row, DUE, "14/3/2025")
    combo = edit_cell(qtbot, editor, row, OWNER)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText("Ben Okafor"))
    combo.activated.emit(combo.currentIndex())
    changed = actions_of(log, sample)[-1]
    assert changed.description == "Ask Acas for three dates in March"
    assert changed.due_on == date(2025, 3, 14)
    assert changed.owner_id == sample.people["ben"]
    assert widget.model.index(row, OWNER).data() == "Ben Okafor"

    # Completed: typed in the Done cell, then taken back to no date, then "Done today".
    edit_cell(qtbot, editor, row, DONE, "today")
    assert actions_of(log, sample)[-1].done_on == TODAY
    edit_cell(qtbot, editor, row, DONE, "")
    assert actions_of(log, sample)[-1].done_on is None
    widget.view.setCurrentIndex(widget.model.index(row, DESCRIPTION))
    widget.done_button.click()
    assert actions_of(log, sample)[-1].done_on == TODAY

    # Delete in the table removes the action, not the meeting; Edit ▸ Undo brings it back.
    before_delete = actions_of(log, sample)
    widget.view.setFocus()
    widget.view.setCurrentIndex(widget.model.index(row, DESCRIPTION))
    qtbot.keyClick(widget.view, Qt.Key.Key_Delete)
    assert [a.id for a in actions_of(log, sample)] == [a.id for a in before_delete if a.id != added.id]
    assert editor.record_id == sample.meetings["negotiation"]
    window.operations.stack.undo()
    assert added.id in {a.id for a in actions_of(log, sample)}


def test_an_action_due_before_its_meeting_is_refused_in_its_cell(
    qtbot, window: MainWindow, editor: MeetingEditor, log: Log, sample: Sample
) -> None:
    model = editor.action_items.model
    before = actions_of(log, sample)
    edit_cell(qtbot, editor, 1, DUE, "1 Feb 2025")  # the meeting was on 10 Feb
    assert actions_of(log, sample) == before
    index = model.index(1, DUE)
    assert index.data(Qt.ItemDataRole.EditRole) == date(2025, 2, 1)  # kept for correction
    assert index.data() == "1 Feb 2025"
    assert index.data(Qt.ItemDataRole.ForegroundRole) == WARNING
    assert "before the meeting" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "before the meeting" in window.statusBar().currentMessage()
    # The editor opens again on what was typed.
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    reopened = QApplication.focusWidget()
    assert isinstance(reopened, QLineEdit) and reopened.text() == "1 Feb 2025"
    reopened.selectAll()
    qtbot.keyClicks(reopened, "12 Feb 2025")
    qtbot.keyClick(reopened, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert actions_of(log, sample)[1].due_on == date(2025, 2, 12)
    assert model.refusal(index) is None

    # Done before the meeting, and text that is not a date: refused the same way; Esc gives up.
    edit_cell(qtbot, editor, 0, DONE, "31 Feb 2025")
    assert "no such day" in (model.index(0, DONE).data(Qt.ItemDataRole.ToolTipRole) or "")
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert model.refusal(model.index(0, DONE)) is None
    assert actions_of(log, sample)[0].done_on is None
    edit_cell(qtbot, editor, 0, DONE, "9/2/2025")
    assert "before the meeting" in model.index(0, DONE).data(Qt.ItemDataRole.ToolTipRole)
    assert actions_of(log, sample)[0].done_on is None


def test_overdue_actions_stand_out_in_words_too(editor: MeetingEditor, sample: Sample) -> None:
    model = editor.action_items.model
    assert model.index(0, DUE).data() == "1 Mar 2025 — overdue"  # due days(-2), not done
    assert model.index(0, DESCRIPTION).data(Qt.ItemDataRole.ForegroundRole) == WARNING
    assert model.index(1, DUE).data() == "8 Mar 2025"
    assert model.index(1, DESCRIPTION).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(2, DUE).data() == "16 Feb 2025"  # done: not overdue


def test_action_model(qtmodeltester, window: MainWindow, log: Log, sample: Sample) -> None:
    model = ActionItemsModel(lambda: TODAY)
    model.set_rows(detail(log, sample).actions)
    qtmodeltester.check(model)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    model.set_operations(window.operations)
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(1, DUE), days(20))
    assert actions_of(log, sample)[1].due_on == days(20)
    assert not model.setData(model.index(1, DUE), date(2025, 1, 1))
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)
