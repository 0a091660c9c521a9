"""The item models: each checked by Qt's model tester, the paged ones against thousands of rows."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from stls_desk.db.log import Log, open_log
from stls_desk.domain.enums import GrievanceStatus
from stls_desk.services import ballots, disputes, grievances, meetings, people, proposals
from stls_desk.services.grievances import GrievanceQuery
from stls_desk.services.proposals import ProposalQuery
from stls_desk.ui.models.ballots import BallotTableModel, KeyDateTableModel
from stls_desk.ui.models.grievances import GrievanceTableModel
from stls_desk.ui.models.meetings import ActionItemTableModel, MeetingTableModel
from stls_desk.ui.models.paged import PAGE_SIZE
from stls_desk.ui.models.people import PersonTableModel
from stls_desk.ui.models.proposals import ProposalTableModel
from stls_desk.ui.models.table import ID_ROLE, ROW_ROLE, WARNING
from tests.ui.data import TODAY, Sample, bulk_grievances


def texts(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_grievance_model(qtmodeltester, log: Log, sample: Sample) -> None:
    model = GrievanceTableModel(log, lambda: TODAY)
    model.set_query(GrievanceQuery(sample.dispute))
    qtmodeltester.check(model)
    rows = grievances.list_grievances(log, GrievanceQuery(sample.dispute))
    assert texts(model, 0) == [g.reference for g in rows]
    assert texts(model, 1) == [g.title for g in rows]
    assert model.index(0, 5).data() == "22 Jan 2025"
    assert model.index(0, 0).data(ID_ROLE) == rows[0].id
    assert model.index(0, 0).data(ROW_ROLE) == rows[0]
    # G-001's response was due before TODAY and it is still open: its due date reads in red.
    assert model.index(0, 6).data(Qt.ItemDataRole.ForegroundRole) == WARNING
    assert model.index(1, 6).data(Qt.ItemDataRole.ForegroundRole) is None


def test_proposal_model(qtmodeltester, log: Log, sample: Sample) -> None:
    model = ProposalTableModel(log, lambda: TODAY)
    model.set_query(ProposalQuery(sample.dispute))
    qtmodeltester.check(model)
    rows = proposals.list_proposals(log, ProposalQuery(sample.dispute))
    assert texts(model, 1) == [p.title for p in rows]
    assert texts(model, 2) == ["Employer", "Union", "Employer"]
    assert texts(model, 5) == [p.status.label for p in rows]


def test_meeting_and_action_models(qtmodeltester, log: Log, sample: Sample) -> None:
    model = MeetingTableModel()
    model.set_rows(meetings.list_meetings(log, sample.dispute, today=TODAY))
    qtmodeltester.check(model)
    assert texts(model, 0) == ["20 Feb 2025, 18:30", "10 Feb 2025, 10:00"]
    assert texts(model, 4) == ["0", "2"]
    assert model.index(1, 5).data(Qt.ItemDataRole.ForegroundRole) == WARNING
    assert model.index(1, 5).data(Qt.ItemDataRole.TextAlignmentRole) is not None

    actions = ActionItemTableModel(lambda: TODAY)
    actions.set_rows(meetings.get_meeting(log, sample.meetings["negotiation"], TODAY).actions)
    qtmodeltester.check(actions)
    assert texts(actions, 0) == ["Send the caseload figures", "Book the hall", "Share the minutes"]
    assert texts(actions, 1) == ["Carol Hughes", "Ben Okafor", ""]
    overdue = [actions.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) for row in range(3)]
    assert overdue == [WARNING, None, None]


def test_person_model(qtmodeltester, log: Log, sample: Sample) -> None:
    model = PersonTableModel()
    model.set_rows(people.list_people(log, sample.dispute))
    qtmodeltester.check(model)
    assert texts(model, 0) == ["Asha Patel", "Ben Okafor", "Carol Hughes"]
    assert texts(model, 1) == ["Member", "Rep", "Employer representative"]


def test_ballot_and_key_date_models(qtmodeltester, log: Log, sample: Sample) -> None:
    model = BallotTableModel()
    model.set_rows(ballots.list_ballots(log, sample.dispute))
    qtmodeltester.check(model)
    assert texts(model, 0) == ["Indicative", "Statutory"]
    assert [model.index(0, c).data() for c in range(4, 9)] == ["200", "140", "120", "20", "70%"]
    assert [model.index(1, c).data() for c in range(4, 9)] == ["", "", "", "", ""]

    dates = KeyDateTableModel()
    dates.set_rows(ballots.list_key_dates(log, sample.dispute))
    qtmodeltester.check(dates)
    assert texts(dates, 0) == ["Strike day", "Consultation deadline"]
    assert texts(dates, 2) == ["17 Mar 2025", "23–25 Mar 2025"]


@pytest.fixture(scope="module")
def many_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A log with one dispute of 5,000 grievances, made once for this module."""
    path = tmp_path_factory.mktemp("many") / "many.stlslog"
    made = open_log(path, create=True)
    try:
        dispute = disputes.create_dispute(made, "A big dispute").id
        bulk_grievances(made, dispute, 5000)
    finally:
        made.close()
    return path, dispute


@pytest.fixture
def many(many_file: tuple[Path, int], tmp_path: Path) -> Iterator[tuple[Log, int]]:
    """A private copy of that log, and its dispute."""
    copy = tmp_path / "many.stlslog"
    shutil.copyfile(many_file[0], copy)
    opened = open_log(copy)
    yield opened, many_file[1]
    opened.close()


def test_a_paged_model_loads_a_page_at_a_time(qtmodeltester, many: tuple[Log, int]) -> None:
    log, dispute = many
    model = GrievanceTableModel(log)
    started = time.perf_counter()
    model.set_query(GrievanceQuery(dispute))
    first_page = time.perf_counter() - started
    assert model.total == 5000
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE
    assert model.index(2 * PAGE_SIZE - 1, 0).data() == f"G-{2 * PAGE_SIZE:03d}"
    assert first_page < 0.5
    qtmodeltester.check(model)


def test_a_paged_model_stops_at_the_end(log: Log, dispute_id: int) -> None:
    bulk_grievances(log, dispute_id, PAGE_SIZE + 5)
    model = GrievanceTableModel(log)
    model.set_query(GrievanceQuery(dispute_id))
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE_SIZE + 5
    assert not model.canFetchMore(QModelIndex())


def test_sorting_asks_the_database(many: tuple[Log, int]) -> None:
    log, dispute = many
    model = GrievanceTableModel(log)
    model.set_query(GrievanceQuery(dispute))
    assert model.index(0, 1).data() == "Grievance number 00001"
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "title" and model.query.descending
    assert model.index(0, 1).data() == "Grievance number 05000"
    assert model.rowCount() == PAGE_SIZE  # a new first page, not 5,000 rows sorted in Python


def test_the_sort_survives_a_new_filter(many: tuple[Log, int]) -> None:
    log, dispute = many
    model = GrievanceTableModel(log)
    model.sort(5, Qt.SortOrder.DescendingOrder)  # before any query: remembered
    model.set_query(GrievanceQuery(dispute, statuses=frozenset({GrievanceStatus.RESOLVED})))
    assert model.query.sort == "raised_on"
    assert model.total == 1000
    raised = [model.index(row, 0).data(ROW_ROLE).raised_on for row in range(model.rowCount())]
    assert raised == sorted(raised, reverse=True)


def test_filters_narrow_the_rows(many: tuple[Log, int]) -> None:
    log, dispute = many
    model = GrievanceTableModel(log)
    model.set_query(GrievanceQuery(dispute, text="number 0499"))
    assert model.total == 10
    assert not model.canFetchMore(QModelIndex())
    model.set_query(GrievanceQuery(dispute, text="G-42"))
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["G-042"]


def test_a_short_list_sorts_itself_and_keeps_its_order(log: Log, sample: Sample) -> None:
    model = PersonTableModel()
    model.set_rows(people.list_people(log, sample.dispute))
    ben = QPersistentModelIndex(model.index(1, 0))
    model.sort(1, Qt.SortOrder.DescendingOrder)  # by role, Z to A
    assert texts(model, 1) == ["Rep", "Member", "Employer representative"]
    assert ben.row() == 0 and ben.data() == "Ben Okafor"  # a selection follows its row
    model.set_rows(people.list_people(log, sample.dispute))  # a refresh keeps the order asked for
    assert texts(model, 0) == ["Ben Okafor", "Asha Patel", "Carol Hughes"]


def test_ballot_counts_sort_as_numbers(log: Log, sample: Sample) -> None:
    model = BallotTableModel()
    model.set_rows(ballots.list_ballots(log, sample.dispute))
    model.sort(4, Qt.SortOrder.DescendingOrder)
    assert texts(model, 4) == ["200", ""]
    model.sort(8, Qt.SortOrder.AscendingOrder)
    assert texts(model, 8) == ["", "70%"]
