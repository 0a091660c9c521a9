"""The fields a record's form is made of: a line, a longer text, a choice, a date (or none), a tick box, and
a list of chosen records (people, grievances) with a button that opens a picker.

Each commits as a rep expects: a line on Enter or on leaving it, a longer text on leaving it or Ctrl+Enter
(Enter starts a new line), a choice or a tick at once. Esc in a line or text puts back the saved value.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from stls_desk.ui import format as fmt
from stls_desk.ui.editors.base import Field, FieldError
from stls_desk.ui.editors.dates import DateTextError, WorkingDays, parse_day, parse_working_days
from stls_desk.ui.widgets.record_panel import LINK_ROLE

ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""On a chosen record's line: its id."""


def plain_tooltip(text: str) -> str:
    """A tooltip that shows user text exactly: Qt reads a tooltip starting like a tag as rich text."""
    return f'<p style="white-space: pre-wrap;">{html.escape(text, quote=False)}</p>' if text else ""


def _is_key(event: QEvent, *keys: Qt.Key) -> bool:
    return event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in keys


class TextField(Field):
    """One line of text, saved on Enter or on leaving it."""

    def __init__(self, name: str, label: str, placeholder: str = "") -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        super().__init__(name, label, edit)
        self.edit = edit
        edit.editingFinished.connect(self.committed)
        edit.installEventFilter(self)

    def value(self) -> Any:
        return self.edit.text()

    def _show(self, value: Any) -> None:
        text = value or ""
        if self.edit.text() != text:
            self.edit.setText(text)
            self.edit.setCursorPosition(0)

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if _is_key(event, Qt.Key.Key_Escape) and self.is_dirty():
            self.revert()
            return True
        return False


class NotesField(Field):
    """A longer text across the form, saved on leaving it or Ctrl+Enter."""

    def __init__(self, name: str, label: str, lines: int = 5, placeholder: str = "") -> None:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(placeholder)
        # As tall as `lines` lines, no taller: a long text scrolls inside and the form stays in view.
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        super().__init__(name, label, edit)
        self.edit = edit
        edit.installEventFilter(self)

    def value(self) -> Any:
        return self.edit.toPlainText()

    def _show(self, value: Any) -> None:
        text = value or ""
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            reason = event.reason() if hasattr(event, "reason") else None
            if reason != Qt.FocusReason.PopupFocusReason:  # a context menu is not leaving the field
                self.committed.emit()
        elif _is_key(event, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.committed.emit()
                return True
        elif _is_key(event, Qt.Key.Key_Escape) and self.is_dirty():
            self.revert()
            return True
        return False


class ChoiceField(Field):
    """One of a fixed set (a status, a stage), saved as soon as it is chosen."""

    def __init__(self, name: str, label: str, choices: Sequence[tuple[str, Any]]) -> None:
        combo = QComboBox()
        self._values = [value for _, value in choices]
        for text, _ in choices:
            combo.addItem(text)
        super().__init__(name, label, combo)
        self.combo = combo
        combo.activated.connect(self.committed)

    def value(self) -> Any:
        n = self.combo.currentIndex()
        return self._values[n] if 0 <= n < len(self._values) else None

    def _show(self, value: Any) -> None:
        self.combo.setCurrentIndex(self._values.index(value) if value in self._values else -1)


class CheckField(Field):
    """Yes or no, saved as soon as it is ticked; `text` says what ticking means."""

    def __init__(self, name: str, label: str, text: str) -> None:
        box = QCheckBox(text)
        super().__init__(name, label, box)
        self.check = box
        box.clicked.connect(self.committed)

    def value(self) -> Any:
        return self.check.isChecked()

    def _show(self, value: Any) -> None:
        self.check.setChecked(bool(value))


class DateField(Field):
    """A date typed as the rep writes it ("25 Feb 2025", "25/2/25") or picked from a calendar; empty for
    none. With `working_days`, "10 working days from 3 Feb 2025" is taken too: `value()` is then a
    WorkingDays, which the editor turns into a date in the dispute's calendar."""

    def __init__(
        self,
        name: str,
        label: str,
        today: Callable[[], date] = date.today,
        *,
        working_days: bool = False,
    ) -> None:
        edit = QLineEdit()
        self._today = today
        self._working_days = working_days
        hint = "25 Feb 2025, or 10 working days from 3 Feb 2025" if working_days else "25 Feb 2025"
        edit.setPlaceholderText(self.tr("None — e.g. %1").replace("%1", hint))
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(edit, 1)
        self.calendar_button = QToolButton(row)
        self.calendar_button.setObjectName(f"{name}Calendar")
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setToolTip(self.tr("Pick the date from a calendar"))
        self.calendar_button.setAccessibleName(self.tr("%1: calendar").replace("%1", label))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # leaving the line would save it
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout.addWidget(self.calendar_button)
        super().__init__(name, label, edit, row)
        self.edit = edit
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        menu = QMenu(self.calendar_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self._menu = menu
        self.calendar_button.setMenu(menu)
        menu.aboutToShow.connect(self._on_menu_about_to_show)
        self.calendar.activated.connect(self._on_calendar_picked)
        self.calendar.clicked.connect(self._on_calendar_picked)
        edit.editingFinished.connect(self.committed)
        edit.installEventFilter(self)

    def value(self) -> Any:
        text = self.edit.text()
        try:
            if self._working_days:
                counted = parse_working_days(text, self._today())
                if counted is not None:
                    return counted
            return parse_day(text, self._today())
        except DateTextError as exc:
            raise FieldError(str(exc)) from None

    def _show(self, value: Any) -> None:
        text = fmt.day(value) if isinstance(value, date) else ""
        if isinstance(value, WorkingDays):
            return
        if self.edit.text() != text:
            self.edit.setText(text)

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)
        self.calendar_button.setEnabled(editable)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if _is_key(event, Qt.Key.Key_Escape) and self.is_dirty():
            self.revert()
            return True
        return False

    @Slot()
    def _on_menu_about_to_show(self) -> None:
        try:
            current = self.value()
        except FieldError:
            current = None
        start = current if isinstance(current, date) else self._today()
        self.calendar.setSelectedDate(QDate(start.year, start.month, start.day))

    @Slot(QDate)
    def _on_calendar_picked(self, picked: QDate) -> None:
        self._menu.hide()
        self.edit.setText(fmt.day(date(picked.year(), picked.month(), picked.day())))
        self.committed.emit()


class _ChosenList(QListWidget):
    """The chosen records; Delete takes the current one off the list (and not the record the form shows)."""

    def __init__(self, field: PickerField) -> None:
        super().__init__()
        self._field = field

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_key_sequence_delete(event):
            event.accept()  # the window's Edit ▸ Delete must not take this key from the list
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentItem() is not None:
            self._field.remove_current()
            return
        super().keyPressEvent(event)


def _is_key_sequence_delete(event: QEvent) -> bool:
    return isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


Choose = Callable[[list[tuple[int, str]]], list[tuple[int, str]] | None]
"""Given the records chosen now as (id, text), ask the rep and return the new choice (None: cancelled)."""


class PickerField(Field):
    """Records chosen from a list (the people who raised a grievance, the grievances a proposal addresses).

    The chosen ones are lines that open the record (Enter or double-click); "Choose…" asks for a new
    choice through `choose`; Delete takes the current line off. `value()` is the sorted list of ids.
    """

    def __init__(
        self, name: str, label: str, choose: Choose, *, link_entity: str = "", empty: str = "", rows: int = 3
    ) -> None:
        self._choose = choose
        self._link_entity = link_entity
        self._empty = empty
        self._items: list[tuple[int, str]] = []
        self._saved_items: list[tuple[int, str]] = []
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        chosen = _ChosenList(self)
        chosen.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        chosen.setWordWrap(True)
        chosen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        chosen.setFixedHeight(chosen.fontMetrics().height() * rows + 16)
        layout.addWidget(chosen, 1)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        self.choose_button = QPushButton(self.tr("Choose…"), row)
        self.choose_button.setObjectName(f"{name}Choose")
        self.choose_button.setAccessibleName(self.tr("Choose %1").replace("%1", label.lower()))
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        super().__init__(name, label, chosen, row)
        self.list = chosen
        self.choose_button.clicked.connect(self._on_choose_button_clicked)

    def value(self) -> Any:
        return sorted(i for i, _ in self._items)

    def _normal(self, value: Any) -> Any:
        return sorted(i for i, _ in value)

    def _show(self, value: Any) -> None:
        self._items = list(value)
        self._saved_items = list(value)
        self._fill()

    def revert(self) -> None:
        self._items = list(self._saved_items)
        self._fill()
        self.clear_mark()

    def set_editable(self, editable: bool) -> None:
        self.choose_button.setEnabled(editable)

    def set_chosen(self, items: Sequence[tuple[int, str]]) -> None:
        """Choose these records (as the picker would) and commit."""
        self._items = list(items)
        self._fill()
        self.committed.emit()

    def remove_current(self) -> None:
        item = self.list.currentItem()
        if item is None or item.data(ID_ROLE) is None or not self.choose_button.isEnabled():
            return
        record_id = item.data(ID_ROLE)
        self.set_chosen([(i, t) for i, t in self._items if i != record_id])

    def _fill(self) -> None:
        self.list.clear()
        for record_id, text in self._items:
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, record_id)
            item.setToolTip(plain_tooltip(text))
            if self._link_entity:
                item.setData(LINK_ROLE, (self._link_entity, record_id))
            self.list.addItem(item)
        if not self._items and self._empty:
            item = QListWidgetItem(self._empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)

    @Slot()
    def _on_choose_button_clicked(self) -> None:
        chosen = self._choose(list(self._items))
        if chosen is not None:
            self.set_chosen(chosen)


def link_list(name: str, rows: int = 3) -> QListWidget:
    """A short list of records that open on Enter or double-click (LINK_ROLE holds entity and id)."""
    field = QListWidget()
    field.setObjectName(name)
    field.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    field.setWordWrap(True)
    field.setResizeMode(QListView.ResizeMode.Adjust)
    field.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    field.setFixedHeight(field.fontMetrics().height() * rows + 16)
    return field


def set_links(field: QListWidget, lines: list[tuple[str, tuple[str, int]]], empty: str) -> None:
    """Fill a link list: each line's text and the (entity, id) it opens; `empty` greyed when none."""
    field.clear()
    for text, link in lines:
        item = QListWidgetItem(text)
        item.setData(LINK_ROLE, link)
        item.setToolTip(plain_tooltip(text))
        field.addItem(item)
    if not lines:
        item = QListWidgetItem(empty)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        field.addItem(item)
