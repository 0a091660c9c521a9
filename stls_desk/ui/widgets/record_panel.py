"""The selected record's details beside the table: a title, then a QFormLayout of widgets.

Fields are read-only editors (QLineEdit, QPlainTextEdit) named by the record's field, so the editing step
turns this panel into the record's editor by making them writable, not by rebuilding it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

W = TypeVar("W", bound=QWidget)

LINK_ROLE = Qt.ItemDataRole.UserRole + 1
"""On a list item: (entity, record id) of the record it opens."""


def _read_only_look(field: QWidget) -> None:
    """A read-only field on the window's background, so it does not invite typing; the editor will
    give fields back the palette's Base colour as it makes them writable."""
    palette = field.palette()
    palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
    field.setPalette(palette)


class RecordPanel(QStackedWidget):
    """A placeholder line until a record is shown, then the record's form."""

    def __init__(self, name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.fields: dict[str, QWidget] = {}
        self._placeholder_text = placeholder

        self.placeholder = QLabel(placeholder, self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        self.placeholder.setMargin(24)

        page = QWidget()
        self.title = QLabel(page)
        self.title.setObjectName(f"{name}Title")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel(page)
        self.subtitle.setObjectName(f"{name}Subtitle")
        self.subtitle.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(page)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(6)
        layout.addLayout(self.form)
        layout.addStretch(1)

        self.record_page = QScrollArea(self)
        self.record_page.setWidgetResizable(True)
        self.record_page.setFrameShape(QFrame.Shape.NoFrame)
        self.record_page.setWidget(page)
        self.addWidget(self.placeholder)
        self.addWidget(self.record_page)

    def add_line(self, name: str, label: str) -> QLineEdit:
        field = QLineEdit()
        field.setReadOnly(True)
        field.setPlaceholderText("—")
        return self._add(name, label, field)

    def add_text(self, name: str, label: str, lines: int = 4) -> QPlainTextEdit:
        """A longer text, under its label across the panel's width."""
        field = QPlainTextEdit()
        field.setReadOnly(True)
        field.setTabChangesFocus(True)
        field.setPlaceholderText(self.tr("Nothing recorded"))
        field.setFixedHeight(field.fontMetrics().lineSpacing() * lines + 14)
        return self._add(name, label, field, wide=True)

    def add_list(self, name: str, label: str, rows: int = 4) -> QListWidget:
        """A list of linked records; activating a line opens that record."""
        field = QListWidget()
        field.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # A long line wraps rather than hiding behind a sideways scroll bar.
        field.setWordWrap(True)
        field.setResizeMode(QListView.ResizeMode.Adjust)
        field.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        field.setFixedHeight(field.fontMetrics().height() * rows + 16)
        return self._add(name, label, field, wide=True)

    def add_widget(self, name: str, label: str, widget: QWidget, *, wide: bool = False) -> QWidget:
        return self._add(name, label, widget, wide=wide)

    def _add(self, name: str, label: str, field: W, *, wide: bool = False) -> W:
        if isinstance(field, QLineEdit | QPlainTextEdit):
            _read_only_look(field)
        field.setObjectName(name)
        field.setAccessibleName(label)
        caption = QLabel(label)
        caption.setBuddy(field)
        if wide:
            self.form.addRow(caption)
            self.form.addRow(field)
        else:
            self.form.addRow(caption, field)
        self.fields[name] = field
        return field

    def show_record(self, title: str, subtitle: str, values: dict[str, str]) -> None:
        """Fill the form: each value goes to the line or text field of that name."""
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))
        for name, value in values.items():
            field = self.fields[name]
            if isinstance(field, QLineEdit):
                field.setText(value)
                field.setCursorPosition(0)
            elif isinstance(field, QPlainTextEdit):
                field.setPlainText(value)
        self.setCurrentWidget(self.record_page)

    def set_lines(
        self, name: str, lines: Sequence[tuple[str, tuple[str, int] | None]], empty: str = ""
    ) -> None:
        """Fill a list: each line's text and the (entity, id) of the record it opens, if it opens one."""
        field = self.fields[name]
        assert isinstance(field, QListWidget)
        field.clear()
        for text, link in lines:
            item = QListWidgetItem(text)
            if link is not None:
                item.setData(LINK_ROLE, link)
            item.setToolTip(text)
            field.addItem(item)
        if not lines and empty:
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            field.addItem(item)

    def show_placeholder(self, text: str | None = None) -> None:
        self.placeholder.setText(text or self._placeholder_text)
        self.setCurrentWidget(self.placeholder)

    @property
    def showing_record(self) -> bool:
        return self.currentWidget() is self.record_page
