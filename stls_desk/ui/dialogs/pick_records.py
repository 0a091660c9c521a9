"""Choosing some records from many (the people who raised a grievance, the grievances a proposal addresses):
a filter box over a list of tick boxes.

The dialog asks `find(text)` for the records that match what is typed, so a service can filter in the
database and a dispute with thousands of grievances lists only the first few hundred. What the rep ticked
stays ticked while the filter changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stls_desk.ui.editors.fields import plain_tooltip

LIMIT = 500
"""At most this many records are listed at once; typing narrows them."""
DEBOUNCE_MS = 150
CHOICE_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Choice:
    """One record that can be chosen: its id, how it reads, and a quieter detail (role, status)."""

    id: int
    text: str
    detail: str = ""


Find = Callable[[str, int], Sequence[Choice]]
"""find(text, limit): the records matching text (all for ""), at most `limit` of them."""


class PickRecordsDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        prompt: str,
        find: Find,
        chosen: Sequence[Choice],
    ) -> None:
        super().__init__(parent)
        self._find = find
        self._chosen: dict[int, Choice] = {c.id: c for c in chosen}
        self._setup_ui(title, prompt)
        self._connect_signals()
        self._list_matches()

    def _setup_ui(self, title: str, prompt: str) -> None:
        self.setObjectName("pickRecordsDialog")
        self.setWindowTitle(title)
        self.setMinimumSize(360, 320)  # fixed, so the list filling does not move the window's limits
        self.resize(480, 520)
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("pickFilter")
        self.filter.setAccessibleName(self.tr("Filter"))
        self.filter.setPlaceholderText(self.tr("Type to filter…"))
        self.filter.setClearButtonEnabled(True)
        label.setBuddy(self.filter)
        self.list = QListWidget(self)
        self.list.setObjectName("pickList")
        self.list.setAccessibleName(title)
        self.list.setUniformItemSizes(True)
        self.count = QLabel(self)
        self.count.setObjectName("pickCount")
        self.count.setEnabled(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.filter.installEventFilter(self)
        self.filter.setFocus()  # type to narrow at once

    def _connect_signals(self) -> None:
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self._timer.timeout.connect(self._list_matches)
        self.list.itemChanged.connect(self._on_list_item_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def chosen(self) -> list[Choice]:
        """The records ticked, in the order they were first listed."""
        return list(self._chosen.values())

    def set_filter(self, text: str) -> None:
        """Filter at once (what typing does after a short pause)."""
        self.filter.setText(text)
        self._timer.stop()
        self._list_matches()

    @Slot()
    def _list_matches(self) -> None:
        matches = list(self._find(self.filter.text().strip(), LIMIT + 1))
        more = len(matches) > LIMIT
        self.list.blockSignals(True)
        self.list.clear()
        for choice in matches[:LIMIT]:
            text = f"{choice.text}  ·  {choice.detail}" if choice.detail else choice.text
            item = QListWidgetItem(text)
            item.setData(CHOICE_ROLE, choice)
            item.setToolTip(plain_tooltip(text))
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
            )
            checked = choice.id in self._chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._show_count(len(matches), more)

    def _show_count(self, shown: int, more: bool) -> None:
        chosen = self.tr("%1 chosen").replace("%1", str(len(self._chosen)))
        if more:
            listed = self.tr("the first %1 listed; type to narrow").replace("%1", str(LIMIT))
        elif shown == 0:
            listed = self.tr("nothing matches")
        else:
            listed = self.tr("%1 listed").replace("%1", str(shown))
        self.count.setText(f"{chosen} · {listed}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the filter box goes to the list, as in a search field.
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            self.list.setFocus()
            return True
        return super().eventFilter(watched, event)

    @Slot(str)
    def _on_filter_text_changed(self, _text: str) -> None:
        self._timer.start()

    @Slot(QListWidgetItem)
    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        choice = item.data(CHOICE_ROLE)
        if not isinstance(choice, Choice):
            return
        if item.checkState() == Qt.CheckState.Checked:
            self._chosen[choice.id] = choice
        else:
            self._chosen.pop(choice.id, None)
        self._show_count(self.list.count(), self.count.text().endswith(self.tr("type to narrow")))


def ask(
    parent: QWidget | None, title: str, prompt: str, find: Find, chosen: Sequence[Choice]
) -> list[Choice] | None:
    """The records the rep ticked (all of them, listed or not), or None if they cancelled."""
    dialog = PickRecordsDialog(parent, title, prompt, find, chosen)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()
    finally:
        dialog.deleteLater()
