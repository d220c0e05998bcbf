"""`advisor search` in-process: search_patterns over the bundled catalog and over synthetic
catalogs of 1,000 and 10,000 patterns (cloned from the bundled ones, ids unique).

Run on demand:  uv run python benchmarks/search_bench.py
Prints the median time of a few typical queries at each size.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ["kinesis", "nightly batch", "single page app", "fifo queue ordering dlq"]


def synthetic(catalog, n: int):
    from advisor.catalog.load import Pattern

    base = list(catalog)
    return [Pattern(f"{base[i % len(base)].id}-{i}", base[i % len(base)].dir, base[i % len(base)].doc) for i in range(n)]


def median_ms(fn, runs: int) -> float:
    fn()  # warm: synonyms file loaded once per process
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    from advisor.catalog.load import load_catalog
    from advisor.catalog.search import search_patterns

    bundled = load_catalog()
    for label, patterns, runs in (("bundled (19)", list(bundled), 21), ("1,000", synthetic(bundled, 1000), 5),
                                  ("10,000", synthetic(bundled, 10000), 3)):
        for query in QUERIES:
            ms = median_ms(lambda: search_patterns(patterns, query), runs)
            print(f"{label:>13}  {query!r:28}  {ms:9.1f} ms")


if __name__ == "__main__":
    main()
