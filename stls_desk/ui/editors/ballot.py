"""A ballot's editor: its figures, each saved as the rep leaves the field, and its assessment in words.

The assessment is worked out afresh from the log after every change (`services.deadlines`), so it always
names the rule set applied and follows the figures: correct a count and the verdict and the mandate's last
day change with it. A count the scrutineer has not reported yet stays empty.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from stls_desk.domain.enums import BallotKind
from stls_desk.services import ballots
from stls_desk.services.ballots import BallotRow
from stls_desk.services.core import NotFoundError
from stls_desk.services.deadlines import BallotDeadlines, deadlines
from stls_desk.ui import format as fmt
from stls_desk.ui.editors.assessment import Line, describe
from stls_desk.ui.editors.base import Field, FieldError, RecordEditor, Shown
from stls_desk.ui.editors.fields import CheckField, ChoiceField, DateField, NotesField

TONES = {"good": "#1e6b2e", "bad": "#b42318", "warn": "#8a5a00", "": ""}
REQUIRED_DATES = {
    "opens_on": "Give the day the ballot opens.",
    "closes_on": "Give the day the ballot closes.",
}


def bold_caption(editor: RecordEditor, widget: QWidget) -> None:
    """Make the caption above a section (the label whose buddy it is) read as a heading."""
    for caption in editor.findChildren(QLabel):
        if caption.buddy() is widget:
            font = caption.font()
            font.setBold(True)
            caption.setFont(font)


class CountField(Field):
    """A whole number of votes or voters, empty until the scrutineer reports it; saved on Enter or leaving."""

    def __init__(self, name: str, label: str) -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(self.tr("Not reported yet"))
        edit.setMaxLength(12)
        super().__init__(name, label, edit)
        self.edit = edit
        edit.editingFinished.connect(self.committed)
        edit.installEventFilter(self)

    def value(self) -> Any:
        text = self.edit.text().strip().replace(",", "").replace(" ", "")
        if not text:
            return None
        if not text.isdigit():
            raise FieldError(
                self.tr("Write a whole number, e.g. 212, or leave it empty until the result is known.")
            )
        return int(text)

    def _show(self, value: Any) -> None:
        text = fmt.count(value)
        if self.edit.text() != text:
            self.edit.setText(text)

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        escape = isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape
        if event.type() == QEvent.Type.KeyPress and escape and self.is_dirty():
            self.revert()
            return True
        return False


class BallotEditor(RecordEditor):
    entity = "ballot"

    def __init__(self, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__("ballotRecord", "", parent)
        self._today = today
        self.change_service = ballots.change_ballot
        self.lines: list[Line] = []
        """The assessment on show, line by line (what the label shows, for tests and copying)."""
        self._setup_ui()

    def _setup_ui(self) -> None:
        kinds = [(self.tr(kind.label), kind) for kind in BallotKind]
        self.add_field(ChoiceField("kind", self.tr("Kind"), kinds))
        question = self.add_field(NotesField("question", self.tr("Question"), lines=2), wide=True)
        question.input.setMaximumHeight(question.input.minimumHeight())
        self.add_field(DateField("notice_given_on", self.tr("Notice of ballot given"), self._today))
        self.add_field(DateField("opens_on", self.tr("Opens"), self._today))
        self.add_field(DateField("closes_on", self.tr("Closes"), self._today))
        self.add_field(CountField("eligible", self.tr("Entitled to vote")))
        self.add_field(CountField("votes_cast", self.tr("Votes cast")))
        self.add_field(CountField("yes_votes", self.tr("Yes")))
        self.add_field(CountField("no_votes", self.tr("No")))
        self.add_field(CountField("spoilt", self.tr("Spoilt")))
        self.add_field(
            CheckField(
                "important_public_service",
                self.tr("Public service"),
                self.tr("Important public service (40% yes needed)"),
            )
        )
        self.add_field(
            CheckField(
                "mandate_extended_by_agreement",
                self.tr("Mandate"),
                self.tr("Extended by agreement with the employer"),
            )
        )
        self.assessment = QLabel()
        self.assessment.setObjectName("assessment")
        self.assessment.setWordWrap(True)
        self.assessment.setTextFormat(Qt.TextFormat.RichText)  # built from numbers and dates, escaped
        self.assessment.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.assessment.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.add_section("assessment", self.tr("Assessment"), self.assessment)
        bold_caption(self, self.assessment)

    # -- reading --

    def _read(self, record_id: int) -> Shown:
        assert self.log is not None
        row = ballots.get_ballot(self.log, record_id)
        self._show_assessment(row, self._derived(row))
        return Shown(
            self.tr("%1 ballot").replace("%1", row.kind.label),
            fmt.day_range(row.opens_on, row.closes_on),
            {name: getattr(row, name) for name in self.inputs},
        )

    def _derived(self, row: BallotRow) -> BallotDeadlines | None:
        assert self.log is not None
        try:
            found = deadlines(self.log, row.dispute_id, self._today()).ballots
        except NotFoundError:
            return None
        return next((b for b in found if b.ballot_id == row.id), None)

    def _show_assessment(self, row: BallotRow, derived: BallotDeadlines | None) -> None:
        self.lines = describe(row, derived, self._today())
        cells = []
        for line in self.lines:
            colour = TONES[line.tone]
            style = f' style="color: {colour};"' if colour else ""
            cells.append(
                f"<tr><td style='padding-right: 8px; white-space: nowrap;'><b>{html.escape(line.heading)}</b>"
                f"</td><td{style}>{html.escape(line.text)}</td></tr>"
            )
        self.assessment.setText(f"<table cellspacing='0' cellpadding='1'>{''.join(cells)}</table>")
        self.assessment.setAccessibleName(self.tr("Assessment"))
        self.assessment.setAccessibleDescription(self.assessment_text())

    def assessment_text(self) -> str:
        """The assessment as plain lines: 'Turnout: 61.7% (…)'."""
        return "\n".join(f"{line.heading}: {line.text}" for line in self.lines)

    # -- saving --

    def _value_to_save(self, f: Field) -> Any:
        value = f.value()
        if value is None and f.name in REQUIRED_DATES:
            raise FieldError(self.tr(REQUIRED_DATES[f.name]))
        return value
