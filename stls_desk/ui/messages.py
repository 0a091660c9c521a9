"""Every message box the window shows goes through here, so tests can answer or record them."""

from __future__ import annotations

# QtCore.Qt is looked up only when a box is shown: building Qt's namespace of flags takes about 30 ms, which
# the window's first paint need not wait for.
from PySide6 import QtCore
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """Something could not be done; `text` says why and what to do, `details` is for a bug report."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def show_about(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.about(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str, ok_text: str, cancel_text: str = "") -> bool:
    """Ask before doing something that cannot simply be taken back; True if the rep chose ok_text.

    The text is shown as plain text (file and dispute names may hold '<'); Esc and the default answer
    are the cautious one, cancel.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    ok = box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
    cancel = (
        box.addButton(cancel_text, QMessageBox.ButtonRole.RejectRole)
        if cancel_text
        else box.addButton(QMessageBox.StandardButton.Cancel)
    )
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    """Something was done that the rep should know the details of (where a file was kept)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    box.exec()
