"""The selected record's editor beside a table: a form whose fields save themselves, one at a time.

A `Field` wraps one input (a line, a text, a choice, a date, a tick box, a list of people…): it shows the
saved value, knows whether the rep has changed it ("dirty"), and says when the rep is done with it
(`committed`: Enter, leaving the field, a choice made). A `RecordEditor` lays the fields out in a
RecordPanel's form and, on `committed`, saves that one field through `Operations.change`, so each change is
audited, undoable and reported like any other. A refused change (a service's ValidationError, or text that
is not a date) marks the field red with the message under it and keeps what the rep typed.

Concrete fields are in `editors/fields.py`; an editor subclass adds them in `_setup_ui`, reads a record in
`_read`, and sets `change_service` (e.g. grievances.change_grievance).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from stls_desk.db.log import Log
from stls_desk.services.core import NotFoundError, Outcome
from stls_desk.ui.operations import Operations
from stls_desk.ui.widgets.record_panel import RecordPanel

MARK_COLOUR = "#b42318"
"""The red of a refused field's border and message (the tables' overdue red)."""
_MARKED_STYLE = f"border: 2px solid {MARK_COLOUR}; border-radius: 3px;"


@runtime_checkable
class EditsRecords(Protocol):
    """A tab whose records the rep can add and delete: Edit ▸ New (Ctrl+N) and Delete… (Del) call these
    on the current tab. A tab without them leaves both actions disabled."""

    def new_record(self) -> None: ...

    def delete_selected(self) -> None: ...


class FieldError(ValueError):
    """The field's text cannot be read as a value (e.g. "31 Feb"); the message says what to write."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Field(QObject):
    """One input of a form and the value last saved from it.

    `input` is the widget that takes focus (a label's buddy); `row` is what the form shows (the input, or
    the input with its buttons). Subclasses read the input in `value()` (raising FieldError for text that
    is not a value), show a value in `_show()`, and emit `committed` when the rep is done.
    """

    committed = Signal()
    """The rep finished with the field: the editor saves it if its value changed."""

    def __init__(self, name: str, label: str, input_widget: QWidget, row: QWidget | None = None) -> None:
        super().__init__(input_widget)
        self.name = name
        self.label = label
        self.input = input_widget
        input_widget.setObjectName(name)
        input_widget.setAccessibleName(label)
        self._saved: Any = None
        self.box = QWidget()
        self.box.setObjectName(f"{name}Box")
        layout = QVBoxLayout(self.box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(row if row is not None else input_widget)
        self.note = QLabel(self.box)
        """A quiet line under the field (e.g. how a date was worked out); hidden when empty."""
        self.note.setObjectName(f"{name}Note")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setEnabled(False)
        self.note.hide()
        self.message = QLabel(self.box)
        """Why the field was refused, in red under it; hidden while the field is fine."""
        self.message.setObjectName(f"{name}Message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {MARK_COLOUR};")
        self.message.hide()
        layout.addWidget(self.note)
        layout.addWidget(self.message)

    # -- to override --

    def value(self) -> Any:
        """The value the input holds now, as the service takes it; FieldError if it is not one."""
        raise NotImplementedError

    def _show(self, value: Any) -> None:
        """Put a saved value in the input."""
        raise NotImplementedError

    def _normal(self, value: Any) -> Any:
        """A shown value as `value()` would return it, to tell whether the rep changed it."""
        return value

    def set_editable(self, editable: bool) -> None:
        self.input.setEnabled(editable)

    # -- shared --

    @property
    def saved(self) -> Any:
        return self._saved

    def set_value(self, value: Any) -> None:
        """Show a value as saved in the log: the field is no longer dirty or marked."""
        self._show(value)
        self._saved = self._normal(value)
        self.clear_mark()

    def is_dirty(self) -> bool:
        """The rep changed the field and it is not saved (text that is not a value counts as changed)."""
        try:
            return bool(self.value() != self._saved)
        except FieldError:
            return True

    def revert(self) -> None:
        """Put the saved value back (Esc)."""
        self._show(self._saved)
        self.clear_mark()

    def mark(self, message: str) -> None:
        """Refused: a red border, the message under the field, and what the rep typed left as it is."""
        self.input.setProperty("invalid", True)
        self.input.setStyleSheet(_MARKED_STYLE)
        self.input.setAccessibleDescription(message)
        self.message.setText(message)
        self.message.show()

    def clear_mark(self) -> None:
        if not self.is_marked:
            return
        self.input.setProperty("invalid", False)
        self.input.setStyleSheet("")
        self.input.setAccessibleDescription("")
        self.message.clear()
        self.message.hide()

    @property
    def is_marked(self) -> bool:
        return bool(self.input.property("invalid"))

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))


@dataclass(frozen=True)
class Shown:
    """What an editor shows of one record: its heading, a line under it, and each field's saved value."""

    heading: str
    subtitle: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)


class RecordEditor(RecordPanel):
    """The form for one record, saving each field as the rep finishes with it.

    The tab calls `set_log`, `set_operations`, `set_dispute`, then `load(record_id)` when a row is
    selected and `reload()` when the log changed; `show_placeholder()` shows nothing.
    """

    entity = ""
    """The kind of record edited, as Operations names it ("grievance")."""

    field_saved = Signal(str)
    """A field's change is in the log (its name)."""

    def __init__(self, name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(name, placeholder, parent)
        self.inputs: dict[str, Field] = {}
        self.log: Log | None = None
        self.operations: Operations | None = None
        self.dispute_id: int | None = None
        self.record_id: int | None = None
        self.change_service: Callable[..., Outcome] | None = None
        """The service that changes one record's fields, called as f(log, record_id, **values)."""
        self._saving: Field | None = None
        self._refusal = ""
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a title is the rep's text, never markup
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        # Tab goes from field to field (the scroll area follows the focus), not to the scroll area itself.
        self.record_page.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    # -- set up --

    def add_field(self, f: Field, *, wide: bool = False) -> Field:
        """Add a field to the form (wide: its label above it, across the panel)."""
        caption = QLabel(f.label)
        caption.setBuddy(f.input)
        if wide:
            self.form.addRow(caption)
            self.form.addRow(f.box)
        else:
            self.form.addRow(caption, f.box)
        return self.register(f)

    def register(self, f: Field) -> Field:
        """Make a field part of the record (saved, filled) that the subclass laid out itself."""
        self.inputs[f.name] = f
        self.fields[f.name] = f.input
        f.committed.connect(self._on_field_committed)
        return f

    def add_section(self, name: str, label: str, widget: QWidget) -> QWidget:
        """A widget that is not one field (a list of links, the attachments), under its label."""
        return self.add_widget(name, label, widget, wide=True)

    def set_log(self, log: Log) -> None:
        self.log = log
        self.record_id = None

    def set_operations(self, operations: Operations) -> None:
        self.operations = operations
        operations.failed.connect(self._on_operations_failed)

    def set_dispute(self, dispute_id: int | None) -> None:
        self.dispute_id = dispute_id

    # -- showing a record --

    def _read(self, record_id: int) -> Shown:
        """The record's heading and values (NotFoundError if it is gone); subclasses fill their lists here."""
        raise NotImplementedError

    def load(self, record_id: int) -> None:
        """Show the record, every field as saved."""
        self.record_id = record_id
        self._fill(keep_dirty=False)

    def reload(self) -> None:
        """The log changed: show the record again, keeping what the rep is typing in unsaved fields."""
        if self.record_id is not None and self.showing_record and self._saving is None:
            self._fill(keep_dirty=True)

    def _fill(self, *, keep_dirty: bool) -> None:
        assert self.record_id is not None
        try:
            shown = self._read(self.record_id)
        except NotFoundError:
            self.record_id = None
            self.show_placeholder(self.tr("That record is no longer in the log."))
            return
        self.title.setText(shown.heading)
        self.subtitle.setText(shown.subtitle)
        self.subtitle.setVisible(bool(shown.subtitle))
        for name, value in shown.values.items():
            f = self.inputs[name]
            if keep_dirty and f is not self._saving and f.is_dirty():
                continue
            f.set_value(value)
            if not keep_dirty:
                f.set_note("")
        editable = self.operations is not None
        for f in self.inputs.values():
            f.set_editable(editable)
        if self.currentWidget() is not self.record_page:
            self.setCurrentWidget(self.record_page)

    def show_placeholder(self, text: str | None = None) -> None:
        self.record_id = None
        super().show_placeholder(text)

    def set_placeholder_text(self, text: str) -> None:
        """What the panel says while no record is selected."""
        self._placeholder_text = text
        self.placeholder.setText(text)

    def focus_field(self, name: str) -> None:
        """Put the cursor in a field, its text selected so typing replaces it (a new record's title)."""
        f = self.inputs[name]
        self.record_page.ensureWidgetVisible(f.input)
        f.input.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(f.input, QLineEdit):
            f.input.selectAll()

    # -- saving --

    @property
    def dirty(self) -> bool:
        """Some field holds a change that is not in the log (being typed, or refused)."""
        return self.record_id is not None and any(f.is_dirty() for f in self.inputs.values())

    def save(self, f: Field) -> bool:
        """Save one field if the rep changed it; False (and the field marked) if it was refused."""
        if self.record_id is None or self.operations is None:
            return True
        try:
            value = self._value_to_save(f)
        except FieldError as exc:
            f.mark(exc.message)
            self.operations.message.emit(exc.message)
            return False
        if value == f.saved:
            f.clear_mark()
            return True
        self._refusal = ""
        self._saving = f
        try:
            outcome = self._save(f.name, value)
            if outcome is not None:
                # Show what the log now holds (a title trimmed, a date worked out), this field included.
                self._fill(keep_dirty=True)
        finally:
            self._saving = None
        if outcome is None:
            f.mark(self._refusal or self.tr("Not saved."))
            return False
        self.field_saved.emit(f.name)
        return True

    def save_all(self) -> bool:
        """Save every changed field (before the record goes out of view); False if any was refused."""
        return all([self.save(f) for f in self.inputs.values() if f.is_dirty()])

    def _value_to_save(self, f: Field) -> Any:
        """The value to hand the service; an editor may work one out (e.g. N working days from a date)."""
        return f.value()

    def _save(self, name: str, value: Any) -> Outcome | None:
        assert self.operations is not None and self.record_id is not None
        assert self.change_service is not None, "an editor sets its change_service"
        return self.operations.change(self.entity, self.record_id, self.change_service, **{name: value})

    # -- slots --

    @Slot()
    def _on_field_committed(self) -> None:
        f = self.sender()
        if isinstance(f, Field):
            self.save(f)

    @Slot(str, str)
    def _on_operations_failed(self, _field: str, message: str) -> None:
        self._refusal = message
