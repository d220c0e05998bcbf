"""Every review rule: its fixtures give exactly the findings they declare, at the declared lines;
its metadata is complete; it also runs inside cfn-lint via --append-rules."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from advisor.review import engine, kit
from advisor.review.registry import all_rules

from conftest import ROOT
RULES_DIR = ROOT / "advisor" / "review" / "rules"
FIXTURES = RULES_DIR / "fixtures"
EXPECT_INLINE = re.compile(r"#\s*expect:\s*(PA\d{4}(?:\s*,\s*PA\d{4})*)\s*$")
EXPECT_SIDECAR = re.compile(r"^(PA\d{4}) line (\d+)$")


PATTERN_RULE = "pattern-safeguard-missing"  # needs the catalog's patterns; the other rules' fixtures are reviewed without


def topologies_for(path: Path) -> list:
    from advisor.review.patterns import catalog_topologies

    return catalog_topologies() if path.parent.name == PATTERN_RULE else []


def fixture_files(kind: str) -> list[Path]:
    return sorted(p for p in FIXTURES.glob(f"*/{kind}*") if p.suffix in (".yaml", ".yml", ".json"))


def expected(path: Path) -> Counter:
    """(rule id, line) pairs a bad fixture declares: trailing '# expect: PA1001' or a .expect sidecar."""
    found: Counter = Counter()
    sidecar = path.with_name(path.name + ".expect")
    if sidecar.is_file():
        for line in sidecar.read_text().splitlines():
            match = EXPECT_SIDECAR.match(line.strip())
            assert match, f"{sidecar}: cannot read {line!r}"
            found[(match.group(1), int(match.group(2)))] += 1
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        match = EXPECT_INLINE.search(line)
        if match:
            for rule in match.group(1).split(","):
                found[(rule.strip(), number)] += 1
    return found


def our_findings(path: Path, declared: Counter) -> Counter:
    """Our findings on a fixture: every warning and error, and the notes (info) of the rules it declares;
    notes of other rules are left out (a fixture for one rule need not satisfy every info rule)."""
    review = engine.review_file(path, str(path), topologies_for(path))
    assert not review.errors, [str(e) for e in review.errors]
    rules = {rule for rule, _ in declared}
    return Counter((f.rule, f.line) for f in review.findings
                   if f.rule.startswith("PA") and (f.severity != "info" or f.rule in rules))


@pytest.mark.parametrize("path", fixture_files("bad"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bad_fixture_gives_exactly_the_declared_findings(path):
    declared = expected(path)
    assert declared, f"{path} declares no expected finding"
    assert our_findings(path, declared) == declared


@pytest.mark.parametrize("path", fixture_files("good"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_good_fixture_gives_no_finding_of_its_rule_and_no_lint_error(path):
    """A good fixture is quiet for its own rule and valid for cfn-lint; other rules may add notes
    (a fixture for throttling need not also carry alarms, tracing and log retention)."""
    review = engine.review_file(path, str(path), topologies_for(path))
    assert not review.errors
    own = next(r for r in all_rules() if r.name == path.parent.name)
    assert [(f.rule, f.line, f.message) for f in review.findings if f.rule == own.id] == []
    assert [(f.rule, f.line, f.message) for f in review.findings if not f.rule.startswith("PA")] == []


def test_bad_fixtures_exercise_their_own_rule():
    for path in fixture_files("bad"):
        rule = next(r for r in all_rules() if r.name == path.parent.name)
        assert rule.id in {r for r, _ in expected(path)}, f"{path} does not expect its own rule {rule.id}"


def test_rule_ids_names_and_cfn_lint_ids_are_unique_and_well_formed():
    rules = all_rules()
    assert len(rules) >= 12
    for attr in ("id", "name", "lint_id"):
        values = [getattr(r, attr) for r in rules]
        assert len(values) == len(set(values)), f"duplicate {attr}"
    for rule in rules:
        assert kit.ID_RE.match(rule.id), rule.id
        assert kit.NAME_RE.match(rule.name), rule.name
        assert re.fullmatch(r"[EWI]9\d{3}", rule.lint_id), rule.lint_id
        assert rule.severity in kit.SEVERITIES
        assert rule.title and rule.tags


def test_required_rules_exist():
    names = {r.name for r in all_rules()}
    assert {"queue-without-alarm", "async-without-dlq", "visibility-timeout-too-short", "push-to-rate-limited-sink",
            "function-invokes-function", "recursive-trigger", "iam-wildcard", "public-bucket",
            "stream-without-failure-handling", "api-without-auth", "unencrypted-data-store", "deprecated-runtime"} <= names


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.name)
def test_rule_has_why_fix_docs_and_fixtures(rule):
    assert len(rule.why) > 40 and len(rule.fix) > 20, rule.name
    assert re.match(r"https://docs\.aws\.amazon\.com/", rule.docs), rule.docs
    module_file = RULES_DIR / (rule.name.replace("-", "_") + ".py")
    assert module_file.is_file(), f"rule {rule.name} should live in {module_file.name}"
    folder = FIXTURES / rule.name
    assert list(folder.glob("good*")), f"no good fixture for {rule.name}"
    assert list(folder.glob("bad*")), f"no bad fixture for {rule.name}"


def test_cfn_lint_append_rules_loads_our_rules_and_finds_the_bad_fixtures_issues():
    bad = fixture_files("bad")
    cfn_lint = Path(sys.executable).parent / "cfn-lint"
    proc = subprocess.run([str(cfn_lint), "--append-rules", "advisor/review/rules",
                           "--include-checks", "I9", "--format", "parseable", "--", *map(str, bad)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    to_ours = {r.lint_id: r.id for r in all_rules()}
    got: dict[str, Counter] = {str(p): Counter() for p in bad}
    for line in proc.stdout.splitlines():
        file, lineno, _col, _eline, _ecol, rule_id, _message = line.split(":", 6)
        if rule_id in to_ours:
            got[file][(to_ours[rule_id], int(lineno))] += 1
    declared = {str(p): expected(p) for p in bad}
    # the same selection as our_findings: warnings, errors, and the notes of the rules a fixture declares
    info = {r.id for r in all_rules() if r.severity == "info"}
    got = {f: Counter({k: n for k, n in c.items() if k[0] not in info or k[0] in {r for r, _ in declared[f]}})
           for f, c in got.items()}
    assert got == declared
    assert "(PA1001 queue-without-alarm)" in proc.stdout  # our id and name travel with the message


CATALOG_TEMPLATES = sorted((ROOT / "patterns").glob("*/template.yaml"))


@pytest.mark.parametrize("template", CATALOG_TEMPLATES, ids=lambda p: p.parent.name)
def test_catalog_template_passes_review_with_nothing_above_info(template):
    from advisor.review.patterns import catalog_topologies

    review = engine.review_file(template, str(template.relative_to(ROOT)), catalog_topologies())
    assert not review.errors, [str(e) for e in review.errors]
    above_info = [f"{f.line}: {f.rule} {f.name}: {f.message}" for f in review.findings if f.severity != "info"]
    assert above_info == []
    assert any(m.id == template.parent.name for m in review.patterns) or not (template.parent / "pattern.yaml").is_file(), \
        f"{template.parent.name}'s own topology was not found in its template"
