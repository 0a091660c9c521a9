"""File ▸ Import table…: the preview lists what is wrong, blocks Import until bad rows are skipped, then imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from stls_desk.db.log import Log
from stls_desk.services import grievances
from stls_desk.services.grievances import GrievanceQuery
from stls_desk.services.table_import import preview_import
from stls_desk.ui import messages
from stls_desk.ui.dialogs import import_table
from stls_desk.ui.dialogs.import_table import ImportChoice, ImportDialog
from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.models.import_preview import LINE_ROLE, STATE_ROLE
from tests.ui.data import Sample

HORIZONTAL = Qt.Orientation.Horizontal
ROWS = [
    "Title,Raised on,Status,Raised by,Notes",
    "Lunch cover at Ashford,2025-01-10,Open,Asha Patel,Cover for the lunch hour",
    "A date that never was,31/02/2025,Open,,",
    "Late payslips,2025-01-12,Open,Nobody Known,",
    "Lunch cover at Ashford,2025-01-10,Open,Asha Patel,Cover for the lunch hour",
    "Rota changes <b>without</b> notice — Łódź & Cymru,2025-01-14,In negotiation,,",
]


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "grievances from the branch.csv"
    path.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    return path


def titles(log: Log, dispute_id: int) -> list[str]:
    return [g.title for g in grievances.list_grievances(log, GrievanceQuery(dispute_id))]


def open_dialog(qtbot, log: Log, dispute_id: int, sheet: Path) -> ImportDialog:
    dialog = ImportDialog(log, dispute_id, preview_import(log, dispute_id, "grievances", sheet))
    qtbot.addWidget(dialog)
    return dialog


def test_the_preview_lists_each_problem_and_blocks_import_until_skipping(
    qtbot, qtmodeltester, log: Log, sample: Sample, sheet: Path
) -> None:
    dialog = open_dialog(qtbot, log, sample.dispute, sheet)
    qtmodeltester.check(dialog.model)
    model = dialog.model
    assert model.rowCount() == 5 and model.columnCount() == 5
    assert model.index(0, 0).data() == "Lunch cover at Ashford"
    assert model.headerData(0, HORIZONTAL) == "Title\n→ Title"
    assert model.headerData(4, HORIZONTAL) == "Notes\n→ (ignored)"
    assert [model.index(r, 0).data(LINE_ROLE) for r in range(5)] == [2, 3, 4, 5, 6]
    assert [model.index(r, 0).data(STATE_ROLE) for r in range(5)] == [
        "",
        "problem",
        "problem",
        "duplicate",
        "",
    ]
    assert "is not a date" in model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole)

    issues = [
        tuple(dialog.issues.topLevelItem(n).text(c) for c in range(3))
        for n in range(dialog.issues.topLevelItemCount())
    ]
    assert issues[0][:2] == ("3", "Raised on") and "is not a date" in issues[0][2]
    assert issues[1][:2] == ("4", "Raised by") and "no one called 'Nobody Known'" in issues[1][2]
    assert issues[2] == ("5", "", "The same as line 2; it will be skipped.")

    assert not dialog.import_button.isEnabled()
    assert dialog.summary.text() == (
        "2 new grievances to add. 2 rows have problems: fix them in the file and import again, or skip them. "
        "1 duplicate will be skipped."
    )
    dialog.skip_check.setChecked(True)
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "&Import 2 grievances"
    assert "2 rows with problems will be left out." in dialog.summary.text()
    assert titles(log, sample.dispute).count("Lunch cover at Ashford") == 0  # nothing yet


def test_changing_a_columns_match_previews_again(qtbot, log: Log, sample: Sample, sheet: Path) -> None:
    dialog = open_dialog(qtbot, log, sample.dispute, sheet)
    notes = dialog.findChild(type(dialog.table_combo), "mappingCombo4")
    notes.setCurrentIndex(notes.findData("detail"))
    assert dialog.preview.mapping["Notes"] == "detail"
    assert dialog.model.headerData(4, HORIZONTAL) == "Notes\n→ Detail"
    title = dialog.findChild(type(dialog.table_combo), "mappingCombo0")
    title.setCurrentIndex(title.findData(None))  # ignore the titles: grievances need one
    assert dialog.preview.blocking
    assert dialog.issues.topLevelItem(0).text(0) == "columns"
    assert "there is no 'Title' column" in dialog.issues.topLevelItem(0).text(2)
    assert not dialog.skip_check.isEnabled()
    assert not dialog.import_button.isEnabled()
    dialog.skip_check.setChecked(True)
    assert not dialog.import_button.isEnabled()  # skipping rows cannot get round a missing column


def test_import_from_the_menu_adds_the_good_rows(
    window: MainWindow, sample: Sample, sheet: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_table, "ask_file", lambda *_a: sheet)

    def ask(parent, log, dispute_id, path, table) -> ImportChoice:
        assert table == "grievances"
        dialog = ImportDialog(log, dispute_id, preview_import(log, dispute_id, table, path), parent)
        qtbot.addWidget(dialog)
        dialog.skip_check.setChecked(True)
        return dialog.choice()

    monkeypatch.setattr(import_table, "ask", ask)
    window.tab_widget.setCurrentWidget(window.grievances)
    before = window.grievances.view.model().rowCount()
    window.records_menu.import_table_action.trigger()

    now = titles(window.log, sample.dispute)
    assert now.count("Lunch cover at Ashford") == 1
    assert "Rota changes <b>without</b> notice — Łódź & Cymru" in now
    assert "A date that never was" not in now and "Late payslips" not in now
    assert window.grievances.view.model().rowCount() == before + 2
    assert window.statusBar().currentMessage() == (
        "Imported 2 grievances from grievances from the branch.csv. 3 rows skipped (duplicates or with problems)."
    )


def test_a_refused_import_says_why_and_adds_nothing(
    window: MainWindow, sample: Sample, sheet: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _p, _t, text, details="": errors.append((text, details))
    )
    monkeypatch.setattr(import_table, "ask_file", lambda *_a: sheet)

    def ask(parent, log, dispute_id, path, table) -> ImportChoice:
        preview = preview_import(log, dispute_id, table, path)
        return ImportChoice(table, preview, preview.mapping, skip_bad_rows=False)

    monkeypatch.setattr(import_table, "ask", ask)
    before = titles(window.log, sample.dispute)
    window.records_menu.import_table_action.trigger()
    assert titles(window.log, sample.dispute) == before
    assert errors[0][0].startswith("Nothing was imported: 2 lines")
    assert "line 3, Raised on" in errors[0][1]


def test_the_table_is_guessed_from_the_file_name() -> None:
    assert import_table.guess_table(Path("people-2025-02-10.csv")) == "people"
    assert import_table.guess_table(Path("Action items.xlsx")) == "action_items"
    assert import_table.guess_table(Path("key-dates.csv")) == "key_dates"
    assert import_table.guess_table(Path("branch list.csv"), "people") == "people"
