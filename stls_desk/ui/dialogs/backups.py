"""A log's backups as the rep reads them, and where to put a backup made to a file of their choosing.

`BackupsModel` lists backups (newest first) with the time each was taken in local time, how many
records it holds, its size, and anything wrong with it; the restore dialog shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QFileDialog, QWidget

from stls_desk.db.backup import BackupInfo
from stls_desk.ui import format
from stls_desk.ui.models.table import NUMBER, WARNING

ModelIndex = QModelIndex | QPersistentModelIndex
BACKUP_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's BackupInfo."""
FILE_SUFFIX = ".stlslog"
"""A backup made to a file is a whole log: the one it is handed to opens it with File ▸ Open log."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("backups", text)


def taken(info: BackupInfo) -> str:
    """When the backup was taken, in the computer's local time: '3 Feb 2025, 14:02'."""
    return format.day_and_time(info.taken_at.astimezone())


def size(n_bytes: int) -> str:
    """'820 KB', '12.4 MB': a file size a rep reads at a glance."""
    if n_bytes < 1000 * 1000:
        return f"{max(1, round(n_bytes / 1000)):,} KB"
    if n_bytes < 1000 * 1000 * 1000:
        return f"{n_bytes / 1000 / 1000:.1f} MB"
    return f"{n_bytes / 1000 / 1000 / 1000:.2f} GB"


ONE = {
    "disputes": "dispute",
    "people": "person",
    "grievances": "grievance",
    "proposals": "proposal",
    "meetings": "meeting",
    "action items": "action item",
    "ballots": "ballot",
    "key dates": "key date",
    "attachments": "attachment",
}


def contents(info: BackupInfo) -> str:
    """What the backup holds, in words: '1 dispute, 14 people, 120 grievances, …'."""
    parts = [
        f"{n:,} {ONE.get(label, label) if n == 1 else label}"
        for label, n in info.counts.items()
        if label != "audit entries" and n
    ]
    return ", ".join(parts) if parts else _tr("nothing yet")


class BackupsModel(QAbstractTableModel):
    """Backups, one a row: taken (local time), records, size, problem."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backups: list[BackupInfo] = []
        self._headers = (_tr("Taken"), _tr("Records"), _tr("Size"), _tr("Problem"))

    def set_backups(self, backups: Sequence[BackupInfo]) -> None:
        self.beginResetModel()
        self._backups = list(backups)
        self.endResetModel()

    def backup(self, row: int) -> BackupInfo:
        return self._backups[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._backups):
            return None
        info = self._backups[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                taken(info),
                "" if info.problem else format.count(info.records),
                size(info.size),
                info.problem,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return info.problem or f"{contents(info)}\n{info.path}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2):
            return NUMBER
        if role == Qt.ItemDataRole.ForegroundRole and info.problem:
            return WARNING
        if role == BACKUP_ROLE:
            return info
        return None


def ask_backup_file(parent: QWidget | None, suggested: Path) -> Path | None:
    """Where to write a backup the rep chose to make (a USB stick, a file to hand over); None if cancelled.

    The dialog does not offer to replace a file: backup_to_file refuses to, and says so.
    """
    name, _ = QFileDialog.getSaveFileName(
        parent,
        _tr("Back up to a file"),
        str(suggested),
        _tr("STLS Desk logs (*.stlslog)"),
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_name(path.name + FILE_SUFFIX)
