"""Site build time: the full `advisor site build` on the bundled catalog and on a generated catalog
of 200 patterns, the marginal time per pattern, and a plain `mkdocs build` of the same number of
static pages (same theme, pages already written) as the baseline.

Run on demand:  uv run python benchmarks/site_bench.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(cmd: list[str], env: dict | None = None, cwd: Path = ROOT) -> float:
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    return time.perf_counter() - started


def synthetic_catalog(target: Path, total: int) -> int:
    """Copies of the bundled patterns under new ids, so that bundled + copies = total."""
    from advisor.catalog.load import load_catalog

    bundled = sorted(load_catalog(), key=lambda p: p.id)
    copies = max(0, total - len(bundled))
    for i in range(copies):
        src = bundled[i % len(bundled)]
        shutil.copytree(src.dir, target / f"{src.id}-copy-{i}", ignore=shutil.ignore_patterns("__pycache__"))
    return copies


def plain_mkdocs(pages: dict[str, str], workdir: Path) -> float:
    docs = workdir / "docs"
    for rel, text in pages.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    (docs / "index.md").write_text("# Baseline\n", encoding="utf-8")
    (workdir / "mkdocs.yml").write_text(
        "site_name: baseline\ntheme:\n  name: material\n  font: false\nplugins: [search]\n"
        "markdown_extensions: [admonition, attr_list, md_in_html, tables, pymdownx.superfences, {pymdownx.tabbed: {alternate_style: true}}]\n")
    return timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(workdir / "out")], cwd=workdir)


def main() -> None:
    from advisor.catalog.load import load_catalog
    from advisor.site.build import generate

    advisor = [sys.executable, "-m", "advisor.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        n_bundled = len(load_catalog())
        bundled = timed(advisor + ["site", "build", "--output", str(tmp / "out1")])
        catalog_dir = tmp / "catalog"
        catalog_dir.mkdir()
        copies = synthetic_catalog(catalog_dir, 200)
        large = timed(advisor + ["--catalog", str(catalog_dir), "site", "build", "--output", str(tmp / "out2")])
        per_pattern = (large - bundled) / copies if copies else float("nan")
        print(f"advisor site build, bundled catalog ({n_bundled} patterns): {bundled:.2f}s")
        print(f"advisor site build, {n_bundled + copies} patterns: {large:.2f}s  -> marginal {per_pattern * 1000:.0f} ms per pattern")

        os.environ["PATTERN_ADVISOR_CATALOG"] = str(catalog_dir)
        pages = {k: v for k, v in generate(load_catalog()).items() if k.endswith(".md")}
        del os.environ["PATTERN_ADVISOR_CATALOG"]
        base_dir = tmp / "plain"
        base_dir.mkdir()
        baseline = plain_mkdocs(pages, base_dir)
        print(f"plain mkdocs build of the same {len(pages)} pages (already written, no diagrams): {baseline:.2f}s")
        print(f"generation overhead (diagrams, pages, advisor data) at {n_bundled + copies} patterns: {large - baseline:.2f}s")


if __name__ == "__main__":
    main()
