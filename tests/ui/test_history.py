"""The History dock: who changed the selected record, when, and what, old → new; it follows the selection."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from stls_desk.db.log import Log, open_log
from stls_desk.domain.enums import AuditAction, GrievanceStatus
from stls_desk.services import grievances, people
from stls_desk.services.core import AuditRow, history
from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.widgets.history import SHORT, HistoryDock, change_lines, field_words, value_words, when
from tests.ui.data import TODAY, Sample, days


def entries(dock: HistoryDock) -> list[tuple[str, list[str]]]:
    """Each entry's "when · who · what" and the lines of its fields, newest first, as the dock shows them."""
    text = dock.trail.toPlainText()
    for head, lines in dock.entries:
        assert head.split(" · ")[2].capitalize() in text
        assert all(line in text for line in lines)
    return dock.entries


def open_dock(window: MainWindow) -> HistoryDock:
    action = window.history.toggleViewAction()
    assert action.shortcut().toString() == "Ctrl+H"
    action.trigger()
    assert window.history.isVisible()
    return window.history


def test_an_edit_shows_who_when_and_old_to_new(window: MainWindow, log: Log, sample: Sample) -> None:
    dock = open_dock(window)
    assert dock.empty.text() == "Select a record to see its history."
    caseload = sample.grievances["caseload"]
    window.open_record("grievance", caseload)
    assert dock.heading.text() == "Grievance: G-002 Caseloads above the agreed maximum"
    ((created, fields),) = entries(dock)
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2} · Test Rep · created", created)
    assert "Title: Caseloads above the agreed maximum" in fields
    assert "Status: In negotiation" in fields
    assert f"Response due: {days(10).day} Mar 2025" in fields

    changed = window.operations.change(
        "grievance",
        caseload,
        grievances.change_grievance,
        response_due=date(2025, 3, 28),
        status=GrievanceStatus.RESOLVED,
        resolved_on=TODAY,
    )
    assert changed is not None  # the dock follows log_changed for the record it shows
    (top, top_fields), (first, _) = entries(dock)[:2]
    assert top.endswith("· Test Rep · changed")
    assert top_fields == [
        "Resolved on: — → 3 Mar 2025",
        "Response due: 13 Mar 2025 → 28 Mar 2025",
        "Status: In negotiation → Resolved",
    ]
    assert first.endswith("· created")
    assert [row.action for row in history(log, "grievance", caseload)] == [
        AuditAction.CHANGED,
        AuditAction.CREATED,
    ]

    window.operations.stack.undo()
    assert entries(dock)[0][0].endswith("· Test Rep · changed back by undo")
    assert "Status: Resolved → In negotiation" in entries(dock)[0][1]


def test_it_follows_the_selection_of_the_tab_shown(window: MainWindow, log: Log, sample: Sample) -> None:
    dock = open_dock(window)
    window.open_record("grievance", sample.grievances["travel"])
    assert dock.heading.text().startswith("Grievance: G-001")
    window.open_record("grievance", sample.grievances["mileage"])
    assert dock.heading.text().startswith("Grievance: G-003")

    window.open_record("person", sample.people["asha"])
    assert dock.heading.text() == "Person: Member #1"  # the trail names a member by role, never by name
    ((_, fields),) = entries(dock)
    assert "Name (personal details are not kept in the history)" in fields
    assert "Role: Member" in fields
    window.operations.change("person", sample.people["asha"], people.change_person, name="Asha Shah")
    _top, top_fields = entries(dock)[0]
    assert top_fields == ["Name changed (personal details are not kept in the history)"]
    assert "Asha" not in " ".join(top_fields)

    window.tab_widget.setCurrentWidget(window.grievances)  # back to the grievance that tab still shows
    assert dock.heading.text().startswith("Grievance: G-003")
    window.tab_widget.setCurrentWidget(window.overview)  # no record shown there
    assert dock.pages.currentWidget() is dock.empty


def test_a_hidden_dock_reads_nothing_and_catches_up_when_shown(
    window: MainWindow, sample: Sample, monkeypatch
) -> None:
    calls: list[tuple[str, int]] = []
    import stls_desk.ui.widgets.history as module

    real = module.history
    monkeypatch.setattr(module, "history", lambda log, e, i: calls.append((e, i)) or real(log, e, i))
    window.open_record("grievance", sample.grievances["travel"])
    assert calls == []
    open_dock(window)
    assert calls == [("grievance", sample.grievances["travel"])]


def test_the_dock_is_remembered_open_across_a_restart(qtbot, window: MainWindow, log: Log) -> None:
    open_dock(window)
    window.close()
    again = open_log(log.path, actor="Test Rep")
    second = MainWindow(again, today=lambda: TODAY)
    qtbot.addWidget(second)
    second.show()
    assert second.history.isVisible()
    second.history.toggleViewAction().trigger()
    second.close()
    third_log = open_log(log.path, actor="Test Rep")
    third = MainWindow(third_log, today=lambda: TODAY)
    qtbot.addWidget(third)
    third.show()
    assert not third.history.isVisible()
    third.close()


def test_fields_and_values_read_in_words() -> None:
    assert field_words("response_due") == "Response due"
    assert field_words("owner_id") == "Owner"
    assert field_words("employer_response") == "Employer response"
    assert value_words("grievance", "status", "in_negotiation") == "In negotiation"
    assert value_words("meeting", "kind", "jcc") == "Joint consultative committee"
    assert value_words("grievance", "raised_on", "2025-02-25") == "25 Feb 2025"
    assert value_words("meeting", "held_at", "2025-02-12T10:00:00") == "12 Feb 2025 10:00"
    assert value_words("grievance", "confidential", True) == "Yes"
    assert value_words("ballot", "eligible", 1212) == "1,212"
    assert value_words("action_item", "owner_id", 14) == "#14"
    assert value_words("proposal", "grievances", [2, 7]) == "#2, #7"
    assert value_words("meeting", "attendees", [[1, "union"], [2, "employer"]]) == "2 entries"
    assert value_words("grievance", "detail", "") == "—"
    assert value_words("grievance", "title", "<b>not bold</b>") == "<b>not bold</b>"
    long = value_words("meeting", "minutes", "word " * 100)
    assert len(long) == SHORT and long.endswith("…")


def test_the_time_is_local() -> None:
    at = datetime(2025, 2, 25, 14, 3)
    local = at.replace(tzinfo=UTC).astimezone()
    assert when(at) == f"{local.day} {local:%b %Y %H:%M}"


def test_a_creation_lists_only_what_was_set() -> None:
    row = AuditRow(
        1,
        datetime(2025, 2, 25, 14, 3),
        "Sam",
        "grievance",
        4,
        AuditAction.CREATED,
        "G-004",
        {"title": [None, "Lone working"], "detail": [None, ""], "resolved_on": [None, None]},
    )
    assert change_lines(row) == ["Title: Lone working"]


def test_markup_in_the_trail_shows_as_typed(window: MainWindow, sample: Sample) -> None:
    dock = open_dock(window)
    travel = sample.grievances["travel"]
    window.open_record("grievance", travel)
    window.operations.change(
        "grievance", travel, grievances.change_grievance, category="<b>Pay</b> & <i>time</i>"
    )
    assert "Category: Pay → <b>Pay</b> & <i>time</i>" in dock.trail.toPlainText()


def test_it_follows_the_ballots_tab_to_a_key_date(window: MainWindow, sample: Sample) -> None:
    dock = open_dock(window)
    window.open_record("key_date", sample.key_dates["strike"])
    assert dock.heading.text() == "Key date: First strike day"
    assert "Kind: Strike day" in entries(dock)[-1][1]
    window.open_record("ballot", sample.ballots["statutory"])
    assert dock.heading.text() == "Ballot: Statutory ballot"
