"""The grievance editor: every field of the selected grievance, saved as the rep leaves each one, with the
proposals that address it and its attached files.

A response due can be typed as a date or as "10 working days from 3 Feb 2025" (or just "10 working days",
counted from the day it was raised): the date is worked out in the dispute's calendar (its nation's bank
holidays and the workplace's closure days) and shown, with how it was worked out under the field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from stls_desk.domain.enums import GrievanceScope, GrievanceStage, GrievanceStatus
from stls_desk.services import deadlines, grievances, people
from stls_desk.ui import format as fmt
from stls_desk.ui.dialogs import pick_records
from stls_desk.ui.dialogs.pick_records import Choice
from stls_desk.ui.editors.base import Field, RecordEditor, Shown
from stls_desk.ui.editors.dates import WorkingDays
from stls_desk.ui.editors.fields import (
    CheckField,
    ChoiceField,
    DateField,
    NotesField,
    PickerField,
    TextField,
    link_list,
    set_links,
)
from stls_desk.ui.operations import Operations
from stls_desk.ui.widgets.attachments import AttachmentsList


class GrievanceEditor(RecordEditor):
    entity = "grievance"

    def __init__(self, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__("grievanceEditor", "", parent)
        self.set_placeholder_text(self.tr("Select a grievance to edit it here, or press Ctrl+N to add one."))
        self._today = today
        self.change_service = grievances.change_grievance
        self._setup_ui()

    def _setup_ui(self) -> None:
        tr = self.tr
        self.add_field(TextField("title", tr("Title"), tr("What the grievance is about, in a line")))
        self.add_field(ChoiceField("status", tr("Status"), [(s.label, s) for s in GrievanceStatus]))
        self.add_field(ChoiceField("stage", tr("Stage"), [(s.label, s) for s in GrievanceStage]))
        self.add_field(
            ChoiceField("scope", tr("Individual or collective"), [(s.label, s) for s in GrievanceScope])
        )
        self.add_field(TextField("category", tr("Category"), tr("e.g. Pay, Workload, TUPE")))
        self.add_field(TextField("staff_group", tr("Staff group"), tr("Who it affects, e.g. all STLS staff")))
        self.add_field(
            PickerField(
                "raised_by",
                tr("Raised by"),
                self._choose_people,
                link_entity="person",
                empty=tr("No one named"),
                rows=3,
            )
        )
        self.add_field(DateField("raised_on", tr("Raised on"), self._today))
        self.add_field(DateField("response_due", tr("Response due"), self._today, working_days=True))
        self.add_field(DateField("resolved_on", tr("Resolved on"), self._today))
        self.add_field(
            CheckField("confidential", tr("Confidential"), tr("Keep it out of members' briefing packs"))
        )
        self.add_field(
            NotesField("detail", tr("Detail"), lines=6, placeholder=tr("Nothing recorded")), wide=True
        )
        self.add_field(
            NotesField(
                "employer_response",
                tr("Employer's response"),
                lines=4,
                placeholder=tr("No response recorded"),
            ),
            wide=True,
        )
        self.proposals = link_list("proposals")
        self.add_section("proposals", tr("Proposals that address it (Enter opens one)"), self.proposals)
        self.attachments = AttachmentsList("grievance", self)
        self.add_section("attachments", tr("Attached files"), self.attachments)

    def set_operations(self, operations: Operations) -> None:
        super().set_operations(operations)
        self.attachments.set_operations(operations)

    def _read(self, record_id: int) -> Shown:
        assert self.log is not None
        g = grievances.get_grievance(self.log, record_id)
        row = g.row
        set_links(
            self.proposals,
            [(f"{ref}  {title}", ("proposal", pid)) for pid, ref, title in g.proposals],
            self.tr("None yet"),
        )
        self.attachments.set_owner_id(record_id)
        return Shown(
            f"{row.reference}  {row.title}",
            self.tr("Confidential: kept out of members' briefing packs.") if row.confidential else "",
            {
                "title": row.title,
                "status": row.status,
                "stage": row.stage,
                "scope": row.scope,
                "category": row.category,
                "staff_group": g.staff_group,
                "raised_by": list(g.raised_by),
                "raised_on": row.raised_on,
                "response_due": row.response_due,
                "resolved_on": row.resolved_on,
                "confidential": row.confidential,
                "detail": g.detail,
                "employer_response": g.employer_response,
            },
        )

    def show_placeholder(self, text: str | None = None) -> None:
        super().show_placeholder(text)
        self.attachments.set_owner_id(None)

    def _value_to_save(self, f: Field) -> Any:
        value = f.value()
        if isinstance(value, WorkingDays):
            return self._working_days(f, value)
        return value

    def _working_days(self, f: Field, counted: WorkingDays) -> date:
        """The day `counted` lands on in this dispute's calendar; the note under the field says how."""
        assert self.log is not None and self.dispute_id is not None
        raised_on = self.inputs["raised_on"].saved
        start = counted.start or raised_on or self._today()
        due = deadlines.response_due_from(self.log, self.dispute_id, start, counted.days)
        f.set_note(
            self.tr("%1 working days from %2 (weekends, bank holidays and closure days skipped): %3")
            .replace("%1", str(counted.days))
            .replace("%2", fmt.day(start))
            .replace("%3", fmt.day(due))
        )
        return due

    def _choose_people(self, current: list[tuple[int, str]]) -> list[tuple[int, str]] | None:
        log, dispute_id = self.log, self.dispute_id
        if log is None or dispute_id is None:
            return None

        def find(text: str, limit: int) -> list[Choice]:
            found = people.list_people(log, dispute_id, text=text)[:limit]
            return [
                Choice(p.id, p.name, ", ".join(x for x in (p.role.label, p.workplace) if x)) for p in found
            ]

        chosen = pick_records.ask(
            self,
            self.tr("Raised by"),
            self.tr("Tick the people who raised it (add people on the People tab):"),
            find,
            [Choice(i, t) for i, t in current],
        )
        return None if chosen is None else [(c.id, c.text) for c in chosen]
