"""The cost model's speed: what the advisor pays to price every pattern, what `--compare` and the
site's cost sections take, and `advisor cost PATTERN` as a whole process.

Run on demand:  uv run python benchmarks/cost_bench.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median(fn, runs: int = 9) -> float:
    fn()  # warm the price-list cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from advisor.catalog.load import load_catalog
    from advisor.cost.compare import DEFAULT_RANGE, compare
    from advisor.cost.patterns import pattern_monthly_usd
    from advisor.site import cost_chart

    patterns = sorted(load_catalog(), key=lambda p: p.id)
    by_id = {p.id: p for p in patterns}
    every = median(lambda: [pattern_monthly_usd(p.data, 5e7) for p in patterns])
    print(f"price all {len(patterns)} patterns at one volume (what recommend pays): {every * 1000:.1f} ms")
    pair = median(lambda: compare({i: by_id[i].data["cost"] for i in ("sqs-queue-lambda", "kinesis-stream-lambda")}, *DEFAULT_RANGE))
    print(f"--compare sqs-queue-lambda kinesis-stream-lambda (25 points + bisection): {pair * 1000:.1f} ms")
    sections = median(lambda: [cost_chart.pattern_cost_section(p) for p in patterns], runs=3)
    print(f"site cost sections with charts for all patterns: {sections * 1000:.0f} ms")
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "advisor.cli.main", "cost", "sqs-queue-lambda"], cwd=ROOT, check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
    print(f"`advisor cost sqs-queue-lambda` as a process: {statistics.median(runs) * 1000:.0f} ms (median of 5)")


if __name__ == "__main__":
    main()
