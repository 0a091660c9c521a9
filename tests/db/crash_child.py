"""A child process for the crash tests: it saves through the services in a loop until it is killed.

    python crash_child.py save LOG DISPUTE_ID     create grievances and people; print "kind id" per commit
    python crash_child.py backup LOG BACKUPS      make backups in a loop; print each backup's file name

Each line is printed and flushed only after the service call has returned, that is after the commit: a
line on stdout is a promise that the change is saved. The parent kills this process with SIGKILL at a
random moment and checks that every promise was kept.
"""

from __future__ import annotations

import sys
from pathlib import Path


def save_forever(log_path: Path, dispute_id: int) -> None:
    from stls_desk.db.log import open_log
    from stls_desk.services import grievances, people

    log = open_log(log_path, actor="Crash test")
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        made = grievances.create_grievance(
            log, dispute_id, f"Saved before the crash {n}", detail="Cover not arranged. " * (n % 40)
        )
        print(f"grievance {made.id}", flush=True)
        if n % 3 == 0:
            person = people.create_person(log, dispute_id, f"Member {n}", workplace="Ashford")
            print(f"person {person.id}", flush=True)


def back_up_forever(log_path: Path, backups: Path) -> None:
    from stls_desk.db.backup import make_backup

    print("ready", flush=True)
    while True:
        made = make_backup(log_path, backups)
        print(made.path.name, flush=True)


if __name__ == "__main__":
    mode, path, other = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    if mode == "save":
        save_forever(path, int(other))
    else:
        back_up_forever(path, Path(other))
