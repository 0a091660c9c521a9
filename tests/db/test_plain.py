"""Reading a log through the driver alone (`Log.plain_reading`, `db.plain`), as the first screen does."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from stls_desk.db import driver, plain
from stls_desk.db.driver import LogKey
from stls_desk.db.log import Log, open_log
from stls_desk.services import disputes, meetings


def test_values_read_plain_are_those_the_models_store(log: Log, dispute_id: int) -> None:
    held_at = datetime(2026, 3, 4, 9, 30, 15, 250)
    meeting_id = meetings.create_meeting(log, dispute_id, "Joint consultative committee", held_at).id
    disputes.change_dispute(log, dispute_id, opened_on=date(2025, 9, 1))
    with log.plain_reading() as conn:
        (stored,) = conn.execute("SELECT held_at FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
        (opened_on,) = conn.execute("SELECT opened_on FROM dispute WHERE id = ?", (dispute_id,)).fetchone()
        # A day and time written into a query compares as the stored text does.
        (found,) = conn.execute(
            "SELECT count(*) FROM meeting WHERE held_at >= ? AND held_at <= ?",
            (plain.moment_text(held_at), plain.moment_text(held_at)),
        ).fetchone()
    assert stored == plain.moment_text(held_at)
    assert plain.moment(stored) == held_at
    assert plain.day(opened_on) == date(2025, 9, 1)
    assert plain.day(None) is None
    assert found == 1


def test_a_plain_read_cannot_write(log: Log, dispute_id: int) -> None:
    with log.plain_reading() as conn, pytest.raises(driver.OperationalError, match=r"readonly|read-only"):
        conn.execute("DELETE FROM dispute")
    assert [d.id for d in disputes.list_disputes(log)] == [dispute_id]


def test_a_plain_read_sees_one_state_of_the_log(log: Log, dispute_id: int) -> None:
    """Every statement of one read sees the log as it was when the read began, whatever is saved meanwhile."""
    with log.plain_reading() as conn:
        (before,) = conn.execute("SELECT count(*) FROM dispute").fetchone()
        disputes.create_dispute(log, "A second dispute")
        (during,) = conn.execute("SELECT count(*) FROM dispute").fetchone()
    assert before == during == 1
    assert len(disputes.list_disputes(log)) == 2


def test_an_encrypted_log_reads_plain_with_its_key(tmp_path: Path) -> None:
    key = LogKey.for_new_file("a long enough passphrase")
    made = open_log(tmp_path / "sealed.stlslog", create=True, key=key.copy())
    try:
        disputes.create_dispute(made, "Sealed dispute")
        assert [d.title for d in disputes.list_disputes(made)] == ["Sealed dispute"]
    finally:
        made.close()


def test_opening_a_log_that_needs_no_migration_loads_no_sqlalchemy(log_path: Path) -> None:
    """The window's first screen is read before SQLAlchemy is imported: opening must not import it."""
    open_log(log_path, create=True).close()
    script = (
        "import sys; from pathlib import Path; from stls_desk.db.log import open_log; "
        "from stls_desk.services import first_screen; "
        "log = open_log(Path(sys.argv[1])); first_screen.list_disputes(log); log.close(); "
        "print('sqlalchemy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script, str(log_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
