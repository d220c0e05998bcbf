"""`advisor recommend` as a whole process and the engine alone.

Run on demand:  uv run python benchmarks/recommend_bench.py
Targets (issue 3): the installed script within 2x of `python -c "import yaml"` on the bundled
catalog; the engine under 50 ms at 10,000 patterns.

The engine reads the catalog's columnar index (advisor/catalog/index.py), which a loaded catalog
builds once on first use; its build time is printed on its own line, not hidden in the median.
"""

from __future__ import annotations

import copy
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REQUIRE = ["workload=messaging", "write_rate_control=true", "ordering=per-key", "max_message_kb=200", "consumers=one"]


def median_process(cmd: list[str], runs: int = 15, env: dict | None = None) -> float:
    subprocess.run(cmd, capture_output=True, env=env, check=True)  # warm caches (file system, catalog cache)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def synthetic(catalog, n: int):
    """n patterns cloned from the bundled ones with varied traits (ids are unique)."""
    from advisor.catalog.load import Pattern

    base = list(catalog)
    from advisor.catalog.load import Catalog

    out = []
    values = {"ordering": ["none", "per-key", "strict"], "consumers": ["one", "many"], "delivery": ["at-least-once", "exactly-once"]}
    for i in range(n):
        src = base[i % len(base)]
        data = copy.deepcopy(src.data)
        for key, options in values.items():
            data["traits"][key]["value"] = options[(i // len(base) + len(key)) % len(options)]
        data["traits"]["write_rate_control"]["value"] = bool(i % 2)
        for trait in data["traits"].values():  # notes differ per pattern, as in a real catalog
            if trait.get("note"):
                trait["note"] = f"{trait['note']} (variant {i})"
        out.append(Pattern(f"{src.id}-{i}", src.dir, type(src.doc)(src.doc.file, data)))
    return Catalog({p.id: p for p in out})


def whole_command_on_team_catalog(patterns, script: str, runs: int = 5) -> float:
    """The installed script over a team catalog folder holding these patterns, with a warm cache:
    what a user waits for on every run after the first. The files are the patterns' data written as
    JSON (which is YAML); the cache is seeded with the index built from that same data, because a
    cold build parses and schema-checks every file (minutes at 10,000 patterns)."""
    import tempfile

    from advisor.catalog.json_cache import cached_json, file_stamp
    from advisor.catalog.load import PATTERN_FILE, catalog_dirs, load_catalog, pattern_folders
    from advisor.catalog.index import build_index

    with tempfile.TemporaryDirectory() as tmp:
        team = Path(tmp) / "team"
        for pattern in patterns:
            (team / pattern.id).mkdir(parents=True)
            (team / pattern.id / PATTERN_FILE).write_text(json.dumps(pattern.data), encoding="utf-8")
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        saved = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = env["XDG_CACHE_HOME"]
        try:
            folders = pattern_folders(catalog_dirs([str(team)]))
            index = build_index(list(load_catalog()) + list(patterns))
            cached_json("index", file_stamp([f / PATTERN_FILE for f in folders]), lambda: {"index": index.to_json(), "errors": []})
        finally:
            if saved is None:
                os.environ.pop("XDG_CACHE_HOME")
            else:
                os.environ["XDG_CACHE_HOME"] = saved
        command = [script, "--catalog", str(team), "recommend", "--json"] + sum((["--require", r] for r in REQUIRE), [])
        return median_process(command, runs, env)


def main() -> None:
    from advisor.catalog.load import load_catalog
    from advisor.catalog.index import build_index
    from advisor.advise.engine import recommend
    from advisor.advise.rules import load_rules, parse_pairs

    python = sys.executable
    script = str(Path(python).parent / "advisor")
    base = median_process([python, "-c", "import yaml"])
    whole = median_process([script, "recommend", "--json"] + sum((["--require", r] for r in REQUIRE), []))
    print(f'python -c "import yaml":            {base * 1000:7.1f} ms (median of 15)')
    print(f"advisor recommend --json (script):  {whole * 1000:7.1f} ms  = {whole / base:.2f}x (target <= 2x)")

    rules = load_rules()
    requirements = parse_pairs(REQUIRE, rules)
    catalog = load_catalog()
    for label, patterns in (("bundled", catalog), ("1,000", synthetic(catalog, 1000)), ("10,000", synthetic(catalog, 10000))):
        builds = []
        for _ in range(5):
            started = time.perf_counter()
            build_index(patterns)
            builds.append(time.perf_counter() - started)
        print(f"index build, {label:>8} patterns:    {statistics.median(builds) * 1000:7.2f} ms (median of 5; once per catalog load)")
        patterns.index  # built once, as `advisor recommend` does on its first query
        times, cpu = [], []
        for _ in range(15):
            started, started_cpu = time.perf_counter(), time.process_time()
            recommend(requirements, patterns, rules)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        # CPU time too: on a shared machine the wall clock mostly measures the other processes
        print(f"engine alone, {label:>8} patterns:    {statistics.median(times) * 1000:7.2f} ms wall, "
              f"{statistics.median(cpu) * 1000:7.2f} ms CPU (median of 15; target < 50 ms at 10,000)")
        if label != "bundled":
            whole = whole_command_on_team_catalog(patterns, script)
            print(f"whole command, {label:>7} more patterns: {whole * 1000:7.1f} ms (median of 5; warm cache, the installed script)")


if __name__ == "__main__":
    main()
