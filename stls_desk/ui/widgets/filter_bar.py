"""The filter box (and, where a tab has one, its status choice) above a table, with a short debounce."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

DEBOUNCE_MS = 150


class FilterBar(QWidget):
    """Emits `changed` 150 ms after the typing stops, at once when the status choice changes."""

    changed = Signal()

    def __init__(self, name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setup_ui(name, placeholder)
        self._connect_signals()

    def _setup_ui(self, name: str, placeholder: str) -> None:
        self.text = QLineEdit(self)
        self.text.setObjectName(f"{name}Filter")
        self.text.setAccessibleName(placeholder.rstrip("…"))
        self.text.setPlaceholderText(placeholder)
        self.text.setClearButtonEnabled(True)
        self.status: QComboBox | None = None
        self.count = QLabel(self)
        self.count.setObjectName(f"{name}Count")
        self.count.setEnabled(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.text, 1)
        self._layout.addWidget(self.count)

    def _connect_signals(self) -> None:
        self.text.textChanged.connect(self._on_text_text_changed)
        self._timer.timeout.connect(self.changed)

    def add_status_choice(
        self, name: str, accessible_name: str, choices: list[tuple[str, object]]
    ) -> QComboBox:
        """A choice of statuses after the text box; each choice's data is what the query filters on."""
        self.status = QComboBox(self)
        self.status.setObjectName(f"{name}StatusFilter")
        self.status.setAccessibleName(accessible_name)
        # As wide as a usual status, not as the longest choice: the filter box keeps the room.
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status.setMinimumContentsLength(20)
        for text, data in choices:
            self.status.addItem(text, data)
        self._layout.insertWidget(1, self.status)
        self.status.currentIndexChanged.connect(self._on_status_current_index_changed)
        return self.status

    @property
    def filter_text(self) -> str:
        return self.text.text().strip()

    def set_filter(self, text: str = "", status_index: int = 0) -> None:
        """Set the filter without emitting `changed`: the caller applies it at once."""
        self.text.blockSignals(True)
        self.text.setText(text)
        self.text.blockSignals(False)
        if self.status is not None:
            self.status.blockSignals(True)
            self.status.setCurrentIndex(status_index)
            self.status.blockSignals(False)
        self._timer.stop()

    @Slot(str)
    def _on_text_text_changed(self, _text: str) -> None:
        self._timer.start()

    @Slot(int)
    def _on_status_current_index_changed(self, _index: int) -> None:
        self._timer.stop()
        self.changed.emit()
