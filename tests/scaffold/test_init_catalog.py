"""Every pattern, copied into a project with non-default parameters, is still correct:
cfn-lint passes, the moto deploy and end-to-end check pass, and `advisor review` finds nothing
above info. (The project's own tests run in a fresh environment in test_fresh_install.py.)"""

from __future__ import annotations

import json
import shutil

import pytest

from advisor.catalog.load import load_catalog
from advisor.scaffold.params import secret_names
from advisor.scaffold.project import parameters, plan_project, resolve_params, write_project
from advisor.verify.pipeline import FAIL, validate_pattern

CATALOG = load_catalog()


def non_default_values(pattern) -> dict[str, str]:
    values = {}
    for p in parameters(pattern):
        if p.name == "ServiceName":
            values[p.name] = "acme-" + pattern.id.split("-")[0][:8]
        elif p.name == "Runtime":
            values[p.name] = "python3.12"
        elif p.name == "MemorySize":
            values[p.name] = "1024"
    return values


@pytest.mark.parametrize("pattern_id", CATALOG.ids())
def test_generated_project_stays_correct(pattern_id, tmp_path):
    from advisor.cfn.lint import lint_text

    pattern = CATALOG.get(pattern_id)
    values = resolve_params(pattern, non_default_values(pattern))
    project = tmp_path / pattern_id
    write_project(plan_project(pattern, values), project)

    template = (project / "template.yaml").read_text(encoding="utf-8")
    findings = [f.describe("template.yaml") for f in lint_text(template) if f.severity in ("error", "warning")]
    assert findings == []

    # The moto deploy and end-to-end check of the catalog, run on the generated project.
    shutil.copy(pattern.pattern_file, project / "pattern.yaml")
    (project / ".pattern-advisor.json").unlink()
    from advisor.catalog.load import load_pattern

    generated, errors = load_pattern(project)
    assert errors == []
    # Secret defaults were stripped from the copy; the offline run supplies the pattern's test
    # values, as a deploy supplies the real ones from the environment.
    specs = pattern.template.data.get("Parameters") or {}
    offline = generated.data["verification"].setdefault("parameters", {})
    for name in secret_names(pattern):
        if "Default" in specs[name]:
            offline.setdefault(name, specs[name]["Default"])
    report = validate_pattern(generated, CATALOG, lambda *a: None)
    failed = {s.step: s.problems for s in report.steps.values() if s.status == FAIL}
    assert not failed, json.dumps(failed, indent=1)

    from advisor.review.engine import review
    from advisor.review.patterns import catalog_topologies

    reviews = review([str(project / "template.yaml")], catalog_topologies(None), [])
    above_info = [f"{f.rule} {f.resource}: {f.message}" for r in reviews for f in r.findings if f.severity != "info"]
    assert above_info == []
