"""The Grievances tab edits: every field saved as the rep leaves it or presses Enter, refusals marked with
the typed text kept, New and Delete, undo, and one edit repainting one row."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from stls_desk.db.log import Log
from stls_desk.domain.enums import GrievanceStage, GrievanceStatus
from stls_desk.services import attachments, deadlines, grievances
from stls_desk.services.grievances import GrievanceQuery
from stls_desk.ui import messages
from stls_desk.ui.dialogs import pick_records
from stls_desk.ui.dialogs.pick_records import Choice, PickRecordsDialog
from stls_desk.ui.editors.dates import DateTextError, WorkingDays, parse_day, parse_working_days
from stls_desk.ui.main_window import MainWindow
from tests.ui.data import TODAY, Sample
from tests.ui.editing import clear, column, enter, leave, open_record, retype


def grievance(log: Log, grievance_id: int) -> grievances.GrievanceDetail:
    return grievances.get_grievance(log, grievance_id)


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation asked, answered yes."""
    asked: list[str] = []

    def confirm(_parent, _title, text, _ok, _cancel=""):
        asked.append(text)
        return True

    monkeypatch.setattr(messages, "confirm", confirm)
    return asked


def test_a_title_typed_and_entered_is_saved_and_repaints_only_its_row(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample
) -> None:
    tab = window.grievances
    editor = open_record(window, tab, sample.grievances["travel"])
    title = editor.inputs["title"].input
    with qtbot.assertNotEmitted(tab.model.modelReset), qtbot.waitSignal(tab.model.dataChanged):
        retype(qtbot, title, "Unpaid travel time — Ysgol Gymraeg & <b>Łódź</b> ✊")
        enter(qtbot, title)
    expected = "Unpaid travel time — Ysgol Gymraeg & <b>Łódź</b> ✊"
    assert grievance(log, sample.grievances["travel"]).row.title == expected
    assert column(tab.view, 1)[0] == expected
    assert editor.title.text() == f"G-001  {expected}"
    assert editor.title.textFormat() == Qt.TextFormat.PlainText  # shown as typed, never as markup
    assert window.statusBar().currentMessage() == "Change grievance: saved."
    assert tab.view.currentIndex().row() == 0  # still selected


def test_leaving_the_detail_saves_it_and_undo_puts_it_back(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample
) -> None:
    editor = open_record(window, window.grievances, sample.grievances["travel"])
    detail = editor.inputs["detail"].input
    before = grievance(log, sample.grievances["travel"]).detail
    retype(qtbot, detail, "Six schools a day.\nNo paid travel time.")
    assert editor.dirty
    leave(qtbot, window, detail, editor.inputs["title"].input)
    assert grievance(log, sample.grievances["travel"]).detail == "Six schools a day.\nNo paid travel time."
    assert not editor.dirty

    window.operations.stack.undo()
    assert grievance(log, sample.grievances["travel"]).detail == before
    assert detail.toPlainText() == before
    window.operations.stack.redo()
    assert detail.toPlainText() == "Six schools a day.\nNo paid travel time."


def test_closing_the_window_saves_a_field_still_being_typed(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample
) -> None:
    editor = open_record(window, window.grievances, sample.grievances["travel"])
    retype(qtbot, editor.inputs["employer_response"].input, "Refused at stage 1.")
    window.save_state()  # what closing the window does before it closes the log
    assert grievance(log, sample.grievances["travel"]).employer_response == "Refused at stage 1."


def test_choosing_another_grievance_saves_the_one_being_typed(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample
) -> None:
    editor = open_record(window, window.grievances, sample.grievances["travel"])
    retype(qtbot, editor.inputs["staff_group"].input, "Specialist teachers")
    window.grievances.select_record(sample.grievances["caseload"])  # as a link from another tab does
    assert grievance(log, sample.grievances["travel"]).staff_group == "Specialist teachers"
    assert editor.record_id == sample.grievances["caseload"]


def test_choices_and_the_tick_box_save_at_once(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample
) -> None:
    editor = open_record(window, window.grievances, sample.grievances["travel"])
    status = editor.inputs["status"].input
    assert status.currentText() == "Open"
    qtbot.keyClick(status, Qt.Key.Key_Down)
    assert grievance(log, sample.grievances["travel"]).row.status == GrievanceStatus.RAISED
    assert column(window.grievances.view, 4)[0] == "Raised with employer"
    stage = editor.inputs["stage"].input
    qtbot.keyClick(stage, Qt.Key.Key_Down)
    assert grievance(log, sample.grievances["travel"]).row.stage == GrievanceStage.APPEAL
    qtbot.mouseClick(editor.inputs["confidential"].input, Qt.MouseButton.LeftButton)
    assert grievance(log, sample.grievances["travel"]).row.confidential
    assert editor.subtitle.text() == "Confidential: kept out of members' briefing packs."

    window.operations.stack.undo()
    assert not editor.inputs["confidential"].input.isChecked()
    assert not grievance(log, sample.grievances["travel"]).row.confidential


def test_category_staff_group_scope_and_dates(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample
) -> None:
    editor = open_record(window, window.grievances, sample.grievances["caseload"])
    for name, text in (("category", "Workload (SEND)"), ("staff_group", "Specialist teachers, grade 7")):
        retype(qtbot, editor.inputs[name].input, text)
        enter(qtbot, editor.inputs[name].input)
    retype(qtbot, editor.inputs["raised_on"].input, "10/2/25")
    enter(qtbot, editor.inputs["raised_on"].input)
    qtbot.keyClick(editor.inputs["scope"].input, Qt.Key.Key_Up)
    g = grievance(log, sample.grievances["caseload"])
    assert (g.row.category, g.staff_group) == ("Workload (SEND)", "Specialist teachers, grade 7")
    assert g.row.raised_on == date(2025, 2, 10)
    assert g.row.scope.label == "Individual"
    assert editor.inputs["raised_on"].input.text() == "10 Feb 2025"  # shown as every date is written

    editor.inputs["resolved_on"].calendar.clicked.emit(QDate(2025, 2, 28))  # picked from the calendar
    assert grievance(log, sample.grievances["caseload"]).row.resolved_on == date(2025, 2, 28)


def test_an_empty_or_too_long_title_is_refused_and_the_text_stays(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample
) -> None:
    editor = open_record(window, window.grievances, sample.grievances["travel"])
    field = editor.inputs["title"]
    clear(qtbot, field.input)
    enter(qtbot, field.input)
    assert field.is_marked and field.input.property("invalid")
    assert field.message.text() == "The title cannot be empty."
    assert window.statusBar().currentMessage() == "The title cannot be empty."
    assert grievance(log, sample.grievances["travel"]).row.title == "Unpaid travel time between schools"

    long_title = "Travel " * 50
    retype(qtbot, field.input, long_title)
    enter(qtbot, field.input)
    assert field.input.text() == long_title  # nothing cut off
    assert "keep it to 300" in field.message.text()
    assert editor.dirty

    retype(qtbot, field.input, "Travel time")
    enter(qtbot, field.input)
    assert not field.is_marked and not field.message.isVisible()
    assert grievance(log, sample.grievances["travel"]).row.title == "Travel time"


def test_resolved_before_raised_and_a_day_that_does_not_exist_are_marked(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample
) -> None:
    editor = open_record(window, window.grievances, sample.grievances["travel"])
    resolved = editor.inputs["resolved_on"]
    retype(qtbot, resolved.input, "1 Jan 2020")
    enter(qtbot, resolved.input)
    assert resolved.is_marked
    assert resolved.message.text() == "A grievance cannot be resolved before it was raised."
    assert resolved.input.text() == "1 Jan 2020"
    retype(qtbot, resolved.input, "31 Feb 2025")
    enter(qtbot, resolved.input)
    assert "There is no such day as “31 Feb 2025”" in resolved.message.text()
    assert grievance(log, sample.grievances["travel"]).row.resolved_on is None

    qtbot.keyClick(resolved.input, Qt.Key.Key_Escape)  # Esc puts back what is saved
    assert resolved.input.text() == "" and not resolved.is_marked


def test_a_response_due_in_working_days_is_worked_out_in_the_disputes_calendar(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample
) -> None:
    editor = open_record(window, window.grievances, sample.grievances["caseload"])
    due = editor.inputs["response_due"]
    retype(qtbot, due.input, "10 working days from 14 Apr 2025")
    enter(qtbot, due.input)
    expected = deadlines.response_due_from(log, sample.dispute, date(2025, 4, 14), 10)
    assert expected == date(2025, 4, 30)  # Good Friday and Easter Monday are not working days
    assert grievance(log, sample.grievances["caseload"]).row.response_due == expected
    assert due.input.text() == "30 Apr 2025"
    assert "10 working days from 14 Apr 2025" in due.note.text() and due.note.isVisible()

    retype(qtbot, due.input, "5 working days")  # from the day it was raised
    enter(qtbot, due.input)
    raised = grievance(log, sample.grievances["caseload"]).row.raised_on
    assert raised is not None
    assert grievance(log, sample.grievances["caseload"]).row.response_due == deadlines.response_due_from(
        log, sample.dispute, raised, 5
    )


def test_raised_by_is_picked_from_the_disputes_people(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_record(window, window.grievances, sample.grievances["travel"])
    offered: list[list[Choice]] = []

    def ask(_parent, _title, _prompt, find, chosen):
        offered.append(list(find("", 500)))
        assert [c.id for c in chosen] == [sample.people["asha"]]
        return [Choice(sample.people["asha"], "Asha Patel"), Choice(sample.people["ben"], "Ben Okafor")]

    monkeypatch.setattr(pick_records, "ask", ask)
    qtbot.mouseClick(editor.inputs["raised_by"].choose_button, Qt.MouseButton.LeftButton)
    assert [c.text for c in offered[0]] == ["Asha Patel", "Ben Okafor", "Carol Hughes"]
    assert offered[0][0].detail == "Member, Ashford hub"
    raised_by = grievance(log, sample.grievances["travel"]).raised_by
    assert [name for _, name in raised_by] == ["Asha Patel", "Ben Okafor"]

    chosen = editor.inputs["raised_by"].input
    chosen.setCurrentRow(0)
    qtbot.keyClick(chosen, Qt.Key.Key_Delete)  # takes Asha off the list, deletes no grievance
    assert [name for _, name in grievance(log, sample.grievances["travel"]).raised_by] == ["Ben Okafor"]
    window.operations.stack.undo()
    assert chosen.count() == 2


def test_the_picker_filters_and_keeps_what_was_ticked(qtbot: QtBot, log: Log, sample: Sample) -> None:
    from stls_desk.services import people

    def find(text: str, limit: int) -> list[Choice]:
        return [
            Choice(p.id, p.name, p.role.label) for p in people.list_people(log, sample.dispute, text=text)
        ]

    dialog = PickRecordsDialog(
        None, "Raised by", "Tick:", find, [Choice(sample.people["asha"], "Asha Patel")]
    )
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 3
    assert dialog.list.item(0).checkState() == Qt.CheckState.Checked
    dialog.set_filter("ben")
    assert [dialog.list.item(n).text() for n in range(dialog.list.count())] == ["Ben Okafor  ·  Rep"]
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.set_filter("")
    assert [c.text for c in dialog.chosen()] == ["Asha Patel", "Ben Okafor"]
    assert dialog.count.text() == "2 chosen · 3 listed"


def test_a_proposal_that_addresses_it_opens_from_the_editor(window: MainWindow, sample: Sample) -> None:
    editor = open_record(window, window.grievances, sample.grievances["travel"])
    links = editor.proposals
    assert links.item(0).text() == "P-002  Travel time pay"
    links.itemActivated.emit(links.item(0))
    assert window.tab_widget.currentWidget() is window.proposals
    assert window.proposals.editor is not None
    assert window.proposals.editor.record_id == sample.proposals["travel"]


def test_new_adds_selects_and_names_a_grievance(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample
) -> None:
    tab = window.grievances
    window.tab_widget.setCurrentWidget(tab)
    window.activateWindow()
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    rows = grievances.list_grievances(log, GrievanceQuery(sample.dispute))
    assert [g.reference for g in rows][-1] == "G-005"
    new = rows[-1]
    assert (new.title, new.raised_on, new.status) == ("New grievance", TODAY, GrievanceStatus.OPEN)
    assert tab.editor is not None and tab.editor.record_id == new.id
    assert column(tab.view, 0)[tab.view.currentIndex().row()] == "G-005"
    assert tab.filter_bar.count.text() == "5 grievances"
    title = tab.editor.inputs["title"].input
    assert title.selectedText() == "New grievance"
    qtbot.keyClicks(title, "Lone working at the Ashford hub")
    enter(qtbot, title)
    assert grievance(log, new.id).row.title == "Lone working at the Ashford hub"


def test_ctrl_n_and_delete_follow_the_current_tab(window: MainWindow, log: Log, sample: Sample) -> None:
    actions = window.record_actions
    assert actions.new.shortcut().toString() == "Ctrl+N"
    assert actions.delete.shortcut().toString() == "Del"
    assert actions.new in window.menus.edit.actions()
    window.tab_widget.setCurrentWidget(window.overview)
    assert not actions.new.isEnabled() and not actions.delete.isEnabled()
    window.tab_widget.setCurrentWidget(window.grievances)
    assert actions.new.isEnabled()
    actions.new.trigger()
    assert grievances.count_grievances(log, GrievanceQuery(sample.dispute)) == 5
    window.tab_widget.setCurrentWidget(window.proposals)
    actions.new.trigger()
    assert grievances.count_grievances(log, GrievanceQuery(sample.dispute)) == 5
    assert window.proposals.editor is not None
    assert window.proposals.editor.title.text() == "P-004  New proposal"


def test_delete_says_what_goes_and_selects_the_next_row(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample, confirmations: list[str], tmp_path
) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear council")
    attachments.attach_file(log, "grievance", sample.grievances["travel"], letter)
    tab = window.grievances
    open_record(window, tab, sample.grievances["travel"])
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert confirmations == [
        "Delete G-001 “Unpaid travel time between schools” and its 1 attachment? "
        "The proposal that addresses it stays. Edit ▸ Undo puts it back."
    ]
    assert [g.reference for g in grievances.list_grievances(log, GrievanceQuery(sample.dispute))] == [
        "G-002",
        "G-003",
        "G-004",
    ]
    assert tab.editor is not None and tab.editor.record_id == sample.grievances["caseload"]
    assert column(tab.view, 0)[tab.view.currentIndex().row()] == "G-002"

    window.operations.stack.undo()
    assert grievance(log, sample.grievances["travel"]).proposals  # the link came back with it
    assert len(attachments.list_attachments(log, "grievance", sample.grievances["travel"])) == 1


def test_del_in_a_field_edits_its_text_and_in_the_table_deletes_the_record(
    qtbot: QtBot, window: MainWindow, log: Log, sample: Sample, confirmations: list[str]
) -> None:
    editor = open_record(window, window.grievances, sample.grievances["travel"])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    title = editor.inputs["title"].input
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    title.setCursorPosition(0)
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    assert title.text() == "npaid travel time between schools"
    assert confirmations == []
    view = window.grievances.view
    view.setFocus()  # leaving the title saves it
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(confirmations) == 1 and confirmations[0].startswith("Delete G-001 “npaid travel time")
    assert grievances.count_grievances(log, GrievanceQuery(sample.dispute)) == 3


def test_a_delete_not_confirmed_keeps_the_grievance(
    window: MainWindow, log: Log, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "confirm", lambda *_args, **_kw: False)
    open_record(window, window.grievances, sample.grievances["mileage"])
    window.record_actions.delete.trigger()
    assert grievances.count_grievances(log, GrievanceQuery(sample.dispute)) == 4


def test_filter_and_sort_still_work_beside_the_editor(
    qtbot: QtBot, window: MainWindow, sample: Sample
) -> None:
    tab = window.grievances
    editor = open_record(window, tab, sample.grievances["regrading"])
    retype(qtbot, editor.inputs["title"].input, "Pay: regrading of specialist teachers")
    enter(qtbot, editor.inputs["title"].input)
    tab.filter_bar.text.setText("pay")
    qtbot.waitUntil(lambda: tab.view.model().rowCount() == 3)
    assert column(tab.view, 0) == ["G-001", "G-003", "G-004"]
    tab.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert column(tab.view, 1)[0] == "Unpaid travel time between schools"
    assert editor.record_id == sample.grievances["regrading"]


def test_the_table_model_passes_qts_checks_after_an_edit(
    qtbot: QtBot, qtmodeltester, window: MainWindow, sample: Sample
) -> None:
    tab = window.grievances
    editor = open_record(window, tab, sample.grievances["caseload"])
    retype(qtbot, editor.inputs["title"].input, "Caseloads")
    enter(qtbot, editor.inputs["title"].input)
    assert tab.model.row_of_id(sample.grievances["caseload"]) == 1
    assert tab.model.update_row(sample.grievances["caseload"])
    assert not tab.model.update_row(10_000)
    qtmodeltester.check(tab.model)


def test_dates_are_read_as_reps_write_them() -> None:
    assert parse_day("25 Feb 2025") == date(2025, 2, 25)
    assert parse_day(" 25 february 2025 ") == date(2025, 2, 25)
    assert parse_day("25/02/2025") == parse_day("25/2/25") == parse_day("2025-02-25") == date(2025, 2, 25)
    assert parse_day("3rd March 2025") == date(2025, 3, 3)
    assert parse_day("today", TODAY) == TODAY
    assert parse_day("") is None
    for bad in ("31 Feb 2025", "next week", "25 Fab 2025", "2025/13/01"):
        with pytest.raises(DateTextError):
            parse_day(bad)
    assert parse_working_days("10 working days") == WorkingDays(10, None)
    assert parse_working_days("1 working day after 3/3/25") == WorkingDays(1, date(2025, 3, 3))
    assert parse_working_days("3 Mar 2025") is None
    with pytest.raises(DateTextError):
        parse_working_days("0 working days")
