"""Edit ▸ Preferences: the rep's name in the audit trail, the log opened at start, how many backups to keep.

`ask(parent, current, open_log=…)` edits a copy and returns the new values, or None if the rep cancelled;
it changes nothing itself. `current()` reads what is in force and `apply(values)` keeps new values, so the
main window's slot is: ask, apply, give the open log its new actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stls_desk import places
from stls_desk.ui import settings
from stls_desk.ui.dialogs import files

INVALID_STYLE = '*[invalid="true"] { border: 1px solid #b42318; border-radius: 2px; }'
MAX_NAME = 200  # the audit trail's actor column
MAX_BACKUPS = 1000
MAX_IDLE_MINUTES = 480


@dataclass(frozen=True)
class PreferencesResult:
    rep_name: str
    """The name the audit trail records beside each change."""
    default_log: Path | None
    """The log `stls-desk` opens with no argument; None for the rep's own log."""
    backup_limit: int
    """How many backups of a log to keep."""
    idle_lock_minutes: int = 0
    """Lock an encrypted log after this many minutes without input; 0: never."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("PreferencesDialog", text)


def current(actor: str) -> PreferencesResult:
    """What is in force now; `actor` is the open log's name for the rep."""
    return PreferencesResult(
        actor, places.chosen_default_log(), settings.BACKUP_LIMIT.read(), settings.IDLE_LOCK_MINUTES.read()
    )


def apply(values: PreferencesResult) -> str:
    """Keep the values; an empty string, or why the default log could not be kept."""
    settings.REP_NAME.write(values.rep_name)
    settings.BACKUP_LIMIT.write(values.backup_limit)
    settings.IDLE_LOCK_MINUTES.write(values.idle_lock_minutes)
    try:
        places.choose_default_log(values.default_log)
    except OSError as exc:
        return _tr("The log to open at start could not be kept: %1").replace("%1", exc.strerror or str(exc))
    return ""


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None, values: PreferencesResult, open_log: Path | None) -> None:
        super().__init__(parent)
        self._open_log = open_log
        self._default_log = values.default_log
        self._setup_ui()
        self._connect_signals()
        self.name.setText(values.rep_name)
        self.backups.setValue(values.backup_limit)
        self.idle_lock.setValue(values.idle_lock_minutes)
        self._show_default_log()

    def _setup_ui(self) -> None:
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.setStyleSheet(INVALID_STYLE)

        self.name = QLineEdit(self)
        self.name.setObjectName("preferencesRepName")
        self.name.setAccessibleName(self.tr("Your name"))
        self.name.setMaxLength(MAX_NAME)
        self.name.setPlaceholderText(self.tr("e.g. Siân Llywelyn"))
        self.name_error = self._note("preferencesRepNameError")
        self.name_error.setStyleSheet("color: #b42318;")
        # Room for the message is kept from the start, so the dialog never changes size when it shows.
        self.name_error.setMinimumHeight(self.name_error.fontMetrics().lineSpacing())

        self.default_log = QLineEdit(self)
        self.default_log.setObjectName("preferencesDefaultLog")
        self.default_log.setAccessibleName(self.tr("Log opened at start"))
        self.default_log.setReadOnly(True)
        self.choose_log = QPushButton(self.tr("C&hoose…"), self)
        self.choose_log.setObjectName("preferencesChooseLog")
        self.choose_log.setAccessibleName(self.tr("Choose the log opened at start"))
        self.use_open_log = QPushButton(self.tr("&This log"), self)
        self.use_open_log.setObjectName("preferencesUseOpenLog")
        self.use_open_log.setAccessibleName(self.tr("Open the log shown now at start"))
        self.use_open_log.setEnabled(self._open_log is not None)
        self.use_own_log = QPushButton(self.tr("&Your own log"), self)
        self.use_own_log.setObjectName("preferencesUseOwnLog")
        self.use_own_log.setAccessibleName(self.tr("Open your own log at start"))
        for button in (self.choose_log, self.use_open_log, self.use_own_log):
            button.setAutoDefault(False)
        log_buttons = QHBoxLayout()
        log_buttons.addWidget(self.choose_log)
        log_buttons.addWidget(self.use_open_log)
        log_buttons.addWidget(self.use_own_log)
        log_buttons.addStretch(1)

        self.backups = QSpinBox(self)
        self.backups.setObjectName("preferencesBackupLimit")
        self.backups.setAccessibleName(self.tr("Backups to keep"))
        self.backups.setRange(1, MAX_BACKUPS)
        self.backups.setSuffix(self.tr(" backups"))
        self.backups.setMaximumWidth(self.backups.fontMetrics().horizontalAdvance("0000 backups") + 48)

        self.idle_lock = QSpinBox(self)
        self.idle_lock.setObjectName("preferencesIdleLock")
        self.idle_lock.setAccessibleName(self.tr("Lock an encrypted log after minutes without use"))
        self.idle_lock.setRange(0, MAX_IDLE_MINUTES)
        self.idle_lock.setSpecialValueText(self.tr("Never"))
        self.idle_lock.setSuffix(self.tr(" minutes"))
        self.idle_lock.setMaximumWidth(self.backups.maximumWidth())

        form = QFormLayout()
        form.addRow(self._label(self.tr("Your &name:"), self.name), self.name)
        form.addRow("", self.name_error)
        form.addRow(
            "", self._note("", self.tr("The log records this name beside every change you make from now on."))
        )
        form.addRow(self._label(self.tr("&Log opened at start:"), self.default_log), self.default_log)
        form.addRow("", log_buttons)
        form.addRow(
            "",
            self._note(
                "",
                self.tr(
                    "Starting STLS Desk without naming a log (from the applications menu, or stls-desk in a "
                    "terminal) opens this one."
                ),
            ),
        )
        form.addRow(self._label(self.tr("&Backups to keep:"), self.backups), self.backups)
        form.addRow(
            "",
            self._note(
                "",
                self.tr(
                    "Each log keeps every backup of the last day, then one a day, a week and a month, "
                    "up to this many."
                ),
            ),
        )
        form.addRow(self._label(self.tr("Loc&k encrypted logs after:"), self.idle_lock), self.idle_lock)
        form.addRow(
            "",
            self._note(
                "",
                self.tr(
                    "With no typing or mouse for this long, an encrypted log is locked: its contents are "
                    "hidden and its key forgotten until the passphrase is typed again. File ▸ Lock (Ctrl+L) "
                    "locks it at once."
                ),
            ),
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("preferencesButtons")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.name, self.choose_log)
        self.setTabOrder(self.choose_log, self.use_open_log)
        self.setTabOrder(self.use_open_log, self.use_own_log)
        self.setTabOrder(self.use_own_log, self.backups)
        self.setTabOrder(self.backups, self.idle_lock)
        # Fixed limits, so the window's size constraints do not follow its contents once shown.
        hint = self.minimumSizeHint()
        self.setMinimumSize(max(hint.width(), 560), hint.height())

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _note(self, name: str, text: str = "") -> QLabel:
        note = QLabel(text, self)
        note.setObjectName(name)
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        if not name:
            note.setEnabled(False)  # the palette's quiet grey: help, not a field
        return note

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.choose_log.clicked.connect(self._on_choose_log_clicked)
        self.use_open_log.clicked.connect(self._on_use_open_log_clicked)
        self.use_own_log.clicked.connect(self._on_use_own_log_clicked)
        self.name.textEdited.connect(self._on_name_text_edited)

    def _show_default_log(self) -> None:
        if self._default_log is None:
            self.default_log.setText(self.tr("Your own log (%1)").replace("%1", str(places.own_log_path())))
        else:
            self.default_log.setText(str(self._default_log))
        self.default_log.setCursorPosition(0)

    def values(self) -> PreferencesResult:
        return PreferencesResult(
            self.name.text().strip(), self._default_log, self.backups.value(), self.idle_lock.value()
        )

    def accept(self) -> None:
        if not self.name.text().strip():
            self.name.setProperty("invalid", True)
            self.name.style().unpolish(self.name)
            self.name.style().polish(self.name)
            self.name_error.setText(
                self.tr("Your name cannot be empty: the log records it beside each change.")
            )
            self.name.setFocus()
            return
        super().accept()

    @Slot()
    def _on_choose_log_clicked(self) -> None:
        start = self._default_log or self._open_log or places.own_log_path()
        path = files.ask_open_path(self, str(start.parent))
        if path is not None:
            self._default_log = path
            self._show_default_log()

    @Slot()
    def _on_use_open_log_clicked(self) -> None:
        self._default_log = self._open_log
        self._show_default_log()

    @Slot()
    def _on_use_own_log_clicked(self) -> None:
        self._default_log = None
        self._show_default_log()

    @Slot(str)
    def _on_name_text_edited(self, _text: str) -> None:
        if self.name.property("invalid"):
            self.name.setProperty("invalid", False)
            self.name.style().unpolish(self.name)
            self.name.style().polish(self.name)
            self.name_error.setText("")


def ask(
    parent: QWidget | None, current: PreferencesResult, *, open_log: Path | None = None
) -> PreferencesResult | None:
    """The preferences as the rep left them on OK, or None if they cancelled."""
    dialog = PreferencesDialog(parent, current, open_log)
    try:
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
