"""A key date's editor: its kind, title, day or range and note, each saved as the rep leaves the field, and
under them what the app makes of it: for a strike day or action short of strike, whether a ballot and notice
cover it (and if not, why); for a notice of action, the first day action may start.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from stls_desk.domain.enums import KeyDateKind
from stls_desk.services import ballots
from stls_desk.services.ballots import KeyDateRow
from stls_desk.services.core import NotFoundError
from stls_desk.services.deadlines import DisputeDeadlines, deadlines
from stls_desk.ui import format as fmt
from stls_desk.ui.editors.ballot import bold_caption
from stls_desk.ui.editors.base import MARK_COLOUR, Field, FieldError, RecordEditor, Shown
from stls_desk.ui.editors.fields import CheckField, ChoiceField, DateField, NotesField, TextField

COVERED_COLOUR = "#1e6b2e"


def check_lines(row: KeyDateRow, derived: DisputeDeadlines | None) -> tuple[list[str], bool]:
    """What the app makes of the date, as lines, and whether they are a warning (a day not covered)."""
    if derived is None:
        return [], False
    if row.kind.is_industrial_action:
        check = next((c for c in derived.action_checks if c.key_date_id == row.id), None)
        if check is None:
            return [], False
        rules = ", ".join(check.rule_sets)
        if check.covered:
            under = f" under {rules}" if rules else ""
            return [f"Covered by a valid ballot and notice{under}."], False
        lines = ["Not covered by a ballot and notice:", *(f"• {reason}" for reason in check.reasons)]
        if rules:
            lines.append(f"Checked under {rules}.")
        return lines, True
    if row.kind == KeyDateKind.NOTICE_SERVED:
        notice = next((n for n in derived.notices if n.key_date_id == row.id), None)
        if notice is None or notice.earliest_action_day is None:
            return ([notice.note] if notice and notice.note else []), True
        lines = [
            f"{notice.notice_days} days' notice under {notice.rule_set}: action may start on "
            f"{fmt.day(notice.earliest_action_day)} at the earliest."
        ]
        if notice.note:
            lines.append(notice.note)
        return lines, False
    return [], False


class KeyDateEditor(RecordEditor):
    entity = "key_date"

    def __init__(self, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__("keyDateRecord", "", parent)
        self._today = today
        self.change_service = ballots.change_key_date
        self.check_lines: list[str] = []
        self.flagged = False
        self._setup_ui()

    def _setup_ui(self) -> None:
        kinds = [(self.tr(kind.label), kind) for kind in KeyDateKind]
        self.add_field(ChoiceField("kind", self.tr("Kind"), kinds))
        self.add_field(TextField("title", self.tr("Title")))
        self.add_field(DateField("starts_on", self.tr("Starts on"), self._today))
        self.add_field(DateField("ends_on", self.tr("Ends on"), self._today))
        self.add_field(
            CheckField(
                "employer_agreed_short_notice",
                self.tr("Notice"),
                self.tr("Employer agreed to 7 days' notice"),
            )
        )
        note = self.add_field(NotesField("note", self.tr("Note"), lines=5), wide=True)
        note.input.setMaximumHeight(note.input.minimumHeight() * 2)
        self.check = QLabel()
        self.check.setObjectName("keyDateCheck")
        self.check.setTextFormat(Qt.TextFormat.PlainText)
        self.check.setWordWrap(True)
        self.check.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_section("check", self.tr("Check"), self.check)
        bold_caption(self, self.check)
        self.inputs["ends_on"].input.setToolTip(self.tr("Leave empty for a single day."))
        self.inputs["employer_agreed_short_notice"].box.setToolTip(
            self.tr(
                "For a notice of action: the employer agreed to a shorter notice period (only some rule "
                "sets allow it)."
            )
        )

    def _read(self, record_id: int) -> Shown:
        assert self.log is not None
        row = next((k for k in self._rows() if k.id == record_id), None)
        if row is None:
            raise NotFoundError("That date is no longer in the log.")
        try:
            derived = deadlines(self.log, row.dispute_id, self._today())
        except NotFoundError:
            derived = None
        self.check_lines, self.flagged = check_lines(row, derived)
        self.check.setText("\n".join(self.check_lines) or self.tr("Nothing to check for this kind of date."))
        colour = MARK_COLOUR if self.flagged else COVERED_COLOUR if self.check_lines else ""
        self.check.setStyleSheet(f"color: {colour};" if colour else "")
        self.check.setEnabled(bool(self.check_lines))
        return Shown(
            row.title,
            f"{row.kind.label} · {fmt.day_range(row.starts_on, row.ends_on)}",
            {name: getattr(row, name) for name in self.inputs},
        )

    def _rows(self) -> list[KeyDateRow]:
        assert self.log is not None
        if self.dispute_id is None:
            return []
        return ballots.list_key_dates(self.log, self.dispute_id)

    def _value_to_save(self, f: Field) -> Any:
        value = f.value()
        if value is None and f.name == "starts_on":
            raise FieldError(self.tr("Give the day (the first day of a range)."))
        return value
