"""`advisor recommend` as a whole process and the engine alone.

Run on demand:  uv run python benchmarks/recommend_bench.py
Targets (issue 3): the installed script within 2x of `python -c "import yaml"` on the bundled
catalog; the engine under 50 ms at 10,000 patterns.
"""

from __future__ import annotations

import copy
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REQUIRE = ["workload=messaging", "write_rate_control=true", "ordering=per-key", "max_message_kb=200", "consumers=one"]


def median_process(cmd: list[str], runs: int = 15) -> float:
    subprocess.run(cmd, capture_output=True)  # warm caches (file system, catalog cache)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def synthetic(catalog, n: int):
    """n patterns cloned from the bundled ones with varied traits (ids are unique)."""
    from advisor.catalog import Pattern

    base = list(catalog)
    out = []
    values = {"ordering": ["none", "per-key", "strict"], "consumers": ["one", "many"], "delivery": ["at-least-once", "exactly-once"]}
    for i in range(n):
        src = base[i % len(base)]
        data = copy.deepcopy(src.data)
        for key, options in values.items():
            data["traits"][key]["value"] = options[(i // len(base) + len(key)) % len(options)]
        data["traits"]["write_rate_control"]["value"] = bool(i % 2)
        out.append(Pattern(f"{src.id}-{i}", src.dir, type(src.doc)(src.doc.file, data)))
    return out


def main() -> None:
    from advisor.catalog import load_catalog
    from advisor.engine import recommend
    from advisor.rules import load_rules, parse_pairs

    python = sys.executable
    script = str(Path(python).parent / "advisor")
    base = median_process([python, "-c", "import yaml"])
    whole = median_process([script, "recommend", "--json"] + sum((["--require", r] for r in REQUIRE), []))
    print(f'python -c "import yaml":            {base * 1000:7.1f} ms (median of 15)')
    print(f"advisor recommend --json (script):  {whole * 1000:7.1f} ms  = {whole / base:.2f}x (target <= 2x)")

    rules = load_rules()
    requirements = parse_pairs(REQUIRE, rules)
    catalog = list(load_catalog())
    for label, patterns in (("bundled", catalog), ("1,000", synthetic(catalog, 1000)), ("10,000", synthetic(catalog, 10000))):
        times = []
        for _ in range(15):
            started = time.perf_counter()
            recommend(requirements, patterns, rules)
            times.append(time.perf_counter() - started)
        print(f"engine alone, {label:>8} patterns:    {statistics.median(times) * 1000:7.2f} ms (median of 15; target < 50 ms at 10,000)")


if __name__ == "__main__":
    main()
