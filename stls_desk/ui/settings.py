"""Every setting the window keeps, declared once with its default (the pattern of Picard's options.py).

QSettings finds its file from the organisation and application names `app.py` sets, so a setting is read
and written the same way in the app and in tests (which point QSettings at a temporary folder).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T", str, int, bool, QByteArray)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T

    def read(self) -> T:
        value = QSettings().value(self.key, self.default, type=type(self.default))
        return value if isinstance(value, type(self.default)) else self.default

    def write(self, value: T) -> None:
        QSettings().setValue(self.key, value)


REP_NAME = Setting("rep/name", "")
"""The rep's name in the audit trail; empty means the operating system's user name."""
WINDOW_GEOMETRY = Setting("main_window/geometry", QByteArray())
WINDOW_STATE = Setting("main_window/state", QByteArray())
LOG_FOLDER = Setting("logs/folder", "")
EXPORT_FOLDER = Setting("exports/folder", "")
"""Where the briefing pack's save dialog starts: the folder of the last pack written."""
"""Where the file dialogs start: the folder of the last log opened or created."""
BACKUP_LIMIT = Setting("backups/limit", 100)
"""How many backups of a log to keep; older ones are thinned away (Edit ▸ Preferences)."""
SEARCH_ALL_DISPUTES = Setting("search/all_disputes", False)
"""Find in the log searches every dispute, not only the one shown."""
SEARCH_GEOMETRY = Setting("search/geometry", QByteArray())
IDLE_LOCK_MINUTES = Setting("security/idle_lock_minutes", 0)
"""Lock an encrypted log after this many minutes without input; 0: never (Edit ▸ Preferences)."""


def view_state(name: str) -> Setting[QByteArray]:
    """A table header's or splitter's saved state, keyed by the widget's objectName."""
    return Setting(f"views/{name}", QByteArray())


def rep_name() -> str:
    """Who the audit trail says made each change: the name set in the app, else the OS user name."""
    name = REP_NAME.read().strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return ""
