"""The People tab: members, reps, officers and the employer's side, beside the selected person's editor.

Edit ▸ New adds a person and puts the cursor in their name. Deleting a person is a member's right to
erasure, so Edit ▸ Delete… (and the editor's "Erase from the log…") goes through services.erasure: the rep
sees where the name is written, may replace it with "[erased]", and is told that older backups still hold
it. Erasure and merging are not undoable; after an erasure the undo history is cleared, as its snapshots
may hold the name.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from stls_desk.db import backup
from stls_desk.db.log import Log
from stls_desk.domain.enums import AuditAction, PersonRole
from stls_desk.services import erasure, people
from stls_desk.services.core import NotFoundError, Outcome
from stls_desk.services.erasure import ErasureResult
from stls_desk.ui.dialogs import erase_person, merge_people
from stls_desk.ui.editors.person import PersonEditor
from stls_desk.ui.models.people import PersonTableModel
from stls_desk.ui.operations import Operations
from stls_desk.ui.tabs.base import TableTab, Today
from stls_desk.ui.tabs.meetings import record_buttons


class PeopleTab(TableTab):
    entity = "person"
    entities = frozenset({"person", "grievance", "meeting", "action_item"})

    def __init__(self, log: Log, today: Today = date.today, parent: QWidget | None = None) -> None:
        super().__init__(log, today, parent)
        self.noun, self.noun_one = self.tr("people"), self.tr("person")
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.editor = PersonEditor(self)
        self.editor.set_log(self._log)
        self._build(
            "people",
            self.tr("People"),
            PersonTableModel(self),
            self.tr("Filter people…"),
            self.editor,
            proxy=True,
        )
        self.splitter.setSizes([720, 680])  # room for where a person appears, a line each
        self.new_button, self.delete_button = record_buttons(
            self, "person", self.tr("New person"), self.tr("Erase person…")
        )

    def _connect_signals(self) -> None:
        self._connect_table()
        self.editor.merge_button.clicked.connect(self._on_merge_button_clicked)
        self.editor.erase_button.clicked.connect(self._on_erase_button_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.delete_button.clicked.connect(self._on_erase_button_clicked)
        self.record_selected.connect(self._on_self_record_selected)

    def set_operations(self, operations: Operations) -> None:
        super().set_operations(operations)
        self.editor.set_operations(operations)

    def set_log(self, log: Log) -> None:
        self.editor.set_log(log)
        super().set_log(log)

    def set_dispute(self, dispute_id: int | None) -> None:
        self._save_typing()
        self.editor.set_dispute(dispute_id)
        super().set_dispute(dispute_id)

    def save_state(self) -> None:
        self._save_typing()
        super().save_state()

    def _save_typing(self) -> None:
        if self.editor.dirty:
            self.editor.save_all()

    # -- reading --

    def _fill(self) -> None:
        rows = people.list_people(self._log, self.dispute_id) if self.dispute_id is not None else []
        self.model.set_rows(rows)
        assert self.proxy is not None
        self.proxy.setFilterFixedString(self.filter_bar.filter_text)

    def _show_record(self, record_id: int) -> None:
        if self.editor.record_id == record_id:
            self.editor.reload()
            return
        self._save_typing()
        self.editor.load(record_id)

    # -- Edit ▸ New and Delete… --

    def new_record(self) -> None:
        """Add a member called "New person" and put the cursor in the name."""
        if self.dispute_id is None or self.operations is None:
            return
        self._save_typing()
        outcome = self.operations.create(
            "person", people.create_person, self.dispute_id, self.tr("New person"), PersonRole.MEMBER
        )
        if outcome is not None:
            self.select_record(outcome.id)
            self.editor.focus_field("name")

    def delete_selected(self) -> None:
        """A person's deletion is their erasure: see `erase`."""
        if self._selected_id is not None:
            self.erase(self._selected_id)

    # -- erasing and merging --

    def erase(self, person_id: int) -> ErasureResult | None:
        """Ask, erase (not undoable), clear the undo history, then offer to delete older backups."""
        if self.operations is None:
            return None
        try:
            person = people.get_person(self._log, person_id)
            found = people.appearances(self._log, person_id)
            mentions = erasure.find_mentions(self._log, person_id)
        except NotFoundError:
            return None
        choice = erase_person.ask(self, person, found, mentions)
        if choice is None:
            return None
        results: list[ErasureResult] = []
        replace = choice.replace_in_text
        erased_at = datetime.now(UTC)

        def erase() -> Outcome:
            results.append(erasure.erase_person(self._log, person_id, replace_in_text=replace))
            return results[0].outcome

        outcome = self.operations.run(erase, self.tr("Erased the person from the log."))
        if outcome is None:
            return None
        self.operations.stack.clear()  # earlier steps' snapshots may hold the name
        result = results[0]
        self._report_replaced(result)
        if erase_person.ask_purge(self, erasure.BACKUPS_NOTE, result.remaining):
            self._purge_backups(erased_at)
        return result

    def _purge_backups(self, erased_at: datetime) -> None:
        """Delete the backups (of any log) taken before today; say how many of this log's still hold the
        name (those taken earlier today, until they are thinned away)."""
        assert self.operations is not None
        removed = backup.purge_backups_older_than(None, self._today())
        found = backup.list_backups(None, self._log.path.stem, key=self._log.key)
        left = [b for b in found if b.taken_at < erased_at]
        deleted = (
            self.tr("Deleted %1 older backup.") if len(removed) == 1 else self.tr("Deleted %1 older backups.")
        )
        text = deleted.replace("%1", str(len(removed)))
        if left:
            still = (
                self.tr("1 taken earlier today still holds the name until it is thinned away.")
                if len(left) == 1
                else self.tr("%1 taken earlier today still hold the name until they are thinned away.")
            )
            text += " " + still.replace("%1", str(len(left)))
        self.operations.message.emit(text)

    def _report_replaced(self, result: ErasureResult) -> None:
        """Tell every tab which records had the name replaced, so none goes on showing it."""
        assert self.operations is not None
        seen: set[tuple[str, int]] = set()
        for m in result.replaced:
            if m.entity != "audit_entry" and (m.entity, m.id) not in seen:
                seen.add((m.entity, m.id))
                self.operations.changed.emit(
                    Outcome(m.entity, m.id, AuditAction.CHANGED, m.dispute_id, (m.field,))
                )

    def merge(self, person_id: int) -> int | None:
        """Ask which record to keep, merge (not undoable) and show the one kept; its id, or None."""
        if self.operations is None:
            return None
        try:
            person = people.get_person(self._log, person_id)
        except NotFoundError:
            return None
        self._save_typing()
        choice = merge_people.ask(self, self._log, person)
        if choice is None:
            return None
        keep_id, merge_id = choice.keep_id, choice.merge_id
        outcome = self.operations.run(
            lambda: people.merge_people(self._log, keep_id, merge_id),
            self.tr("Merged the two records into one."),
        )
        if outcome is None:
            return None
        self.select_record(keep_id)
        return keep_id

    @Slot()
    def _on_merge_button_clicked(self) -> None:
        if self.editor.record_id is not None:
            self.merge(self.editor.record_id)

    @Slot()
    def _on_erase_button_clicked(self) -> None:
        if self.editor.record_id is not None:
            self.erase(self.editor.record_id)

    @Slot()
    def _on_new_button_clicked(self) -> None:
        self.new_record()

    @Slot(str, int)
    def _on_self_record_selected(self, _entity: str, record_id: int) -> None:
        self.delete_button.setEnabled(record_id != 0 and self.operations is not None)
