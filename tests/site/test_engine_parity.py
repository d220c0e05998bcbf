"""The in-browser engine (site/javascripts/advisor-engine.js) against the Python engine, in
Chromium without building the site: the whole scenario table, and every workload with every
"don't need" answer and every key that does not apply (the property test's cases). Any
difference in any field of the JSON is a failure. The built page's own parity check is in
test_browser.py."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, load_scenarios, require
from site_support import CHROMIUM, CHROMIUM_ARGS, MISSING_CHROMIUM, chromium_available

ENGINE = ROOT / "site" / "javascripts" / "advisor-engine.js"


@pytest.fixture(scope="module")
def engine_page():
    require(chromium_available(), MISSING_CHROMIUM)
    from playwright.sync_api import sync_playwright

    from advisor.catalog.load import load_catalog
    from advisor.site.advisor_page import export

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content("<html><body></body></html>")
        page.add_script_tag(content=ENGINE.read_text(encoding="utf-8"))
        page.evaluate("data => { window.DATA = data; }", json.loads(export(load_catalog())))
        yield page
        browser.close()


def _cases() -> list[tuple[str, dict]]:
    from advisor.advise.rules import load_rules, parse_mapping
    from property_cases import property_cases

    rules = load_rules()
    cases = [(s["name"], parse_mapping(s["requirements"], rules, s["name"])) for s in load_scenarios()]
    return cases + property_cases(rules)


def test_browser_engine_returns_exactly_the_python_json(engine_page):
    from advisor.advise.engine import recommend
    from advisor.catalog.load import load_catalog

    catalog = load_catalog()
    cases = _cases()
    assert len(cases) > 150
    actual = engine_page.evaluate("cases => cases.map(req => PatternAdvisorEngine.recommend(DATA, req))",
                                  [json.loads(json.dumps(req)) for _, req in cases])
    for (name, req), got in zip(cases, actual):
        expected = json.loads(json.dumps(recommend(req, catalog).to_json()))
        assert got == expected, f"{name}: {req}"
