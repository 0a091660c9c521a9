"""The File menu's commands for keeping the record: backups, restore, spreadsheets and the calendar file.

`install(window, today)` adds the actions to the window's File menu (before Quit) and starts the
automatic backups (`background.AutoBackup`). Each command asks through its dialog module's `ask…`
functions (which tests replace), runs the service, and says what happened in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QGuiApplication

from stls_desk.db.backup import (
    BackupInfo,
    backup_to_file,
    default_backups_dir,
    list_backups,
    make_backup,
    prune_backups,
    restore_backup,
)
from stls_desk.db.log import LogError
from stls_desk.export.calendar import write_calendar
from stls_desk.services import disputes
from stls_desk.services.core import ServiceError
from stls_desk.services.table_import import ImportRefused, apply_import
from stls_desk.services.tables import TABLES, export_table
from stls_desk.services.upcoming import calendar_events
from stls_desk.ui import encryption, menus, messages, settings
from stls_desk.ui.background import MESSAGE_MS, AutoBackup, Worker
from stls_desk.ui.dialogs import backups as backups_dialog
from stls_desk.ui.dialogs import export_calendar, import_table, restore
from stls_desk.ui.dialogs import export_table as export_table_dialog

if TYPE_CHECKING:
    from stls_desk.ui.main_window import MainWindow

BACKUP_ON_OPEN_DELAY_MS = 20_000


Today = Callable[[], date]
TABLE_OF_ENTITY = {
    "grievance": "grievances",
    "proposal": "proposals",
    "meeting": "meetings",
    "ballot": "ballots",
    "person": "people",
}


class RecordsMenu(QObject):
    """The backup, restore, export and import commands of one main window."""

    def __init__(self, window: MainWindow, today: Today) -> None:
        super().__init__(window)
        self._window = window
        self._today = today
        self.backups_dir: Path | None = None
        """Where backups go; None for the default folder beside the user's data."""
        self.worker = Worker(self)
        self.auto_backup = AutoBackup(window, self.worker)
        self._setup_actions()
        self._connect_signals()

    def _setup_actions(self) -> None:
        w = self._window

        def action(name: str, text: str, tip: str) -> QAction:
            return menus.window_action(w, name, text, tip=tip)

        self.back_up_now_action = action(
            "backUpNowAction", self.tr("&Back up now…"), self.tr("Make a checked backup of the log now")
        )
        self.back_up_to_file_action = action(
            "backUpToFileAction",
            self.tr("Back up to a &file…"),
            self.tr("Save a checked copy of the log where you choose: a USB stick, a file to hand over"),
        )
        self.restore_action = action(
            "restoreAction",
            self.tr("&Restore from backup…"),
            self.tr("Put one of the log's backups in its place (the log as it is now is backed up first)"),
        )
        self.export_table_action = action(
            "exportTableAction",
            self.tr("&Export table…"),
            self.tr("Save one of the dispute's tables as a CSV file or an Excel workbook"),
        )
        self.import_table_action = action(
            "importTableAction",
            self.tr("&Import table…"),
            self.tr("Add grievances, people, action items or key dates from a spreadsheet, after a preview"),
        )
        self.export_calendar_action = action(
            "exportCalendarAction",
            self.tr("Export &calendar…"),
            self.tr("Save the dispute's dates as an .ics file for any calendar program"),
        )
        menu, quit_action = w.menus.file, w.window_actions.quit
        for item in (self.back_up_now_action, self.back_up_to_file_action, self.restore_action):
            menu.insertAction(quit_action, item)
        menu.insertSeparator(quit_action)
        for item in (self.export_table_action, self.import_table_action, self.export_calendar_action):
            menu.insertAction(quit_action, item)
        menu.insertSeparator(quit_action)

    def _connect_signals(self) -> None:
        self._window.loaded.connect(self._on_window_loaded)
        self.back_up_now_action.triggered.connect(self._on_back_up_now_action_triggered)
        self.back_up_to_file_action.triggered.connect(self._on_back_up_to_file_action_triggered)
        self.restore_action.triggered.connect(self._on_restore_action_triggered)
        self.export_table_action.triggered.connect(self._on_export_table_action_triggered)
        self.import_table_action.triggered.connect(self._on_import_table_action_triggered)
        self.export_calendar_action.triggered.connect(self._on_export_calendar_action_triggered)

    # -- helpers --

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, MESSAGE_MS)

    def _folder(self) -> str:
        return settings.LOG_FOLDER.read() or str(self._window.log.path.parent)

    def _dispute(self) -> tuple[int, str] | None:
        """The dispute shown in the window (id, title); None, after saying so, if there is none."""
        dispute_id = self._window.dispute_selector.current_dispute_id()
        title = next((d.title for d in disputes.list_disputes(self._window.log) if d.id == dispute_id), None)
        if dispute_id is None or title is None:
            messages.show_error(
                self._window, self.tr("No dispute"), self.tr("This log has no dispute yet: add one first.")
            )
            return None
        return dispute_id, title

    def _current_table(self) -> str:
        tab = self._window.tab_widget.currentWidget()
        return TABLE_OF_ENTITY.get(getattr(tab, "entity", ""), "grievances")

    # -- backups --

    @Slot()
    def _on_window_loaded(self) -> None:
        # Not at once: a big log's backup (seconds of disk and CPU) would compete with the rep's first
        # minute in the window. A session shorter than the delay is backed up when the log is closed.
        path = self._window.log.path
        QTimer.singleShot(BACKUP_ON_OPEN_DELAY_MS, lambda: self._back_up_opened(path))

    def _back_up_opened(self, path: Path) -> None:
        window = self._window
        if not window.isVisible() or not window.attached or window.log.path != path:
            return  # closed, let go of (locked; attaching it again schedules its own), or another log instead
        self.auto_backup.backups_dir = self.backups_dir
        self.auto_backup.log_opened(path)

    @Slot()
    def _on_back_up_now_action_triggered(self) -> None:
        path, folder, limit = self._window.log.path, self.backups_dir, max(settings.BACKUP_LIMIT.read(), 1)

        key = self._window.log.key

        def back_up() -> BackupInfo:
            made = make_backup(path, folder, key=key)
            prune_backups(folder, path.stem, max_count=limit)
            return made

        try:
            made = self.worker.run(self._window, self.tr("Backing up %1…").replace("%1", path.name), back_up)
        except (LogError, OSError) as exc:
            messages.show_error(self._window, self.tr("Cannot back up the log"), str(exc))
            return
        self.auto_backup.succeeded()
        self._window.statusBar().showMessage(
            self.tr("Backed up to %1 (%2).")
            .replace("%1", str(made.path))
            .replace("%2", backups_dialog.size(made.size)),
            MESSAGE_MS * 2,
        )

    @Slot()
    def _on_back_up_to_file_action_triggered(self) -> None:
        log_path, key = self._window.log.path, self._window.log.key
        suggested = Path(self._folder()) / f"{log_path.stem} backup {self._today().isoformat()}.stlslog"
        target = backups_dialog.ask_backup_file(self._window, suggested)
        if target is None:
            return
        try:
            made = self.worker.run(
                self._window,
                self.tr("Backing up to %1…").replace("%1", target.name),
                lambda: backup_to_file(log_path, target, key=key),
            )
        except (LogError, OSError) as exc:
            messages.show_error(self._window, self.tr("Cannot back up the log"), str(exc))
            return
        self._say(
            self.tr("Backed up to %1 (%2).")
            .replace("%1", str(made.path))
            .replace("%2", backups_dialog.size(made.size))
        )

    @Slot()
    def _on_restore_action_triggered(self) -> None:
        window, log_path = self._window, self._window.log.path
        folder = self.backups_dir or default_backups_dir()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = list_backups(folder, log_path.stem, key=window.log.key)
        finally:
            QGuiApplication.restoreOverrideCursor()
        chosen = restore.ask(window, found, log_path, folder, window.log.key)
        if chosen is None:
            return
        if not messages.confirm(
            window,
            self.tr("Restore from backup"),
            restore.confirm_text(chosen, log_path),
            self.tr("&Restore"),
        ):
            return
        # The window lets go of the log (restore_backup takes its lock), then opens what was put there.
        dispute_id = window.dispute_selector.current_dispute_id()
        self.worker.wait(window, self.tr("Finishing the backup…"))
        key = window.log.key.copy() if window.log.key is not None else None  # closing forgets the log's
        window.close_log()
        try:
            result = self.worker.run(
                window,
                self.tr("Restoring the backup…"),
                lambda: restore_backup(chosen, log_path, self.backups_dir, key=key),
            )
        except (LogError, OSError) as exc:
            window.open_log_file(log_path, create=False, again=True, key=key)
            messages.show_error(window, self.tr("Cannot restore the backup"), str(exc))
            return
        if not window.open_log_file(log_path, create=False, again=True, key=key):
            return
        if dispute_id is not None:  # the same log: stay on the dispute the rep was looking at
            window.dispute_selector.select_dispute(dispute_id)
        self.auto_backup.succeeded()
        self._say(
            self.tr("Restored the backup taken %1.").replace("%1", backups_dialog.taken(result.restored))
        )
        messages.show_info(
            window,
            self.tr("Backup restored"),
            restore.done_text(result.restored, log_path, result.safety_backup, result.damaged_copy),
        )

    # -- spreadsheets and the calendar --

    @Slot()
    def _on_export_table_action_triggered(self) -> None:
        dispute = self._dispute()
        if dispute is None:
            return
        choice = export_table_dialog.ask(self._window, self._current_table())
        if choice is None:
            return
        target = export_table_dialog.ask_target(self._window, self._folder(), choice, self._today())
        if target is None or not encryption.confirm_leaving_protection(self._window, target.name):
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = export_table(self._window.log, dispute[0], choice.table, choice.fmt, target)
        except ServiceError as exc:
            QGuiApplication.restoreOverrideCursor()
            messages.show_error(self._window, self.tr("Cannot export the table"), str(exc))
            return
        QGuiApplication.restoreOverrideCursor()
        self._say(
            self.tr("Exported %1 %2 to %3.")
            .replace("%1", f"{count:,}")
            .replace("%2", TABLES[choice.table].label)
            .replace("%3", str(target))
        )

    @Slot()
    def _on_import_table_action_triggered(self) -> None:
        dispute = self._dispute()
        if dispute is None:
            return
        path = import_table.ask_file(self._window, self._folder())
        if path is None:
            return
        fallback = self._current_table()
        table = import_table.guess_table(
            path, fallback if fallback in import_table.IMPORTABLE else "grievances"
        )
        choice = import_table.ask(self._window, self._window.log, dispute[0], path, table)
        if choice is None:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = apply_import(
                self._window.log,
                dispute[0],
                choice.table,
                choice.preview,
                choice.mapping,
                skip_bad_rows=choice.skip_bad_rows,
            )
        except ImportRefused as exc:
            QGuiApplication.restoreOverrideCursor()
            details = "\n".join(str(p) for p in exc.problems)
            messages.show_error(self._window, self.tr("Nothing was imported"), str(exc), details)
            return
        except ServiceError as exc:
            QGuiApplication.restoreOverrideCursor()
            messages.show_error(self._window, self.tr("Nothing was imported"), str(exc))
            return
        QGuiApplication.restoreOverrideCursor()
        # One report per kind of record is enough: a tab reads its whole table again when told.
        for outcome in {o.entity: o for o in result.created}.values():
            self._window.report(outcome)
        text = self.tr("Imported %1 %2 from %3.").replace("%1", f"{len(result.created):,}")
        text = text.replace("%2", TABLES[choice.table].label).replace("%3", path.name)
        skipped = len(result.duplicates) + len(result.skipped_lines)
        if skipped:
            text += " " + self.tr("%1 rows skipped (duplicates or with problems).").replace(
                "%1", f"{skipped:,}"
            )
        self._say(text)

    @Slot()
    def _on_export_calendar_action_triggered(self) -> None:
        dispute = self._dispute()
        if dispute is None:
            return
        dispute_id, title = dispute
        try:
            events = calendar_events(self._window.log, dispute_id, self._today())
        except ServiceError as exc:
            messages.show_error(self._window, self.tr("Cannot export the calendar"), str(exc))
            return
        if not export_calendar.ask(self._window, title, len(events)):
            return
        target = export_calendar.ask_target(self._window, self._folder(), title)
        if target is None or not encryption.confirm_leaving_protection(self._window, target.name):
            return
        try:
            write_calendar(events, target, calendar_name=title)
        except OSError as exc:
            messages.show_error(
                self._window,
                self.tr("Cannot export the calendar"),
                self.tr("Could not write %1: %2.")
                .replace("%1", str(target))
                .replace("%2", exc.strerror or str(exc)),
            )
            return
        self._say(
            self.tr("Exported %1 dates to %2.").replace("%1", f"{len(events):,}").replace("%2", str(target))
        )


def install(window: MainWindow, today: Today) -> RecordsMenu:
    """Add the backup, restore, export and import commands to the window's File menu."""
    return RecordsMenu(window, today)
