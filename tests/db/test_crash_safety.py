"""Crash safety, with real processes: killed while saving, out of disk space, in a read-only place.

The kill tests run tests/db/crash_child.py, which saves in a loop and prints each id after its commit;
SIGKILL then lands at a random moment, usually inside a transaction. Every id it printed must be in the
reopened log, and the log must pass SQLite's integrity check. (SIGKILL stops the process, not the
machine: the operating system still writes out what SQLite handed it. Power loss is SQLite's own
territory — synchronous=FULL with WAL is its documented durable setting — and is not simulated here.)

The disk-full and read-only tests need a real full disk and a real read-only mount, which root in a
container ignores chmod for; they run in a private mount namespace (`unshare -m`) with a small tmpfs and a
read-only bind mount, and are skipped where that is not allowed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, select

from stls_desk.db import log as log_module
from stls_desk.db.backup import list_backups, make_backup
from stls_desk.db.health import check_log
from stls_desk.db.log import Log, LogError, open_log
from stls_desk.db.models import Grievance, Person
from stls_desk.services import disputes, people
from stls_desk.services.core import ServiceError

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 20
BACKUP_ROUNDS = 5


def _child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def _run_and_kill(args: list[str], rng: random.Random, max_delay: float) -> list[str]:
    """Start the child, wait until it is saving, kill it at a random moment; return its complete lines."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=_child_env(),
    )
    assert child.stdout is not None
    ready = child.stdout.readline()
    assert ready == b"ready\n", (ready, child.stderr.read() if child.stderr else b"")
    time.sleep(rng.uniform(0.0, max_delay))
    os.kill(child.pid, signal.SIGKILL)
    out, _ = child.communicate()
    assert child.returncode == -signal.SIGKILL, "the child stopped by itself: it must have failed"
    # Only whole lines are promises; a line cut off by the kill was never fully reported.
    return [line.decode() for line in out.splitlines(keepends=True) if line.endswith(b"\n")]


@pytest.mark.slow
def test_killed_while_saving_keeps_every_reported_save(log: Log, dispute_id: int) -> None:
    log.close()
    rng = random.Random(20261128)
    reported: dict[str, set[int]] = {"grievance": set(), "person": set()}
    for _ in range(ROUNDS):
        for line in _run_and_kill(["save", str(log.path), str(dispute_id)], rng, 0.2):
            kind, ident = line.split()
            reported[kind].add(int(ident))
        assert check_log(log.path).ok  # read-only, before anything has reopened it
        reopened = open_log(log.path)
        try:
            with reopened.reading() as s:
                grievances = set(s.scalars(select(Grievance.id)))
                persons = set(s.scalars(select(Person.id)))
        finally:
            reopened.close()
        assert reported["grievance"] <= grievances
        assert reported["person"] <= persons
    assert len(reported["grievance"]) > ROUNDS  # the kills really landed among the saves
    with sqlite3.connect(log.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
def test_killed_while_backing_up_leaves_only_whole_backups(log: Log, dispute_id: int, tmp_path: Path) -> None:
    for n in range(50):
        people.create_person(log, dispute_id, f"Member {n}", notes="Notes. " * 100)
    backups = tmp_path / "backups"
    rng = random.Random(7)
    printed: set[str] = set()
    for _ in range(BACKUP_ROUNDS):
        printed |= {line.strip() for line in _run_and_kill(["backup", str(log.path), str(backups)], rng, 0.5)}
    listed = list_backups(backups)
    assert printed <= {b.path.name for b in listed}
    old = time.time() - 7200  # what the kills left half-made is cleared once it is abandoned
    for leftover in backups.glob(".*.partial*"):
        os.utime(leftover, (old, old))
    make_backup(log.path, backups)
    assert not list(backups.glob(".*.partial*"))
    for backup in listed:
        assert backup.readable and check_log(backup.path).ok, backup.path.name


# --- disk full and read-only, in a private mount namespace --------------------------------------------


def _unshare_works() -> bool:
    try:
        return subprocess.run(["unshare", "-m", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


needs_mounts = pytest.mark.skipif(
    not _unshare_works(),
    reason="needs `unshare -m` (root in a private mount namespace) to mount a real "
    "small disk and a real read-only folder; chmod alone does not stop root",
)


def _in_namespace(mounts: str, script: str) -> dict[str, object]:
    """Run script (which prints one JSON object) after the shell commands in mounts, in a private mount
    namespace: the mounts vanish with the process."""
    code = textwrap.dedent(script)
    run = subprocess.run(
        ["unshare", "-m", "sh", "-c", f'{mounts} && exec "$0" -c "$1"', sys.executable, code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_child_env(),
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    result: dict[str, object] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


@needs_mounts
def test_a_full_disk_refuses_the_change_and_keeps_what_was_saved(tmp_path: Path) -> None:
    small = tmp_path / "small-disk"
    small.mkdir()
    result = _in_namespace(
        f"mount -t tmpfs -o size=1m tmpfs '{small}'",
        f"""
        import json
        from pathlib import Path
        from stls_desk.db.health import check_log
        from stls_desk.db.log import open_log
        from stls_desk.services import disputes, grievances
        from stls_desk.services.core import ServiceError
        path = Path('{small}') / 'full.stlslog'
        log = open_log(path, create=True)
        dispute = disputes.create_dispute(log, 'Dispute').id
        saved, message = [], ''
        try:
            for n in range(100000):
                saved.append(grievances.create_grievance(log, dispute, f'G {{n}}', detail='x' * 3000).id)
        except ServiceError as exc:
            message = str(exc)
        log.close()
        ok = check_log(path).ok
        log = open_log(path)
        count = disputes.record_counts(log)['grievances']
        log.close()
        print(json.dumps(dict(message=message, saved=len(saved), count=count, ok=ok)))
        """,
    )
    assert (
        result["message"] == "The disk is full, so the change was not saved. Free some space and try again."
    )
    assert result["ok"] is True
    assert result["count"] == result["saved"] and isinstance(result["saved"], int) and result["saved"] > 0


@needs_mounts
def test_a_backup_to_a_full_disk_says_so_and_leaves_nothing(
    log: Log, dispute_id: int, tmp_path: Path
) -> None:
    for n in range(300):
        people.create_person(log, dispute_id, f"Member {n}", notes="Notes about the case. " * 30)
    small = tmp_path / "small-disk"
    small.mkdir()
    result = _in_namespace(
        f"mount -t tmpfs -o size=256k tmpfs '{small}'",
        f"""
        import json, os
        from pathlib import Path
        from stls_desk.db.backup import BackupError, make_backup
        try:
            make_backup(Path('{log.path}'), Path('{small}') / 'backups')
            message = ''
        except BackupError as exc:
            message = str(exc)
        print(json.dumps(dict(message=message, left=os.listdir(Path('{small}') / 'backups'))))
        """,
    )
    assert "the disk is full" in str(result["message"])
    assert result["left"] == []


@needs_mounts
def test_a_log_in_a_read_only_place_is_refused_with_a_clear_message(log: Log, tmp_path: Path) -> None:
    log.close()
    folder = log.path.parent
    before = log.path.read_bytes()
    result = _in_namespace(
        f"mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}'",
        f"""
        import json
        from pathlib import Path
        from stls_desk.db.health import check_log
        from stls_desk.db.log import LogError, open_log
        path = Path('{log.path}')
        try:
            open_log(path)
            message = ''
        except LogError as exc:
            message = str(exc)
        print(json.dumps(dict(message=message, check=check_log(path).ok)))
        """,
    )
    assert "read-only disk or share" in str(result["message"])
    assert "Copy the log to a folder you can write to" in str(result["message"])
    assert result["check"] is True  # checking still works: it only reads
    assert log.path.read_bytes() == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_log_file_is_refused(log: Log) -> None:
    log.close()
    log.path.chmod(0o444)
    try:
        with pytest.raises(LogError, match="do not have permission"):
            open_log(log.path)
    finally:
        log.path.chmod(0o644)


def test_saving_to_a_log_sqlite_only_lets_us_read_says_read_only(log: Log, dispute_id: int) -> None:
    """What a rep sees if the log turns read-only under an open window: the service's own message."""
    engine = create_engine(f"sqlite:///{log.path.resolve().as_uri()}?mode=ro&uri=true")
    event.listen(engine, "connect", log_module._on_connect)
    event.listen(engine, "begin", log_module._on_begin)
    read_only = Log(log.path, engine)
    try:
        with pytest.raises(ServiceError, match=r"read-only\. Nothing was lost"):
            people.create_person(read_only, dispute_id, "Ada Member")
        assert disputes.record_counts(log)["people"] == 0
    finally:
        engine.dispose()
