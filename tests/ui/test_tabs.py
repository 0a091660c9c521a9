"""Each tab shows the current dispute's records as the services return them, and the selected one beside."""

from __future__ import annotations

from PySide6.QtCore import Qt

from stls_desk.db.log import Log
from stls_desk.domain.enums import GrievanceStatus, PersonRole
from stls_desk.services import ballots, disputes, grievances, meetings, people, proposals
from stls_desk.services.grievances import GrievanceQuery
from stls_desk.services.proposals import ProposalQuery
from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.models.table import WARNING
from stls_desk.ui.tabs.grievances import GrievancesTab
from stls_desk.ui.widgets.filter_bar import DEBOUNCE_MS
from tests.ui.data import TODAY, Sample


def column(view, n: int) -> list[str]:
    model = view.model()
    return [model.index(row, n).data() for row in range(model.rowCount())]


def show(window: MainWindow, tab) -> None:
    window.tab_widget.setCurrentWidget(tab)


def test_grievances_tab_lists_the_disputes_grievances(window: MainWindow, log: Log, sample: Sample) -> None:
    show(window, window.grievances)
    expected = grievances.list_grievances(log, GrievanceQuery(sample.dispute))
    view = window.grievances.view
    assert column(view, 0) == [g.reference for g in expected] == ["G-001", "G-002", "G-003", "G-004"]
    assert column(view, 4) == [g.status.label for g in expected]
    assert window.grievances.filter_bar.count.text() == "4 grievances"
    assert not window.grievances.table_area.is_empty


def test_selecting_a_grievance_shows_it_in_the_editor(window: MainWindow, sample: Sample) -> None:
    tab = window.grievances
    show(window, tab)
    tab.view.selectRow(0)
    panel = tab.panel
    assert panel.showing_record
    assert panel.title.text() == "G-001  Unpaid travel time between schools"
    assert panel.fields["raised_by"].item(0).text() == "Asha Patel"
    assert panel.fields["response_due"].text() == "26 Feb 2025"
    assert "six schools" in panel.fields["detail"].toPlainText()
    assert not panel.fields["detail"].isReadOnly()
    assert panel.fields["proposals"].item(0).text() == "P-002  Travel time pay"


def test_the_status_filter_narrows_the_rows(window: MainWindow, sample: Sample) -> None:
    tab = window.grievances
    show(window, tab)
    status = tab.filter_bar.status
    status.setCurrentIndex(status.findText("Open (not resolved or withdrawn)"))
    assert column(tab.view, 0) == ["G-001", "G-002", "G-004"]
    status.setCurrentIndex(status.findText("Resolved"))
    assert column(tab.view, 0) == ["G-003"]
    assert tab.filter_bar.count.text() == "1 grievance"


def test_the_text_filter_waits_for_typing_to_stop(qtbot, window: MainWindow) -> None:
    tab = window.grievances
    show(window, tab)
    qtbot.keyClicks(tab.filter_bar.text, "pay")
    assert tab.view.model().rowCount() == 4  # not yet: the debounce is still running
    qtbot.waitUntil(lambda: tab.view.model().rowCount() == 2, timeout=DEBOUNCE_MS * 10)
    assert column(tab.view, 0) == ["G-001", "G-003"]


def test_a_filter_that_matches_nothing_says_so(qtbot, window: MainWindow) -> None:
    tab = window.grievances
    show(window, tab)
    tab.filter_bar.text.setText("no such thing")
    qtbot.waitUntil(lambda: tab.table_area.is_empty, timeout=DEBOUNCE_MS * 10)
    assert tab.table_area.empty_label.text() == "No grievances match the filter."


def test_an_empty_dispute_shows_a_friendly_line(qtbot, log: Log, sample: Sample) -> None:
    empty = disputes.create_dispute(log, "A quiet dispute").id
    window = MainWindow(log, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.load()
    window.dispute_selector.select_dispute(empty)
    for tab, text in (
        (window.grievances, "No grievances yet."),
        (window.proposals, "No proposals yet."),
        (window.meetings, "No meetings yet."),
        (window.people, "No people yet."),
    ):
        show(window, tab)
        assert tab.table_area.is_empty
        assert tab.table_area.empty_label.text() == text
    show(window, window.ballots)
    assert window.ballots.ballot_area.empty_label.text() == "No ballots yet."
    assert window.ballots.key_date_area.empty_label.text() == "No key dates yet."


def test_proposals_tab(window: MainWindow, log: Log, sample: Sample) -> None:
    tab = window.proposals
    show(window, tab)
    expected = proposals.list_proposals(log, ProposalQuery(sample.dispute))
    assert column(tab.view, 1) == [p.title for p in expected]
    tab.select_record(sample.proposals["restructure"])
    assert tab.panel.title.text() == "P-001  Service restructure"
    assert tab.panel.fields["text"].toPlainText() == "Merge the hubs into four area teams."
    assert tab.panel.fields["union_position"].toPlainText() == "No loss of posts."
    revision = tab.panel.revisions.topLevelItem(0)
    assert [revision.text(n) for n in range(3)] == ["1", "11 Feb 2025", "Fourth team"]
    assert tab.panel.fields["grievances"].item(0).text() == "G-002  Caseloads above the agreed maximum"


def test_meetings_tab_marks_overdue_actions(window: MainWindow, log: Log, sample: Sample) -> None:
    tab = window.meetings
    show(window, tab)
    expected = meetings.list_meetings(log, sample.dispute, today=TODAY)
    assert column(tab.view, 2) == [m.title for m in expected] == ["Branch meeting", "Negotiation meeting 1"]
    assert column(tab.view, 5) == ["0", "1"]
    assert tab.view.model().index(1, 5).data(Qt.ItemDataRole.ForegroundRole) == WARNING

    tab.select_record(sample.meetings["negotiation"])
    attendees = tab.panel.fields["attendees"]
    assert [(attendees.item(n, 0).text(), attendees.cellWidget(n, 1).currentText()) for n in range(2)] == [
        ("Ben Okafor", "Union"),
        ("Carol Hughes", "Employer"),
    ]
    assert tab.panel.fields["minutes"].toPlainText() == "The council set out its plans."
    actions = tab.editor.action_items.model
    assert actions.rowCount() == 3
    assert actions.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == WARNING


def test_meetings_filter_in_memory(qtbot, window: MainWindow) -> None:
    tab = window.meetings
    show(window, tab)
    tab.filter_bar.text.setText("county hall")
    qtbot.waitUntil(lambda: tab.view.model().rowCount() == 1, timeout=DEBOUNCE_MS * 10)
    assert tab.filter_bar.count.text() == "1 of 2 meetings"


def test_ballots_tab_shows_figures_and_the_assessment(window: MainWindow, log: Log, sample: Sample) -> None:
    tab = window.ballots
    show(window, tab)
    expected = ballots.list_ballots(log, sample.dispute)
    assert column(tab.ballot_view, 1) == [b.question for b in expected]
    assert column(tab.ballot_view, 8) == ["70%", ""]
    assert column(tab.key_date_view, 1) == [k.title for k in ballots.list_key_dates(log, sample.dispute)]

    tab.select_record(sample.ballots["indicative"])
    panel = tab.ballot_panel
    assert tab.panels.currentWidget() is panel
    text = panel.assessment_text()
    assert "Turnout: 70% (140 of 200 entitled to vote)" in text
    assert "Rules applied: Trade Union Act 2016 rules (ballot opened 1 Nov 2024)" in text
    assert "Mandate's last day" not in text  # an indicative ballot gives no mandate, however large
    assert "only a statutory ballot gives a mandate" in text
    tab.select_record(sample.key_dates["consultation"], "key_date")
    assert tab.panels.currentWidget() is tab.key_date_panel
    assert tab.key_date_panel.subtitle.text() == "Consultation deadline · 23–25 Mar 2025"
    assert not tab.ballot_view.selectionModel().hasSelection()


def test_people_tab_shows_where_a_person_appears(window: MainWindow, log: Log, sample: Sample) -> None:
    tab = window.people
    show(window, tab)
    assert column(tab.view, 0) == [p.name for p in people.list_people(log, sample.dispute)]
    tab.select_record(sample.people["carol"])
    appears = tab.panel.fields["appearances"]
    assert [appears.item(n).text() for n in range(appears.count())] == [
        "Attended Negotiation meeting 1 (10 Feb 2025)",
        "Owns action: Send the caseload figures",
    ]
    assert tab.panel.fields["role"].currentText() == "Employer representative"


def test_a_link_in_a_record_opens_the_linked_record(window: MainWindow, sample: Sample) -> None:
    show(window, window.people)
    window.people.select_record(sample.people["asha"])
    appears = window.people.panel.fields["appearances"]
    appears.itemActivated.emit(appears.item(0))
    assert window.tab_widget.currentWidget() is window.grievances
    assert window.grievances.panel.title.text().startswith("G-001")


def test_a_change_refreshes_only_the_tabs_it_concerns(window: MainWindow, log: Log, sample: Sample) -> None:
    for tab in window.tabs:  # every tab read once, so none is waiting to be read
        show(window, tab)
    show(window, window.grievances)
    refreshed: list[str] = []
    for tab in window.tabs:
        original = tab.refresh
        tab.refresh = lambda original=original, tab=tab: (refreshed.append(type(tab).__name__), original())[1]
    outcome = grievances.create_grievance(log, sample.dispute, "Lone working", status=GrievanceStatus.OPEN)
    window.report(outcome)
    assert refreshed == ["GrievancesTab"]  # the visible tab now; the overview and people when shown
    assert column(window.grievances.view, 0)[-1] == "G-005"
    assert window.people._stale and window.overview._stale
    assert not window.meetings._stale and not window.ballots._stale

    other = people.create_person(log, sample.other_dispute, "Elsewhere", PersonRole.MEMBER)
    window.people._stale = False
    window.report(other)
    assert not window.people._stale  # another dispute's person


def test_a_change_keeps_the_selection(window: MainWindow, log: Log, sample: Sample) -> None:
    tab = window.grievances
    show(window, tab)
    tab.select_record(sample.grievances["caseload"])
    window.report(grievances.change_grievance(log, sample.grievances["caseload"], category="Caseload"))
    assert tab.view.currentIndex().row() == 1
    assert tab.panel.fields["category"].text() == "Caseload"


def test_a_tab_built_without_a_dispute_shows_nothing_to_choose(qtbot, log: Log) -> None:
    tab = GrievancesTab(log)
    qtbot.addWidget(tab)
    tab.set_dispute(None)
    assert tab._stale  # hidden: read when shown
    tab.refresh()
    assert tab.table_area.empty_label.text() == "No dispute to show."
    assert tab.filter_bar.count.text() == ""


def test_clicking_a_header_sorts_a_short_list_and_keeps_the_selection(
    window: MainWindow, sample: Sample
) -> None:
    tab = window.meetings
    show(window, tab)
    tab.select_record(sample.meetings["negotiation"])
    tab.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # by title
    assert column(tab.view, 2) == ["Branch meeting", "Negotiation meeting 1"]
    assert tab.view.currentIndex().row() == 1
    assert tab.panel.title.text() == "Negotiation meeting 1"
