"""The People tab as an editor: add, edit, merge and erase people, then read the log back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from stls_desk.db import backup
from stls_desk.db.log import Log
from stls_desk.domain.enums import PersonRole
from stls_desk.services import erasure, grievances, meetings, people, search
from stls_desk.services.erasure import Mention
from stls_desk.ui.dialogs import erase_person, merge_people
from stls_desk.ui.dialogs.erase_person import EraseChoice, ErasePersonDialog
from stls_desk.ui.dialogs.merge_people import MergeChoice, MergePeopleDialog
from stls_desk.ui.editors.person import PersonEditor
from stls_desk.ui.main_window import MainWindow
from tests.ui.data import Sample


@pytest.fixture
def tab_editor(window: MainWindow) -> PersonEditor:
    window.tab_widget.setCurrentWidget(window.people)
    return window.people.editor


def leave(editor: PersonEditor, name: str) -> None:
    editor.inputs[name].committed.emit()


def test_add_a_person_from_the_edit_menu(
    qtbot, window: MainWindow, tab_editor: PersonEditor, log: Log, sample: Sample
) -> None:
    window.record_actions.new.trigger()
    new = [p for p in people.list_people(log, sample.dispute) if p.name == "New person"]
    assert len(new) == 1 and new[0].role == PersonRole.MEMBER
    assert tab_editor.record_id == new[0].id
    name = tab_editor.inputs["name"].edit
    assert name.selectedText() == "New person"
    qtbot.keyClicks(name, "Rhiannon ")
    name.insert("Wyn-Jones ‏(NEU)")  # a right-to-left mark, as pasted from a message
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert people.get_person(log, new[0].id).name == "Rhiannon Wyn-Jones ‏(NEU)"
    assert window.people.view.currentIndex().data() == "Rhiannon Wyn-Jones ‏(NEU)"


def test_edit_a_person(window: MainWindow, tab_editor: PersonEditor, log: Log, sample: Sample) -> None:
    asha = sample.people["asha"]
    window.people.select_record(asha)
    role = tab_editor.inputs["role"].combo
    role.setCurrentIndex(list(PersonRole).index(PersonRole.REP))
    role.activated.emit(role.currentIndex())
    tab_editor.inputs["workplace"].edit.setText("Canterbury <hub> & office")
    leave(tab_editor, "workplace")
    tab_editor.inputs["contact"].edit.setText("asha@example.org")
    leave(tab_editor, "contact")
    tab_editor.inputs["notes"].edit.setPlainText("Prefers e-mail.\nŁódź office on Fridays.")
    leave(tab_editor, "notes")
    row = people.get_person(log, asha)
    assert (row.role, row.workplace, row.contact) == (
        PersonRole.REP,
        "Canterbury <hub> & office",
        "asha@example.org",
    )
    assert row.notes == "Prefers e-mail.\nŁódź office on Fridays."
    tab_editor.inputs["name"].edit.setText("  ")
    leave(tab_editor, "name")
    assert tab_editor.inputs["name"].is_marked
    assert people.get_person(log, asha).name == "Asha Patel"
    window.operations.stack.undo()  # the notes
    assert people.get_person(log, asha).notes == ""


def test_where_a_person_appears_stays_in_view_and_opens_records(
    window: MainWindow, tab_editor: PersonEditor, sample: Sample
) -> None:
    window.people.select_record(sample.people["carol"])
    lines = tab_editor.appearances
    assert [lines.item(n).text() for n in range(lines.count())] == [
        "Attended Negotiation meeting 1 (10 Feb 2025)",
        "Owns action: Send the caseload figures",
    ]
    assert tab_editor.appearance_links() == [("meeting", sample.meetings["negotiation"])] * 2
    lines.itemActivated.emit(lines.item(0))
    assert window.tab_widget.currentWidget() is window.meetings
    assert window.meetings.editor.record_id == sample.meetings["negotiation"]


def test_merge_two_records_of_one_person(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, tab_editor: PersonEditor, log: Log, sample: Sample
) -> None:
    asha = sample.people["asha"]
    dupe = people.create_person(
        log, sample.dispute, "Asha Patel", PersonRole.MEMBER, contact="07700 900123"
    ).id
    meeting = sample.meetings["branch"]
    meetings.set_attendees(log, meeting, [(dupe, "union")])
    window.people.refresh()
    window.people.select_record(dupe)
    shown: list[int] = []

    def ask(_parent, _log, person):
        shown.append(person.id)
        return MergeChoice(keep_id=asha, merge_id=dupe)

    monkeypatch.setattr(merge_people, "ask", ask)
    tab_editor.merge_button.click()
    assert shown == [dupe]
    assert [p.id for p in people.list_people(log, sample.dispute) if p.name == "Asha Patel"] == [asha]
    assert [a.person_id for a in meetings.get_meeting(log, meeting).attendees] == [asha]
    assert tab_editor.record_id == asha
    assert "Attended Branch meeting (20 Feb 2025)" in [
        tab_editor.appearances.item(n).text() for n in range(tab_editor.appearances.count())
    ]


def test_the_merge_dialog_shows_what_moves(qtbot, log: Log, sample: Sample) -> None:
    dupe = people.create_person(log, sample.dispute, "asha patel", PersonRole.MEMBER).id
    dialog = MergePeopleDialog(None, log, people.get_person(log, sample.people["asha"]))
    qtbot.addWidget(dialog)
    assert dialog.other.currentData() == dupe  # the same name, preselected
    assert dialog.choice() == MergeChoice(sample.people["asha"], dupe)
    assert dialog.moves.item(0).text().startswith("Nothing")
    dialog.keep_other.click()
    assert dialog.choice() == MergeChoice(dupe, sample.people["asha"])
    assert dialog.moves.item(0).text() == "Raised G-001 Unpaid travel time between schools"
    assert "Asha Patel — Member, Ashford hub" in dialog.moves_label.text()


def test_erase_a_person_everywhere(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    window: MainWindow,
    tab_editor: PersonEditor,
    log: Log,
    sample: Sample,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    old = backup.make_backup(log.path, None, now=datetime(2025, 1, 1, tzinfo=UTC))
    recent = backup.make_backup(log.path, None)
    asha = sample.people["asha"]
    grievances.change_grievance(log, sample.grievances["caseload"], detail="Asha Patel raised this first.")
    meetings.change_meeting(log, sample.meetings["branch"], minutes="ASHA  PATEL spoke for the Ashford hub.")
    window.people.refresh()
    window.people.select_record(asha)
    assert window.operations.stack.count() == 0
    tab_editor.inputs["workplace"].edit.setText("Ashford")
    leave(tab_editor, "workplace")
    assert window.operations.stack.count() == 1
    seen: list[tuple[list[str], list[Mention]]] = []

    def ask(_parent, person, appearances, mentions):
        seen.append(([a.text for a in appearances], list(mentions)))
        return EraseChoice(replace_in_text=True)

    purge_asked: list[str] = []

    def ask_purge(_parent, note: str, remaining: Sequence[Mention]) -> bool:
        purge_asked.append(note)
        return True

    monkeypatch.setattr(erase_person, "ask", ask)
    monkeypatch.setattr(erase_person, "ask_purge", ask_purge)
    window.people.view.setFocus()
    window.record_actions.delete.trigger()

    appearances, mentions = seen[0]
    assert appearances == ["Raised G-001 Unpaid travel time between schools"]
    assert {(m.entity, m.field) for m in mentions} >= {("grievance", "detail"), ("meeting", "minutes")}
    assert all(p.name != "Asha Patel" for p in people.list_people(log, sample.dispute))
    assert (
        grievances.get_grievance(log, sample.grievances["caseload"]).detail == "[erased] raised this first."
    )
    assert (
        meetings.get_meeting(log, sample.meetings["branch"]).minutes == "[erased] spoke for the Ashford hub."
    )
    probe = people.create_person(log, sample.dispute, "Asha Patel").id  # a namesake finds nothing left
    assert erasure.find_mentions(log, probe) == []
    assert window.operations.stack.count() == 0  # the undo steps could have put the name back
    assert purge_asked == [erasure.BACKUPS_NOTE]
    assert not old.path.exists() and recent.path.exists()
    message = window.statusBar().currentMessage()
    assert message.startswith("Deleted 1 older backup.") and "taken earlier today" in message
    found = search.search(log, '"Asha Patel"', dispute_id=sample.dispute)
    assert [(h.entity, h.id) for h in found] == [("person", probe)]  # the search index forgot her too


def test_cancelling_the_erasure_keeps_the_person(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, tab_editor: PersonEditor, log: Log, sample: Sample
) -> None:
    asked: list[int] = []
    monkeypatch.setattr(erase_person, "ask", lambda _parent, person, *_rest: asked.append(person.id))
    window.people.select_record(sample.people["ben"])
    tab_editor.erase_button.click()
    window.people.delete_button.click()  # the button under the table asks the same
    assert asked == [sample.people["ben"]] * 2
    assert people.get_person(log, sample.people["ben"]).name == "Ben Okafor"


def test_the_erase_dialog_lists_what_goes_and_defaults_to_cancel(qtbot, log: Log, sample: Sample) -> None:
    asha = sample.people["asha"]
    grievances.change_grievance(log, sample.grievances["caseload"], detail="Asha Patel and Asha Patel.")
    person = people.get_person(log, asha)
    dialog = ErasePersonDialog(None, person, people.appearances(log, asha), erasure.find_mentions(log, asha))
    qtbot.addWidget(dialog)
    assert dialog.appearances.item(0).text() == "Raised G-001 Unpaid travel time between schools"
    assert dialog.mentions.item(0).text() == "G-002 Caseloads above the agreed maximum: detail (2 times)"
    assert dialog.replace.isChecked() and dialog.replace.isEnabled()
    assert "cannot be undone" in dialog.warning.text() and "Undo history" in dialog.warning.text()
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert cancel.isDefault() and not dialog.erase_button.isDefault()
    assert dialog.choice() == EraseChoice(True)
    dialog.replace.click()
    assert dialog.choice() == EraseChoice(False)
