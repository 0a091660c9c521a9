"""A dispute's own details (title, employer, branch, summary, status, opened on, nation), and closing one.

`ask(parent, current, nation, today)` edits a copy and returns the values, or None if the rep cancelled;
`ask_close(parent, dispute)` asks how the dispute ended. Neither changes the log: the caller does, through
the window's operations (see ui/dispute_actions.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from stls_desk.domain.enums import DisputeStatus
from stls_desk.domain.working_days import Nation
from stls_desk.services.disputes import DisputeRow
from stls_desk.ui.editors.base import FieldError
from stls_desk.ui.editors.fields import DateField

INVALID_STYLE = '*[invalid="true"] { border: 1px solid #b42318; border-radius: 2px; }'
"""A field the dialog refused reads with a red border (the reason is written under the form)."""


@dataclass(frozen=True)
class DisputeValues:
    title: str
    employer: str
    branch: str
    summary: str
    status: DisputeStatus
    opened_on: date | None
    nation: Nation


def _tr(text: str) -> str:
    return QCoreApplication.translate("DisputeDialog", text)


class DisputeDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, current: DisputeRow | None, nation: Nation, today: date
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._setup_ui(current is None)
        self._fill(current, nation, today)
        self._connect_signals()

    def _setup_ui(self, new: bool) -> None:
        self.setObjectName("disputeDialog")
        self.setWindowTitle(self.tr("New dispute") if new else self.tr("Edit dispute"))
        self.setStyleSheet(INVALID_STYLE)
        intro = QLabel(
            self.tr(
                "A dispute holds everything else in the log: its grievances, proposals, meetings and dates."
            )
            if new
            else self.tr("These details head the Overview and every briefing pack.")
        )
        intro.setWordWrap(True)
        self.title = self._line("disputeTitle", self.tr("Title"))
        self.title.setPlaceholderText(self.tr("e.g. STLS restructure"))
        self.employer = self._line("disputeEmployer", self.tr("Employer"))
        self.employer.setPlaceholderText(self.tr("e.g. Kent County Council"))
        self.branch = self._line("disputeBranch", self.tr("Union branch"))
        self.branch.setPlaceholderText(self.tr("e.g. Kent NEU"))
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("disputeSummary")
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(self.tr("What the dispute is about, in a few lines"))
        self.summary.setFixedHeight(self.summary.fontMetrics().lineSpacing() * 7 + 14)
        self.status = QComboBox(self)
        self.status.setObjectName("disputeStatus")
        self.status.setAccessibleName(self.tr("Status"))
        for status in DisputeStatus:
            self.status.addItem(status.label, status.value)
        self.opened_on = DateField("disputeOpenedOn", self.tr("Opened on"), lambda: self._today)
        self.nation = QComboBox(self)
        self.nation.setObjectName("disputeNation")
        self.nation.setAccessibleName(self.tr("Bank holidays of"))
        self.nation.setToolTip(self.tr("Working-day deadlines skip this nation's bank holidays."))
        for nation in Nation:
            self.nation.addItem(nation.label, nation.value)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label(self.tr("&Title:"), self.title), self.title)
        form.addRow(self._label(self.tr("&Employer:"), self.employer), self.employer)
        form.addRow(self._label(self.tr("&Branch:"), self.branch), self.branch)
        form.addRow(self._label(self.tr("S&ummary:"), self.summary), self.summary)
        form.addRow(self._label(self.tr("&Status:"), self.status), self.status)
        form.addRow(self._label(self.tr("&Opened on:"), self.opened_on.input), self.opened_on.box)
        form.addRow(self._label(self.tr("Bank &holidays of:"), self.nation), self.nation)

        self.problem = QLabel(self)
        self.problem.setObjectName("disputeProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b42318;")
        # Room kept for the reason from the start: a window that grows when it appears makes the window
        # system re-read its size limits.
        self.problem.setFixedHeight(self.problem.fontMetrics().lineSpacing() * 2)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            self.tr("Create dispute") if new else self.tr("Save")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        hint = self.sizeHint()
        self.setMinimumSize(max(hint.width(), 620), hint.height())

    def _line(self, name: str, accessible: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setAccessibleName(accessible)
        field.setMaxLength(200)
        return field

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _fill(self, current: DisputeRow | None, nation: Nation, today: date) -> None:
        if current is None:
            self.status.setCurrentIndex(self.status.findData(DisputeStatus.ACTIVE.value))
            self.opened_on.set_value(today)
        else:
            for field, text in (
                (self.title, current.title),
                (self.employer, current.employer),
                (self.branch, current.branch),
            ):
                field.setText(text)
                field.setCursorPosition(0)
            self.summary.setPlainText(current.summary)
            self.status.setCurrentIndex(self.status.findData(current.status.value))
            self.opened_on.set_value(current.opened_on)
        self.nation.setCurrentIndex(self.nation.findData(Nation(nation).value))

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title.textEdited.connect(self._on_title_text_edited)

    def values(self) -> DisputeValues:
        """What the form holds; FieldError if the opened-on text is not a date."""
        return DisputeValues(
            title=self.title.text().strip(),
            employer=self.employer.text().strip(),
            branch=self.branch.text().strip(),
            summary=self.summary.toPlainText(),
            status=DisputeStatus(self.status.currentData()),
            opened_on=self.opened_on.value(),
            nation=Nation(self.nation.currentData()),
        )

    def accept(self) -> None:
        """Refuse an empty title or a date that is not one here, keeping everything typed."""
        if not self.title.text().strip():
            self._mark(self.title, self.tr("Give the dispute a title."))
            return
        try:
            self.values()
        except FieldError as exc:
            self.opened_on.mark(exc.message)
            self.opened_on.input.setFocus()
            return
        self.opened_on.clear_mark()
        super().accept()

    def _mark(self, field: QWidget, message: str) -> None:
        field.setProperty("invalid", True)
        field.style().unpolish(field)
        field.style().polish(field)
        self.problem.setText(message)
        field.setFocus()

    @Slot(str)
    def _on_title_text_edited(self, _text: str) -> None:
        if self.title.property("invalid"):
            self.title.setProperty("invalid", False)
            self.title.style().unpolish(self.title)
            self.title.style().polish(self.title)
            self.problem.clear()


def ask(
    parent: QWidget | None, current: DisputeRow | None, nation: Nation, today: date
) -> DisputeValues | None:
    """A new dispute's details (current None) or an existing one's, edited; None if cancelled."""
    dialog = DisputeDialog(parent, current, nation, today)
    try:
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class CloseDisputeDialog(QDialog):
    """How did it end? Settled (an agreement) or closed (without one). Confirming closes it."""

    def __init__(self, parent: QWidget | None, dispute: DisputeRow) -> None:
        super().__init__(parent)
        self.setObjectName("closeDisputeDialog")
        self.setWindowTitle(self.tr("Close dispute"))
        question = QLabel(self.tr("Close “%1”?").replace("%1", dispute.title), self)
        question.setTextFormat(Qt.TextFormat.PlainText)
        question.setWordWrap(True)
        font = question.font()
        font.setBold(True)
        question.setFont(font)
        note = QLabel(
            self.tr(
                "Nothing is deleted: the dispute stays in the log and in the toolbar's list, marked as "
                "settled or closed, and can be reopened from Edit dispute."
            ),
            self,
        )
        note.setWordWrap(True)
        self.settled = QRadioButton(self.tr("&Settled: an agreement was reached"), self)
        self.settled.setObjectName("closeAsSettled")
        self.closed = QRadioButton(self.tr("&Closed: it ended without an agreement"), self)
        self.closed.setObjectName("closeAsClosed")
        self.settled.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.settled)
        group.addButton(self.closed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Close dispute"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(note)
        layout.addWidget(self.settled)
        layout.addWidget(self.closed)
        layout.addWidget(buttons)

    def status(self) -> DisputeStatus:
        return DisputeStatus.SETTLED if self.settled.isChecked() else DisputeStatus.CLOSED


def ask_close(parent: QWidget | None, dispute: DisputeRow) -> DisputeStatus | None:
    """Settled or closed, confirmed; None if the rep thought better of it."""
    dialog = CloseDisputeDialog(parent, dispute)
    try:
        return dialog.status() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
