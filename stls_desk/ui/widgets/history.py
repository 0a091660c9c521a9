"""The History dock (View ▸ History, Ctrl+H): the audit trail of the record selected in the current tab.

Each entry says when (local time), who, and what: created, changed, deleted, restored or changed back by
undo; under it, each field that changed, its old value → its new one. A member's personal details are not
in the audit trail (the services store None for them), so the dock says only that they changed.

`install(window)` docks it and makes it follow the window: each tab's `record_selected` (a tab built later
too), the tab shown, and `log_changed` when it concerns the record on show. A hidden dock reads nothing,
and the dock empties when the window lets go of its log.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QStackedWidget, QTextBrowser, QVBoxLayout, QWidget

from stls_desk.db.log import Log
from stls_desk.domain import enums
from stls_desk.domain.enums import AuditAction
from stls_desk.services.core import AuditRow, Outcome, history
from stls_desk.ui import format as fmt
from stls_desk.ui.search.delegate import quiet_colour

if TYPE_CHECKING:
    from stls_desk.ui.main_window import MainWindow
    from stls_desk.ui.tabs.base import DisputeTab

SHORT = 160
"""Longer values (minutes, a proposal's text) are cut to this many characters."""
UNDO_SUMMARIES = {"restored by undo", "reverted by undo"}
ENUMS: dict[tuple[str, str], type[Enum]] = {
    ("dispute", "status"): enums.DisputeStatus,
    ("person", "role"): enums.PersonRole,
    ("grievance", "scope"): enums.GrievanceScope,
    ("grievance", "stage"): enums.GrievanceStage,
    ("grievance", "status"): enums.GrievanceStatus,
    ("proposal", "tabled_by"): enums.TabledBy,
    ("proposal", "status"): enums.ProposalStatus,
    ("meeting", "kind"): enums.MeetingKind,
    ("ballot", "kind"): enums.BallotKind,
    ("key_date", "kind"): enums.KeyDateKind,
}
FIELD_WORDS = {"held_at": "When", "owner_id": "Owner", "notice_given_on": "Notice of ballot given"}
NOUNS = {"key_date": "Key date", "action_item": "Action item", "proposal_revision": "Proposal revision"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _tr(text: str) -> str:
    return QCoreApplication.translate("history", text)


def field_words(name: str) -> str:
    """A field's name as a rep reads it: "response_due" → "Response due"."""
    if name in FIELD_WORDS:
        return _tr(FIELD_WORDS[name])
    return name.removesuffix("_id").replace("_", " ").capitalize()


def when(at: datetime) -> str:
    """An audit time (stored in UTC) in local time: "25 Feb 2025 14:03"."""
    local = at.replace(tzinfo=UTC).astimezone() if at.tzinfo is None else at.astimezone()
    return f"{fmt.day(local.date())} {local:%H:%M}"


def value_words(entity: str, name: str, value: Any) -> str:
    """A value as the audit trail stored it (JSON), as a rep reads it; "—" for nothing."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _tr("Yes") if value else _tr("No")
    if isinstance(value, int | float):
        return f"#{value}" if name.endswith("_id") else f"{value:,}"
    if isinstance(value, list):
        if all(isinstance(v, int) for v in value):
            return _shorten(", ".join(f"#{v}" for v in value))
        return _tr("%1 entries").replace("%1", str(len(value))) if len(value) != 1 else _tr("1 entry")
    text = str(value)
    kind = ENUMS.get((entity, name))
    if kind is not None:
        try:
            return str(kind(text).label)  # type: ignore[attr-defined]
        except ValueError:
            pass
    if _DATE.match(text):
        return fmt.day(date.fromisoformat(text))
    if _DATETIME.match(text):
        moment = datetime.fromisoformat(text)
        return f"{fmt.day(moment.date())} {moment:%H:%M}"
    return _shorten(text)


def _shorten(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= SHORT else line[: SHORT - 1].rstrip() + "…"


def what(row: AuditRow) -> str:
    """What happened, in a word or three."""
    if row.summary == "restored by undo":
        return _tr("restored by undo")
    if row.summary == "reverted by undo":
        return _tr("changed back by undo")
    return {
        AuditAction.CREATED: _tr("created"),
        AuditAction.CHANGED: _tr("changed"),
        AuditAction.DELETED: _tr("deleted"),
    }.get(row.action, row.action.label.lower())


def change_lines(row: AuditRow) -> list[str]:
    """Each field's line: "Status: Open → In negotiation"; on creation or deletion, the values set or lost
    (empty ones left out). A personal field says only that it was there or changed."""
    lines: list[str] = []
    for name, change in sorted(row.changes.items()):
        label = field_words(name)
        if change is None:  # personal data: the trail keeps only that it was there or changed
            text = (
                _tr("%1 changed (personal details are not kept in the history)")
                if row.action == AuditAction.CHANGED
                else _tr("%1 (personal details are not kept in the history)")
            )
            lines.append(text.replace("%1", label))
        elif row.action == AuditAction.CHANGED:
            old, new = change
            lines.append(
                f"{label}: {value_words(row.entity, name, old)} → {value_words(row.entity, name, new)}"
            )
        else:
            kept = value_words(
                row.entity, name, change[1] if row.action == AuditAction.CREATED else change[0]
            )
            if kept != "—":
                lines.append(f"{label}: {kept}")
    return lines


def trail_html(rows: list[AuditRow], quiet: str) -> str:
    """The entries as rich text: what happened in bold, when and who in the `quiet` colour, then the fields.
    Every piece taken from the log is escaped, so a title holding "<b>" shows as typed."""
    parts = []
    for n, row in enumerate(rows):
        what_text = what(row)
        parts.append(
            f"<p style='margin-top: {0 if n == 0 else 12}px; margin-bottom: 2px'>"
            f"<b>{html.escape(what_text[:1].upper() + what_text[1:])}</b>"
            f"<span style='color: {quiet}'> · {html.escape(when(row.at))} · "
            f"{html.escape(row.actor or _tr('someone'))}</span></p>"
        )
        parts += [
            f"<p style='margin-top: 0; margin-bottom: 0; margin-left: 12px'>{html.escape(line)}</p>"
            for line in change_lines(row)
        ]
    return "".join(parts)


class HistoryDock(QDockWidget):
    """The audit trail of one record; `show_record(entity, id)` chooses it (id 0: none)."""

    def __init__(self, parent: QWidget | None, log: Callable[[], Log]) -> None:
        super().__init__(parent)
        self._log = log
        self.entity = ""
        self.record_id = 0
        self._selections: dict[int, tuple[str, int]] = {}
        self._setup_ui()
        self._connect_signals()
        self._show_empty(self.tr("Select a record to see its history."))

    def _setup_ui(self) -> None:
        self.setObjectName("historyDock")
        self.setWindowTitle(self.tr("History"))
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        body = QWidget(self)
        self.heading = QLabel(body)
        self.heading.setObjectName("historyHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        # A document rather than a tree, so that long lines wrap in a narrow dock (a tree view elides them).
        # Every piece of the log's text in it is HTML-escaped: see trail_html.
        self.trail = QTextBrowser(body)
        self.trail.setObjectName("historyTrail")
        self.trail.setAccessibleName(self.tr("History of the selected record"))
        self.trail.setOpenLinks(False)
        self.trail.setFrameShape(QFrame.Shape.StyledPanel)
        self.trail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entries: list[tuple[str, list[str]]] = []
        """What the dock shows, newest first: each entry's "when · who · what" and its field lines."""
        self.empty = QLabel(body)
        self.empty.setObjectName("historyEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.empty.setMargin(16)
        self.pages = QStackedWidget(body)
        self.pages.addWidget(self.trail)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        self.setWidget(body)
        self.setMinimumWidth(260)

    def _connect_signals(self) -> None:
        self.visibilityChanged.connect(self._on_visibility_changed)

    # -- what to show --

    def show_record(self, entity: str, record_id: int) -> None:
        if (entity, record_id) == (self.entity, self.record_id):
            return
        self.entity, self.record_id = entity, record_id
        self.refresh()

    def refresh(self) -> None:
        """Read the record's trail again (only while the dock is shown)."""
        if not self.isVisible():
            return
        if not self.record_id:
            self.heading.setText("")
            self._show_empty(self.tr("Select a record to see its history."))
            return
        rows = history(self._log(), self.entity, self.record_id)
        self.heading.setText(self._heading(rows))
        if not rows:
            self._show_empty(self.tr("The log holds no history for this record."))
            return
        self.entries = [
            (f"{when(row.at)} · {row.actor or self.tr('someone')} · {what(row)}", change_lines(row))
            for row in rows
        ]
        palette = self.trail.palette()
        text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
        quiet = quiet_colour(text, base)
        self.trail.setHtml(trail_html(rows, quiet.name()))
        self.pages.setCurrentWidget(self.trail)

    def _heading(self, rows: list[AuditRow]) -> str:
        noun = self.tr(NOUNS.get(self.entity, self.entity.replace("_", " ").capitalize()))
        summary = next((r.summary for r in rows if r.summary and r.summary not in UNDO_SUMMARIES), "")
        return f"{noun}: {summary}" if summary else noun

    def clear(self) -> None:
        """The window let go of its log: show nothing of it, and forget what each tab had selected."""
        self._selections.clear()
        self.entity, self.record_id = "", 0
        self.heading.setText("")
        self._show_empty(self.tr("Select a record to see its history."))

    def _show_empty(self, text: str) -> None:
        self.entries = []
        self.trail.clear()
        self.empty.setText(text)
        self.pages.setCurrentWidget(self.empty)

    # -- following the window --

    def note_selection(self, tab: QWidget, shown: bool, entity: str, record_id: int) -> None:
        """A tab now shows this record; the dock follows it if that tab is the one on screen."""
        self._selections[id(tab)] = (entity, record_id)
        if shown:
            self.show_record(entity, record_id)

    def follow_tab(self, tab: QWidget) -> None:
        self.show_record(*self._selections.get(id(tab), ("", 0)))

    @Slot(object)
    def on_log_changed(self, outcome: Outcome) -> None:
        if outcome.entity == self.entity and outcome.id == self.record_id:
            self.refresh()

    @Slot(bool)
    def _on_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.refresh()


def install(window: MainWindow) -> HistoryDock:
    """Dock the history on the window's right, closed until View ▸ History (Ctrl+H) opens it; the window's
    saved state then remembers whether it is open."""
    dock = HistoryDock(window, lambda: window.log)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    action = dock.toggleViewAction()
    action.setObjectName("historyAction")
    action.setText(_tr("&History"))
    action.setShortcut(QKeySequence("Ctrl+H"))
    action.setStatusTip(_tr("Show who changed the selected record, when, and what"))
    window.addAction(action)
    view = window.menus.view
    reload = window.window_actions.reload
    view.insertAction(reload, action)
    view.insertSeparator(reload)

    def follow(tab: QWidget) -> Callable[[str, int], None]:
        return lambda entity, record_id: dock.note_selection(
            tab, window.tab_widget.currentWidget() is tab, entity, record_id
        )

    def follow_each(tab: DisputeTab) -> None:
        tab.record_selected.connect(follow(tab))

    for tab in window.built_tabs():
        follow_each(tab)
    window.tab_built.connect(follow_each)  # a tab built later, when first shown
    window.detached.connect(dock.clear)
    window.tab_widget.currentChanged.connect(lambda _n: dock.follow_tab(window.tab_widget.currentWidget()))
    window.log_changed.connect(dock.on_log_changed)
    window.loaded.connect(dock.refresh)
    return dock
