"""The Ballots & dates calendar: entered days and worked-out deadlines marked apart, strike days and days off
shaded, each day's items listed, and a derived deadline that follows its source when the source changes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor

from stls_desk.db.log import Log
from stls_desk.services import ballots, grievances
from stls_desk.services.deadlines import DeadlineKind
from stls_desk.services.upcoming import upcoming
from stls_desk.ui.models.deadlines import DATE, RECORD, WHAT, DeadlineTableModel
from stls_desk.ui.models.table import WARNING
from stls_desk.ui.operations import Operations
from stls_desk.ui.tabs.ballots import BallotsTab
from stls_desk.ui.widgets.dispute_calendar import ACTION_BACKGROUND, CLOSED_BACKGROUND
from stls_desk.ui.widgets.record_panel import LINK_ROLE
from tests.ui.data import TODAY, Sample


@pytest.fixture
def tab(qtbot, log: Log, sample: Sample) -> Iterator[BallotsTab]:
    """The tab on its own, as of TODAY (3 Mar 2025), its edits reported back to it as the window does."""
    shown = BallotsTab(log, lambda: TODAY)
    qtbot.addWidget(shown)
    operations = Operations(log, shown)
    shown.set_operations(operations)
    operations.changed.connect(shown.on_log_changed)
    shown.setMinimumSize(800, 600)  # fixed, so filling the tab does not resize the window (Qt warns)
    shown.resize(1400, 860)
    shown.show()
    shown.set_dispute(sample.dispute)
    yield shown


def kinds(items) -> list[DeadlineKind]:
    return [item.kind for item in items]


def background(tab: BallotsTab, day: date) -> QColor:
    return tab.dates.calendar.dateTextFormat(QDate(day)).background().color()


def test_the_deadline_model_passes_qts_model_tester(qtmodeltester, log: Log, sample: Sample) -> None:
    model = DeadlineTableModel()
    model.set_rows(upcoming(log, sample.dispute, TODAY))
    assert model.rowCount() > 5
    qtmodeltester.check(model)


def test_entered_and_worked_out_days_are_marked_apart(tab: BallotsTab, tmp_path: Path) -> None:
    calendar = tab.dates.calendar
    assert (calendar.yearShown(), calendar.monthShown()) == (2025, 3)
    # The statutory ballot opens on 13 March: notice of it is due by 6 March, the sample paper by 10 March.
    notice = calendar.marks(date(2025, 3, 6))
    assert kinds(notice.derived) == [DeadlineKind.NOTICE_OF_BALLOT] and notice.entered == ()
    assert notice.derived[0].rule_set == "TU Act 2016"
    opens = calendar.marks(date(2025, 3, 13))
    assert DeadlineKind.BALLOT_OPENS in kinds(opens.entered) and opens.derived == ()
    assert DeadlineKind.SAMPLE_VOTING_PAPER in kinds(calendar.marks(date(2025, 3, 10)).derived)
    # A range counts on each of its days; a strike day stands out; a day with nothing has no marks.
    for day in (23, 24, 25):
        assert kinds(calendar.marks(date(2025, 3, day)).entered) == [DeadlineKind.CONSULTATION_DEADLINE]
    strike = calendar.marks(date(2025, 3, 17))
    assert strike.action and kinds(strike.entered) == [DeadlineKind.STRIKE_DAY]
    assert background(tab, date(2025, 3, 17)) == ACTION_BACKGROUND
    assert calendar.marks(date(2025, 3, 4)).items == ()
    # A day only worked out reads in italics; an entered one does not.
    assert calendar.dateTextFormat(QDate(2025, 3, 6)).fontItalic()
    assert not calendar.dateTextFormat(QDate(2025, 3, 13)).fontItalic()

    shot = tab.dates.grab()
    path = tmp_path / "calendar.png"
    assert shot.save(str(path)) and path.stat().st_size > 5_000
    if os.environ.get("STLS_KEEP_SHOTS"):  # to look at it: STLS_KEEP_SHOTS=/tmp pytest …
        shot.save(str(Path(os.environ["STLS_KEEP_SHOTS"]) / "calendar.png"))


def test_a_strike_day_without_a_mandate_is_outlined_with_its_reason(tab: BallotsTab) -> None:
    strike = tab.dates.calendar.marks(date(2025, 3, 17))
    reason = "No result is recorded yet for the statutory ballot that closes on 3 April 2025"
    assert strike.flagged == (reason,)
    tab.dates.show_day(date(2025, 3, 17))
    assert reason in tab.dates.day_heading.text()
    assert tab.dates.day_model.index(0, WHAT).data() == "⚠ Strike day"
    assert tab.dates.day_model.index(0, WHAT).data(Qt.ItemDataRole.ForegroundRole) == WARNING


def test_bank_holidays_and_weekends_are_told_apart(tab: BallotsTab) -> None:
    calendar = tab.dates.calendar
    calendar.setCurrentPage(2025, 4)
    assert calendar.marks(date(2025, 4, 18)).closed == "Good Friday"
    assert background(tab, date(2025, 4, 18)) == CLOSED_BACKGROUND
    assert calendar.marks(date(2025, 4, 19)).closed == ""  # a Saturday is not a closure


def test_month_navigation_reads_that_months_dates(tab: BallotsTab) -> None:
    calendar = tab.dates.calendar
    assert calendar.marks(date(2025, 10, 2)).items == ()  # not read while March is on show
    calendar.setCurrentPage(2025, 10)
    # No result yet: the mandate would end on 2 October if the ballot gives one.
    mandate = calendar.marks(date(2025, 10, 2))
    assert kinds(mandate.derived) == [DeadlineKind.MANDATE_ENDS]
    assert "if the result gives a mandate" in mandate.derived[0].title
    calendar.showPreviousMonth()
    assert (calendar.yearShown(), calendar.monthShown()) == (2025, 9)


def test_picking_a_day_lists_its_items_and_a_line_opens_its_record(
    qtbot, tab: BallotsTab, sample: Sample
) -> None:
    pane = tab.dates
    pane.calendar.setSelectedDate(QDate(2025, 3, 13))  # as a click on the day does
    rows = pane.day_model.rows()
    assert {item.kind for item in rows} == {DeadlineKind.BALLOT_OPENS, DeadlineKind.GRIEVANCE_RESPONSE}
    assert pane.day_heading.text() == "Thursday 13 Mar 2025"

    opens = next(n for n, item in enumerate(rows) if item.kind == DeadlineKind.BALLOT_OPENS)
    pane.day_view.activated.emit(pane.day_model.index(opens, RECORD))
    assert tab.panels.currentWidget() is tab.ballot_panel
    assert tab.ballot_panel.record_id == sample.ballots["statutory"]

    grievance = next(n for n, item in enumerate(rows) if item.kind == DeadlineKind.GRIEVANCE_RESPONSE)
    with qtbot.waitSignal(tab.record_activated) as opened:
        pane.day_view.activated.emit(pane.day_model.index(grievance, DATE))
    assert opened.args == ["grievance", sample.grievances["caseload"]]


def test_what_comes_next_marks_worked_out_days_and_their_rules(tab: BallotsTab) -> None:
    model = tab.dates.coming_model
    rows = model.rows()
    assert rows == upcoming(tab._log, tab.dispute_id, TODAY, include_overdue=False, limit=60)
    assert all(item.day >= TODAY or (item.until or item.day) >= TODAY for item in rows)
    derived = next(n for n, item in enumerate(rows) if item.kind == DeadlineKind.NOTICE_OF_BALLOT)
    entered = next(n for n, item in enumerate(rows) if item.kind == DeadlineKind.BALLOT_OPENS)
    assert model.index(derived, WHAT).data() == "Last day for notice of ballot\nworked out · TU Act 2016"
    assert model.index(derived, WHAT).data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(entered, WHAT).data() == "Ballot opens"
    assert model.index(entered, WHAT).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(derived, DATE).data(LINK_ROLE) == ("ballot", rows[derived].source_id)


def test_moving_a_ballots_close_date_moves_its_mandate_mark(
    qtbot, tab: BallotsTab, log: Log, sample: Sample
) -> None:
    ballot = sample.ballots["statutory"]
    tab.operations.change(
        "ballot", ballot, ballots.change_ballot, eligible=100, votes_cast=60, yes_votes=50, no_votes=10
    )
    calendar = tab.dates.calendar
    calendar.setCurrentPage(2025, 10)
    assert kinds(calendar.marks(date(2025, 10, 2)).derived) == [DeadlineKind.MANDATE_ENDS]
    assert calendar.marks(date(2025, 10, 9)).derived == ()

    tab.select_record(ballot, "ballot")
    closes = tab.ballot_panel.inputs["closes_on"]
    closes.input.setFocus()
    closes.edit.selectAll()
    qtbot.keyClicks(closes.edit, "10 Apr 2025")
    qtbot.keyClick(closes.edit, Qt.Key.Key_Return)

    assert ballots.get_ballot(log, ballot).closes_on == date(2025, 4, 10)
    assert (calendar.yearShown(), calendar.monthShown()) == (2025, 10)
    assert calendar.marks(date(2025, 10, 2)).derived == ()
    moved = calendar.marks(date(2025, 10, 9))
    assert kinds(moved.derived) == [DeadlineKind.MANDATE_ENDS] and moved.derived[0].rule_set == "TU Act 2016"
    assert "Mandate's last day: Thu 9 Oct 2025" in tab.ballot_panel.assessment_text()


def test_a_grievance_change_redraws_the_calendar_not_the_tables(
    tab: BallotsTab, log: Log, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    reloads: list[str] = []
    monkeypatch.setattr(tab, "refresh", lambda: reloads.append("tables"))
    outcome = grievances.create_grievance(log, sample.dispute, "Lone working", response_due=date(2025, 3, 20))
    tab.on_log_changed(outcome)
    assert reloads == []
    assert kinds(tab.dates.calendar.marks(date(2025, 3, 20)).entered) == [DeadlineKind.GRIEVANCE_RESPONSE]
