"""How long `advisor validate` takes on the whole catalog and per pattern, split by step.

Run on demand:  uv run python benchmarks/validate_bench.py [--catalog DIR] [PATTERN...]
Reports wall time for the whole command (a fresh process, as a user runs it) and, in-process,
the seconds each pattern spends in schema loading, consistency (includes the SAM transform),
cfn-lint (source and transformed), moto deploy and the end-to-end run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--catalog", action="append", default=[])
    args = parser.parse_args()

    cmd = [sys.executable, "-m", "advisor.cli"] + sum((["--catalog", c] for c in args.catalog), []) + ["validate"] + args.ids
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=dict(os.environ))
    whole = time.perf_counter() - started
    print(f"whole command ({' '.join(cmd[2:])}): {whole:.2f}s, exit {proc.returncode}")

    from advisor.catalog.load import load_catalog
    from advisor.verify.pipeline import STEPS, validate_pattern

    t0 = time.perf_counter()
    catalog = load_catalog(args.catalog)
    load_seconds = time.perf_counter() - t0
    ids = args.ids or sorted(catalog.patterns)
    print(f"catalog load with schema checks ({len(catalog)} patterns): {load_seconds:.3f}s")
    header = ["pattern"] + [s for s in STEPS if s != "schema"] + ["total"]
    print("  ".join(h.ljust(16) if i else h.ljust(28) for i, h in enumerate(header)))
    totals = dict.fromkeys(STEPS, 0.0)
    for pid in ids:
        report = validate_pattern(catalog.get(pid), catalog, lambda *a: None)
        row = [report.steps[s].seconds for s in STEPS if s != "schema"]
        for s in STEPS:
            totals[s] += report.steps[s].seconds
        print(pid.ljust(28) + "  ".join(f"{x:.2f}s".ljust(16) for x in row + [sum(row)]))
    row = [totals[s] for s in STEPS if s != "schema"]
    print("all".ljust(28) + "  ".join(f"{x:.2f}s".ljust(16) for x in row + [sum(row)]))
    print("note: the first cfn-lint call in a process loads its rules (about 2.5s); later calls reuse them.")


if __name__ == "__main__":
    main()
