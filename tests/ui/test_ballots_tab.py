"""The Ballots & dates tab as an editor: figures typed into the form reach the log and change the assessment;
bad input is refused at the form; a strike day no ballot covers is flagged; closure days move working-day
deadlines; Edit ▸ New and Delete… add and remove ballots and dates."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from stls_desk.db.log import Log
from stls_desk.domain.enums import BallotKind, KeyDateKind
from stls_desk.services import ballots, closures
from stls_desk.services.deadlines import response_due_from
from stls_desk.ui import messages
from stls_desk.ui.dialogs import new_dated
from stls_desk.ui.dialogs.new_dated import NewBallot, NewDatedDialog, NewKeyDate
from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.models.ballots import BallotTableModel, KeyDateTableModel
from stls_desk.ui.models.table import WARNING
from stls_desk.ui.tabs.ballots import BallotsTab
from tests.ui.data import TODAY, Sample


@pytest.fixture
def tab(window: MainWindow) -> BallotsTab:
    window.tab_widget.setCurrentWidget(window.ballots)
    return window.ballots


def type_into(qtbot, tab: BallotsTab, name: str, text: str, editor=None) -> None:
    """Type into a field as a rep does: select what is there, type, press Enter."""
    field = (editor or tab.ballot_panel).inputs[name]
    field.input.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


def test_models_pass_qts_model_tester(qtmodeltester, log: Log, sample: Sample) -> None:
    model = BallotTableModel()
    model.set_rows(ballots.list_ballots(log, sample.dispute))
    qtmodeltester.check(model)
    dates = KeyDateTableModel()
    strike = sample.key_dates["strike"]
    dates.set_rows(ballots.list_key_dates(log, sample.dispute), {strike: ("No result is recorded yet",)})
    qtmodeltester.check(dates)
    row = dates.row_of_id(strike)
    assert dates.index(row, dates.CHECK).data() == "⚠ Not covered"
    assert dates.index(row, dates.CHECK).data(Qt.ItemDataRole.ForegroundRole) == WARNING
    assert "No result is recorded yet" in dates.index(row, dates.CHECK).data(Qt.ItemDataRole.ToolTipRole)


def test_typing_the_result_changes_the_assessment_and_the_log(
    qtbot, tab: BallotsTab, log: Log, sample: Sample
) -> None:
    ballot = sample.ballots["statutory"]
    tab.select_record(ballot, "ballot")
    editor = tab.ballot_panel
    assert tab.panels.currentWidget() is editor
    text = editor.assessment_text()
    assert "Rules applied: Trade Union Act 2016 rules (ballot opens 13 Mar 2025)" in text
    assert "The result is not recorded yet" in text

    for name, value in (("eligible", "200"), ("votes_cast", "90"), ("yes_votes", "80"), ("no_votes", "10")):
        type_into(qtbot, tab, name, value)
    row = ballots.get_ballot(log, ballot)
    assert (row.eligible, row.votes_cast, row.yes_votes, row.no_votes) == (200, 90, 80, 10)
    text = editor.assessment_text()
    assert "Turnout: 45% (90 of 200 entitled to vote): does not meet the 50% threshold" in text
    assert "Valid: No: Turnout 45% is below the 50% threshold" in text
    assert "Mandate's last day" not in text

    type_into(qtbot, tab, "votes_cast", "120")
    text = editor.assessment_text()
    assert ballots.get_ballot(log, ballot).votes_cast == 120
    assert "Turnout: 60% (120 of 200 entitled to vote): meets the 50% threshold" in text
    assert "Valid: Yes: a mandate for industrial action" in text
    assert "Mandate's last day: Thu 2 Oct 2025 (6 months beginning with 3 Apr 2025, TU Act 2016)" in text
    assert "Rules applied: Trade Union Act 2016 rules" in text
    # The table beside shows the new turnout too.
    assert tab.ballot_model.index(tab.ballot_model.row_of_id(ballot), 8).data() == "60%"


@pytest.mark.parametrize(
    ("opens_on", "closes_on", "rules", "unconfirmed"),
    [
        (date(2026, 2, 2), date(2026, 2, 16), "Trade Union Act 2016 rules (ballot opens 2 Feb 2026)", False),
        (
            date(2026, 3, 2),
            date(2026, 3, 20),
            "Employment Rights Act 2025 rules (ballot opens 2 Mar 2026)",
            True,
        ),
    ],
)
def test_a_ballot_either_side_of_18_february_2026_names_its_rules(
    qtbot,
    tab: BallotsTab,
    log: Log,
    sample: Sample,
    opens_on: date,
    closes_on: date,
    rules: str,
    unconfirmed: bool,
) -> None:
    created = ballots.create_ballot(
        log,
        sample.dispute,
        "Strike?",
        opens_on,
        closes_on,
        eligible=100,
        votes_cast=55,
        yes_votes=45,
        no_votes=10,
        important_public_service=True,
    )
    tab.window().report(created)
    tab.select_record(created.id, "ballot")
    text = tab.ballot_panel.assessment_text()
    assert f"Rules applied: {rules}" in text
    assert ("ERA 2025: the turnout threshold (50%) is not confirmed" in text) is unconfirmed
    if unconfirmed:  # the 40% support threshold was repealed for ballots opening from 18 February 2026
        assert "Public services: No support threshold under ERA 2025" in text
        assert "12 months beginning with" in text
    else:
        assert "Public services: 45% of those entitled voted yes: meets the 40% threshold" in text
        assert "6 months beginning with" in text


def test_bad_figures_are_refused_at_the_form_and_kept(
    qtbot, tab: BallotsTab, log: Log, sample: Sample
) -> None:
    ballot = sample.ballots["indicative"]  # 200 eligible, 140 cast, 120 yes, 20 no
    tab.select_record(ballot, "ballot")
    editor = tab.ballot_panel
    before = ballots.get_ballot(log, ballot)

    type_into(qtbot, tab, "closes_on", "1 Oct 2024")  # it opened on 1 Nov 2024
    closes = editor.inputs["closes_on"]
    assert closes.is_marked and closes.edit.text() == "1 Oct 2024"
    assert "cannot close before it opens" in closes.message.text()

    type_into(qtbot, tab, "votes_cast", "250")
    cast = editor.inputs["votes_cast"]
    assert cast.is_marked and "more than the 200 members entitled to vote" in cast.message.text()

    type_into(qtbot, tab, "spoilt", "5")  # 120 + 20 + 5 = 145 > 140 cast
    spoilt = editor.inputs["spoilt"]
    assert spoilt.is_marked and "more than the 140 votes cast" in spoilt.message.text()
    assert spoilt.edit.text() == "5"

    type_into(qtbot, tab, "eligible", "lots")
    assert editor.inputs["eligible"].is_marked
    assert "whole number" in editor.inputs["eligible"].message.text()
    assert ballots.get_ballot(log, ballot) == before  # nothing refused reached the log


def test_a_range_ending_before_it_starts_is_refused(qtbot, tab: BallotsTab, log: Log, sample: Sample) -> None:
    key_date = sample.key_dates["consultation"]  # 23 to 25 Mar 2025
    tab.select_record(key_date, "key_date")
    editor = tab.key_date_panel
    assert tab.panels.currentWidget() is editor
    type_into(qtbot, tab, "ends_on", "20 Mar 2025", editor)
    ends = editor.inputs["ends_on"]
    assert ends.is_marked and "cannot end before it starts" in ends.message.text()
    assert [k.ends_on for k in ballots.list_key_dates(log, sample.dispute) if k.id == key_date] == [
        date(2025, 3, 25)
    ]
    type_into(qtbot, tab, "ends_on", "27 Mar 2025", editor)
    assert not ends.is_marked
    assert [k.ends_on for k in ballots.list_key_dates(log, sample.dispute) if k.id == key_date] == [
        date(2025, 3, 27)
    ]


def test_a_strike_day_without_a_valid_ballot_is_flagged_beside_it(
    qtbot, tab: BallotsTab, log: Log, sample: Sample
) -> None:
    strike = sample.key_dates["strike"]  # 17 Mar 2025; the statutory ballot closes 3 Apr with no result
    model = tab.key_date_model
    check = model.index(model.row_of_id(strike), model.CHECK)
    assert check.data() == "⚠ Not covered"
    reason = "No result is recorded yet for the statutory ballot that closes on 3 April 2025"
    assert reason in check.data(Qt.ItemDataRole.ToolTipRole)
    tab.select_record(strike, "key_date")
    editor = tab.key_date_panel
    assert editor.flagged and editor.check_lines == [
        "Not covered by a ballot and notice:",
        f"• {reason}",
        "Checked under TU Act 2016.",
    ]

    # Move the strike after a valid result and a notice: it is covered.
    result = {"eligible": 100, "votes_cast": 60, "yes_votes": 50, "no_votes": 10}
    tab.operations.change("ballot", sample.ballots["statutory"], ballots.change_ballot, **result)
    tab.operations.create(
        "key_date",
        ballots.create_key_date,
        sample.dispute,
        KeyDateKind.NOTICE_SERVED,
        "Notice",
        date(2025, 4, 4),
    )
    tab.select_record(strike, "key_date")
    type_into(qtbot, tab, "starts_on", "22 Apr 2025", editor)
    assert model.index(model.row_of_id(strike), model.CHECK).data() == "Covered"
    assert not editor.flagged and "Covered by a valid ballot and notice" in editor.check_lines[0]


def test_closure_days_added_and_removed_in_the_tab_move_working_day_deadlines(
    qtbot, tab: BallotsTab, log: Log, sample: Sample
) -> None:
    start = date(2025, 3, 3)  # a Monday: 5 working days on is Monday 10 March
    assert response_due_from(log, sample.dispute, start, 5) == date(2025, 3, 10)
    tab.dates.side.setCurrentIndex(1)
    panel = tab.dates.closures
    panel.day.setDate(date(2025, 3, 5))
    qtbot.keyClicks(panel.note, "INSET day <b>")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert [(c.day, c.note) for c in closures.list_closure_days(log, sample.dispute)] == [
        (date(2025, 3, 5), "INSET day <b>")
    ]
    assert response_due_from(log, sample.dispute, start, 5) == date(2025, 3, 11)
    assert panel.days.item(0).text() == "Wed 5 Mar 2025 — INSET day <b>"
    assert tab.dates.calendar.marks(date(2025, 3, 5)).closed == "INSET day <b>"

    # The same day again is refused at the form.
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.day.property("invalid") and "already a closure day" in panel.message.text()

    panel.days.setCurrentRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert closures.list_closure_days(log, sample.dispute) == []
    assert response_due_from(log, sample.dispute, start, 5) == date(2025, 3, 10)
    assert tab.dates.calendar.marks(date(2025, 3, 5)).closed == ""


def test_the_nation_chosen_changes_which_bank_holidays_count(
    qtbot, tab: BallotsTab, log: Log, sample: Sample
) -> None:
    start = date(2025, 3, 14)  # 17 March is St Patrick's Day, a bank holiday in Northern Ireland only
    assert response_due_from(log, sample.dispute, start, 1) == date(2025, 3, 17)
    nation = tab.dates.closures.nation
    nation.setCurrentIndex(nation.findText("Northern Ireland"))
    nation.activated.emit(nation.currentIndex())
    assert closures.get_nation(log, sample.dispute).label == "Northern Ireland"
    assert response_due_from(log, sample.dispute, start, 1) == date(2025, 3, 18)
    assert "Patrick" in tab.dates.calendar.marks(date(2025, 3, 17)).closed


def test_new_asks_ballot_or_date_and_adds_it(
    qtbot, tab: BallotsTab, log: Log, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [
        NewBallot(
            BallotKind.INDICATIVE, "Would you strike? 🗳 Czy strajk?", date(2025, 5, 1), date(2025, 5, 20)
        ),
        NewKeyDate(KeyDateKind.TUPE_TRANSFER, "Trosglwyddo staff", date(2025, 9, 1), None),
    ]
    asked: list[str] = []
    monkeypatch.setattr(
        new_dated, "ask", lambda _parent, _today, initial: (asked.append(initial), answers.pop(0))[1]
    )
    tab.new_record()
    added = [
        b for b in ballots.list_ballots(log, sample.dispute) if b.question.startswith("Would you strike")
    ]
    assert len(added) == 1 and added[0].kind == BallotKind.INDICATIVE
    assert tab.panels.currentWidget() is tab.ballot_panel and tab.ballot_panel.record_id == added[0].id
    tab.window().window_actions.undo.trigger()
    assert not [b for b in ballots.list_ballots(log, sample.dispute) if b.question.startswith("Would you")]

    tab.new_record()
    dates = [k for k in ballots.list_key_dates(log, sample.dispute) if k.title == "Trosglwyddo staff"]
    assert len(dates) == 1 and tab.key_date_panel.record_id == dates[0].id
    assert tab.key_date_panel.title.text() == "Trosglwyddo staff"
    assert asked == ["ballot", "ballot"]


def test_delete_asks_first(
    qtbot, tab: BallotsTab, log: Log, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    strike = sample.key_dates["strike"]
    tab.select_record(strike, "key_date")
    questions: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, _t, text, _ok, *a: (questions.append(text), False)[1])
    tab.delete_selected()
    assert strike in [k.id for k in ballots.list_key_dates(log, sample.dispute)]
    assert "“First strike day” (17 Mar 2025)" in questions[0]
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    tab.delete_selected()
    assert strike not in [k.id for k in ballots.list_key_dates(log, sample.dispute)]
    assert tab.panels.currentWidget() is tab.placeholder


def test_the_new_dialog_refuses_what_the_log_would(qtbot) -> None:
    dialog = NewDatedDialog(None, TODAY, "key_date")
    qtbot.addWidget(dialog)
    assert dialog.date_choice.isChecked()
    dialog.accept()
    assert dialog.result() == 0 and "title" in dialog.message.text()
    dialog.title.setText("Consultation")
    dialog.is_range.setChecked(True)
    dialog.ends.setDate(date(2025, 2, 1))
    dialog.accept()
    assert dialog.ends.property("invalid") and "cannot end before it starts" in dialog.message.text()
    dialog.ends.setDate(date(2025, 4, 1))
    dialog.accept()
    assert dialog.result_value() == NewKeyDate(
        KeyDateKind.STRIKE_DAY, "Consultation", TODAY, date(2025, 4, 1)
    )


def test_del_in_a_field_edits_it_and_in_the_table_deletes_the_date(
    qtbot, window: MainWindow, tab: BallotsTab, log: Log, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    tab.select_record(sample.ballots["indicative"], "ballot")
    eligible = tab.ballot_panel.inputs["eligible"].edit
    eligible.setFocus()
    eligible.setCursorPosition(0)
    qtbot.keyClick(eligible, Qt.Key.Key_Delete)
    assert eligible.text() == "00"  # "200" less its first digit; no ballot deleted
    assert len(ballots.list_ballots(log, sample.dispute)) == 2
    qtbot.keyClick(eligible, Qt.Key.Key_Escape)
    assert eligible.text() == "200"

    tab.select_record(sample.key_dates["consultation"], "key_date")
    qtbot.keyClick(tab.key_date_view, Qt.Key.Key_Delete)
    assert sample.key_dates["consultation"] not in [k.id for k in ballots.list_key_dates(log, sample.dispute)]


def test_a_field_still_being_typed_in_is_saved_when_another_record_is_chosen(
    qtbot, tab: BallotsTab, log: Log, sample: Sample
) -> None:
    tab.select_record(sample.key_dates["strike"], "key_date")
    title = tab.key_date_panel.inputs["title"].edit
    title.setFocus()
    title.selectAll()
    title.insert("Streic — Dzień strajku")  # QTest types ASCII only; this is what typing the rest does
    tab.select_record(sample.ballots["indicative"], "ballot")
    titles = [
        k.title for k in ballots.list_key_dates(log, sample.dispute) if k.id == sample.key_dates["strike"]
    ]
    assert titles == ["Streic — Dzień strajku"]
