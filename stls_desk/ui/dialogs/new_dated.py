"""Edit ▸ New on the Ballots & dates tab: a ballot or a key date? The dialog asks which, and the few facts
the log cannot do without (a ballot's question and its dates; a date's kind, title and day or range). The
rest is filled in the editor beside the table afterwards.

`ask(parent, today, initial)` returns a NewBallot, a NewKeyDate, or None if the rep cancelled; nothing is
written until the tab hands the answer to Operations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stls_desk.domain.enums import BallotKind, KeyDateKind
from stls_desk.ui.editors.base import MARK_COLOUR
from stls_desk.ui.widgets.dispute_calendar import ENGLISH, py_date


def _qdate(day: date) -> QDate:
    """The day as Qt's date (PySide converts a date implicitly, but its type stubs do not say so)."""
    return QDate(day.year, day.month, day.day)


_MARKED = f"border: 2px solid {MARK_COLOUR}; border-radius: 3px;"


@dataclass(frozen=True)
class NewBallot:
    kind: BallotKind
    question: str
    opens_on: date
    closes_on: date


@dataclass(frozen=True)
class NewKeyDate:
    kind: KeyDateKind
    title: str
    starts_on: date
    ends_on: date | None


def _date_edit(name: str, label: str, day: date, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(_qdate(day), parent)
    edit.setObjectName(name)
    edit.setAccessibleName(label)
    edit.setLocale(ENGLISH)
    edit.setDisplayFormat("ddd d MMM yyyy")
    edit.setCalendarPopup(True)
    return edit


class NewDatedDialog(QDialog):
    def __init__(self, parent: QWidget | None, today: date, initial: str = "ballot") -> None:
        super().__init__(parent)
        self.setObjectName("newDatedDialog")
        self.setWindowTitle(self.tr("New ballot or date"))
        self._today = today
        self._setup_ui()
        self._connect_signals()
        (self.ballot_choice if initial == "ballot" else self.date_choice).setChecked(True)
        self._on_choice_toggled()

    def _setup_ui(self) -> None:
        self.ballot_choice = QRadioButton(self.tr("A &ballot"), self)
        self.ballot_choice.setObjectName("newBallotChoice")
        self.date_choice = QRadioButton(self.tr("A key &date (strike day, notice, deadline…)"), self)
        self.date_choice.setObjectName("newKeyDateChoice")
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.ballot_choice)
        self.choice.addButton(self.date_choice)
        choices = QHBoxLayout()
        choices.addWidget(self.ballot_choice)
        choices.addWidget(self.date_choice)
        choices.addStretch(1)

        ballot_page = QWidget(self)
        self.ballot_kind = QComboBox(ballot_page)
        self.ballot_kind.setObjectName("newBallotKind")
        for ballot_kind in (BallotKind.STATUTORY, BallotKind.INDICATIVE):
            self.ballot_kind.addItem(self.tr(ballot_kind.label), ballot_kind)
        self.question = QLineEdit(ballot_page)
        self.question.setObjectName("newBallotQuestion")
        self.question.setAccessibleName(self.tr("Question"))
        self.question.setPlaceholderText(self.tr("As on the voting paper"))
        self.question.setMinimumWidth(360)
        self.opens = _date_edit("newBallotOpens", self.tr("Opens"), self._today + timedelta(days=14), self)
        self.closes = _date_edit("newBallotCloses", self.tr("Closes"), self._today + timedelta(days=35), self)
        form = QFormLayout(ballot_page)
        form.addRow(self.tr("&Kind"), self.ballot_kind)
        form.addRow(self.tr("&Question"), self.question)
        form.addRow(self.tr("&Opens"), self.opens)
        form.addRow(self.tr("&Closes"), self.closes)

        date_page = QWidget(self)
        self.date_kind = QComboBox(date_page)
        self.date_kind.setObjectName("newKeyDateKind")
        for kind in KeyDateKind:
            self.date_kind.addItem(self.tr(kind.label), kind)
        self.title = QLineEdit(date_page)
        self.title.setObjectName("newKeyDateTitle")
        self.title.setAccessibleName(self.tr("Title"))
        self.title.setPlaceholderText(self.tr("e.g. Strike day: STLS staff"))
        self.starts = _date_edit("newKeyDateStarts", self.tr("Day"), self._today, self)
        self.is_range = QCheckBox(self.tr("A range of days, ending on"), date_page)
        self.is_range.setObjectName("newKeyDateIsRange")
        self.ends = _date_edit("newKeyDateEnds", self.tr("Ends on"), self._today, self)
        self.ends.setEnabled(False)
        ends = QHBoxLayout()
        ends.addWidget(self.is_range)
        ends.addWidget(self.ends, 1)
        form = QFormLayout(date_page)
        form.addRow(self.tr("&Kind"), self.date_kind)
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("D&ay"), self.starts)
        form.addRow("", ends)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(ballot_page)
        self.pages.addWidget(date_page)
        self.message = QLabel(self)
        self.message.setObjectName("newDatedMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {MARK_COLOUR};")
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.pages)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.ballot_choice.toggled.connect(self._on_choice_toggled)
        self.is_range.toggled.connect(self.ends.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def result_value(self) -> NewBallot | NewKeyDate:
        if self.ballot_choice.isChecked():
            return NewBallot(
                self.ballot_kind.currentData(),
                self.question.text().strip(),
                py_date(self.opens.date()),
                py_date(self.closes.date()),
            )
        return NewKeyDate(
            self.date_kind.currentData(),
            self.title.text().strip(),
            py_date(self.starts.date()),
            py_date(self.ends.date()) if self.is_range.isChecked() else None,
        )

    def _problem(self) -> tuple[QWidget, str] | None:
        """The first field the log would refuse, and why."""
        value = self.result_value()
        if isinstance(value, NewBallot):
            if not value.question:
                return self.question, self.tr("Write the ballot's question.")
            if value.closes_on < value.opens_on:
                return self.closes, self.tr("A ballot cannot close before it opens.")
            return None
        if not value.title:
            return self.title, self.tr("Give the date a title.")
        if value.ends_on is not None and value.ends_on < value.starts_on:
            return self.ends, self.tr("A date range cannot end before it starts.")
        return None

    def accept(self) -> None:
        fields: tuple[QWidget, ...] = (self.question, self.closes, self.title, self.ends)
        for field in fields:
            field.setStyleSheet("")
            field.setProperty("invalid", False)
        problem = self._problem()
        if problem is None:
            super().accept()
            return
        widget, text = problem[0], problem[1]
        widget.setProperty("invalid", True)
        widget.setStyleSheet(_MARKED)
        widget.setFocus()
        self.message.setText(text)
        self.message.show()

    @Slot()
    def _on_choice_toggled(self) -> None:
        ballot = self.ballot_choice.isChecked()
        self.pages.setCurrentIndex(0 if ballot else 1)
        self.message.hide()
        (self.question if ballot else self.title).setFocus()


def ask(parent: QWidget | None, today: date, initial: str = "ballot") -> NewBallot | NewKeyDate | None:
    """Ask for a new ballot or key date; None if the rep cancelled."""
    dialog = NewDatedDialog(parent, today, initial)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_value()
