"""Where STLS Desk keeps the rep's files outside any log: their own log, and which log opens by default.

The default log is a setting the app edits (Edit ▸ Preferences) and the command line reads (`stls-desk` with
no argument opens it). The command line must start without Qt, so the setting is not in QSettings: it is a
one-line text file, `default-log` in the platform's config folder (~/.config/stls-desk/ on Linux), holding
the log's absolute path. No file (or an empty one) means the rep's own log in the platform's data folder.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

APP_DIR_NAME = "stls-desk"
APP_AUTHOR = "STLS Desk"
USER_LOG_NAME = "log.stlslog"
DEFAULT_LOG_FILE = "default-log"


def own_log_path() -> Path:
    """The rep's own log, in the platform's data folder (~/.local/share/stls-desk/ on Linux)."""
    from platformdirs import user_data_path

    return user_data_path(APP_DIR_NAME, APP_AUTHOR) / USER_LOG_NAME


def _pointer() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_DIR_NAME, APP_AUTHOR) / DEFAULT_LOG_FILE


def chosen_default_log() -> Path | None:
    """The log the rep chose to open by default; None when they chose none (or it cannot be read)."""
    try:
        text = _pointer().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return Path(text) if text else None


def default_log_path() -> Path:
    """The log `stls-desk` opens with no argument: the one chosen, else the rep's own log."""
    return chosen_default_log() or own_log_path()


def choose_default_log(path: Path | None) -> None:
    """Open `path` by default from now on (None: the rep's own log). Raises OSError if it cannot be kept.

    Written to a temporary file and renamed over the old one, so a crash never leaves half a path.
    """
    pointer = _pointer()
    if path is None or path.resolve() == own_log_path().resolve():
        with contextlib.suppress(FileNotFoundError):
            pointer.unlink()
        return
    pointer.parent.mkdir(parents=True, exist_ok=True)
    partial = pointer.with_name(DEFAULT_LOG_FILE + ".partial")
    partial.write_text(f"{path.resolve()}\n", encoding="utf-8")
    os.replace(partial, pointer)
