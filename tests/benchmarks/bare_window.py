"""The baseline for start-up and memory: a bare PySide6 main window with an empty table, painted, then quit.

Prints, as JSON, the milliseconds to first paint and the peak memory; run.py times the whole process.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

STARTED = float(os.environ.get("STLS_BENCH_STARTED", time.time()))


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
        print(json.dumps({"painted_ms": 1000 * (time.time() - STARTED), "peak_rss_kb": peak}), flush=True)
        QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    table = QTableView(window)
    table.setModel(QStandardItemModel(0, 6, table))
    window.setCentralWidget(table)
    window.resize(1280, 820)
    painted = _FirstPaint()
    window.installEventFilter(painted)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
