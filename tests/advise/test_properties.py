"""Properties of the advisor over every workload, not just the scenario table:
- adding a "don't need" answer, or a key that does not apply to the workload, never removes a
  recommended pattern (on every workload alone and on every scenario of the table);
- a key that does not apply is reported as ignored, in one line;
- every reason line for a "don't need" answer states the pattern's own value and "not needed";
- the printed score never contradicts the order, and each answer says why it beats the next."""

from __future__ import annotations

import pytest

from conftest import load_scenarios
from property_cases import demanding_answer, negative_answers, property_cases


@pytest.fixture(scope="module")
def engine():
    from advisor.advise.engine import recommend
    from advisor.advise.rules import load_rules
    from advisor.catalog.load import load_catalog

    catalog, rules = load_catalog(), load_rules()
    return (lambda req: recommend(req, catalog, rules).to_json()), rules, catalog


def _bases(rules):
    from advisor.advise.rules import parse_mapping

    bases = [(w, {"workload": w}) for w in rules.question("workload")["answers"]]
    return bases + [(s["name"], parse_mapping(s["requirements"], rules, s["name"])) for s in load_scenarios()
                    if s["requirements"].get("workload")]


def _additions(rules, workload):
    """(key, value, applies) for every negative answer and every key that does not apply."""
    for q in rules.questions:
        if q["key"] == "workload" or q["rule"]["kind"] in ("cost", "budget"):
            continue
        if q["applies_to"] == "all" or workload in q["applies_to"]:
            for answer in negative_answers(q):
                yield q["key"], answer, True
        else:
            yield q["key"], demanding_answer(q), False


def test_no_dont_need_answer_or_inapplicable_key_removes_a_recommended_pattern(engine):
    recommend, rules, _ = engine
    checked = 0
    for name, base in _bases(rules):
        before = {r["id"] for r in recommend(base)["recommended"]}
        for key, value, applies in _additions(rules, base["workload"]):
            if key in base:
                continue
            after = recommend({**base, key: value})
            lost = before - {r["id"] for r in after["recommended"]}
            assert not lost, f"{name}: adding {key}={value!r} removed {sorted(lost)}"
            if not applies:
                assert f"{key} does not apply to {base['workload']}; ignored" in after["notes"], (name, key)
            checked += 1
    assert checked > 600


def test_a_dont_need_line_states_the_patterns_own_value(engine):
    recommend, rules, catalog = engine
    for name, req in property_cases(rules):
        extra = [k for k in req if k != "workload"]
        if not extra or rules.question(extra[0])["type"] != "boolean" or req[extra[0]] is not False:
            continue
        q = rules.question(extra[0])
        result = recommend(req)
        for rec in result["recommended"]:
            trait = catalog.get(rec["id"]).data["traits"].get(q["rule"]["trait"])
            offered = bool(trait and trait["value"])
            expected = f"{q['label']}: {'offered' if offered else 'not offered'} (not needed: you answered no)"
            assert expected in rec["why"], f"{name}: {rec['id']}: {rec['why']}"


def test_scores_agree_with_the_order_and_each_answer_says_why_it_beats_the_next(engine):
    recommend, rules, _ = engine
    for name, req in _bases(rules) + property_cases(rules):
        recommended = recommend(req)["recommended"]
        scores = [r["score"] for r in recommended]
        assert scores == sorted(scores, reverse=True), f"{name}: {scores}"
        for first, second in zip(recommended[:10], recommended[1:]):
            assert first["versus_next"]["id"] == second["id"]
            assert first["versus_next"]["score_difference"] == first["score"] - second["score"]
            assert first["versus_next"]["differences"], name
            assert first["why"][0].startswith(f"Ranked {recommended.index(first) + 1} of {len(recommended)}, score {first['score']}:")
        for rest in recommended[10:] + recommended[-1:]:
            assert rest["versus_next"] is None
