"""The review rules travel with the project: whatever is in advisor/review/rules is copied, with
the advisor modules it imports, renamed so the copy needs no Pattern Advisor."""

from __future__ import annotations

import re

import pytest

from advisor.scaffold import review_rules


@pytest.fixture
def rules_dir(tmp_path, monkeypatch):
    """A copy of the rules folder that a test may add to."""
    import shutil

    folder = tmp_path / "rules"
    shutil.copytree(review_rules.RULES_DIR, folder, ignore=shutil.ignore_patterns("fixtures", "__pycache__"))
    monkeypatch.setattr(review_rules, "RULES_DIR", folder)
    review_rules.closure.cache_clear()
    review_rules._closure_of.cache_clear()
    yield folder
    review_rules.closure.cache_clear()
    review_rules._closure_of.cache_clear()


def test_every_rule_module_is_copied_with_its_imports_renamed():
    files = review_rules.files()
    expected = {f"architecture-review/rules/{p.name}" for p in review_rules.RULES_DIR.glob("[a-z]*.py")
                if p.name != "pattern_safeguard_missing.py"}
    assert {rel for rel in files if rel.startswith("architecture-review/rules/")} == expected
    assert not any("/catalog/" in rel for rel in files)  # the catalog does not travel


def test_a_rule_that_needs_the_catalog_stays_behind_and_the_readme_says_so(rules_dir):
    (rules_dir / "compares_with_patterns.py").write_text("from advisor.review.patterns import matches_for\n")
    files = review_rules.files()
    assert "architecture-review/rules/compares_with_patterns.py" not in files
    assert ("Left with Pattern Advisor, because they compare the template with its catalog of patterns: "
            "compares-with-patterns, pattern-safeguard-missing; run `advisor review template.yaml` for those."
            in files["architecture-review/README.md"].decode())
    assert "architecture-review/pattern_advisor_review/review/kit.py" in files
    assert "architecture-review/pattern_advisor_review/cfn/template_graph.py" in files
    left = [f"{rel}: {line}" for rel, body in files.items() if rel.endswith(".py")
            for line in body.decode().splitlines() if re.match(r"\s*(from|import)\s+advisor\b", line)]
    assert left == []


def test_a_new_rule_is_copied_without_changing_init(rules_dir):
    (rules_dir / "lambda_without_timeout.py").write_text(
        '"""A new rule.\n\nWhy: x\n\nFix: y\n"""\n\nfrom advisor.review import kit\nfrom advisor.review.iam import as_list\n')
    files = review_rules.files()
    assert files["architecture-review/rules/lambda_without_timeout.py"].decode().endswith(
        "from pattern_advisor_review.review import kit\nfrom pattern_advisor_review.review.iam import as_list\n")


def test_a_rule_needing_an_unknown_package_is_a_clear_error(rules_dir):
    from advisor.errors import AdvisorError

    (rules_dir / "fancy.py").write_text("import jmespath\n")
    with pytest.raises(AdvisorError) as caught:
        review_rules.files()
    assert str(caught.value) == ("review rules import jmespath, which init does not know how to install; "
                                 "add it to advisor/scaffold/requirements-dev.txt and IMPORT_TO_DIST")


def test_the_copy_records_its_version_and_every_third_party_import_is_pinned():
    from advisor.scaffold.project_files import requirements

    files = review_rules.files()
    pyproject = files["architecture-review/pyproject.toml"].decode()
    assert f'version = "{review_rules.advisor_version()}"' in pyproject
    assert f"Copied by `advisor init` from Pattern Advisor {review_rules.advisor_version()} (copy `" in \
        files["architecture-review/README.md"].decode()
    pins = requirements()
    for module in review_rules.closure()[1]:
        assert re.search(rf"^{re.escape(review_rules.IMPORT_TO_DIST[module])}(\[[^\]]*\])?==", pins, re.M), module


def test_pins_match_the_versions_this_project_is_tested_with():
    """A pin that drifts from what the rules are tested against would ship untested combinations."""
    from importlib.metadata import version

    from advisor.scaffold.project_files import requirements

    pins = re.findall(r"^([a-z0-9-]+)(?:\[[^\]]*\])?==(\S+)$", requirements(), re.M)
    assert pins and {name: v for name, v in pins} == {name: version(name) for name, _ in pins}
