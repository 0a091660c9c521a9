"""Encryption in the window: opening an encrypted log, the File menu's encryption commands, and the lock.

`open_asking(parent, path, …)` is how the app and the window open any log: an encrypted one is opened after
its passphrase is typed (again, after a wrong one), and a damaged one is explained with its newest backup
offered. `install(window)` adds to the File menu: New encrypted log…, Encrypt this log…, Change
passphrase…, Remove encryption… and Lock (Ctrl+L), and starts the idle lock (Edit ▸ Preferences; off by
default).

Locking an encrypted log lets go of it entirely: the window detaches from it (every view emptied), other
windows showing its contents are closed, the log is closed and its key overwritten. The window then shows
only the lock screen, whose passphrase field opens the log again and fills the window as it was.

Each conversion (encrypt, change the passphrase, remove the encryption) runs with the log closed, because
it replaces the file (db.encryption takes the window lock itself), and then opens the result.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stls_desk.db.driver import LogKey
from stls_desk.db.log import (
    DamagedLogError,
    Log,
    LogError,
    PassphraseNeededError,
    WrongPassphraseError,
    key_if_right,
    open_log,
)
from stls_desk.ui import menus, messages, settings
from stls_desk.ui.dialogs import passphrase

if TYPE_CHECKING:
    from stls_desk.db.encryption import Conversion
    from stls_desk.ui.main_window import MainWindow

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("encryption", text)


def open_asking(
    parent: QWidget | None, path: Path, *, key: LogKey | None = None, decline_text: str, **options: Any
) -> Log | None:
    """open_log(path, key=…, **options), asking for the passphrase of an encrypted log; None if the rep
    cancelled (or declined to restore a damaged log). Raises LogError for anything else, to be shown."""
    intro = ""
    while True:
        try:
            return open_log(path, key=key, **options)
        except PassphraseNeededError:
            pass
        except WrongPassphraseError:
            intro = _tr("That passphrase does not open %1. Type it again.").replace("%1", path.name)
        except DamagedLogError as exc:
            from stls_desk.ui.dialogs import restore  # only for a damaged log: not on every start-up's path

            actor = str(options.get("actor", ""))
            return restore.recover(parent, exc, actor, decline_text=decline_text, key=key)
        key = passphrase.ask_key(parent, path, intro)
        if key is None:
            return None


def confirm_leaving_protection(window: MainWindow, what: str) -> bool:
    """Before an export of an encrypted log: say that the file will not be encrypted (once per log and
    session); True to go ahead."""
    feature: EncryptionActions | None = getattr(window, "encryption", None)
    if not window.log.encrypted or feature is None or window.log.path in feature.warned:
        return True
    text = _tr(
        "%1 is encrypted, but %2 will not be: anyone who gets the file can read it. Keep it somewhere safe, "
        "share it only with those it is meant for, and delete it when it is no longer needed."
    )
    if not messages.confirm(
        window,
        _tr("The export leaves the protection of the log"),
        text.replace("%1", window.log.path.name).replace("%2", what),
        _tr("&Export anyway"),
    ):
        return False
    feature.warned.add(window.log.path)
    return True


class LockScreen(QFrame):
    """What a locked window shows over everything else: the log's name and a passphrase field."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.title = QLabel(self)
        self.title.setObjectName("lockTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel(self)
        self.text.setObjectName("lockText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.field = QLineEdit(self)
        self.field.setObjectName("lockPassphrase")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(_tr("Passphrase"))
        self.field.setPlaceholderText(_tr("Passphrase"))
        self.field.setMinimumWidth(320)
        self.unlock_button = QPushButton(_tr("&Unlock"), self)
        self.unlock_button.setObjectName("lockUnlock")
        self.unlock_button.setDefault(True)
        self.error = QLabel(self)
        self.error.setObjectName("lockError")
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.error.setStyleSheet(passphrase.ERROR_STYLE)
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing() * 2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.field)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        box = QVBoxLayout()
        box.addWidget(self.title)
        box.addWidget(self.text)
        box.addSpacing(12)
        box.addLayout(row)
        box.addWidget(self.error)
        content = QWidget(self)
        content.setLayout(box)
        content.setMaximumWidth(640)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(content, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        window.installEventFilter(self)
        self.hide()

    def show_for(self, path: Path) -> None:
        self.title.setText(_tr("%1 is locked").replace("%1", path.name))
        self.text.setText(
            _tr(
                "Its contents are hidden and its key has been removed from memory.\n"
                "Type the passphrase to carry on where you left off."
            )
        )
        self.error.clear()
        self.field.clear()
        self._cover()
        self.show()
        self.raise_()
        self.field.setFocus()

    def _cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._cover()
        return False


class EncryptionActions(QObject):
    """The encryption commands, the lock and the idle timer of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.locked_path: Path | None = None
        self.warned: set[Path] = set()
        """Logs whose exports the rep was warned about this session."""
        self._disabled: list[QAction] = []
        self._locked_dispute: int | None = None
        self._locked_tab = 0
        self.lock_screen = LockScreen(window)
        self.idle_timer = QTimer(self)
        self.idle_timer.setObjectName("idleLockTimer")
        self.idle_timer.setSingleShot(True)
        self._setup_actions()
        self._connect_signals()
        self.apply_idle_setting()
        self._update_actions()

    def _setup_actions(self) -> None:
        w = self._window

        def action(name: str, text: str, tip: str) -> QAction:
            return menus.window_action(w, name, text, tip=tip)

        self.new_encrypted_action = action(
            "newEncryptedLogAction",
            self.tr("New &encrypted log…"),
            self.tr("Create a new log that opens only with a passphrase"),
        )
        self.encrypt_action = action(
            "encryptLogAction",
            self.tr("Encr&ypt this log…"),
            self.tr("Protect this log and its backups with a passphrase"),
        )
        self.change_action = action(
            "changePassphraseAction",
            self.tr("Change &passphrase…"),
            self.tr("Give this log and its backups a new passphrase"),
        )
        self.remove_action = action(
            "removeEncryptionAction",
            self.tr("Remove encryp&tion…"),
            self.tr("Make this log readable without a passphrase again"),
        )
        self.lock_action = action(
            "lockAction",
            self.tr("&Lock"),
            self.tr("Hide this log and forget its key until the passphrase is typed"),
        )
        self.lock_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        menu = w.menus.file
        items = menu.actions()
        before = items[items.index(w.window_actions.open_log) + 1]  # the separator after New and Open
        for item in (self.new_encrypted_action, self.encrypt_action, self.change_action, self.remove_action):
            menu.insertAction(before, item)
        menu.insertSeparator(before)
        menu.insertAction(before, self.lock_action)
        menu.insertSeparator(before)

    def _connect_signals(self) -> None:
        self._window.loaded.connect(self._update_actions)
        self.new_encrypted_action.triggered.connect(self._on_new_encrypted_action_triggered)
        self.encrypt_action.triggered.connect(self._on_encrypt_action_triggered)
        self.change_action.triggered.connect(self._on_change_action_triggered)
        self.remove_action.triggered.connect(self._on_remove_action_triggered)
        self.lock_action.triggered.connect(self.lock)
        self.idle_timer.timeout.connect(self._on_idle_timer_timeout)
        self.lock_screen.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.lock_screen.field.returnPressed.connect(self._on_unlock_clicked)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    # -- state --

    @property
    def locked(self) -> bool:
        return self.locked_path is not None

    @Slot()
    def _update_actions(self) -> None:
        encrypted = not self.locked and self._window.log.encrypted
        self.encrypt_action.setEnabled(not self.locked and not encrypted)
        for item in (self.change_action, self.remove_action, self.lock_action):
            item.setEnabled(encrypted)
        self._restart_idle_timer()

    def apply_idle_setting(self) -> None:
        """Take up the idle-lock minutes from the settings (Edit ▸ Preferences); 0 turns it off."""
        minutes = settings.IDLE_LOCK_MINUTES.read()
        self.idle_timer.setInterval(max(minutes, 0) * 60_000)
        self._restart_idle_timer()

    def _restart_idle_timer(self) -> None:
        if self.idle_timer.interval() > 0 and not self.locked and self._window.log.encrypted:
            self.idle_timer.start()
        else:
            self.idle_timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self.idle_timer.isActive():
            self.idle_timer.start()  # any input starts the wait again
        return False

    # -- the lock --

    @Slot()
    def lock(self) -> None:
        """Hide the log and forget its key; the lock screen's passphrase opens it again."""
        w = self._window
        if self.locked or not w.log.encrypted:
            return
        path = w.log.path
        self._locked_dispute = w.dispute_selector.current_dispute_id()
        self._locked_tab = w.tab_widget.currentIndex()
        self._close_other_windows()
        w.records_menu.worker.wait(w, self.tr("Finishing the backup…"))  # a backup in progress uses the key
        log = w.detach()
        log.close()  # the key is overwritten here
        self.locked_path = path
        self.idle_timer.stop()
        self._disabled = [
            a for a in w.findChildren(QAction) if a.isEnabled() and a is not w.window_actions.quit
        ]
        for item in self._disabled:
            item.setEnabled(False)
        w.menuBar().setEnabled(False)
        self.lock_screen.show_for(path)
        w.statusBar().showMessage(self.tr("%1 is locked.").replace("%1", path.name))

    def _close_other_windows(self) -> None:
        """Dialogs, the search window and meeting mode show the log's contents: close them."""
        for widget in QApplication.topLevelWidgets():
            if widget is self._window or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()

    @Slot()
    def _on_unlock_clicked(self) -> None:
        path = self.locked_path
        if path is None:
            return
        screen = self.lock_screen
        typed = screen.field.text()
        if not typed:
            screen.error.setText(self.tr("Type the passphrase first."))
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            key = key_if_right(path, typed)
            log = open_log(path, key=key, actor=settings.rep_name())
        except WrongPassphraseError:
            screen.error.setText(self.tr("Wrong passphrase. Passphrases are case-sensitive; try again."))
            screen.field.selectAll()
            return
        except LogError as exc:
            screen.error.setText(str(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        screen.field.clear()
        screen.hide()
        self.locked_path = None
        w = self._window
        w.menuBar().setEnabled(True)
        for item in self._disabled:
            if shiboken6.isValid(item):  # a tab's actions went with the tab
                item.setEnabled(True)
        self._disabled = []
        w.attach(log)
        w.tab_widget.setCurrentIndex(self._locked_tab)
        w.load()
        if self._locked_dispute is not None:
            w.dispute_selector.select_dispute(self._locked_dispute)
        self._update_actions()
        w.statusBar().showMessage(self.tr("Unlocked %1.").replace("%1", path.name), 5000)

    @Slot()
    def _on_idle_timer_timeout(self) -> None:
        self.lock()

    # -- the commands --

    @Slot()
    def _on_new_encrypted_action_triggered(self) -> None:
        from stls_desk.ui.dialogs import files

        w = self._window
        path = files.ask_new_path(w, settings.LOG_FOLDER.read() or str(w.log.path.parent))
        if path is None:
            return
        chosen = passphrase.ask_new_passphrase(
            w,
            self.tr("New encrypted log"),
            self.tr("%1 will open only with this passphrase.").replace("%1", path.name),
            self.tr("&Create"),
        )
        if chosen is None:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            key = LogKey.for_new_file(chosen)
        finally:
            QGuiApplication.restoreOverrideCursor()
        w.open_log_file(path, create=True, key=key)

    @Slot()
    def _on_encrypt_action_triggered(self) -> None:
        from stls_desk.db.encryption import encrypt_log

        w = self._window
        name = w.log.path.name
        chosen = passphrase.ask_new_passphrase(
            w,
            self.tr("Encrypt %1").replace("%1", name),
            self.tr(
                "%1 and its backups will be encrypted: without the passphrase they cannot be read, on this "
                "computer or any other. An encrypted copy is made and checked first; then the unencrypted "
                "file is overwritten and removed."
            ).replace("%1", name),
            self.tr("&Encrypt"),
        )
        if chosen is None:
            return
        key = LogKey.for_new_file(chosen)
        self._convert(
            lambda path, folder: encrypt_log(path, key, folder),
            key,
            self.tr("Encrypting %1…"),
            self.tr("Cannot encrypt the log"),
            self.tr("Encrypted %1 and %2 backups. It opens only with its passphrase now."),
        )

    @Slot()
    def _on_change_action_triggered(self) -> None:
        from stls_desk.db.encryption import change_key

        w = self._window
        path = w.log.path
        old = passphrase.ask_key(
            w,
            path,
            self.tr("To give %1 a new passphrase, first type the one it has now.").replace("%1", path.name),
        )
        if old is None:
            return
        chosen = passphrase.ask_new_passphrase(
            w,
            self.tr("Change the passphrase of %1").replace("%1", path.name),
            self.tr(
                "The log and its backups will open with the new passphrase only; the old one opens none of them."
            ),
            self.tr("&Change"),
        )
        if chosen is None:
            old.forget()
            return
        new = LogKey.for_new_file(chosen)
        self._convert(
            lambda p, folder: change_key(p, old, new, folder),
            new,
            self.tr("Changing the passphrase of %1…"),
            self.tr("Cannot change the passphrase"),
            self.tr("%1 and %2 backups now open with the new passphrase."),
        )
        old.forget()

    @Slot()
    def _on_remove_action_triggered(self) -> None:
        from stls_desk.db.encryption import decrypt_log

        w = self._window
        path = w.log.path
        if not messages.confirm(
            w,
            self.tr("Remove the encryption of %1?").replace("%1", path.name),
            self.tr(
                "Anyone who gets %1 or one of its backups will be able to read it: members' names, their "
                "grievances, everything. Union guidance is to keep member records encrypted. Remove the "
                "encryption anyway?"
            ).replace("%1", path.name),
            self.tr("&Remove encryption"),
        ):
            return
        key = passphrase.ask_key(
            w,
            path,
            self.tr("Type the passphrase of %1 to confirm that its encryption is to go.").replace(
                "%1", path.name
            ),
        )
        if key is None:
            return
        self._convert(
            lambda p, folder: decrypt_log(p, key, folder),
            None,
            self.tr("Removing the encryption of %1…"),
            self.tr("Cannot remove the encryption"),
            self.tr("%1 and %2 backups are no longer encrypted."),
        )
        key.forget()

    def _convert(
        self,
        convert: Callable[[Path, Path | None], Conversion],
        new_key: LogKey | None,
        doing: str,
        failed: str,
        done: str,
    ) -> None:
        """Let go of the log, run convert(path, backups folder) on the worker, open the result."""
        w = self._window
        path = w.log.path
        dispute_id = w.dispute_selector.current_dispute_id()
        worker = w.records_menu.worker
        worker.wait(w, self.tr("Finishing the backup…"))
        old_key = w.log.key.copy() if w.log.key is not None else None
        w.close_log()
        try:
            result: Conversion = worker.run(
                w, doing.replace("%1", path.name), lambda: convert(path, w.records_menu.backups_dir)
            )
        except (LogError, OSError) as exc:
            w.open_log_file(path, create=False, again=True, key=old_key)
            messages.show_error(w, failed, str(exc))
            return
        if not w.open_log_file(path, create=False, again=True, key=new_key.copy() if new_key else None):
            return
        if dispute_id is not None:
            w.dispute_selector.select_dispute(dispute_id)
        self._update_actions()
        text = done.replace("%1", path.name).replace("%2", str(result.backups_converted))
        if result.backups_left:
            text += " " + self.tr(
                "%1 backups opened with another passphrase and were left as they were."
            ).replace("%1", str(len(result.backups_left)))
        messages.show_info(w, self.tr("Done"), text)


def install(window: MainWindow) -> EncryptionActions:
    """Add the encryption commands and the lock to the window."""
    return EncryptionActions(window)
