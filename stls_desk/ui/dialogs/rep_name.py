"""Asking the rep for the name the audit trail records beside each change."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget


def ask(parent: QWidget | None, current: str) -> str | None:
    """The new name, stripped; None if the rep cancelled or left it empty."""
    name, accepted = QInputDialog.getText(
        parent,
        QCoreApplication.translate("rep_name", "Your name"),
        QCoreApplication.translate(
            "rep_name", "The log records this name beside every change you make from now on:"
        ),
        QLineEdit.EchoMode.Normal,
        current,
    )
    name = name.strip()
    return name if accepted and name else None
