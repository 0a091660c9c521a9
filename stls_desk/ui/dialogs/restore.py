"""Restoring a backup: choosing one, confirming what it replaces, and the offer made for a damaged log.

`ask` shows the log's backups and returns the one chosen (or a backup file picked from anywhere);
`confirm_text` says what a restore will replace. `recover` is what happens when a log turns out to be
damaged as it is opened (at start-up or by File ▸ Open log): it says so in plain words, offers the
newest good backup, and restores and opens it if the rep agrees.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QItemSelection, QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stls_desk.db.backup import BackupInfo, read_backup, restore_backup
from stls_desk.db.driver import LogKey
from stls_desk.db.log import DamagedLogError, Log, LogError, open_log
from stls_desk.ui import messages
from stls_desk.ui.background import Worker
from stls_desk.ui.dialogs.backups import BackupsModel, contents, size, taken


def _tr(text: str) -> str:
    return QCoreApplication.translate("restore", text)


class RestoreDialog(QDialog):
    """The log's backups, newest first; Restore takes the selected one, Choose a file… any other."""

    def __init__(
        self,
        backups: list[BackupInfo],
        log_path: Path,
        folder: Path,
        parent: QWidget | None,
        key: LogKey | None = None,
    ) -> None:
        super().__init__(parent)
        self._log_path = log_path
        self._folder = folder
        self._key = key
        self.chosen: BackupInfo | None = None
        self._setup_ui(backups)
        self._connect_signals()
        self._select_first_readable(backups)

    def _setup_ui(self, backups: list[BackupInfo]) -> None:
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.resize(760, 440)
        intro = QLabel(self)
        intro.setObjectName("restoreIntro")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setText(
            self.tr(
                "Choose the backup to put in the place of %1. The log as it is now is backed up first, so "
                "a restore can itself be undone by restoring that backup."
            ).replace("%1", self._log_path.name)
        )
        self.model = BackupsModel(self)
        self.model.set_backups(backups)
        self.table = QTableView(self)
        self.table.setObjectName("backupsTable")
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.details = QLabel(self)
        self.details.setObjectName("backupDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if not backups:
            self.details.setText(
                self.tr("There are no backups of %1 in %2 yet. Use File ▸ Back up now to make one.")
                .replace("%1", self._log_path.name)
                .replace("%2", str(self._folder))
            )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton(self.tr("&Restore…"), self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setDefault(True)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.file_button = QPushButton(self.tr("Choose a &file…"), self)
        self.file_button.setObjectName("chooseBackupFileButton")
        self.file_button.setToolTip(self.tr("Restore a backup kept somewhere else, such as on a USB stick"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.file_button)
        buttons.addStretch(1)
        buttons.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.file_button.clicked.connect(self._on_file_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.activated.connect(self._on_table_activated)

    def _select_first_readable(self, backups: list[BackupInfo]) -> None:
        row = next((n for n, b in enumerate(backups) if b.readable), 0 if backups else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._on_table_selection_changed(QItemSelection(), QItemSelection())

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup(rows[0].row()) if rows else None

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None and info.readable)
        if info is None:
            return
        if info.problem:
            text = self.tr("This backup cannot be restored: it is %1.").replace("%1", info.problem)
        else:
            text = (
                self.tr("Taken %1. Holds %2.\n%3")
                .replace("%1", taken(info))
                .replace("%2", contents(info))
                .replace("%3", str(info.path))
            )
        self.details.setText(text)

    @Slot(QModelIndex)
    def _on_table_activated(self, _index: QModelIndex) -> None:
        if self.restore_button.isEnabled():
            self._on_buttons_accepted()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.chosen = self.selected()
        if self.chosen is not None and self.chosen.readable:
            self.accept()

    @Slot()
    def _on_file_button_clicked(self) -> None:
        path = ask_backup_path(self, str(self._folder))
        if path is None:
            return
        info = read_backup(path, self._key)
        if info.problem:
            messages.show_error(
                self,
                self.tr("Cannot restore this file"),
                self.tr("%1 cannot be restored: it is %2.")
                .replace("%1", path.name)
                .replace("%2", info.problem),
            )
            return
        self.chosen = info
        self.accept()


def ask(
    parent: QWidget | None,
    backups: list[BackupInfo],
    log_path: Path,
    folder: Path,
    key: LogKey | None = None,
) -> BackupInfo | None:
    """The backup the rep chose to restore over the log at log_path, or None if they cancelled. key: an
    encrypted log's, which opens its backups."""
    dialog = RestoreDialog(backups, log_path, folder, parent, key)
    try:
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_backup_path(parent: QWidget | None, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        _tr("Choose a backup to restore"),
        folder,
        _tr("Backups and logs (*.stlsbackup *.stlslog);;All files (*)"),
    )
    return Path(name) if name else None


def confirm_text(backup: BackupInfo, log_path: Path) -> str:
    """What a restore replaces, said before it is done."""
    return (
        _tr(
            "Replace everything in %1 with the backup taken %2?\n\n"
            "The backup holds %3. Anything added or changed in the log since it was taken will no longer "
            "be in the log.\n\n"
            "The log as it is now is backed up first, so you can restore it again if you change your mind."
        )
        .replace("%1", log_path.name)
        .replace("%2", taken(backup))
        .replace("%3", contents(backup))
    )


def done_text(
    result_restored: BackupInfo, log_path: Path, safety: BackupInfo | None, kept: Path | None
) -> str:
    """What a restore did, and where the log as it was now lives."""
    text = (
        _tr("%1 now holds the backup taken %2 (%3).")
        .replace("%1", log_path.name)
        .replace("%2", taken(result_restored))
        .replace("%3", contents(result_restored))
    )
    if safety is not None:
        text += "\n\n" + _tr(
            "The log as it was just before is kept as a backup (%1, %2):\n%3\n"
            "To undo this restore, restore that backup: it is the newest in the list."
        ).replace("%1", taken(safety)).replace("%2", size(safety.size)).replace("%3", str(safety.path))
    if kept is not None:
        text += "\n\n" + _tr("The damaged log is kept, unchanged, at:\n%1").replace("%1", str(kept))
    return text


# --- a damaged log, met as it is opened ---------------------------------------------------------------


def damaged_text(error: DamagedLogError) -> str:
    """What happened, in plain words: what is wrong, that nothing was changed, where a copy was kept."""
    problem = error.problems[0] if error.problems else _tr("SQLite reports damage")
    text = _tr("This log is damaged: %1.").replace("%1", problem.rstrip("."))
    if error.kept_at is not None:
        text += " " + _tr("A copy was kept at %1.").replace("%1", str(error.kept_at))
    text += " " + _tr("It has not been changed.")
    return text


def offer_backup(parent: QWidget | None, error: DamagedLogError, *, decline_text: str) -> bool:
    """Say that the log is damaged and offer its newest good backup; True if the rep chose to restore it."""
    title = _tr("%1 is damaged").replace("%1", error.path.name)
    backup = error.newest_backup
    if backup is None:
        messages.show_error(
            parent,
            title,
            damaged_text(error)
            + "\n\n"
            + _tr(
                "There is no good backup of it to restore. Keep the copy: someone who knows SQLite may "
                "be able to recover what it holds."
            ),
        )
        return False
    question = (
        _tr("Restore the backup of %1?").replace("%1", taken(backup))
        + " "
        + _tr("It holds %1; anything added after it was taken is not in it.").replace("%1", contents(backup))
    )
    return messages.confirm(
        parent, title, damaged_text(error) + "\n\n" + question, _tr("Restore the backup"), decline_text
    )


def recover(
    parent: QWidget | None,
    error: DamagedLogError,
    actor: str,
    *,
    decline_text: str,
    key: LogKey | None = None,
) -> Log | None:
    """Offer the damaged log's newest good backup; restore it and open the log if the rep agrees.

    None if they declined or the restore failed (and they were told why); the damaged file is never
    changed unless a backup is put in its place, and then a copy of it is kept. key: an encrypted log's.
    """
    if not offer_backup(parent, error, decline_text=decline_text):
        return None
    backup = error.newest_backup
    assert backup is not None
    worker = Worker()
    try:
        result = worker.run(
            parent, _tr("Restoring the backup…"), lambda: restore_backup(backup, error.path, key=key)
        )
        opened = open_log(error.path, actor=actor, key=key)
    except LogError as exc:
        messages.show_error(parent, _tr("Cannot restore the backup"), str(exc))
        return None
    finally:
        worker.shut_down()
        worker.deleteLater()
    messages.show_info(
        parent,
        _tr("Backup restored"),
        done_text(result.restored, error.path, result.safety_backup, result.damaged_copy or error.kept_at),
    )
    return opened
