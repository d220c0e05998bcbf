"""The shared corpus of real-world templates: every one reviewed in one run, no crash, no hang."""

from __future__ import annotations

import time

from conftest import SHARED, require

CORPUS = SHARED / "corpus" / "serverless-patterns" / "templates"


def test_every_corpus_template_is_reviewed_or_gets_one_clear_error():
    require(CORPUS.is_dir(), f"the shared corpus is not at {CORPUS}")
    from advisor.review import engine
    from advisor.review.patterns import catalog_topologies
    from advisor.review.registry import all_rules

    files = sorted(str(p) for p in CORPUS.iterdir() if p.is_file())
    assert len(files) >= 500
    started = time.perf_counter()
    reviews = engine.review(files, catalog_topologies())
    elapsed = time.perf_counter() - started
    assert [r.file for r in reviews] == files
    for review in reviews:
        for error in review.errors:
            text = str(error)
            assert text.startswith(review.file) and "\n" not in text and "Traceback" not in text, text
    # a rule that crashes inside cfn-lint surfaces as an E0002 finding naming it; none may be ours
    ours = [rule.lint_id for rule in all_rules()]
    crashed = [(r.file, f.message) for r in reviews for f in r.findings
               if f.rule == "E0002" and any(lint_id in f.message for lint_id in ours)]
    assert crashed == []
    reviewed = sum(1 for r in reviews if not r.errors and not r.skipped)
    assert reviewed >= 450, f"only {reviewed} of {len(files)} templates were reviewed"
    assert elapsed < 300, f"the corpus took {elapsed:.0f}s"
