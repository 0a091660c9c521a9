"""Choosing a log file to open or to create, with the platform's own file dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

SUFFIX = ".stlslog"


def _filter() -> str:
    return QCoreApplication.translate("files", "STLS Desk logs (*.stlslog)")


def ask_open_path(parent: QWidget | None, folder: str) -> Path | None:
    """The log the rep picked, or None if they cancelled."""
    title = QCoreApplication.translate("files", "Open log")
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, _filter())
    return Path(name) if name else None


def ask_new_path(parent: QWidget | None, folder: str) -> Path | None:
    """Where to create a new log, with the .stlslog suffix added if the rep left it off.

    The dialog does not offer to replace an existing file: a log is a record, and the window refuses to
    create one over any file that is already there.
    """
    title = QCoreApplication.translate("files", "New log")
    name, _ = QFileDialog.getSaveFileName(
        parent, title, folder, _filter(), options=QFileDialog.Option.DontConfirmOverwrite
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix == SUFFIX else path.with_name(path.name + SUFFIX)
