"""Site build time: the full `advisor site build` on the bundled catalog and on a generated catalog
of 200 patterns, the marginal time per pattern, and as the baseline a plain `mkdocs build` of the
same pages: everything the hook generates already written into a copy of site/, built with the
same mkdocs.yml less its hook. Times are CPU seconds. A cold build parses and validates every
pattern file first; a warm one (a rebuild, `site serve`) reads the validated catalog from the cache.
A rebuild must stay within 1.5x the baseline (exit 1 if not); the cold ratio is reported beside it.

Run on demand:  uv run python benchmarks/site_bench.py
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(cmd: list[str], env: dict | None = None, cwd: Path = ROOT) -> float:
    """CPU seconds (user + system) of the command and everything it ran, such as Graphviz: on a
    machine shared with other work, wall time measures the neighbours as much as the build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"  ({' '.join(Path(c).name for c in cmd[:4])}...: {cpu:.2f}s CPU, {time.perf_counter() - started:.2f}s wall)")
    return cpu


def synthetic_catalog(target: Path, total: int) -> int:
    """Copies of the bundled patterns under new ids, so that bundled + copies = total."""
    from advisor.catalog.load import load_catalog

    bundled = sorted(load_catalog(), key=lambda p: p.id)
    copies = max(0, total - len(bundled))
    for i in range(copies):
        src = bundled[i % len(bundled)]
        shutil.copytree(src.dir, target / f"{src.id}-copy-{i}", ignore=shutil.ignore_patterns("__pycache__"))
    return copies


LIMIT = 1.5  # the generated build may take at most this many times the plain build of its pages


def plain_mkdocs(pages: dict[str, str | bytes], workdir: Path) -> float:
    """mkdocs build of the generated pages written out beforehand: same theme, extensions, CSS and JS."""
    docs = workdir / "docs"
    shutil.copytree(ROOT / "site", docs, ignore=shutil.ignore_patterns("hooks", "__pycache__"))
    for rel, content in pages.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (docs / rel).write_bytes(content)
        else:
            (docs / rel).write_text(content, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("hooks:\n  - site/hooks/catalog.py\n", "").replace("docs_dir: site", "docs_dir: docs")
    config = config.replace("custom_dir: site/overrides", "custom_dir: docs/overrides").replace("strict: true", "strict: false")
    (workdir / "mkdocs.yml").write_text(config, encoding="utf-8")
    return timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(workdir / "out")], cwd=workdir)


def main() -> None:
    from advisor.catalog.load import load_catalog
    from advisor.site.build import generate

    advisor = [sys.executable, "-m", "advisor.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cache = {"XDG_CACHE_HOME": str(tmp / "cache")}  # a cache of its own: the first build of a catalog is cold
        n_bundled = len(load_catalog())
        bundled = timed(advisor + ["site", "build", "--output", str(tmp / "out1")], cache)
        catalog_dir = tmp / "catalog"
        catalog_dir.mkdir()
        copies = synthetic_catalog(catalog_dir, 200)
        build_large = advisor + ["--catalog", str(catalog_dir), "site", "build", "--output", str(tmp / "out2")]
        cold = timed(build_large, cache)
        warm = timed(build_large, cache)  # pattern files unchanged: the validated catalog comes from the cache
        per_pattern = (cold - bundled) / copies if copies else float("nan")
        print(f"advisor site build, bundled catalog ({n_bundled} patterns): {bundled:.2f}s CPU")
        print(f"advisor site build, {n_bundled + copies} patterns: {cold:.2f}s CPU cold (catalog parsed and validated), "
              f"{warm:.2f}s CPU warm (rebuild)  -> marginal {per_pattern * 1000:.0f} ms per pattern cold")

        os.environ["PATTERN_ADVISOR_CATALOG"] = str(catalog_dir)
        pages = generate(load_catalog())
        del os.environ["PATTERN_ADVISOR_CATALOG"]
        base_dir = tmp / "plain"
        base_dir.mkdir()
        baseline = plain_mkdocs(pages, base_dir)
        n_pages = sum(1 for k in pages if k.endswith(".md"))
        print(f"plain mkdocs build of the same {n_pages} pages and their assets, already written: {baseline:.2f}s CPU")
        for label, taken in (("cold", cold), ("warm", warm)):
            print(f"{label}: overhead {taken - baseline:.2f}s CPU; build / plain = {taken / baseline:.2f}x (limit {LIMIT}x)")
        if warm / baseline > LIMIT:
            raise SystemExit(f"a rebuild takes {warm / baseline:.2f}x a plain mkdocs build of its pages, above {LIMIT}x")

if __name__ == "__main__":
    main()
