"""Files the window ships with (icons), found beside the package in a source checkout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def app_icon() -> QIcon:
    """The application's icon; a null icon (Qt's default) when the file is missing, never an error."""
    path = RESOURCES / "icons" / "stls-desk.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
