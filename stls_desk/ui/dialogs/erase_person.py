"""Deleting a person is a member's right to erasure: say what goes, where the name is still written, and
what no one can take back.

`ask(parent, person, appearances, mentions)` shows where the person appears (links that go with them) and
where their name is written in free text (services.erasure.find_mentions), offers to replace those with
"[erased]", and returns the rep's choice or None. It changes nothing. `ask_purge(parent, note)` comes
afterwards: older backups still hold the name until they age out; True to delete them now.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stls_desk.services.erasure import ERASED, Mention
from stls_desk.services.people import Appearance, PersonRow
from stls_desk.ui import messages


@dataclass(frozen=True)
class EraseChoice:
    replace_in_text: bool


def _tr(text: str) -> str:
    return QCoreApplication.translate("ErasePersonDialog", text)


def mention_text(m: Mention) -> str:
    """'G-003 Cover for absences: detail (2 times)'."""
    times = "" if m.count == 1 else _tr(" (%1 times)").replace("%1", str(m.count))
    where = m.where[0].upper() + m.where[1:]
    return where + times


class ErasePersonDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        person: PersonRow,
        appearances: Sequence[Appearance],
        mentions: Sequence[Mention],
    ) -> None:
        super().__init__(parent)
        self.person = person
        self._setup_ui(appearances, mentions)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _setup_ui(self, appearances: Sequence[Appearance], mentions: Sequence[Mention]) -> None:
        self.setObjectName("erasePersonDialog")
        self.setWindowTitle(self.tr("Erase a person"))
        self.setMinimumWidth(600)
        heading = QLabel(self.tr("Erase “%1” from this log?").replace("%1", self.person.name), self)
        heading.setObjectName("eraseHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        intro = QLabel(
            self.tr(
                "Deleting a person honours their right to erasure: their record goes, with their place on "
                "every grievance and meeting below; actions they owned are left with no owner."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.appearances = self._list("eraseAppearances", self.tr("Where they appear"))
        for a in appearances:
            self.appearances.addItem(QListWidgetItem(a.text))
        self._empty(self.appearances, appearances, self.tr("Not named on any grievance or meeting."))

        self.mentions = self._list("eraseMentions", self.tr("Where their name is written"))
        for m in mentions:
            text = mention_text(m)
            if not m.replaceable:
                text += self.tr(" — cannot be changed here")
            self.mentions.addItem(QListWidgetItem(text))
        self._empty(self.mentions, mentions, self.tr("Their name is not written anywhere else in the log."))
        replaceable = sum(1 for m in mentions if m.replaceable)
        self.replace = QCheckBox(
            self.tr("&Replace their name with “%1” in these places").replace("%1", ERASED), self
        )
        self.replace.setObjectName("replaceInText")
        self.replace.setChecked(replaceable > 0)
        self.replace.setEnabled(replaceable > 0)
        hint = QLabel(
            self.tr(
                "Only the full name and contact details are found: look for a nickname or a surname on its "
                "own yourself (Ctrl+F)."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.warning = QLabel(
            self.tr(
                "This cannot be undone. The Undo history is cleared as well, because earlier undo steps "
                "may still hold the name."
            ),
            self,
        )
        self.warning.setObjectName("eraseWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b42318; font-weight: bold;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.erase_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.erase_button.setText(self.tr("Erase"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # Enter must not erase by accident
        cancel.setFocus()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self._caption(self.tr("Where they appear (removed with them):"), self.appearances))
        layout.addWidget(self.appearances)
        layout.addWidget(self._caption(self.tr("Where their name is written:"), self.mentions))
        layout.addWidget(self.mentions)
        layout.addWidget(self.replace)
        layout.addWidget(hint)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)

    def _list(self, name: str, accessible: str) -> QListWidget:
        field = QListWidget(self)
        field.setObjectName(name)
        field.setAccessibleName(accessible)
        field.setWordWrap(True)
        field.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        field.setFixedHeight(field.fontMetrics().height() * 5 + 16)
        return field

    def _caption(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _empty(self, field: QListWidget, rows: Sequence[object], text: str) -> None:
        if not rows:
            item = QListWidgetItem(text)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            field.addItem(item)

    def choice(self) -> EraseChoice:
        return EraseChoice(replace_in_text=self.replace.isChecked())


def ask(
    parent: QWidget | None,
    person: PersonRow,
    appearances: Sequence[Appearance],
    mentions: Sequence[Mention],
) -> EraseChoice | None:
    """Whether to erase, and whether to replace the name in free text; None if the rep cancelled."""
    dialog = ErasePersonDialog(parent, person, appearances, mentions)
    try:
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_purge(parent: QWidget | None, note: str, remaining: Sequence[Mention]) -> bool:
    """After the erasure: older backups still hold the name (`note`); True to delete them now."""
    text = note
    if remaining:
        places = "\n".join(f"• {mention_text(m)}" for m in remaining[:8])
        more = (
            "\n• " + _tr("… and %1 more").replace("%1", str(len(remaining) - 8)) if len(remaining) > 8 else ""
        )
        text = note + "\n\n" + _tr("The name is still written in:") + f"\n{places}{more}"
    return messages.confirm(
        parent, _tr("Erased"), text, _tr("Delete older backups now"), _tr("Keep them for now")
    )
