"""The window on the demo log: every tab fills with what the services hold for the demo dispute."""

from __future__ import annotations

from datetime import date

from stls_desk.db.log import Log
from stls_desk.services import ballots, disputes, grievances, meetings, people, proposals
from stls_desk.services.grievances import GrievanceQuery
from stls_desk.services.proposals import ProposalQuery
from stls_desk.ui.main_window import MainWindow

AS_OF = date(2025, 2, 10)  # a fortnight before the demo's strike day


def test_every_tab_fills_from_the_demo_log(qtbot, demo_log: Log) -> None:
    window = MainWindow(demo_log, today=lambda: AS_OF)
    qtbot.addWidget(window)
    window.show()
    window.load()
    dispute = window.dispute_selector.current_dispute_id()
    assert dispute == disputes.list_disputes(demo_log)[0].id
    assert window.overview.title.text() == disputes.get_dispute(demo_log, dispute).title

    expected = {
        window.grievances: grievances.count_grievances(demo_log, GrievanceQuery(dispute)),
        window.proposals: proposals.count_proposals(demo_log, ProposalQuery(dispute)),
        window.meetings: len(meetings.list_meetings(demo_log, dispute, today=AS_OF)),
        window.people: len(people.list_people(demo_log, dispute)),
    }
    for tab, count in expected.items():
        window.tab_widget.setCurrentWidget(tab)
        assert count > 0
        assert tab.view.model().rowCount() == min(count, 200)
        tab.view.selectRow(0)
        assert tab.panel.showing_record
    window.tab_widget.setCurrentWidget(window.ballots)
    assert window.ballots.ballot_model.rowCount() == len(ballots.list_ballots(demo_log, dispute))
    assert window.ballots.key_date_model.rowCount() == len(ballots.list_key_dates(demo_log, dispute))
