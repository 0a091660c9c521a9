"""The Export briefing pack dialog: which dispute, for whom, which sections, which dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from stls_desk.export.pack import Audience, Section
from stls_desk.services.disputes import DisputeRow


@dataclass(frozen=True)
class PackRequest:
    dispute_id: int
    audience: Audience
    sections: frozenset[Section]
    date_from: date | None
    date_to: date | None


class ExportPackDialog(QDialog):
    def __init__(
        self, disputes: list[DisputeRow], current: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._disputes = disputes
        self._setup_ui(current)
        self._connect_signals()

    def _setup_ui(self, current: int | None) -> None:
        self.setObjectName("exportPackDialog")
        self.setWindowTitle(self.tr("Export briefing pack"))
        self.dispute = QComboBox(self)
        self.dispute.setObjectName("packDispute")
        self.dispute.setAccessibleName(self.tr("Dispute"))
        for d in self._disputes:
            self.dispute.addItem(d.title, d.id)
        if current is not None:
            self.dispute.setCurrentIndex(max(0, self.dispute.findData(current)))

        self.members = QRadioButton(self.tr("Members — every member's personal details removed"), self)
        self.members.setObjectName("packForMembers")
        self.officers = QRadioButton(self.tr("Branch officers — confidential, complete"), self)
        self.officers.setObjectName("packForOfficers")
        self.members.setChecked(True)  # the safer choice
        audience = QButtonGroup(self)
        audience.addButton(self.members)
        audience.addButton(self.officers)
        self.audience_note = QLabel(self)
        self.audience_note.setWordWrap(True)
        self.audience_note.setObjectName("packAudienceNote")

        sections_box = QGroupBox(self.tr("Sections"), self)
        sections_layout = QVBoxLayout(sections_box)
        self.sections: dict[Section, QCheckBox] = {}
        for section in Section:
            box = QCheckBox(section.heading, sections_box)
            box.setObjectName(f"packSection_{section.value}")
            box.setChecked(True)
            sections_layout.addWidget(box)
            self.sections[section] = box

        self.limit_dates = QCheckBox(self.tr("Only records dated from"), self)
        self.limit_dates.setObjectName("packLimitDates")
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addMonths(-3), self)
        self.date_to = QDateEdit(today, self)
        for edit, name in ((self.date_from, "packDateFrom"), (self.date_to, "packDateTo")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setObjectName(name)
            edit.setAccessibleName(name)
            edit.setEnabled(False)
        dates = QHBoxLayout()
        dates.addWidget(self.limit_dates)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(self.tr("to"), self))
        dates.addWidget(self.date_to)
        dates.addStretch(1)

        self.problem = QLabel(self)
        self.problem.setObjectName("packProblem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton(
            self.tr("Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("packExport")
        self.export_button.setDefault(True)

        form = QFormLayout()
        form.addRow(self.tr("Dispute"), self.dispute)
        form.addRow(self.tr("For"), self.members)
        form.addRow("", self.officers)
        form.addRow("", self.audience_note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(sections_box)
        layout.addLayout(dates)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._update()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.members.toggled.connect(self._update)
        self.limit_dates.toggled.connect(self._update)
        self.date_from.dateChanged.connect(self._update)
        self.date_to.dateChanged.connect(self._update)
        for box in self.sections.values():
            box.toggled.connect(self._update)

    def _update(self) -> None:
        self.audience_note.setText(
            self.tr(
                "Safe to hand out: members are called Member A, Member B…; no contact details, "
                "confidential records or attachments."
            )
            if self.members.isChecked()
            else self.tr(
                "Marked CONFIDENTIAL on every page: it names members and includes confidential records."
            )
        )
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(self.limit_dates.isChecked())
        self.problem.setText(self._problem())
        self.export_button.setEnabled(not self.problem.text())

    def _problem(self) -> str:
        if not self._disputes:
            return self.tr("This log holds no dispute yet.")
        if not any(box.isChecked() for box in self.sections.values()):
            return self.tr("Choose at least one section.")
        if self.limit_dates.isChecked() and self.date_from.date() > self.date_to.date():
            return self.tr("The date range ends before it starts: swap the dates.")
        return ""

    def _on_buttons_accepted(self) -> None:
        if not self._problem():
            self.accept()

    def request(self) -> PackRequest:
        limited = self.limit_dates.isChecked()
        return PackRequest(
            dispute_id=int(self.dispute.currentData()),
            audience=Audience.MEMBERS if self.members.isChecked() else Audience.OFFICERS,
            sections=frozenset(s for s, box in self.sections.items() if box.isChecked()),
            date_from=self.date_from.date().toPython() if limited else None,  # type: ignore[arg-type]
            date_to=self.date_to.date().toPython() if limited else None,  # type: ignore[arg-type]
        )


def ask(parent: QWidget | None, disputes: list[DisputeRow], current: int | None) -> PackRequest | None:
    dialog = ExportPackDialog(disputes, current, parent)
    return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
