"""advisor review over the shared corpus, against plain cfn-lint on the same files in one process.

    uv run python benchmarks/review_bench.py [TEMPLATES_DIR]

Prints templates per second for both (target: review costs at most 1.3x cfn-lint alone), then
the corpus numbers: templates containing each catalog pattern, findings per rule, queues
without alarms.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "serverless-patterns" / "templates"


def measure(files: list[Path]):
    """Both tools on each file in turn, alternating which goes first, so that load from other
    processes hits both alike. Returns (cfn-lint seconds, review seconds, reviews), CPU time."""
    from advisor.cfn import lint
    from advisor.review import engine, lint_run
    from advisor.review.patterns import catalog_topologies

    topologies = catalog_topologies()
    lint._rules(), lint_run.rules()  # load both rule sets once, outside the timing
    lint_seconds = review_seconds = 0.0
    reviews = []

    def plain(path: Path) -> None:
        try:
            lint.lint_text(path.read_text(encoding="utf-8", errors="replace"))
        except Exception:  # cfn-lint crashes on a few corpus files; review reports those as file errors
            pass

    for i, path in enumerate(files):
        order = ("lint", "review") if i % 2 == 0 else ("review", "lint")
        for which in order:
            started = time.process_time()
            if which == "lint":
                plain(path)
                lint_seconds += time.process_time() - started
            else:
                reviews.append(engine.review_file(path, str(path), topologies))
                review_seconds += time.process_time() - started
    return lint_seconds, review_seconds, reviews


QUEUE_PATTERNS = {"sqs-queue-lambda", "sqs-fifo-lambda", "sns-sqs-fanout", "s3-claim-check", "webhook-ingest-enrich"}


def _queue_pattern_recognition(files: list[Path], reviews) -> str:
    """Templates where a queue feeds a function, and how many of them review names a queue pattern in."""
    from advisor.catalog.safe_yaml import load_file
    from advisor.errors import DataError
    from advisor.review.graph import ReviewGraph

    feeding = recognised = 0
    for path, review in zip(files, reviews):
        try:
            data = load_file(path, cfn_tags=True).data
        except DataError:
            continue
        if not isinstance(data, dict):
            continue
        graph = ReviewGraph.build(data)
        if any(t.kind == "sqs" and t.source and not graph.g.nodes[t.source].get("dead_letter") for t in graph.triggers):
            feeding += 1
            recognised += bool({m.id for m in review.patterns} & QUEUE_PATTERNS)
    return f"{feeding} templates, {recognised} recognised as a queue pattern"


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    if not folder.is_dir():
        print(f"no corpus at {folder}", file=sys.stderr)
        return 2
    files = sorted(p for p in folder.iterdir() if p.is_file())
    lint_seconds, review_seconds, reviews = measure(files)
    n = len(files)
    print(f"{n} templates from {folder}")
    print("CPU seconds of this process, files interleaved:")
    print(f"cfn-lint alone   {lint_seconds:7.1f} s  {n / lint_seconds:6.1f} templates/s")
    print(f"advisor review   {review_seconds:7.1f} s  {n / review_seconds:6.1f} templates/s")
    ratio = review_seconds / lint_seconds
    print(f"review / cfn-lint = {ratio:.2f}x (target <= 1.30x): {'ok' if ratio <= 1.3 else 'OVER TARGET'}")

    reviewed = [r for r in reviews if r.reviewed]
    partly = [r for r in reviewed if r.errors]
    print(f"\nreviewed {len(reviewed)} ({len(partly)} of them with an error such as a duplicate key), "
          f"could not review {n - len(reviewed)}")
    patterns = Counter()
    for r in reviews:
        patterns.update({m.id for m in r.patterns})
    print("\ntemplates containing each catalog pattern:")
    from advisor.review.patterns import catalog_topologies
    for topo in sorted(catalog_topologies(), key=lambda t: t.id):
        print(f"  {topo.id:<28} {patterns[topo.id]:4d}")
    print(f"\nqueue feeds a function (non-dead-letter queue as an SQS event source): "
          f"{_queue_pattern_recognition(files, reviews)}")
    per_rule = Counter((f.rule, f.name) for r in reviews for f in r.findings if f.rule.startswith("PA"))
    from advisor.review.registry import all_rules
    print("\nfindings per rule (templates with at least one):")
    for rule in all_rules():
        templates = sum(1 for r in reviews if any(f.rule == rule.id for f in r.findings))
        print(f"  {rule.id} {rule.name:<32} {per_rule[(rule.id, rule.name)]:5d}  ({templates} templates)")
    queues = sum(1 for r in reviews for f in r.findings if f.rule == "PA1001")
    with_queue = sum(1 for r in reviews if any(f.rule == "PA1001" for f in r.findings))
    print(f"\nqueues without alarms: {queues} (in {with_queue} templates)")
    cfn = sum(1 for r in reviews for f in r.findings if not f.rule.startswith("PA"))
    print(f"cfn-lint's own findings: {cfn}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
