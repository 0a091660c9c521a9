"""A person's editor: name, role, workplace, contact and notes, each saved as the rep leaves it; under them
where the person appears in the log (each line opens that record), and the two things done to a person as a
whole: merging a duplicate record into this one, and erasing them (a member's right to erasure).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QListView, QListWidget, QPushButton, QWidget

from stls_desk.domain.enums import PersonRole
from stls_desk.services import people
from stls_desk.ui.editors.base import RecordEditor, Shown
from stls_desk.ui.editors.fields import ChoiceField, NotesField, TextField
from stls_desk.ui.widgets.record_panel import LINK_ROLE


class PersonEditor(RecordEditor):
    entity = "person"

    def __init__(self, parent: QWidget | None = None) -> None:
        placeholder = QCoreApplication.translate(
            "PersonEditor", "Select a person to see them here, or add one with Edit ▸ New."
        )
        super().__init__("personRecord", placeholder, parent)
        self.change_service = people.change_person
        self._setup_ui()

    def _setup_ui(self) -> None:
        self.add_field(TextField("name", self.tr("Name")))
        self.add_field(ChoiceField("role", self.tr("Role"), [(self.tr(r.label), r) for r in PersonRole]))
        self.add_field(TextField("workplace", self.tr("Workplace")))
        self.add_field(TextField("contact", self.tr("Contact"), self.tr("e-mail or phone")))
        notes = NotesField("notes", self.tr("Notes"), lines=4)
        notes.edit.setFixedHeight(notes.edit.fontMetrics().lineSpacing() * 5 + 14)
        self.add_field(notes, wide=True)
        self.appearances = QListWidget()
        self.appearances.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.appearances.setWordWrap(True)
        self.appearances.setResizeMode(QListView.ResizeMode.Adjust)
        self.appearances.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.appearances.setFixedHeight(self.appearances.fontMetrics().height() * 16 + 16)
        self.appearances.setToolTip(self.tr("Enter or double-click opens the record"))
        self.add_section("appearances", self.tr("Appears in"), self.appearances)

        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 6, 0, 0)
        self.merge_button = QPushButton(self.tr("Merge a duplicate…"))
        self.merge_button.setObjectName("mergePersonButton")
        self.merge_button.setToolTip(self.tr("This person was entered twice: fold the other record into one"))
        self.erase_button = QPushButton(self.tr("Erase from the log…"))
        self.erase_button.setObjectName("erasePersonButton")
        self.erase_button.setToolTip(
            self.tr("Delete this person and, if you choose, their name wherever it is written")
        )
        row.addWidget(self.merge_button)
        row.addWidget(self.erase_button)
        row.addStretch(1)
        self.form.addRow(buttons)

    def _read(self, record_id: int) -> Shown:
        assert self.log is not None
        person = people.get_person(self.log, record_id)
        found = people.appearances(self.log, record_id)
        self.set_lines(
            "appearances",
            [(a.text, (a.entity, a.id)) for a in found],
            empty=self.tr("Not named in any grievance or meeting yet"),
        )
        editable = self.operations is not None
        self.merge_button.setEnabled(editable)
        self.erase_button.setEnabled(editable)
        subtitle = " · ".join(d for d in (person.role.label, person.workplace) if d)
        return Shown(
            person.name,
            subtitle,
            {
                "name": person.name,
                "role": person.role,
                "workplace": person.workplace,
                "contact": person.contact,
                "notes": person.notes,
            },
        )

    def appearance_links(self) -> list[tuple[str, int]]:
        """The (entity, id) of each line under "Appears in", as activating it would open."""
        links = [self.appearances.item(n).data(LINK_ROLE) for n in range(self.appearances.count())]
        return [tuple(link) for link in links if link]
