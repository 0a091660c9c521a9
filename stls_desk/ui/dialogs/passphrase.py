"""Asking for passphrases: the one that opens an encrypted log, and a new one (typed twice).

`ask_key(parent, path)` asks until the passphrase opens the log, or the rep cancels: a wrong passphrase is
said to be wrong inside the dialog, which stays open with the text selected for typing again; it is never
reported as damage. What comes back is the log's key, not the passphrase: the dialog's fields are cleared
as it closes. `ask_new_passphrase(…)` returns a new passphrase that is long enough and typed the same twice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from stls_desk.db.driver import LogKey
from stls_desk.db.encryption import passphrase_problem
from stls_desk.db.header import WrongPassphraseError
from stls_desk.db.log import key_if_right as key_if_right  # what the dialog checks a passphrase with

ERROR_STYLE = "color: #b42318;"
FORGOTTEN = (
    "If the passphrase is forgotten, nobody can read this log again: not you, not the branch, not STLS "
    "Desk. Write it down and keep it somewhere safe, away from this computer."
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PassphraseDialog", text)


class _PassphraseDialog(QDialog):
    """The shared frame: an explanation, password fields, a line for what is wrong, OK and Cancel."""

    def __init__(
        self, parent: QWidget | None, title: str, intro: str, ok_text: str, fields: list[str]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.intro = QLabel(intro, self)
        self.intro.setObjectName("passphraseIntro")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.fields: list[QLineEdit] = []
        form = QFormLayout()
        for index, label_text in enumerate(fields):
            field = QLineEdit(self)
            field.setObjectName(f"passphraseField{index}")
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(label_text.replace("&", "").rstrip(":"))
            field.setMinimumWidth(320)
            label = QLabel(label_text, self)
            label.setBuddy(field)
            form.addRow(label, field)
            self.fields.append(field)
            field.textEdited.connect(self._on_field_text_edited)
        self.show_text = QCheckBox(_tr("&Show what I type"), self)
        self.show_text.setObjectName("passphraseShow")
        form.addRow("", self.show_text)
        self.error = QLabel("", self)
        self.error.setObjectName("passphraseError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing() * 2)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        ok.setObjectName("passphraseOk")
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        # Fixed limits, so the window's size constraints do not follow the error line once shown.
        hint = self.minimumSizeHint()
        self.setMinimumSize(max(hint.width(), 520), hint.height())
        self.show_text.toggled.connect(self._on_show_text_toggled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def say(self, text: str) -> None:
        self.error.setText(text)
        self.fields[0].setFocus()
        self.fields[0].selectAll()

    def done(self, result: int) -> None:
        super().done(result)
        for field in self.fields:  # what was typed does not stay in the widgets
            field.clear()

    @Slot(bool)
    def _on_show_text_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for field in self.fields:
            field.setEchoMode(mode)

    @Slot(str)
    def _on_field_text_edited(self, _text: str) -> None:
        self.error.setText("")


class UnlockDialog(_PassphraseDialog):
    """Asks for the passphrase of the log at path until it is right, or the rep cancels."""

    def __init__(self, parent: QWidget | None, path: Path, intro: str = "") -> None:
        super().__init__(
            parent,
            _tr("Passphrase for %1").replace("%1", path.name),
            intro or _tr("%1 is encrypted. Type its passphrase to open it.").replace("%1", path.name),
            _tr("&Open"),
            [_tr("&Passphrase:")],
        )
        self.setObjectName("unlockDialog")
        self._path = path
        self.key: LogKey | None = None

    def accept(self) -> None:
        passphrase = self.fields[0].text()
        if not passphrase:
            self.say(_tr("Type the passphrase first."))
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # deriving the key takes a moment
        try:
            self.key = key_if_right(self._path, passphrase)
        except WrongPassphraseError:
            self.say(
                _tr(
                    "Wrong passphrase: it does not open %1. Passphrases are case-sensitive; try again."
                ).replace("%1", self._path.name)
            )
            return
        except OSError as exc:
            self.say(_tr("%1 cannot be read: %2").replace("%1", self._path.name).replace("%2", str(exc)))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        super().accept()


class NewPassphraseDialog(_PassphraseDialog):
    """Asks for a new passphrase twice; accepts only one long enough and typed the same both times."""

    def __init__(self, parent: QWidget | None, title: str, intro: str, ok_text: str) -> None:
        super().__init__(parent, title, intro, ok_text, [_tr("New &passphrase:"), _tr("&Again:")])
        self.setObjectName("newPassphraseDialog")
        self.passphrase = ""

    def accept(self) -> None:
        first, second = (field.text() for field in self.fields)
        problem = passphrase_problem(first)
        if problem is not None:
            self.say(_tr(problem))
            return
        if first != second:
            self.say(_tr("The two passphrases differ: type the same one in both fields."))
            return
        self.passphrase = first
        super().accept()


def ask_key(parent: QWidget | None, path: Path, intro: str = "") -> LogKey | None:
    """The key of the encrypted log at path, once the rep has typed its passphrase; None if they cancel."""
    dialog = UnlockDialog(parent, path, intro)
    try:
        return dialog.key if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_new_passphrase(parent: QWidget | None, title: str, intro: str, ok_text: str) -> str | None:
    """A new passphrase (checked, typed twice), or None if the rep cancels."""
    dialog = NewPassphraseDialog(parent, title, intro + "\n\n" + _tr(FORGOTTEN), ok_text)
    try:
        return dialog.passphrase if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
