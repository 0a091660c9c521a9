"""Runs searches off the GUI thread, so typing never waits for the index, and keeps only the newest answer.

On a 100,000-grievance log a query takes 0.1–0.8 s (measured: a one- to three-letter prefix, or a query kept
to one dispute, is the slow end, since FTS5 ranks every match before taking the best 200), too slow to run
on each pause in typing without the window stalling. One worker thread runs one query at a time: a query asked for while another runs waits in
a single slot (a newer one replaces it), and an answer to anything but the newest query is dropped. SQLite
reads in the worker on a connection of its own (the log's engine pools one per thread), beside the window's.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from stls_desk.db.log import Log
from stls_desk.services import search


@dataclass(frozen=True)
class _Job:
    generation: int
    log: Log
    query: str
    dispute_id: int | None


class SearchRunner(QObject):
    finished = Signal(str, object, str)
    """(query, list of SearchHit, error text): the answer to the newest query; error is empty on success."""
    _answered = Signal(int, str, object, str)  # from the worker thread; queued to this object's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ThreadPoolExecutor | None = None
        self._running = False
        self._waiting: _Job | None = None
        self._generation = 0
        self._answered.connect(self._on_answered)

    @property
    def busy(self) -> bool:
        """A query is running or waiting whose answer has not come back yet."""
        return self._running or self._waiting is not None

    def start(self, log: Log, query: str, dispute_id: int | None) -> None:
        """Search log for query (in one dispute, or all for None); `finished` brings the hits."""
        self._generation += 1
        job = _Job(self._generation, log, query, dispute_id)
        if self._running:
            self._waiting = job
        else:
            self._submit(job)

    def cancel(self) -> None:
        """Drop the answers to every query asked so far."""
        self._generation += 1
        self._waiting = None

    def shutdown(self) -> None:
        """Wait for the running query to end (before its log closes); a later start() starts afresh."""
        self.cancel()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
        self._running = False

    def _submit(self, job: _Job) -> None:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stls-desk-search")
        self._running = True
        self._executor.submit(self._work, job)

    def _work(self, job: _Job) -> None:
        """In the worker thread: never raises, since no one would hear it."""
        try:
            hits, error = search.search(job.log, job.query, dispute_id=job.dispute_id), ""
        except Exception as exc:  # a closed log, a locked file: said in the dialog, never a crash
            hits, error = [], str(exc) or type(exc).__name__
        with contextlib.suppress(RuntimeError):  # the dialog (and this object) went while the query ran
            self._answered.emit(job.generation, job.query, hits, error)

    @Slot(int, str, object, str)
    def _on_answered(self, generation: int, query: str, hits: object, error: str) -> None:
        self._running = False
        if self._waiting is not None:
            job, self._waiting = self._waiting, None
            self._submit(job)
        if generation == self._generation:
            self.finished.emit(query, hits, error)
