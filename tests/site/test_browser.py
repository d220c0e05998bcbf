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


# ---- issue 18: the site as the place an architect looks first -----------------------------------

def _catalog():
    from advisor.catalog.load import load_catalog

    return sorted(load_catalog(), key=lambda p: p.id)


def test_home_page_shows_every_pattern_card_with_its_diagram_and_the_entry_points_above_the_fold(page, site):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(site + "/")
    for p in _catalog():
        card = page.locator(f'.pa-card[data-id="{p.id}"]')
        assert card.count() == 1, p.id
        image = card.locator("img.pa-card__diagram")
        assert image.get_attribute("src").endswith(f"assets/diagrams/{p.id}.svg")
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        assert card.locator(".pa-badge").count() == 3
        assert p.name in card.get_by_role("heading").inner_text()
    page.evaluate("window.scrollTo(0, 0)")
    for name in ("Ask the advisor", "Review your template"):
        box = page.get_by_role("link", name=name).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 900, name
    page.locator('.pa-card[data-id="sqs-fifo-lambda"] .pa-card__title a').click()
    page.wait_for_load_state()
    assert page.url.endswith("/patterns/sqs-fifo-lambda/")


def test_comparison_table_fits_1400_pixels_with_names_on_one_line_and_a_sticky_header(page, site):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(site + "/compare/")
    table = page.locator(".pa-wide table")
    fits = table.evaluate("t => [t.scrollWidth, t.clientWidth]")
    assert fits[0] <= fits[1], f"the table scrolls sideways at 1400 px: {fits}"
    assert page.locator(".md-sidebar--secondary").first.is_hidden() or page.locator(".md-sidebar--secondary .md-nav__link").count() == 0
    names = table.locator("tbody td:first-child a")
    assert names.count() == len(_catalog())
    for i in range(names.count()):
        lines = names.nth(i).evaluate("a => a.getClientRects().length")
        assert lines == 1, f"{names.nth(i).inner_text()} wraps"
    assert "SQS FIFO queue" in table.inner_text() and "sqs-fifo-lambda" not in table.inner_text()
    header = table.locator("thead th").first
    before = header.bounding_box()["y"]
    table.evaluate("t => t.scrollTop = 400")
    assert abs(header.bounding_box()["y"] - before) < 2, "the header row scrolled away"


def test_decision_graph_for_messaging_names_every_messaging_pattern_and_links_to_them(page, site):
    page.goto(site + "/concepts/choosing-a-messaging-service/")
    graph = page.locator(".pa-decision svg")
    assert graph.count() == 1
    text = " ".join(" ".join(graph.locator("text").all_text_contents()).split())
    messaging = [p for p in _catalog() if "messaging" in p.data["workloads"]]
    for p in messaging:
        assert p.name in text, p.id
    assert "In what order must consumers see the events?" in text
    graph.locator("a", has_text="SQS FIFO queue").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/patterns/sqs-fifo-lambda/")
    page.locator(".pa-glance a", has_text="messaging").click()  # and back from the pattern to its graph
    page.wait_for_load_state()
    assert page.url.endswith("/concepts/decisions/messaging/") and page.locator(".pa-decision svg").count() == 1


SHARED = [
    ("#workload=messaging&ordering=per-key&replay=true&max_message_kb=512&peak_events_per_s=5000",
     ["workload=messaging", "ordering=per-key", "replay=true", "max_message_kb=512", "peak_events_per_s=5000"]),
    ("#workload=http-api&auth=jwt&api_features=waf%2Ccaching&custom_domain_https=true",
     ["workload=http-api", "auth=jwt", "api_features=waf,caching", "custom_domain_https=true"]),
]


@pytest.mark.parametrize("fragment,pairs", SHARED, ids=["messaging", "http-api"])
def test_a_shared_url_restores_the_answers_and_gives_what_advisor_recommend_gives(page, site, capsys, fragment, pairs):
    from advisor.cli.main import main

    page.goto(site + "/advisor/" + fragment)
    page.wait_for_function("window.PatternAdvisor && window.PatternAdvisor.lastResult")
    for key, value in (p.split("=", 1) for p in pairs):
        node = page.locator(f'[data-key="{key}"]')
        if key == "api_features":
            checked = node.locator("input:checked").evaluate_all("cs => cs.map(c => c.value)")
            assert sorted(checked) == sorted(value.split(","))
        else:
            assert node.input_value() == value, key
    capsys.readouterr()
    assert main(["recommend", "--json"] + [a for p in pairs for a in ("--require", p)]) == 0
    expected = json.loads(capsys.readouterr().out)
    assert page.evaluate("PatternAdvisor.lastResult") == expected
    top = expected["recommended"][0]["id"] if expected["recommended"] else None
    if top:
        assert page.locator(".pa-recommended > li").first.get_attribute("data-id") == top


def test_changing_an_answer_updates_the_shareable_url_and_the_answer_beside_the_form(page, site):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(site + "/advisor/")
    page.locator("#pa-form").wait_for()
    page.select_option('[data-key="workload"]', "messaging")
    page.select_option('[data-key="delivery"]', "exactly-once")
    assert page.evaluate("location.hash") == "#workload=messaging&delivery=exactly-once"
    first = page.locator(".pa-recommended > li").first
    assert first.get_attribute("data-id") == "sqs-fifo-lambda"
    form, result = page.locator("#pa-form").bounding_box(), page.locator("#pa-result").bounding_box()
    assert result["x"] > form["x"] + form["width"] - 1 and result["y"] < 900, "the answer is not beside the form"
    assert page.locator('[data-question="auth"]').is_hidden()  # not asked for messaging, as in `advisor ask`
    help_text = page.locator("#pa-q-delivery-help").inner_text()
    from advisor.advise.rules import load_rules

    assert help_text == load_rules().question("delivery")["help"]


def test_each_reason_links_to_the_trait_or_limit_row_it_comes_from(page, site):
    page.goto(site + "/advisor/#workload=messaging&ordering=per-key&peak_events_per_s=5000")
    page.wait_for_function("window.PatternAdvisor && window.PatternAdvisor.lastResult")
    fifo = page.locator('.pa-ruled-out > li[data-id="sqs-fifo-lambda"]')
    rate = fifo.locator("a", has_text="peak rate")
    href = rate.get_attribute("href")
    fifo_data = next(p for p in _catalog() if p.id == "sqs-fifo-lambda").data
    assert href == f"../patterns/sqs-fifo-lambda/#limit-{fifo_data['traits']['max_events_per_s']['limit']}"
    ordering = page.locator('.pa-ruled-out > li[data-id="sqs-queue-lambda"] a', has_text="ordering")
    assert ordering.get_attribute("href") == "../patterns/sqs-queue-lambda/#trait-ordering"
    rate.click()
    page.wait_for_load_state()
    target = page.locator(":target")
    assert target.count() == 1 and target.evaluate("t => t.closest('tr') !== null")
    assert target.evaluate("t => t.closest('tr').getBoundingClientRect().top") >= 0


def test_fields_a_newer_engine_adds_are_shown_not_dropped(page, site):
    """Issue 12 and 13 add fields to each result (monthly_usd, versus_next...): the page shows them as they come."""
    page.goto(site + "/advisor/#workload=messaging")
    page.wait_for_function("window.PatternAdvisor && window.PatternAdvisor.lastResult")
    page.evaluate("""() => {
        const r = structuredClone(PatternAdvisor.lastResult);
        r.recommended[0].monthly_usd = 12.5;
        r.recommended[0].versus_next = "orders per key where the next does not";
        r.recommended[0].compositions = [{"with": "s3-claim-check"}];
        PatternAdvisor.render(document.getElementById("pa-result"), r, PatternAdvisor.data);
    }""")
    extra = page.locator(".pa-recommended > li").first.locator(".pa-extra").inner_text()
    assert "monthly usd: $12.50 a month" in extra and "versus next: orders per key" in extra and "s3-claim-check" in extra


def test_the_advisor_works_from_the_keyboard(page, site):
    page.goto(site + "/advisor/")
    page.locator("#pa-form").wait_for()
    page.focus("#pa-q-workload")
    page.keyboard.press("ArrowDown")  # the first workload
    page.locator(".pa-recommended > li").first.wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "pa-q-protocol"  # ask's order: protocol right after the workload


PAGE_KINDS = {  # one page of each kind the site has
    "home": "/", "pattern": "/patterns/kinesis-stream-lambda/", "patterns-index": "/patterns/",
    "compare": "/compare/", "versus": "/compare/sqs-vs-sns-vs-kinesis-vs-eventbridge/",
    "concept": "/concepts/choosing-a-messaging-service/", "decision-graph": "/concepts/decisions/batch-job/",
    "advisor": "/advisor/#workload=messaging&ordering=per-key&replay=true", "rules": "/rules/", "rule": "/rules/async-without-dlq/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_every_kind_of_page_passes_axe_and_is_screenshot_wide_and_on_a_phone(browser, site, kind, scheme):
    from site_support import serious_axe_violations

    require(__import__("site_support").axe_source() is not None, "axe-core (dev dependency axe-playwright-python) is not installed")
    for width, height in ((1400, 900), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        page = context.new_page()
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((site + "/", "data:", "blob:")) else None)
        page.goto(site + PAGE_KINDS[kind])
        page.wait_for_load_state("networkidle")
        if kind == "advisor":
            page.wait_for_function("window.PatternAdvisor && window.PatternAdvisor.lastResult")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
        page.screenshot(path=str(artifacts_dir() / f"{kind}-{width}-{scheme}.png"), full_page=kind != "pattern")
        if width == 1400:
            assert serious_axe_violations(page) == []
        context.close()
        assert outside == [], f"requests left the site's origin: {outside}"
