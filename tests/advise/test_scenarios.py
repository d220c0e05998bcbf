"""The advisor's scenario table (tests/advise/scenarios.yaml): each scenario cites the AWS guidance
it comes from and states the top recommendation and the patterns that must be ruled out, with a
phrase that must appear in the reason. Run through `advisor recommend --json`, as a user would."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, load_scenarios

SCENARIOS = load_scenarios()


def _recommend(run_cli, requirements: dict) -> dict:
    args = []
    for key, value in requirements.items():
        text = (",".join(value) or "none") if isinstance(value, list) else (str(value).lower() if isinstance(value, bool) else str(value))
        args += ["--require", f"{key}={text}"]
    code, out, err = run_cli("recommend", "--json", *args)
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario(run_cli, scenario):
    result = _recommend(run_cli, scenario["requirements"])
    recommended = [r["id"] for r in result["recommended"]]
    ruled_out = {r["id"]: r["reasons"] for r in result["ruled_out"]}
    if scenario.get("top"):
        assert recommended and recommended[0] == scenario["top"], f"expected {scenario['top']} first, got {recommended}"
    else:
        assert recommended == [], f"expected nothing to fit, got {recommended}"
    compositions = [c["id"] for c in result["compositions"]]
    if scenario.get("composition"):
        assert compositions and compositions[0] == scenario["composition"], f"expected {scenario['composition']}, got {compositions}"
    for phrase in scenario.get("notes_contain", []):
        assert any(phrase in n for n in result["notes"]), f"no note contains {phrase!r}: {result['notes']}"
    for pid, phrase in (scenario.get("ruled_out") or {}).items():
        assert pid in ruled_out, f"{pid} should be ruled out"
        assert any(phrase in reason for reason in ruled_out[pid]), f"{pid}: no reason contains {phrase!r}: {ruled_out[pid]}"
    for phrase in scenario.get("conflicts_contain", []):
        assert any(phrase in c for c in result["conflicts"]), f"no conflict contains {phrase!r}: {result['conflicts']}"


def test_scenarios_cite_their_source_and_are_enough():
    from advisor.advise.checks import no_need
    from advisor.advise.rules import load_rules

    rules = load_rules()
    assert len(SCENARIOS) >= 90
    negative = [s for s in SCENARIOS if any(k != "workload" and no_need(rules.question(k), v) for k, v in s["requirements"].items())]
    assert len(negative) >= 20, "scenarios with a \"don't need\" answer"
    outside = [s for s in SCENARIOS if not s.get("top") and any("outside this catalog" in c for c in s.get("conflicts_contain", []))]
    assert len(outside) >= 10, "scenarios the catalog cannot serve, answered with a pointer"
    names = [s["name"] for s in SCENARIOS]
    assert len(names) == len(set(names)), "scenario names must be unique"
    for s in SCENARIOS:
        assert s["source"].startswith("https://"), s["name"]


def test_every_pattern_is_evaluated_exactly_once_and_never_recommended_against_a_requirement(run_cli):
    from advisor.catalog.load import load_catalog
    from advisor.advise.checks import FAILS, applies
    from advisor.advise.engine import check
    from advisor.advise.rules import load_rules, parse_mapping

    catalog, rules = load_catalog(), load_rules()
    for scenario in SCENARIOS:
        result = _recommend(run_cli, scenario["requirements"])
        ids = [r["id"] for r in result["recommended"]] + [r["id"] for r in result["ruled_out"]]
        assert sorted(ids) == sorted(catalog.ids()), scenario["name"]
        requirements = parse_mapping(scenario["requirements"], rules, scenario["name"])
        decided = {k: v for k, v in requirements.items() if applies(rules.question(k), requirements.get("workload"))
                   and rules.question(k)["rule"]["kind"] not in ("cost", "budget")}
        for rec in result["recommended"]:
            for key, value in decided.items():
                status, reason = check(rules.question(key), value, catalog.get(rec["id"]).data, decided)
                assert status != FAILS, f"{scenario['name']}: {rec['id']} recommended although {reason}"
        for out in result["ruled_out"]:
            assert out["reasons"], f"{scenario['name']}: {out['id']} ruled out without a reason"


def test_unknown_key_and_value_are_usage_errors(run_cli):
    code, _, err = run_cli("recommend", "--require", "colour=blue")
    assert code == 2
    assert err.startswith('advisor: error: --require: unknown requirement "colour"; allowed: workload, interaction, protocol, latency, ordering,')
    code, _, err = run_cli("recommend", "--require", "ordering=sorted")
    assert code == 2
    assert err == "advisor: error: --require: ordering: invalid value 'sorted'; allowed: none, per-key, strict\n"
    code, _, err = run_cli("recommend", "--require", "max_message_kb=big")
    assert code == 2
    assert err == "advisor: error: --require: max_message_kb: invalid value 'big'; allowed: a whole number >= 1\n"


def test_every_pattern_is_the_answer_somewhere_or_says_why_not():
    from advisor.catalog.load import load_catalog

    catalog = load_catalog()
    tops = {s["top"] for s in SCENARIOS if s.get("top")}
    unexplained = [p.id for p in catalog if p.id not in tops and not p.data.get("never_first_choice")]
    assert unexplained == [], f"no scenario has these as the answer, and their data does not say why: {unexplained}"
    never = [p.id for p in catalog if p.data.get("never_first_choice")]
    assert sorted(never) == ["lambda-direct-fanout", "recursive-lambda-chunked"]


def test_the_text_answer_repeats_the_requirements_as_they_are_typed(run_cli):
    code, out, _ = run_cli("recommend", "--require", "workload=messaging", "--require", "write_rate_control=yes",
                           "--require", "api_features=waf,caching", "--require", "max_message_kb=2_000")
    assert code == 0
    assert out.splitlines()[0] == "Requirements: workload=messaging, write_rate_control=true, api_features=caching,waf, max_message_kb=2000"
