"""The meetings table and, in a meeting's record, its action items."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject

from stls_desk.services.meetings import ActionRow, MeetingRow
from stls_desk.ui import format as fmt
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
            Column(self.tr("Kind"), lambda m: m.kind.label, width=14),
            Column(self.tr("Title"), lambda m: m.title, width=34, stretch=True),
            Column(self.tr("Location"), lambda m: m.location, width=14),
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


class ActionItemTableModel(RowTableModel):
    """A meeting's action items; an overdue one reads in red across the row."""

    def __init__(self, today: Callable[[], date] = date.today, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.columns = (
            Column(self.tr("Action"), lambda a: a.description, warn=self._overdue, width=30, stretch=True),
            Column(self.tr("Owner"), lambda a: a.owner, warn=self._overdue, width=12),
            Column(
                self.tr("Due"),
                lambda a: fmt.day(a.due_on),
                sort_value=lambda a: a.due_on.isoformat() if a.due_on else "",
                warn=self._overdue,
                width=10,
            ),
            Column(
                self.tr("Done"),
                lambda a: fmt.day(a.done_on),
                sort_value=lambda a: a.done_on.isoformat() if a.done_on else "",
                width=10,
            ),
        )

    def _overdue(self, a: ActionRow) -> bool:
        return a.overdue(self._today())
