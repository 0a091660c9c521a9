"""File ▸ Export table… and Export calendar…: the warning, the default names, and the files read back."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import icalendar
import pytest
from PySide6.QtWidgets import QLabel

from stls_desk.ui.dialogs import export_calendar
from stls_desk.ui.dialogs import export_table as export_table_dialog
from stls_desk.ui.dialogs.export_table import ExportTableDialog, TableChoice
from stls_desk.ui.main_window import MainWindow
from tests.ui.data import Sample


def test_export_table_writes_a_csv_of_the_chosen_table(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "grievances.csv"
    target.parent.mkdir()
    suggested: list[str] = []
    monkeypatch.setattr(export_table_dialog, "ask", lambda _p, table: TableChoice(table, "csv"))

    def ask_target(_parent, folder: str, choice: TableChoice, today: date) -> Path:
        suggested.append(export_table_dialog.default_name(choice, today))
        return target

    monkeypatch.setattr(export_table_dialog, "ask_target", ask_target)
    window.tab_widget.setCurrentWidget(window.grievances)
    window.records_menu.export_table_action.trigger()

    assert suggested == ["grievances-2025-03-03.csv"]
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["Reference", "Title", "Detail"]
    assert [r[1] for r in rows[1:]] == [
        "Unpaid travel time between schools",
        "Caseloads above the agreed maximum",
        "Mileage rate cut",
        "Regrading of specialist teachers",
    ]
    assert rows[1][6] == "Asha Patel"  # raised by: personal details go with the file, as warned
    assert window.statusBar().currentMessage() == f"Exported 4 grievances to {target}."


def test_the_export_dialog_warns_and_offers_every_table(qtbot) -> None:
    dialog = ExportTableDialog("people", "xlsx")
    qtbot.addWidget(dialog)
    assert dialog.choice() == TableChoice("people", "xlsx")
    assert dialog.table_combo.count() == 7
    assert "members' names and personal details" in dialog.warning.text()
    assert "outside the log's protection" in dialog.warning.text()
    dialog.table_combo.setCurrentIndex(dialog.table_combo.findData("action_items"))
    dialog.csv_radio.setChecked(True)
    assert (
        export_table_dialog.default_name(dialog.choice(), date(2025, 2, 10)) == "action-items-2025-02-10.csv"
    )


def test_export_calendar_writes_a_file_icalendar_reads_with_no_member_named(
    window: MainWindow, sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "dates.ics"
    told: list[tuple[str, int]] = []
    named: list[str] = []
    monkeypatch.setattr(export_calendar, "ask", lambda _p, title, n: told.append((title, n)) or True)
    monkeypatch.setattr(
        export_calendar,
        "ask_target",
        lambda _p, _folder, title: named.append(export_calendar.default_name(title)) or target,
    )
    window.records_menu.export_calendar_action.trigger()

    assert named == ["stls-restructure.ics"]
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert told == [("STLS restructure", len(events))] and events
    assert str(calendar.get("X-WR-CALNAME")) == "STLS restructure"
    assert "Asha" not in target.read_text(encoding="utf-8")
    assert window.statusBar().currentMessage() == f"Exported {len(events)} dates to {target}."


def test_the_calendar_dialog_says_no_member_is_named(qtbot) -> None:
    dialog = export_calendar.ExportCalendarDialog("STLS restructure", 12)
    qtbot.addWidget(dialog)
    warning = dialog.findChild(QLabel, "calendarWarning")
    assert warning is not None
    assert "No member is named in it" in warning.text()
    assert "outside the log's protection" in warning.text()
    assert export_calendar.default_name("Café staff: Łódź / Cymru!") == "cafe-staff-lodz-cymru.ics"
