"""The meetings table (a meeting's action items have their own model, in models/actions.py)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from stls_desk.services.meetings import MeetingRow
from stls_desk.ui import format as fmt
from stls_desk.ui.models.actions import ActionItemsModel
from stls_desk.ui.models.table import NUMBER, Column, RowTableModel


class MeetingTableModel(RowTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Column(
                self.tr("When"),
                lambda m: fmt.day_and_time(m.held_at),
                sort_value=lambda m: m.held_at.isoformat(),
                width=15,
            ),
            Column(self.tr("Kind"), lambda m: m.kind.label, width=12),
            Column(self.tr("Title"), lambda m: m.title, width=34, stretch=True),
            Column(self.tr("Location"), lambda m: m.location, width=10),
            Column(
                self.tr("Open actions"),
                lambda m: fmt.count(m.open_actions),
                sort_value=lambda m: m.open_actions,
                align=NUMBER,
                width=4,
            ),
            Column(
                self.tr("Overdue"),
                lambda m: fmt.count(m.overdue_actions),
                sort_value=lambda m: m.overdue_actions,
                align=NUMBER,
                warn=_has_overdue,
                width=4,
            ),
        )


def _has_overdue(m: MeetingRow) -> bool:
    return m.overdue_actions > 0


ActionItemTableModel = ActionItemsModel
"""A meeting's action items: the editable model, read-only until it is given the window's operations."""
