"""Every change the rep makes in the window goes through here: the service runs, the change is reported to
every tab, a status-bar message says what happened, and a step goes on the undo stack.

Editors never call a mutating service themselves: they call `Operations.create/change/delete`, which
captures the record before and after (services.undo) so that Edit ▸ Undo and Redo replay the change through
the same audited services. A ServiceError comes back as the return value None after the editor has been
told through `failed` — the editor keeps what the rep typed and marks the field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from stls_desk.db.log import Log
from stls_desk.services.outcome import Outcome, ServiceError, ValidationError

NOUNS = {
    "grievance": "grievance",
    "proposal": "proposal",
    "proposal_revision": "revision",
    "meeting": "meeting",
    "action_item": "action item",
    "person": "person",
    "ballot": "ballot",
    "key_date": "date",
    "attachment": "attachment",
    "dispute": "dispute",
    "closure_day": "closure day",
}


class _Step(QUndoCommand):
    """One undoable change: `undo_fn` and `redo_fn` each run audited services and return what changed."""

    def __init__(
        self,
        operations: Operations,
        text: str,
        undo_fn: Callable[[], Outcome],
        redo_fn: Callable[[], Outcome],
    ) -> None:
        super().__init__(text)
        self._operations = operations
        self._undo = undo_fn
        self._redo = redo_fn
        self._done = True  # pushed after the change was made: the first redo() must not repeat it

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._operations._replay(self._redo, self.text(), undoing=False)

    def undo(self) -> None:
        self._operations._replay(self._undo, self.text(), undoing=True)


class Operations(QObject):
    """The window's one door for changing the log."""

    changed = Signal(object)
    """An Outcome: the log changed (the main window re-emits it as log_changed)."""
    message = Signal(str)
    """A short status-bar message: what was saved, undone, or why not."""
    failed = Signal(str, str)
    """(field, message): a change was refused; the field is empty when no one field is to blame."""

    def __init__(self, log: Log, parent: QObject | None = None, *, stack: QUndoStack | None = None) -> None:
        super().__init__(parent)
        self.log = log
        self.stack = stack if stack is not None else QUndoStack(self)
        self.stack.setUndoLimit(200)

    def set_log(self, log: Log) -> None:
        """Another log: the undo steps of the old one mean nothing in it."""
        self.log = log
        self.stack.clear()

    def forget_log(self) -> None:
        """The window let go of the log: drop it and its undo steps until `set_log` gives one again."""
        self.stack.clear()
        del self.log

    # -- the three kinds of change --

    def create(
        self,
        entity: str,
        action: Callable[..., Outcome],
        *args: Any,
        also_changes: tuple[str, int] | None = None,
        **values: Any,
    ) -> Outcome | None:
        """Run a creating service (e.g. grievances.create_grievance, log first) as an undoable step.

        `also_changes` names a record the service changes as well (adding a revision rewrites its proposal's
        text): undo puts that record back as it was, redo as it became.
        """
        from stls_desk.services import undo  # with every record service: not needed to show the log

        try:
            parent_before = undo.capture(self.log, *also_changes) if also_changes else None
        except ServiceError as exc:
            self._refuse(exc)
            return None
        outcome = self._run(lambda: action(self.log, *args, **values))
        if outcome is None:
            return None
        parent_after = undo.capture(self.log, *also_changes) if also_changes else None
        snapshot: list[undo.Snapshot] = []

        def undo_create() -> Outcome:
            snapshot[:] = [undo.capture(self.log, entity, outcome.id)]
            done = undo.delete(self.log, entity, outcome.id)
            if parent_before is not None:
                undo.revert(self.log, parent_before)
            return done

        def redo_create() -> Outcome:
            done = undo.restore(self.log, snapshot[0])
            if parent_after is not None:
                undo.revert(self.log, parent_after)
            return done

        self._push(self.tr("Add %1").replace("%1", self._noun(entity)), undo_create, redo_create, outcome)
        return outcome

    def change(
        self, entity: str, record_id: int, action: Callable[..., Outcome], **values: Any
    ) -> Outcome | None:
        """Run a changing service (e.g. grievances.change_grievance) on one record as an undoable step."""
        from stls_desk.services import undo

        try:
            before = undo.capture(self.log, entity, record_id) if entity in undo.KINDS else None
        except ServiceError as exc:
            self._refuse(exc)
            return None
        outcome = self._run(lambda: action(self.log, record_id, **values))
        if outcome is None:
            return None
        if not outcome.fields:
            return outcome  # nothing really changed: no step, no message
        if before is not None:
            after = undo.capture(self.log, entity, record_id)
            self._push(
                self.tr("Change %1").replace("%1", self._noun(entity)),
                lambda: undo.revert(self.log, before),
                lambda: undo.revert(self.log, after),
                outcome,
            )
        else:
            self._report(outcome, self.tr("Saved."))
        return outcome

    def delete(self, entity: str, record_id: int) -> Outcome | None:
        """Delete a record (and what goes with it) as an undoable step."""
        from stls_desk.services import undo

        try:
            snapshot = undo.capture(self.log, entity, record_id)
        except ServiceError as exc:
            self._refuse(exc)
            return None
        outcome = self._run(lambda: undo.delete(self.log, entity, record_id))
        if outcome is None:
            return None
        self._push(
            self.tr("Delete %1").replace("%1", self._noun(entity)),
            lambda: undo.restore(self.log, snapshot),
            lambda: undo.delete(self.log, entity, record_id),
            outcome,
        )
        return outcome

    def run(self, action: Callable[[], Outcome], done: str) -> Outcome | None:
        """A change that is not undone by the stack (erasure, merging people, a dispute): run and report."""
        outcome = self._run(action)
        if outcome is not None:
            self._report(outcome, done)
        return outcome

    # -- inside --

    def _noun(self, entity: str) -> str:
        return self.tr(NOUNS.get(entity, entity.replace("_", " ")))

    def _run(self, action: Callable[[], Outcome]) -> Outcome | None:
        try:
            return action()
        except ServiceError as exc:
            self._refuse(exc)
            return None

    def _refuse(self, exc: ServiceError) -> None:
        field = exc.field if isinstance(exc, ValidationError) else ""
        self.failed.emit(field, str(exc))
        self.message.emit(str(exc))

    def _push(
        self, text: str, undo_fn: Callable[[], Outcome], redo_fn: Callable[[], Outcome], outcome: Outcome
    ) -> None:
        self.stack.push(_Step(self, text, undo_fn, redo_fn))
        self._report(outcome, self.tr("%1: saved.").replace("%1", text))

    def _report(self, outcome: Outcome, text: str) -> None:
        self.changed.emit(outcome)
        self.message.emit(text)

    def _replay(self, action: Callable[[], Outcome], text: str, *, undoing: bool) -> None:
        try:
            outcome = action()
        except ServiceError as exc:
            # The log moved on in a way the step cannot follow (e.g. edited from the command line).
            self.message.emit(self.tr("Could not undo “%1”: %2").replace("%1", text).replace("%2", str(exc)))
            self.stack.clear()
            return
        verb = self.tr("Undone: %1") if undoing else self.tr("Redone: %1")
        self._report(outcome, verb.replace("%1", text))
