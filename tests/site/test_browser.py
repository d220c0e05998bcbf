"""The docs site as a user meets it: Playwright driving Debian's Chromium against the built site
served on 127.0.0.1. Every request must stay on the site's own origin."""

from __future__ import annotations

import json

import pytest

from conftest import require
from site_support import CHROMIUM, CHROMIUM_ARGS, MISSING_CHROMIUM, artifacts_dir, build_site, chromium_available, serve


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require(chromium_available(), MISSING_CHROMIUM)
    output = build_site(tmp_path_factory.mktemp("site") / "site")
    with serve(output) as origin:
        yield origin


@pytest.fixture(scope="module")
def browser():
    require(chromium_available(), MISSING_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.requests = requests
    yield page
    outside = [u for u in requests if not (u.startswith(site + "/") or u.startswith(("data:", "blob:")))]
    context.close()
    assert outside == [], f"requests left the site's origin: {outside}"


def test_home_page_renders(page, site):
    page.goto(site + "/")
    assert page.title().startswith("Pattern Advisor")
    page.screenshot(path=str(artifacts_dir() / "home.png"), full_page=True)


def test_search_kinesis_and_open_the_result(page, site):
    page.goto(site + "/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("kinesis", delay=30)  # the theme's search reacts to key presses, as for a user
    result = page.locator(".md-search-result__link", has_text="Kinesis").first
    result.wait_for(timeout=10_000)
    result.click()
    page.wait_for_load_state()
    assert "kinesis-stream-lambda" in page.url
    assert "Kinesis" in page.locator("h1").inner_text()


def test_pattern_page_shows_diagram_tabs_and_copies_the_template(page, site):
    page.goto(site + "/patterns/sqs-queue-lambda/")
    svg = page.locator(".pa-diagram svg")
    assert svg.count() == 1 and svg.is_visible()
    assert "triggers" in svg.text_content()
    tabs = page.locator(".tabbed-labels label")
    labels = [tabs.nth(i).inner_text() for i in range(tabs.count())]
    assert "template.yaml" in labels and any(l.startswith("src/") for l in labels)
    page.locator(".tabbed-labels label", has_text="template.yaml").click()
    block = page.locator(".tabbed-block").filter(has=page.locator("code")).first
    block.hover()
    block.locator("button[title='Copy to clipboard']").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("AWSTemplateFormatVersion") and "Transform: AWS::Serverless-2016-10-31" in copied
    assert "advisor init sqs-queue-lambda my-service" in page.locator("body").inner_text()
    page.screenshot(path=str(artifacts_dir() / "pattern-page.png"), full_page=True)


UI_SCENARIOS = [
    ({"workload": "messaging", "write_rate_control": "true", "consumers": "one"}, "sqs-queue-lambda"),
    ({"workload": "static-website", "custom_domain_https": "true"}, "s3-cloudfront-spa"),
    ({"workload": "messaging", "ordering": "per-key", "replay": "true"}, "kinesis-stream-lambda"),
]


@pytest.mark.parametrize("answers,top", UI_SCENARIOS, ids=[s[1] for s in UI_SCENARIOS])
def test_advisor_page_answers_questions_like_a_user(page, site, answers, top):
    page.goto(site + "/advisor/")
    page.locator("#pa-form").wait_for()
    for key, value in answers.items():
        page.select_option(f'[data-key="{key}"]', value)
    page.click("#pa-submit")
    first = page.locator(".pa-recommended > li").first
    first.wait_for()
    assert first.get_attribute("data-id") == top
    assert page.locator(".pa-ruled-out > li").count() >= 1
    if top == "sqs-queue-lambda":
        page.screenshot(path=str(artifacts_dir() / "advisor-page.png"), full_page=True)


def test_page_and_cli_agree_on_every_scenario(page, site):
    """Parity: the page's script and `advisor recommend` give identical results for the whole scenario table."""
    from advisor.catalog.load import load_catalog
    from advisor.advise.engine import recommend
    from advisor.advise.rules import load_rules, parse_mapping
    from conftest import load_scenarios

    SCENARIOS = load_scenarios()

    page.goto(site + "/advisor/")
    page.wait_for_function("window.PatternAdvisor && window.PatternAdvisor.data")
    catalog, rules = load_catalog(), load_rules()
    for scenario in SCENARIOS:
        requirements = parse_mapping(scenario["requirements"], rules, scenario["name"])
        expected = recommend(requirements, catalog, rules).to_json()
        actual = page.evaluate("req => PatternAdvisor.recommend(PatternAdvisor.data, req)", json.loads(json.dumps(requirements)))
        assert actual == expected, scenario["name"]
