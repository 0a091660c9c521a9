"""A new revision of a proposal: its date, a note, and the new text (starting from the current one)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from stls_desk.ui import format as fmt
from stls_desk.ui.editors.base import MARK_COLOUR, FieldError
from stls_desk.ui.editors.fields import DateField


@dataclass(frozen=True)
class RevisionInput:
    revised_on: date
    text: str
    note: str


class AddRevisionDialog(QDialog):
    """Edits a copy; the caller adds the revision (through Operations) only after OK."""

    def __init__(
        self,
        parent: QWidget | None,
        reference: str,
        text: str,
        tabled_on: date | None,
        today: Callable[[], date],
        revised_on: date | None = None,
        note: str = "",
        error: str = "",
    ) -> None:
        super().__init__(parent)
        self._tabled_on = tabled_on
        self.result_value: RevisionInput | None = None
        self._setup_ui(reference, today)
        self.date.set_value(revised_on or today())
        self.note.setText(note)
        self.text.setPlainText(text)
        if error:
            self.date.mark(error)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def _setup_ui(self, reference: str, today: Callable[[], date]) -> None:
        self.setObjectName("addRevisionDialog")
        self.setWindowTitle(self.tr("Add a revision of %1").replace("%1", reference))
        self.setMinimumSize(480, 400)  # fixed, so showing a message does not move the window's limits
        self.resize(640, 560)
        self.date = DateField("revisedOn", self.tr("Dated"), today)
        self.note = QLineEdit(self)
        self.note.setObjectName("revisionNote")
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("What changed, in a few words (e.g. “Fourth team added”)"))
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("revisionText")
        self.text.setAccessibleName(self.tr("Text of the revision"))
        self.text.setTabChangesFocus(True)
        self.text_message = QLabel(self)
        self.text_message.setTextFormat(Qt.TextFormat.PlainText)
        self.text_message.setStyleSheet(f"color: {MARK_COLOUR};")
        self.text_message.hide()
        form = QFormLayout()
        date_label = QLabel(self.tr("&Dated"), self)
        date_label.setBuddy(self.date.input)
        note_label = QLabel(self.tr("&Note"), self)
        note_label.setBuddy(self.note)
        form.addRow(date_label, self.date.box)
        form.addRow(note_label, self.note)
        text_label = QLabel(self.tr("The &text as revised (it becomes the proposal's text):"), self)
        text_label.setBuddy(self.text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add revision"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(text_label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.text_message)
        layout.addWidget(self.buttons)

    def read(self) -> RevisionInput | None:
        """What the form holds, or None with the wrong field marked."""
        ok = True
        try:
            revised_on = self.date.value()
        except FieldError as exc:
            self.date.mark(exc.message)
            return None
        if revised_on is None:
            self.date.mark(self.tr("Give the date of the revision."))
            ok = False
        elif self._tabled_on is not None and revised_on < self._tabled_on:
            self.date.mark(
                self.tr("A revision cannot be dated before the proposal was tabled (%1).").replace(
                    "%1", fmt.day(self._tabled_on)
                )
            )
            ok = False
        else:
            self.date.clear_mark()
        text = self.text.toPlainText()
        if not text.strip():
            self.text_message.setText(self.tr("Write the text of the revision."))
            self.text_message.show()
            ok = False
        else:
            self.text_message.hide()
        if not ok or revised_on is None:
            return None
        return RevisionInput(revised_on, text, self.note.text().strip())

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.result_value = self.read()
        if self.result_value is not None:
            self.accept()


def ask(
    parent: QWidget | None,
    reference: str,
    text: str,
    tabled_on: date | None,
    today: Callable[[], date],
    previous: RevisionInput | None = None,
    error: str = "",
) -> RevisionInput | None:
    """The revision to add, or None if the rep cancelled; `previous` and `error` reopen a refused one."""
    dialog = AddRevisionDialog(
        parent,
        reference,
        previous.text if previous else text,
        tabled_on,
        today,
        previous.revised_on if previous else None,
        previous.note if previous else "",
        error,
    )
    try:
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
