"""Starting the desktop app from the command line: on the user's own log, on a given log, or on a fresh demo.

`stls_desk.app` (and so Qt) is imported only inside `launch`, so the headless commands never load Qt.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from stls_desk import places
from stls_desk.cli.common import CommandError

if TYPE_CHECKING:
    from stls_desk.db.driver import LogKey


def user_log_path() -> Path:
    """The log `stls-desk` opens with no argument: the one chosen in Edit ▸ Preferences, else the user's own
    log in the platform's data folder (~/.local/share/stls-desk/ on Linux). See stls_desk.places."""
    return places.default_log_path()


def launch(log_path: Path, *, create: bool, key: LogKey | None = None) -> int:
    """Run the app's window on log_path until it closes; its exit code is ours. An encrypted log is opened
    with key when given, else the app asks for its passphrase."""
    try:
        from stls_desk.app import run
    except ImportError as exc:
        raise CommandError(
            f"Cannot start the app: {exc}. The headless commands (check, demo, export) still work."
        ) from None
    return int(run(log_path, create=create, key=key))


def open_user_log() -> int:
    """`stls-desk` with no command: the default log. The user's own log is created (with its folder) on
    first run; a log chosen in Preferences is never created: if it is gone, the app says so."""
    path = user_log_path()
    if places.chosen_default_log() is not None:
        return launch(path, create=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(
            f"Cannot create the folder for your log, {path.parent}: {exc.strerror or exc}."
        ) from None
    return launch(path, create=True)


def open_log_file(path: Path, key: LogKey | None = None) -> int:
    """`stls-desk open LOG`: refuse a missing or foreign file here, in one line, before any window opens.

    An encrypted log opened without a key is left to the app, which asks for its passphrase."""
    from stls_desk.db.header import LogError, PassphraseNeededError, vet_file

    try:
        facts = vet_file(path, key)
    except PassphraseNeededError:
        return launch(path, create=False)
    if not facts.exists:
        raise LogError(
            f"There is no log at {path}. Check the path, or run 'stls-desk demo {path}' to make one."
        )
    return launch(path, create=False, key=key)


def open_from_file_manager(path: Path) -> int:
    """`stls-desk LOG`, as the desktop entry and file managers run it: no terminal may be watching, so
    beyond a missing file, problems with LOG (not a log, damaged, open elsewhere) are left to the app,
    which explains them in its window."""
    from stls_desk.db.header import LogError

    if not path.exists():
        raise LogError(f"There is no log at {path}. Check the path.")
    return launch(path, create=False)


def open_demo() -> int:
    """`stls-desk --demo`: a fresh demo log in a temporary folder, deleted when the window closes."""
    from stls_desk.demo import write_demo_log

    folder = Path(tempfile.mkdtemp(prefix="stls-desk-demo-"))
    try:
        path = write_demo_log(folder / "demo.stlslog")
        print(f"Opening a fresh demo log at {path}; it is deleted when the window closes.")
        return launch(path, create=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
