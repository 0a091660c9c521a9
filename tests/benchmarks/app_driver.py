"""Drive the real main window on a log for one benchmark scenario and print its timings as JSON.

`python tests/benchmarks/app_driver.py LOG grievances|filter WORD|memory` — run by run.py in a fresh process,
so each measurement starts from a cold Qt and a cold import state, like a rep's.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")


def _painted(widget: object) -> None:
    """Paint the widget now, as the screen would on the next frame."""
    widget.viewport().repaint()  # type: ignore[attr-defined]


def main(argv: list[str]) -> int:
    log_path, scenario, *rest = argv
    from stls_desk.app import application
    from stls_desk.db.log import open_log
    from stls_desk.ui.main_window import MainWindow

    app = application()
    window = MainWindow(open_log(Path(log_path), actor="Benchmark"))
    window.resize(1400, 900)
    window.show()
    window.load()
    app.processEvents()
    tab = window.grievances
    results: dict[str, float] = {}

    began = time.perf_counter()
    window.tab_widget.setCurrentWidget(tab)
    tab.ensure_fresh()
    _painted(tab.view)
    results["grievances_tab_s"] = time.perf_counter() - began
    results["rows_loaded"] = tab.model.rowCount()

    if scenario == "filter":
        word = rest[0]
        tab.filter_bar.set_filter(word)
        began = time.perf_counter()
        tab._apply_filter()
        _painted(tab.view)
        results["filter_s"] = time.perf_counter() - began
        results["filtered_rows_loaded"] = tab.model.rowCount()

    # ru_maxrss is in kilobytes on Linux.
    results["peak_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(results), flush=True)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
