"""The record-keeping commands: export, import (all or nothing), backup and restore."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import openpyxl
import pytest

from stls_desk.cli import main
from stls_desk.db.backup import list_backups
from stls_desk.db.log import Log, open_log
from stls_desk.services import disputes, grievances, people

ERROR = "stls-desk: error:"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(ERROR), err
    return lines[0]


@pytest.fixture
def closed(log: Log, dispute_id: int) -> Path:
    """A log with a little in it, not open in any window."""
    people.create_person(log, dispute_id, "Ada Lovelace")
    for n in range(3):
        grievances.create_grievance(log, dispute_id, f"Grievance {n}", detail="=SUM(A1)")
    log.close()
    return log.path


def test_export_csv_and_xlsx(closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "csv", str(closed), "--table", "grievances", "-o", str(tmp_path / "g.csv")]) == 0
    assert "Wrote 3 grievances from 'STLS restructure'" in capsys.readouterr().out
    with (tmp_path / "g.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) == 4 and rows[1][2] == "'=SUM(A1)"
    assert main(["export", "xlsx", str(closed), "--table", "People", "-o", str(tmp_path / "p.xlsx")]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "p.xlsx").worksheets[0]
    assert sheet["A2"].value == "Ada Lovelace"


def test_export_works_while_the_window_has_the_log_open(
    log: Log, dispute_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    grievances.create_grievance(log, dispute_id, "Written by the window")
    assert main(["export", "csv", str(log.path), "--table", "grievances", "-o", str(tmp_path / "g.csv")]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--table", "minutes"], "no table called 'minutes'"),
        (["--table", "people", "--dispute", "Nothing like it"], "No dispute in"),
    ],
)
def test_export_errors_are_one_line(
    closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["export", "csv", str(closed), *args, "-o", str(tmp_path / "x.csv")]) == 2
    assert message in one_error_line(capsys.readouterr().err)
    assert not (tmp_path / "x.csv").exists()


def test_import_is_all_or_nothing_and_lists_every_bad_row(
    closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "g.csv"
    source.write_text("Title,Raised on\nFine,2024-06-01\nBad,31/02/2024\n,2024-06-01\n", encoding="utf-8")
    assert main(["import", "csv", str(closed), "--table", "grievances", str(source)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{ERROR} Nothing was imported: 2 lines of g.csv have problems:"
    assert err[1].startswith("  line 3, Raised on: '31/02/2024' is not a date")
    assert err[2] == "  line 4, Title: The title cannot be empty"
    assert len(err) == 3
    reopened = open_log(closed)
    try:
        assert grievances.count_grievances(reopened, grievances.GrievanceQuery(1)) == 3
    finally:
        reopened.close()


def test_import_adds_rows_and_skips_duplicates(
    closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "p.csv"
    source.write_text(
        "name,role\nBrian Boru,Member\nAda Lovelace,Member\nBrian Boru,member\n", encoding="utf-8"
    )
    assert main(["import", "csv", str(closed), "--table", "people", str(source)]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 people into 'STLS restructure' from p.csv." in out
    assert "line 3: already in the log; skipped" in out and "line 4: the same as line 2; skipped" in out


def test_import_refuses_while_the_window_has_the_log_open(
    log: Log, dispute_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "p.csv"
    source.write_text("Name\nBrian Boru\n", encoding="utf-8")
    assert main(["import", "csv", str(log.path), "--table", "people", str(source)]) == 2
    assert "while STLS Desk has it open" in one_error_line(capsys.readouterr().err)
    assert people.list_people(log, dispute_id) == []


def test_import_checks_the_format_named(
    closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    book.save(tmp_path / "p.csv")
    assert main(["import", "csv", str(closed), "--table", "people", str(tmp_path / "p.csv")]) == 2
    assert "is an Excel workbook; import it with 'stls-desk import xlsx'" in one_error_line(
        capsys.readouterr().err
    )


def test_backup_list_and_restore(closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backups = tmp_path / "backups"
    assert main(["backup", str(closed), "--backups", str(backups)]) == 0
    assert "integrity check: ok" in capsys.readouterr().out
    assert main(["backup", str(closed), "-o", str(tmp_path / "handover.stlsbackup")]) == 0
    assert main(["backup", str(closed), "-o", str(tmp_path / "handover.stlsbackup")]) == 2
    assert "already exists" in one_error_line(capsys.readouterr().err)
    (made,) = list_backups(backups)
    assert main(["backup", str(closed), "--backups", str(backups), "--list"]) == 0
    assert str(made.path) in capsys.readouterr().out

    window = open_log(closed)
    disputes.create_dispute(window, "Added after the backup")
    assert main(["restore", str(made.path), str(closed), "--backups", str(backups)]) == 2
    assert "while STLS Desk has it open" in one_error_line(capsys.readouterr().err)
    window.close()

    assert main(["restore", str(made.path), str(closed), "--backups", str(backups)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "restore that to undo this" in out
    reopened = open_log(closed)
    try:
        assert [d.title for d in disputes.list_disputes(reopened)] == ["STLS restructure"]
    finally:
        reopened.close()
    assert len(list_backups(backups)) == 2  # the backup, and the log as it was before the restore
