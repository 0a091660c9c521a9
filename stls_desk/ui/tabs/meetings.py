"""The Meetings tab: the dispute's meetings, newest first, beside the selected meeting and its actions."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from stls_desk.db.log import Log
from stls_desk.services import meetings
from stls_desk.services.core import NotFoundError
from stls_desk.ui import format as fmt
from stls_desk.ui.models.meetings import ActionItemTableModel, MeetingTableModel
from stls_desk.ui.tabs.base import TableTab, Today
from stls_desk.ui.widgets.record_panel import RecordPanel
from stls_desk.ui.widgets.tables import TableArea, make_table_view, size_columns


class MeetingsTab(TableTab):
    entity = "meeting"
    entities = frozenset({"meeting", "action_item", "person"})

    def __init__(self, log: Log, today: Today = date.today, parent: QWidget | None = None) -> None:
        super().__init__(log, today, parent)
        self.noun, self.noun_one = self.tr("meetings"), self.tr("meeting")
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        panel = RecordPanel("meetingRecord", self.tr("Select a meeting to see it here."), self)
        panel.add_line("held_at", self.tr("When"))
        panel.add_line("kind", self.tr("Kind"))
        panel.add_line("location", self.tr("Where"))
        panel.add_list("attendees", self.tr("Who attended"), rows=4)
        panel.add_text("agenda", self.tr("Agenda"), lines=3)
        panel.add_text("minutes", self.tr("Minutes"), lines=6)
        panel.add_text("decisions", self.tr("Decisions"), lines=3)
        self.actions_model = ActionItemTableModel(self._today, self)
        self.actions_view = make_table_view("meetingActions", self.tr("Action items"))
        self.actions_view.setModel(self.actions_model)
        self.actions_view.setSortingEnabled(False)
        size_columns(self.actions_view, self.actions_model.columns)
        self.actions_view.setMinimumHeight(self.actions_view.verticalHeader().defaultSectionSize() * 5)
        self.actions_area = TableArea(self.actions_view)
        panel.add_widget("actions", self.tr("Action items"), self.actions_area, wide=True)
        self._build(
            "meetings",
            self.tr("Meetings"),
            MeetingTableModel(self),
            self.tr("Filter meetings…"),
            panel,
            proxy=True,
            sort_order=Qt.SortOrder.DescendingOrder,
        )

    def _connect_signals(self) -> None:
        self._connect_table()

    def _fill(self) -> None:
        if self.dispute_id is None:
            self.model.set_rows([])
        else:
            self.model.set_rows(meetings.list_meetings(self._log, self.dispute_id, today=self._today()))
        assert self.proxy is not None
        self.proxy.setFilterFixedString(self.filter_bar.filter_text)

    def _show_record(self, record_id: int) -> None:
        try:
            m = meetings.get_meeting(self._log, record_id, today=self._today())
        except NotFoundError:
            self.panel.show_placeholder(self.tr("That meeting is no longer in the log."))
            return
        row = m.row
        subtitle = self.tr("Confidential: kept out of members' briefing packs.") if row.confidential else ""
        self.panel.show_record(
            row.title,
            subtitle,
            {
                "held_at": fmt.day_and_time(row.held_at),
                "kind": row.kind.label,
                "location": row.location,
                "agenda": m.agenda,
                "minutes": m.minutes,
                "decisions": m.decisions,
            },
        )
        self.panel.set_lines(
            "attendees",
            [(f"{a.name} ({a.side.label.lower()} side)", ("person", a.person_id)) for a in m.attendees],
            empty=self.tr("No one recorded"),
        )
        self.actions_model.set_rows(m.actions)
        if m.actions:
            self.actions_area.show_table()
        else:
            self.actions_area.show_empty(self.tr("No action items from this meeting."))
