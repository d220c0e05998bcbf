"""The generated site content, without a browser: decision graphs follow the rules and the traits,
the home page and the at-a-glance box say what the data says."""

from __future__ import annotations

import dataclasses

import pytest

from advisor.advise.engine import recommend
from advisor.advise.rules import load_rules
from advisor.catalog.load import load_catalog
from advisor.site import decision_graph, glance, home
from advisor.site.values import short_value


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _steps(workload, catalog, rules=None):
    rules = rules or load_rules()
    members = [p for p in sorted(catalog, key=lambda p: p.id) if workload in p.data["workloads"]]
    return decision_graph.steps_for(workload, catalog, rules, members)


def test_decision_graph_asks_in_the_order_of_advisor_ask(catalog):
    rules = load_rules()
    asked = [q["key"] for q in rules.questions if q["key"] != "workload"
             and (q["applies_to"] == "all" or "messaging" in q["applies_to"])]
    assert [s.question["key"] for s in _steps("messaging", catalog)] == asked
    reordered = dataclasses.replace(rules, questions=(rules.questions[0],) + tuple(reversed(rules.questions[1:])))
    assert [s.question["key"] for s in _steps("messaging", catalog, reordered)] == list(reversed(asked))


def test_every_enum_and_yes_no_outcome_is_what_the_engine_leaves(catalog):
    rules = load_rules()
    for workload in rules.question("workload")["answers"]:
        for step in _steps(workload, catalog):
            q = step.question
            for outcome in step.outcomes:
                if q["type"] not in ("enum", "boolean"):
                    continue
                for answer in outcome.answers:
                    value = {"yes": True, "no": False}.get(answer, answer) if q["type"] == "boolean" else answer
                    result = recommend({"workload": workload, q["key"]: value}, catalog, rules).to_json()
                    assert [(r["id"], bool(r["partial"])) for r in result["recommended"]] == outcome.left, (workload, q["key"], answer)


def test_numbers_are_cut_at_the_patterns_own_limits(catalog):
    step = next(s for s in _steps("messaging", catalog) if s.question["key"] == "max_message_kb")
    labels = [o.answers[0] for o in step.outcomes]
    assert labels[:2] == ["up to 256 KiB", "more than 256 KiB, up to 1 MiB"]
    left = dict(zip(labels, step.outcomes))
    # SNS carries 256 KiB by default and up to 1 MiB once the topic's setting is raised: in full, then partly
    assert dict(left["up to 256 KiB"].left)["sns-lambda"] is False
    assert dict(left["more than 256 KiB, up to 1 MiB"].left)["sns-lambda"] is True


def test_the_graph_changes_when_a_pattern_trait_does(fixture_pattern):
    def per_key_left(catalog_dir):
        catalog = load_catalog([str(catalog_dir)], include_bundled=False)
        step = next(s for s in _steps("messaging", catalog) if s.question["key"] == "ordering")
        return next(o.left for o in step.outcomes if "per-key" in o.answers)

    assert per_key_left(fixture_pattern()) == []
    edited = fixture_pattern("keyed-queue", edits={"pattern.yaml": {"ordering: {value: none": "ordering: {value: per-key"}})
    assert per_key_left(edited) == [("keyed-queue", False)]


def test_decision_graph_svg_names_and_links_every_pattern_of_the_workload(catalog):
    pages, svgs = decision_graph.pages(catalog, sorted(catalog, key=lambda p: p.id), load_rules())
    messaging = [p for p in catalog if "messaging" in p.data["workloads"]]
    assert len(messaging) >= 5
    for p in messaging:
        assert p.name.replace("&", "&amp;") in svgs["messaging"]
        assert f"{decision_graph.ROOT}patterns/{p.id}/" in svgs["messaging"]
    assert "<title>" not in svgs["messaging"] and ' id="dg-messaging-' in svgs["messaging"]
    assert "concepts/decisions/messaging.md" in pages and "[messaging](messaging.md)" in pages["concepts/decisions/index.md"]


def test_embedding_a_graph_points_links_at_the_site_root_and_rejects_unknown_workloads():
    svgs = {"messaging": f'<svg><a href="{decision_graph.ROOT}patterns/x/">x</a></svg>'}
    page = decision_graph.embed("Intro\n\n<!-- decision-graph: messaging -->\n", "concepts/choosing/", svgs, "concepts/choosing.md")
    assert 'href="../../patterns/x/"' in page and "(../concepts/decisions/messaging.md)" in page
    with pytest.raises(ValueError) as error:
        decision_graph.embed("<!-- decision-graph: queues -->", "a/", svgs, "concepts/a.md")
    assert str(error.value) == ("concepts/a.md: <!-- decision-graph: queues -->: no such workload with patterns; "
                                "expected one of: messaging")


@pytest.mark.parametrize("key,value,shown", [
    ("max_message_kb", 1024, "1 MiB"), ("max_message_kb", 256, "256 KiB"), ("max_message_kb", 48828125000, "50 TB"),
    ("max_task_minutes", 0.5, "30 s"), ("max_task_minutes", 15, "15 min"), ("max_task_minutes", 240, "4 h"),
    ("max_task_minutes", 525600, "365 days"), ("max_events_per_s", 3000, "3,000/s"), ("max_events_per_s", None, "no documented limit"),
    ("replay", True, "yes"), ("auth", ["cognito", "iam"], "cognito, iam")])
def test_trait_values_read_as_people_say_them(key, value, shown):
    assert short_value(key, value) == shown


def test_home_cards_show_what_sets_a_pattern_apart(catalog):
    patterns = sorted(catalog, key=lambda p: p.id)
    rules = load_rules()
    by_id = {p.id: p for p in patterns}
    assert "replay" in home.distinguishing_traits(by_id["kinesis-stream-lambda"], patterns, rules)
    assert "delivery" in home.distinguishing_traits(by_id["sqs-fifo-lambda"], patterns, rules)
    assert "human_approval" in home.distinguishing_traits(by_id["step-functions-workflow"], patterns, rules)
    page = home.home_page(patterns, rules, ["messaging"])
    for p in patterns:
        assert f"(assets/diagrams/{p.id}.svg)" in page and f'href="patterns/{p.id}/"' in page
    assert page.index("(advisor.md)") < page.index('class="pa-cards"') and page.index("(rules/index.md)") < page.index('class="pa-cards"')
    assert home.one_line("Write to S3 first, react second. Then more.") == "Write to S3 first, react second."


def test_glance_box_shows_binding_limits_alarms_and_leaves_out_a_cost_it_does_not_have(catalog):
    p = next(p for p in catalog if p.id == "sqs-queue-lambda")
    box = "\n".join(glance.glance_box(p, {"messaging": "../concepts/decisions/messaging.md"}))
    assert "| Max message | [Maximum message size](#limit-sqs-max-message-size) | 1 MiB |" in box
    assert f"**[Alarms shipped](#alarms-it-ships):** {len(p.data['operations']['alarms'])} (" in box
    assert "[messaging](../concepts/decisions/messaging.md)" in box
    assert ("**Cost:**" in box) == (glance.default_monthly_cost(p) is not None)
    if "cost" not in p.data:
        assert "**Cost:**" not in box


def test_a_question_the_graph_cannot_list_is_still_shown_in_its_place(catalog):
    rules = load_rules()
    budget = {"key": "monthly_budget_usd", "label": "budget", "question": "What may it cost a month?", "help": "",
              "type": "number", "minimum": 0, "applies_to": "all", "rule": {"kind": "budget"}}
    with_budget = dataclasses.replace(rules, questions=rules.questions + (budget,))
    steps = _steps("messaging", catalog, with_budget)
    assert steps[-1].question["key"] == "monthly_budget_usd" and steps[-1].outcomes == []
    names = {p.id: p.name for p in catalog}
    built_for = [p.id for p in catalog if "messaging" in p.data["workloads"]]
    assert "not drawn: answer it in the advisor" in decision_graph.render_svg("messaging", steps, names, built_for)
    assert decision_graph.as_table(steps, names, built_for, "../../")[-1].endswith("| any | not drawn: answer it in the advisor |")


def test_every_trait_the_schema_knows_has_a_label_on_the_site():
    """A trait added to the schema gets a human label, not its key, on every page and badge."""
    import json

    from advisor.site.pages import TRAIT_LABELS
    from conftest import ROOT

    schema = json.loads((ROOT / "schemas" / "pattern.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]["traits"]["properties"]) - set(TRAIT_LABELS) == set()
