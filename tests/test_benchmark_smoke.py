"""The benchmark still runs end to end, at a tiny size, so it cannot rot between performance passes.

Ratios at this size say nothing (fixed costs dominate), so only that every scenario produced figures is
checked; the real run is `python tests/benchmarks/run.py` (README, Performance).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).parent / "benchmarks" / "run.py"


def test_the_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    figures = tmp_path / "bench.json"
    env_cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    import os

    done = subprocess.run(
        [sys.executable, str(RUN), "--size", "300", "--runs", "1", "--json", str(figures)],
        capture_output=True,
        text=True,
        env={**os.environ, **env_cache},
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]  # 1 = a ratio missed, meaningless at this size
    results = json.loads(figures.read_text())["results"]
    assert len(results) >= 7
    for r in results:
        assert r["app"] > 0 and r["baseline"] > 0, r
