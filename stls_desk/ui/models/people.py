"""The people table."""

from __future__ import annotations

from PySide6.QtCore import QObject

from stls_desk.ui.models.table import Column, RowTableModel


class PersonTableModel(RowTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Column(self.tr("Name"), lambda p: p.name, width=18),
            Column(self.tr("Role"), lambda p: p.role.label, width=19),
            Column(self.tr("Workplace"), lambda p: p.workplace, width=24),
        )
