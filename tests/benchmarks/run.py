"""STLS Desk's benchmark: each operation against the bare cost of the library underneath, in the same run.

    python tests/benchmarks/run.py [--size N] [--runs N] [--json OUT] [--log PATH]

For each scenario it prints the app's median time, the baseline's median time and their ratio (app/baseline),
with the target. App and baseline runs alternate, so a noisy machine slows both alike. The large log is built
once with make_log.py and kept in the cache folder for the next run. The app's modules are compiled to
bytecode first, as installing it does. Exit status 1 if a ratio misses its target, so the command can gate a
change.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_log import Size, build  # noqa: E402

PRAGMAS = (
    "foreign_keys = ON",
    "journal_mode = WAL",
    "synchronous = FULL",
    "busy_timeout = 5000",
    "secure_delete = ON",
)
GRIEVANCE_COLUMNS = (
    "id, number, title, category, scope, stage, status, raised_on, response_due, resolved_on, confidential"
)
FILTER_WORD = "pension"
SEARCH_WORDS = "transfer pension"


@dataclass
class Result:
    scenario: str
    app: float
    baseline: float
    target: float
    unit: str = "s"

    @property
    def ratio(self) -> float:
        return self.app / self.baseline if self.baseline else float("inf")

    @property
    def met(self) -> bool:
        return self.ratio <= self.target


def median_pair(app: Callable[[], float], baseline: Callable[[], float], runs: int) -> tuple[float, float]:
    """Alternate app and baseline runs (after one warm-up of each) and return both medians."""
    app()
    baseline()
    apps, bases = [], []
    for _ in range(runs):
        apps.append(app())
        bases.append(baseline())
    return statistics.median(apps), statistics.median(bases)


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def process(args: list[str], env: dict[str, str] | None = None) -> tuple[float, dict[str, float]]:
    """Run a fresh Python process to its end; its wall time and the JSON it printed last (if any)."""
    full_env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_LOGGING_RULES": "qt.qpa.*=false",
        **(env or {}),
    }
    began = time.perf_counter()
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=full_env, check=False)
    took = time.perf_counter() - began
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.strip()[-800:]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return took, (json.loads(lines[-1]) if lines else {})


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    return conn


# ----- scenarios --------------------------------------------------------------------------------------


def startup(log: Path, runs: int, until: str, target: float) -> Result:
    lock = Path(str(log) + ".lock")

    def app() -> float:
        lock.unlink(missing_ok=True)
        return process(["-m", "stls_desk", "open", str(log)], {"STLS_DESK_QUIT_AFTER": until})[0]

    def bare() -> float:
        return process([str(HERE / "bare_window.py")])[0]

    what = "main window first painted" if until == "painted" else "Overview filled"
    return Result(f"start-up until {what}", *median_pair(app, bare, runs), target)


def grievances_tab(log: Path, runs: int) -> tuple[Result, Result, Result]:
    """The Grievances tab's first screen, a filter word, and the memory with the tab open."""
    filter_times: list[float] = []
    memory: list[float] = []

    def app_tab() -> float:
        _took, out = process([str(HERE / "app_driver.py"), str(log), "filter", FILTER_WORD])
        filter_times.append(out["filter_s"])
        memory.append(out["peak_rss_kb"])
        return out["grievances_tab_s"]

    def sql_all() -> float:
        with connect(log) as conn:
            return timed(lambda: conn.execute(f"SELECT {GRIEVANCE_COLUMNS} FROM grievance").fetchall())

    tab = Result(
        "Grievances tab on the large log, first screen painted", *median_pair(app_tab, sql_all, runs), 2
    )

    def sql_like() -> float:
        like = f"%{FILTER_WORD}%"
        with connect(log) as conn:
            return timed(
                lambda: conn.execute(
                    f"SELECT {GRIEVANCE_COLUMNS} FROM grievance WHERE dispute_id = 1 AND "
                    "(title LIKE ? OR category LIKE ? OR detail LIKE ?)",
                    (like, like, like),
                ).fetchall()
            )

    like_times = [sql_like() for _ in range(len(filter_times))]
    filtered = Result(
        f"type '{FILTER_WORD}' into the Grievances filter, table updated",
        statistics.median(filter_times),
        statistics.median(like_times),
        2,
    )
    bare_memory = [process([str(HERE / "bare_window.py")])[1]["peak_rss_kb"] for _ in range(3)]
    peak = Result(
        "peak memory with the Grievances tab open",
        statistics.median(memory) / 1024,
        statistics.median(bare_memory) / 1024,
        2,
        unit="MB",
    )
    return tab, filtered, peak


def global_search(log: Path, runs: int) -> Result:
    from stls_desk.db.log import open_log
    from stls_desk.services.search import match_expression, search

    opened = open_log(log, exclusive=False)
    conn = connect(log)
    expression = match_expression(SEARCH_WORDS)
    try:
        return Result(
            f"global search for '{SEARCH_WORDS}'",
            *median_pair(
                lambda: timed(lambda: search(opened, SEARCH_WORDS)),
                lambda: timed(
                    lambda: conn.execute(
                        "SELECT rowid, title FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT 200",
                        (expression,),
                    ).fetchall()
                ),
                runs,
            ),
            1.5,
        )
    finally:
        conn.close()
        opened.close()


def save_edit(log: Path, runs: int) -> Result:
    from stls_desk.db.log import open_log
    from stls_desk.services.grievances import change_grievance

    # The baseline writes to a copy of its own: the app's driver carries its own SQLite, and two copies of
    # SQLite writing one file from one process do not see each other's locks (sqlite.org/howtocorrupt.html,
    # 2.2.1), which once left the benchmark's log with a search index out of step with its grievances.
    bare_log = log.with_name(f"bare-{log.name}")
    with sqlite3.connect(log) as source, sqlite3.connect(bare_log) as copy:
        source.backup(copy)
    opened = open_log(log, exclusive=False, actor="Benchmark")
    conn = connect(bare_log)
    counter = iter(range(10**9))

    def app() -> float:
        n = next(counter)
        return timed(lambda: change_grievance(opened, 7, title=f"Edited title {n}"))

    def bare() -> float:
        n = next(counter)

        def write() -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "UPDATE grievance SET title = ?, updated_at = datetime('now') WHERE id = 8", (f"T {n}",)
            )
            conn.execute(
                "INSERT INTO audit_entry (at, actor, entity, entity_id, entity_uuid, dispute_id, action, summary,"
                " changes) VALUES (datetime('now'), 'Benchmark', 'grievance', 8, 'u', 1, 'changed', 'G-008', ?)",
                (json.dumps({"title": ["old", f"T {n}"]}),),
            )
            conn.execute("COMMIT")

        return timed(write)

    try:
        return Result("save one edited grievance, audit entry included", *median_pair(app, bare, runs), 3)
    finally:
        conn.close()
        opened.close()


def export_pack(runs: int) -> Result:
    """The officers' pack for a dispute of 1,000 grievances and 200 proposals, against one plain LongTable."""
    from datetime import date
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate

    from stls_desk.db.log import open_log
    from stls_desk.export.pack import Audience, PackOptions
    from stls_desk.services.briefing import export_briefing_pack

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        log_path = folder / "pack.stlslog"
        build(log_path, Size().scaled(1000))
        opened = open_log(log_path, exclusive=False)
        options = PackOptions(Audience.OFFICERS, today=date(2026, 11, 1), generated_on=date(2026, 11, 1))
        style = getSampleStyleSheet()["BodyText"]
        with sqlite3.connect(log_path) as conn:
            grievance_rows = conn.execute(
                "SELECT number, title, stage, status, raised_on, response_due FROM grievance ORDER BY number"
            ).fetchall()
            proposal_rows = conn.execute(
                "SELECT number, title, employer_position, union_position, status, respond_by FROM proposal"
            ).fetchall()

        def app() -> float:
            return timed(lambda: export_briefing_pack(opened, 1, options, folder / "app.pdf"))

        def bare() -> float:
            def render() -> None:
                cells = [
                    [Paragraph(escape(str(v or "")), style) for v in row]
                    for row in [*grievance_rows, *proposal_rows]
                ]
                doc = SimpleDocTemplate(str(folder / "bare.pdf"), pagesize=A4)
                doc.build([LongTable(cells, repeatRows=0)])

            return timed(render)

        try:
            return Result(
                "export the officers' pack (1,000 grievances, 200 proposals)",
                *median_pair(app, bare, runs),
                3,
            )
        finally:
            opened.close()


# ----- the command ------------------------------------------------------------------------------------


def compile_app() -> None:
    """Compile the app's modules as installing it does (pip writes the bytecode): where PYTHONDONTWRITEBYTECODE
    is set, every start-up would otherwise time Python compiling the app's source rather than the app."""
    import stls_desk

    compileall.compile_dir(Path(stls_desk.__file__).parent, quiet=1)


def large_log(size: int, given: Path | None) -> Path:
    if given is not None:
        return given
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "stls-desk-benchmark"
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"log-{size}.stlslog"
    if not path.exists():
        print(f"Building a log of {size:,} grievances in {path} …", flush=True)
        partial = path.with_suffix(".partial")
        for leftover in cache.glob(partial.name + "*"):
            leftover.unlink()
        build(partial, Size().scaled(size))
        partial.rename(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="STLS Desk benchmark: app time / bare library time.")
    parser.add_argument("--size", type=int, default=Size().grievances, help="grievances in the large log")
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        help="measured runs per scenario (after a warm-up); start-ups get 2N+1",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--log", type=Path, help="use this large log instead of building one")
    args = parser.parse_args(argv)

    began = time.perf_counter()
    compile_app()
    log = large_log(args.size, args.log)
    with tempfile.TemporaryDirectory() as scratch:
        # The app backs a log up when it opens it: keep those copies of the large log in the scratch folder,
        # not among the user's own backups.
        os.environ["XDG_DATA_HOME"] = str(Path(scratch) / "data")
        work = Path(scratch) / "bench.stlslog"  # a private copy: the save scenario writes to it
        with sqlite3.connect(log) as source, sqlite3.connect(work) as copy:
            source.backup(copy)
        results = [
            # A start-up is one short process, at the mercy of the machine's noise: at 5 runs its median moved by
            # a tenth from one run of the benchmark to the next. Twice the runs (11 by default) take half a minute.
            startup(work, 2 * args.runs + 1, "painted", 1.5),
            startup(work, 2 * args.runs + 1, "overview", 4),
            *grievances_tab(work, args.runs),
            global_search(work, max(args.runs, 15)),
            save_edit(work, max(args.runs, 15)),
            export_pack(max(2, args.runs // 2)),
        ]
    width = max(len(r.scenario) for r in results)
    print(f"\n{'scenario':<{width}}  {'app':>9}  {'baseline':>9}  {'ratio':>6}  target")
    for r in results:
        mark = "ok" if r.met else "MISSED"
        scale, unit = (1000, "ms") if r.unit == "s" else (1, r.unit)
        print(
            f"{r.scenario:<{width}}  {r.app * scale:>7.1f}{unit:>2}  {r.baseline * scale:>7.1f}{unit:>2}"
            f"  {r.ratio:>6.2f}  ≤ {r.target:g} {mark}"
        )
    took = time.perf_counter() - began
    print(f"\n{args.size:,} grievances, {args.runs} runs each, {took:.0f} s in all")
    if args.json:
        figures = [asdict(r) | {"ratio": r.ratio, "met": r.met} for r in results]
        args.json.write_text(json.dumps({"size": args.size, "runs": args.runs, "results": figures}, indent=2))
    return 0 if all(r.met for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
