"""The window builds a tab only when it is first shown or asked for, and a tab built late is wired like the
first: it shows the chosen dispute, hears of changes, opens records in other tabs, and the History dock
follows it."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent

from stls_desk.db.log import Log
from stls_desk.domain.enums import GrievanceStatus
from stls_desk.services import grievances
from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.tabs.grievances import GrievancesTab
from stls_desk.ui.tabs.overview import OverviewTab
from tests.ui.data import TODAY, Sample

TITLES = ["Overview", "Grievances", "Proposals", "Meetings", "Ballots && dates", "People", "Positions"]


def names(window: MainWindow) -> list[str]:
    return [type(tab).__name__ for tab in window.built_tabs()]


def test_opening_a_log_builds_only_the_tab_in_view(qtbot, log: Log) -> None:
    window = MainWindow(log, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.load()
    assert names(window) == ["OverviewTab"]
    assert [window.tab_widget.tabText(n) for n in range(window.tab_widget.count())] == TITLES
    assert window.tab_widget.currentWidget() is window.overview


def test_a_tab_is_built_when_first_shown_in_its_own_place(window: MainWindow) -> None:
    window.window_actions.show_tab[3].trigger()  # Ctrl+4
    assert names(window) == ["OverviewTab", "MeetingsTab"]
    assert window.tab_widget.currentIndex() == 3
    assert window.tab_widget.currentWidget() is window.meetings
    assert window.window_actions.show_tab[3].isChecked()
    assert window.meetings.objectName() == "meetingsTab"
    assert window.tab_widget.count() == len(TITLES)


def test_asking_for_a_tab_builds_it_without_showing_it(window: MainWindow, sample: Sample) -> None:
    people = window.people
    assert names(window) == ["OverviewTab", "PeopleTab"]
    assert window.tab_widget.currentWidget() is window.overview
    assert not people.isVisible()
    assert people._stale  # read when it is shown, not before
    assert people.dispute_id == sample.dispute
    window.tab_widget.setCurrentWidget(people)
    assert people.view.model().rowCount() == 3


def test_a_tab_built_late_shows_the_dispute_chosen_before(window: MainWindow, sample: Sample) -> None:
    window.dispute_selector.select_dispute(sample.other_dispute)
    window.tab_widget.setCurrentIndex(1)
    assert window.grievances.dispute_id == sample.other_dispute
    assert window.grievances.view.model().index(0, 1).data() == "Closure of Oak nursery"


def test_a_tab_built_late_hears_of_changes_and_opens_records(
    window: MainWindow, log: Log, sample: Sample
) -> None:
    tab = window.grievances
    window.tab_widget.setCurrentWidget(tab)
    rows = tab.view.model().rowCount()
    window.report(
        grievances.create_grievance(log, sample.dispute, "Lone working", status=GrievanceStatus.OPEN)
    )
    assert tab.view.model().rowCount() == rows + 1
    window.tab_widget.setCurrentWidget(window.overview)
    assert window.overview._stale is False  # shown again: read again
    statuses = window.overview.statuses.tree
    statuses.itemActivated.emit(statuses.topLevelItem(0), 0)  # the overview, built first, opens this tab
    assert window.tab_widget.currentWidget() is tab


def test_the_history_dock_follows_a_tab_built_late(window: MainWindow, sample: Sample) -> None:
    window.history.toggleViewAction().trigger()
    assert names(window) == ["OverviewTab"]
    window.open_record("person", sample.people["ben"])
    assert names(window) == ["OverviewTab", "PeopleTab"]
    assert (window.history.entity, window.history.record_id) == ("person", sample.people["ben"])
    assert window.history.heading.text().startswith("Person")


def test_every_tab_can_still_be_had_at_once(window: MainWindow) -> None:
    tabs = window.tabs
    assert [type(tab).__name__ for tab in tabs] == names(window)
    assert len(tabs) == len(TITLES)
    assert isinstance(tabs[0], OverviewTab) and isinstance(tabs[1], GrievancesTab)
    assert [window.tab_widget.indexOf(tab) for tab in tabs] == list(range(len(TITLES)))


def test_the_blank_pages_go_once_their_tabs_are_built(window: MainWindow) -> None:
    blanks = [window.tab_widget.widget(n) for n in range(1, len(TITLES))]
    tabs = window.tabs
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert [window.tab_widget.widget(n) for n in range(len(TITLES))] == list(tabs)
    assert not any(shiboken6.isValid(blank) for blank in blanks)
