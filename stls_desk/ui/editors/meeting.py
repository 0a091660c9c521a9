"""A meeting's editor: when, kind, where, title, who attended on which side, agenda, minutes, decisions,
whether it is confidential, its action items (edited in their table) and its files.

Each field saves itself through the window's operations as the rep leaves it (the minutes on leaving the
box or Ctrl+Enter, never while typing: a refresh of the log keeps what is being typed), so every change is
audited and undoable. Attendees are saved through services.meetings.set_attendees.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QDateTimeEdit, QWidget

from stls_desk.domain.enums import MeetingKind
from stls_desk.services import meetings, people
from stls_desk.services.core import Outcome
from stls_desk.services.people import PersonRow
from stls_desk.ui import format as fmt
from stls_desk.ui.editors.action_items import ActionItemsWidget
from stls_desk.ui.editors.attendees import AttendeesField
from stls_desk.ui.editors.base import Field, RecordEditor, Shown
from stls_desk.ui.editors.fields import CheckField, ChoiceField, NotesField, TextField
from stls_desk.ui.operations import Operations
from stls_desk.ui.widgets.attachments import AttachmentsList

ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
"""Month names as ui.format writes them, whatever the desktop's language."""
MINUTES_LINES = 14


class DateTimeField(Field):
    """A day and a time ("10 Feb 2025, 10:00"), typed section by section or picked from a calendar."""

    def __init__(self, name: str, label: str) -> None:
        edit = QDateTimeEdit()
        edit.setLocale(ENGLISH)
        edit.setDisplayFormat("d MMM yyyy, HH:mm")
        edit.setCalendarPopup(True)
        edit.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        super().__init__(name, label, edit)
        self.edit = edit
        edit.editingFinished.connect(self.committed)

    def value(self) -> Any:
        d, t = self.edit.date(), self.edit.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())

    def _show(self, value: Any) -> None:
        if isinstance(value, datetime):
            self.edit.setDateTime(
                QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))
            )

    def _normal(self, value: Any) -> Any:
        return value.replace(second=0, microsecond=0) if isinstance(value, datetime) else value

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)
        self.edit.setCalendarPopup(editable)


class MinutesField(NotesField):
    """The minutes: a tall box in a comfortable reading size, saved on leaving it or Ctrl+Enter."""

    def __init__(self, name: str, label: str) -> None:
        super().__init__(name, label, lines=MINUTES_LINES, placeholder="")
        font = QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.edit.setFont(font)
        self.edit.setMinimumHeight(self.edit.fontMetrics().lineSpacing() * MINUTES_LINES + 14)
        self.edit.setPlaceholderText(
            self.tr("What was said, by whom. Saved when you leave the box (or press Ctrl+Enter).")
        )
        self.edit.setTabChangesFocus(True)


def _short(f: NotesField, lines: int = 4) -> NotesField:
    """A few lines high and no taller, so the minutes get the room (it scrolls when longer)."""
    f.edit.setFixedHeight(f.edit.fontMetrics().lineSpacing() * lines + 14)
    return f


class MeetingEditor(RecordEditor):
    entity = "meeting"

    def __init__(self, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__("meetingRecord", "", parent)
        self._placeholder_text = self.tr("Select a meeting to see it here, or add one with Edit ▸ New.")
        self.placeholder.setText(self._placeholder_text)
        self._today = today
        self._people: list[PersonRow] = []
        self.change_service = meetings.change_meeting
        self._setup_ui()

    def _setup_ui(self) -> None:
        self.add_field(TextField("title", self.tr("Title")))
        self.add_field(DateTimeField("held_at", self.tr("When")))
        self.add_field(ChoiceField("kind", self.tr("Kind"), [(self.tr(k.label), k) for k in MeetingKind]))
        self.add_field(TextField("location", self.tr("Where")))
        self.add_field(
            CheckField(
                "confidential", self.tr("Confidential"), self.tr("Keep it out of members' briefing packs")
            )
        )
        self.add_field(AttendeesField("attendees", self.tr("Who attended"), lambda: self._people), wide=True)
        self.add_field(_short(NotesField("agenda", self.tr("Agenda"))), wide=True)
        self.add_field(MinutesField("minutes", self.tr("Minutes")), wide=True)
        self.add_field(_short(NotesField("decisions", self.tr("Decisions"))), wide=True)
        self.action_items = ActionItemsWidget(self._today)
        self.add_section("actions", self.tr("Action items"), self.action_items)
        self.attachments = AttachmentsList("meeting")
        self.add_section("attachments", self.tr("Attached files"), self.attachments)

    def set_operations(self, operations: Operations) -> None:
        super().set_operations(operations)
        self.action_items.set_operations(operations)
        self.attachments.set_operations(operations)

    @property
    def attendees(self) -> AttendeesField:
        f = self.inputs["attendees"]
        assert isinstance(f, AttendeesField)
        return f

    def _read(self, record_id: int) -> Shown:
        assert self.log is not None
        m = meetings.get_meeting(self.log, record_id, today=self._today())
        self._people = people.list_people(self.log, self.dispute_id) if self.dispute_id is not None else []
        self.action_items.set_meeting(record_id, m.actions, self._people)
        self.attachments.set_owner_id(record_id)
        row = m.row
        details = [row.kind.label, fmt.day_and_time(row.held_at)]
        if row.open_actions:
            open_text = self.tr("%1 open actions") if row.open_actions > 1 else self.tr("%1 open action")
            details.append(open_text.replace("%1", str(row.open_actions)))
        if row.overdue_actions:
            details.append(self.tr("%1 overdue").replace("%1", str(row.overdue_actions)))
        if row.confidential:
            details.append(self.tr("confidential"))
        return Shown(
            row.title,
            " · ".join(details),
            {
                "title": row.title,
                "held_at": row.held_at,
                "kind": row.kind,
                "location": row.location,
                "confidential": row.confidential,
                "attendees": [(a.person_id, a.name, a.side) for a in m.attendees],
                "agenda": m.agenda,
                "minutes": m.minutes,
                "decisions": m.decisions,
            },
        )

    def _save(self, name: str, value: Any) -> Outcome | None:
        if name == "attendees":
            assert self.operations is not None and self.record_id is not None
            return self.operations.change(
                self.entity, self.record_id, meetings.set_attendees, attendees=self.attendees.attendees()
            )
        return super()._save(name, value)

    def show_placeholder(self, text: str | None = None) -> None:
        if self.dirty and self._saving is None:
            self.save_all()  # the record goes out of view: what was typed goes into the log first
        super().show_placeholder(text)
        self.action_items.set_meeting(None, [], [])
        self.attachments.set_owner_id(None)
