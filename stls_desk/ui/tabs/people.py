"""The People tab: members, reps, officers and the employer's side, and where each appears in the log."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from stls_desk.db.log import Log
from stls_desk.services import people
from stls_desk.services.core import NotFoundError
from stls_desk.ui.models.people import PersonTableModel
from stls_desk.ui.tabs.base import TableTab, Today
from stls_desk.ui.widgets.record_panel import RecordPanel


class PeopleTab(TableTab):
    entity = "person"
    entities = frozenset({"person", "grievance", "meeting", "action_item"})

    def __init__(self, log: Log, today: Today = date.today, parent: QWidget | None = None) -> None:
        super().__init__(log, today, parent)
        self.noun, self.noun_one = self.tr("people"), self.tr("person")
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        panel = RecordPanel("personRecord", self.tr("Select a person to see them here."), self)
        panel.add_line("role", self.tr("Role"))
        panel.add_line("workplace", self.tr("Workplace"))
        panel.add_line("contact", self.tr("Contact"))
        panel.add_text("notes", self.tr("Notes"), lines=3)
        panel.add_list("appearances", self.tr("Appears in"), rows=6)
        self._build(
            "people", self.tr("People"), PersonTableModel(self), self.tr("Filter people…"), panel, proxy=True
        )

    def _connect_signals(self) -> None:
        self._connect_table()

    def _fill(self) -> None:
        rows = people.list_people(self._log, self.dispute_id) if self.dispute_id is not None else []
        self.model.set_rows(rows)
        assert self.proxy is not None
        self.proxy.setFilterFixedString(self.filter_bar.filter_text)

    def _show_record(self, record_id: int) -> None:
        try:
            person = people.get_person(self._log, record_id)
            found = people.appearances(self._log, record_id)
        except NotFoundError:
            self.panel.show_placeholder(self.tr("That person is no longer in the log."))
            return
        self.panel.show_record(
            person.name,
            "",
            {
                "role": person.role.label,
                "workplace": person.workplace,
                "contact": person.contact,
                "notes": person.notes,
            },
        )
        self.panel.set_lines(
            "appearances",
            [(a.text, (a.entity, a.id)) for a in found],
            empty=self.tr("Not named in any grievance or meeting yet"),
        )
