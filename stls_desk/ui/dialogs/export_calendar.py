"""File ▸ Export calendar…: the dispute's dates as an .ics file, after saying what it holds.

The calendar leaves the log's protection (it goes into phones and shared calendars), so the dialog says
what is in it and what is not: no member is named in any event, and confidential records show only
their reference.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QVBoxLayout, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("export_calendar", text)


def summary_text(dispute_title: str, events: int) -> str:
    if events == 0:
        return _tr("“%1” has no dates to put in a calendar yet: the file would be empty.").replace(
            "%1", dispute_title
        )
    return (
        _tr("The calendar will hold %1 dates of “%2”: strike days, ballots, deadlines, meetings and actions.")
        .replace("%1", f"{events:,}")
        .replace("%2", dispute_title)
    )


def warning_text() -> str:
    return _tr(
        "No member is named in it: every member's name is taken out of every event, and confidential "
        "records show only their reference. Even so, once saved the file is outside the log's protection, "
        "and whoever gets it can see the dispute's dates and the titles of its meetings and grievances."
    )


class ExportCalendarDialog(QDialog):
    def __init__(self, dispute_title: str, events: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportCalendarDialog")
        self.setWindowTitle(self.tr("Export the calendar"))
        summary = QLabel(summary_text(dispute_title, events), self)
        summary.setObjectName("calendarSummary")
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        warning = QLabel(warning_text(), self)
        warning.setObjectName("calendarWarning")
        warning.setTextFormat(Qt.TextFormat.PlainText)
        warning.setWordWrap(True)
        warning.setStyleSheet(
            "QLabel { background: #fff4e5; color: #5f3700; border: 1px solid #f0b45b; border-radius: 4px;"
            " padding: 8px; }"
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("&Export…"))
        save.setEnabled(events > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(warning)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)


def ask(parent: QWidget | None, dispute_title: str, events: int) -> bool:
    """True if the rep, told what the calendar holds, chose to export it."""
    dialog = ExportCalendarDialog(dispute_title, events, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


# Letters Unicode does not split into a plain letter and an accent, so they would otherwise vanish.
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE"}
)


def default_name(dispute_title: str) -> str:
    """'kent-stls-restructure.ics': the dispute's title as a file name any system accepts."""
    spelled = dispute_title.translate(_UNDECOMPOSED)
    plain = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()
    return f"{slug or 'dispute'}.ics"


def ask_target(parent: QWidget | None, folder: str, dispute_title: str) -> Path | None:
    """Where to save the calendar (the platform's own dialog, which asks before replacing a file)."""
    name, _ = QFileDialog.getSaveFileName(
        parent,
        _tr("Export the calendar"),
        str(Path(folder) / default_name(dispute_title)),
        _tr("Calendars (*.ics)"),
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".ics" else path.with_name(path.name + ".ics")
