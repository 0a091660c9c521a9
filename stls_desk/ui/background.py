"""Work off the window's thread: backups (and restores) run on a worker so the window never waits on them.

`Worker` runs one job at a time on its own thread (a QThreadPool of one), so two backups of a log never
overlap and a restore waits for a backup still being made. A job's result or error comes back on the
window's thread. `Worker.run` is for a command the rep waits on (Back up now): it shows a progress dialog
if the job takes more than a moment and returns its result. The db.backup functions it runs open their
own connections, so they are safe there.

`AutoBackup` is the automatic backup of issue 6: when a log is opened and when it is closed, a verified
backup is made if the newest is more than a day old. Opening never waits for it; closing waits for a
backup still running (with "Finishing the backup…"), since a backup file is either whole or absent and a
half-made one is thrown away. Success and failure are said in the status bar; a failure also leaves a
warning there until a backup succeeds, rather than a message box every time.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressDialog, QWidget

from stls_desk.db.backup import BackupInfo, backup_due, backup_if_due
from stls_desk.db.driver import LogKey
from stls_desk.db.header import read_file_facts
from stls_desk.ui import settings

T = TypeVar("T")
PROGRESS_AFTER_MS = 400
"""A command that takes longer than this shows a progress dialog; a quicker one shows none."""
MESSAGE_MS = 8000

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries a job's end from the worker thread to the window's thread (a queued connection)."""

    finished = Signal(int, object, object)
    """(job id, result, error): error is None when the job succeeded."""


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._id, self._fn, self._relay = job_id, fn, relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # every error goes back to the window, which says what it was
            self._relay.finished.emit(self._id, None, exc)
        else:
            self._relay.finished.emit(self._id, result, None)


Done = Callable[[Any], None]
Failed = Callable[[Exception], None]


class Worker(QObject):
    """One worker thread for the window's background jobs, run one at a time in the order started."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_relay_finished, Qt.ConnectionType.QueuedConnection)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Done, Failed]] = {}
        self._waiting: list[QEventLoop] = []  # the loops of `run` and `wait`, nested innermost last

    @property
    def busy(self) -> bool:
        """A job is queued or running, or its result has not yet been handed back."""
        return bool(self._pending)

    def start(self, fn: Callable[[], Any], done: Done, failed: Failed) -> None:
        """Run fn on the worker thread; then done(result) or failed(error) on the window's thread."""
        job_id = next(self._ids)
        self._pending[job_id] = (done, failed)
        self._pool.start(_Job(job_id, fn, self._relay))

    def run(self, parent: QWidget | None, label: str, fn: Callable[[], T]) -> T:
        """Run fn on the worker thread and wait for it, with a progress dialog if it takes a while.

        The window keeps painting while it waits, but takes no input (a click waits until the job is
        done): nothing the rep does can run in the middle of a backup or a restore.
        """
        outcome: list[tuple[Any, Exception | None]] = []
        self.start(fn, lambda result: outcome.append((result, None)), lambda exc: outcome.append((None, exc)))
        self._wait(parent, label, lambda: bool(outcome))
        result, error = outcome[0]
        if error is not None:
            raise error
        return result  # type: ignore[no-any-return]

    def wait(self, parent: QWidget | None, label: str) -> None:
        """Wait until every job started so far is done (a backup still being made when the window closes)."""
        self._wait(parent, label, lambda: not self._pending)

    def _wait(self, parent: QWidget | None, label: str, finished: Callable[[], bool]) -> None:
        if finished():
            return
        dialog = QProgressDialog(label, "", 0, 0, parent)
        dialog.setObjectName("backgroundProgress")
        dialog.setWindowTitle(self.tr("Please wait"))
        dialog.setCancelButton(None)  # a backup cannot be stopped half-way: it is whole or not at all
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.hide()  # QProgressDialog's own timer waits for a setValue that a busy dialog never gets
        show_later = QTimer(dialog)
        show_later.setSingleShot(True)
        show_later.timeout.connect(dialog.show)
        show_later.start(PROGRESS_AFTER_MS)
        loop = QEventLoop()
        self._waiting.append(loop)
        try:
            while not finished():
                loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        finally:
            self._waiting.remove(loop)
            show_later.stop()
            dialog.close()
            dialog.deleteLater()

    @Slot(int, object, object)
    def _on_relay_finished(self, job_id: int, result: object, error: object) -> None:
        done, failed = self._pending.pop(job_id)
        try:
            if isinstance(error, Exception):
                failed(error)
            else:
                done(result)
        finally:
            for loop in self._waiting:  # each checks whether what it waits for is now done
                loop.quit()

    def shut_down(self) -> None:
        """Let every started job finish (the pool is never cut off mid-backup)."""
        self._pool.waitForDone()


class AutoBackup(QObject):
    """Backs the window's log up when it is opened and when it is closed, if a day has passed since the last.

    Watches the window's `loaded` signal (a log was opened, or another one took its place) and its close
    event. `backups_dir` None means the default backups folder beside the user's data.
    """

    def __init__(self, window: QMainWindow, worker: Worker, backups_dir: Path | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._worker = worker
        self.backups_dir = backups_dir
        self._current: Path | None = None
        self._running: set[Path] = set()
        self.warning = QLabel(window)
        self.warning.setObjectName("backupWarning")
        self.warning.setAccessibleName(self.tr("Backup warning"))
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setText(self.tr("⚠ Backup failed"))
        self.warning.setStyleSheet("color: #b3261e; font-weight: bold; padding: 0 6px;")
        self.warning.hide()
        window.statusBar().addPermanentWidget(self.warning)
        window.installEventFilter(self)

    def log_opened(self, path: Path) -> None:
        """The window now shows the log at path: back up the one it closed, then this one, if due."""
        previous, self._current = self._current, path
        if previous is not None and previous != path:
            self.back_up_if_due(previous)
        self.back_up_if_due(path)

    def back_up_if_due(self, path: Path) -> None:
        """Start a backup of the log on the worker thread if its newest backup is more than a day old."""
        if path in self._running:
            return
        try:
            due = backup_due(path, self.backups_dir)
        except OSError as exc:
            self._on_failed(path, exc)
            return
        if not due:
            return
        key = self._key_of(path)
        if key is None and read_file_facts(path).encrypted:
            return  # an encrypted log that is no longer open: its key is gone (it was backed up while open)
        self._running.add(path)
        folder, limit = self.backups_dir, max(settings.BACKUP_LIMIT.read(), 1)
        self._worker.start(
            lambda: backup_if_due(path, folder, max_count=limit, key=key),
            lambda made: self._on_done(path, made),
            lambda exc: self._on_failed(path, exc),
        )

    def _key_of(self, path: Path) -> LogKey | None:
        """The key of the log at path while the window has it open (an encrypted log's), else None."""
        log = getattr(self._window, "log", None)
        key: LogKey | None = getattr(log, "key", None) if log is not None and log.path == path else None
        return key if key is not None and not key.forgotten else None

    def finish(self) -> None:
        """Closing: back up the log if due, and wait for any backup still being made."""
        if self._current is not None:
            self.back_up_if_due(self._current)
        self._worker.wait(self._window, self.tr("Finishing the backup…"))

    def succeeded(self) -> None:
        """A backup was made by hand: clear the warning of an earlier failure."""
        self.warning.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.finish()
        return False

    def _on_done(self, path: Path, made: BackupInfo | None) -> None:
        self._running.discard(path)
        if made is None:
            return  # another backup, made meanwhile, was recent enough
        self.warning.hide()
        self._window.statusBar().showMessage(
            self.tr("Backed up %1 automatically.").replace("%1", path.name), MESSAGE_MS
        )

    def _on_failed(self, path: Path, exc: Exception) -> None:
        self._running.discard(path)
        log.warning("Automatic backup of %s failed: %s", path, exc)
        text = self.tr("The automatic backup of %1 failed: %2 Use File ▸ Back up now to try again.")
        text = text.replace("%1", path.name).replace("%2", _sentence(str(exc)))
        self.warning.setToolTip(text)
        self.warning.show()
        self._window.statusBar().showMessage(text)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."
