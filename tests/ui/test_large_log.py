"""The Grievances tab on a 100,000-grievance log holds a page of rows, not the whole table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pytestqt.qtbot import QtBot

from stls_desk.db.log import open_log
from stls_desk.services import disputes
from stls_desk.ui.main_window import MainWindow

COUNT = 100_000


def large_log(path: Path) -> int:
    """A log whose one dispute holds COUNT grievances, written in one statement (the search triggers run)."""
    made = open_log(path, create=True, actor="Test Rep")
    dispute_id = disputes.create_dispute(made, "County-wide restructure").id
    made.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO grievance (uuid, created_at, updated_at, dispute_id, number, title, detail, category, "
            "scope, staff_group, raised_on, stage, status, employer_response, confidential) "
            "SELECT printf('g-%d', i), '2025-01-01', '2025-01-01', ?, i, "
            "CASE WHEN i % 1000 = 0 THEN 'Mileage rates ' || i ELSE 'Caseload review ' || i END, "
            "'', 'Workload', 'individual', '', date('2024-01-01', '+' || (i % 400) || ' days'), 'informal', "
            "CASE WHEN i % 2 THEN 'open' ELSE 'resolved' END, '', 0 FROM n",
            (COUNT, dispute_id),
        )
    conn.close()
    return dispute_id


def test_the_grievances_tab_pages_a_large_log(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "large.stlslog"
    dispute_id = large_log(path)
    log = open_log(path, actor="Test Rep")
    window = MainWindow(log)
    qtbot.addWidget(window)
    window.show()
    window.load()
    window.dispute_selector.select_dispute(dispute_id)
    tab = window.grievances
    window.tab_widget.setCurrentWidget(tab)
    tab.ensure_fresh()

    model = tab.model
    assert tab.filter_bar.count.text() == f"{COUNT:,} grievances"
    assert 0 < model.rowCount() <= 500  # a page or two, never the table
    assert model.canFetchMore(model.index(-1, -1))
    assert model.index(0, 1).data() == "Caseload review 1"

    tab.filter_bar.set_filter("mileage")
    tab._apply_filter()
    assert tab.filter_bar.count.text() == "100 grievances"
    assert model.rowCount() == 100
    assert all("Mileage" in model.index(r, 1).data() for r in range(model.rowCount()))
    window.close()
