"""The engine's contracts a user meets directly: the cost step (issue 13's module, faked here),
requirement parsing (repeated keys, answer files with several errors, numbers echoed as typed),
and the answers to the stories the issue names."""

from __future__ import annotations

import json
import sys
import types
from dataclasses import dataclass

import pytest


@dataclass
class _Estimate:
    usd: float
    monthly_events: float
    default_volume: bool
    verification: str
    complete: bool = True
    unpriced: tuple = ()


@pytest.fixture
def fake_cost(monkeypatch):
    """advisor.cost.patterns with pattern_monthly_usd: $1 per million events per moving part, so
    bigger topologies cost more; the pattern's default volume is 1,000,000 events."""
    calls = []

    def pattern_monthly_usd(data: dict, monthly_events):
        calls.append(data["name"])
        volume = 1_000_000 if monthly_events is None else monthly_events
        return _Estimate(volume / 1_000_000 * len(data["topology"]["nodes"]), volume, monthly_events is None, "aws-page")

    module = types.ModuleType("advisor.cost.patterns")
    module.pattern_monthly_usd = pattern_monthly_usd
    monkeypatch.setitem(sys.modules, "advisor.cost.patterns", module)
    return calls


def test_cost_step_prices_only_patterns_still_in_the_running_and_rules_out_above_the_budget(run_cli, fake_cost):
    code, out, err = run_cli("recommend", "--json", "--require", "workload=messaging", "--require", "monthly_events=10000000",
                             "--require", "monthly_budget_usd=80")
    assert code == 0, err
    result = json.loads(out)
    assert len(fake_cost) == 9  # the nine messaging patterns, not the whole catalog
    by_id = {r["id"]: r for r in result["recommended"]}
    assert by_id["sqs-queue-lambda"]["monthly_usd"] == 40.0
    assert "sns-sqs-fanout" not in by_id
    reasons = {r["id"]: r["reasons"] for r in result["ruled_out"]}
    assert reasons["sns-sqs-fanout"] == [
        "monthly budget: about $100.00 a month at 10,000,000 events, above the budget of $80 (prices aws-page)"]
    scores = [r["score"] for r in result["recommended"]]
    assert scores == sorted(scores, reverse=True)
    assert any("costs about $70.00 a month, 1.8x the cheapest fit" in w for w in by_id["sns-lambda"]["why"][0:1])


def test_a_cost_with_unpriced_meters_is_a_lower_bound_and_says_which(run_cli):
    """The real cost model: SNS has no verified price yet, so sns-lambda's cost is "at least"."""
    code, out, err = run_cli("recommend", "--json", "--require", "workload=messaging", "--require", "monthly_events=50000000",
                             "--require", "monthly_budget_usd=20")
    assert code == 0, err
    result = json.loads(out)
    reasons = {r["id"]: r["reasons"] for r in result["ruled_out"]}
    assert reasons["sns-lambda"] == [
        "monthly budget: at least $26.67 a month at 50,000,000 events, above the budget of $20 (prices aws-page)"]
    first = result["recommended"][0]
    assert first["cost"]["complete"] is False and "dynamodb on_demand_write_request_units" in first["cost"]["unpriced"]
    code, out, _ = run_cli("recommend", "--require", "workload=messaging", "--require", "monthly_events=50000000")
    assert "at least $10.33/month, prices cross-checked; no verified price for " in out


def test_without_a_cost_key_the_cost_model_is_never_called(run_cli, fake_cost):
    code, out, _ = run_cli("recommend", "--json", "--require", "workload=messaging")
    assert code == 0
    assert fake_cost == []
    assert all(r["monthly_usd"] is None for r in json.loads(out)["recommended"])


def test_without_the_cost_model_the_cost_keys_are_noted_not_used(run_cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "advisor.cost.patterns", None)  # import fails
    code, out, _ = run_cli("recommend", "--json", "--require", "workload=messaging", "--require", "monthly_budget_usd=5")
    assert code == 0
    result = json.loads(out)
    assert result["notes"] == ["cost: the cost model is not installed; monthly_events and monthly_budget_usd were not used"]
    assert len(result["recommended"]) == 9


def test_a_repeated_require_key_is_a_usage_error_naming_both_values(run_cli):
    code, out, err = run_cli("recommend", "--require", "workload=messaging", "--require", "workload=http-api")
    assert (code, out) == (2, "")
    assert err == 'advisor: error: --require: "workload" given twice (workload=messaging and workload=http-api); give it once\n'


def test_an_answers_file_reports_every_problem_with_its_line_and_column(run_cli, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("workload: messaging\nordering: sorted\ncolour: blue\nmax_message_kb: big\n", encoding="utf-8")
    code, out, err = run_cli("recommend", "--answers", str(answers))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"advisor: error: {answers}: 3 problems:",
        f"{answers}:2:11: ordering: invalid value 'sorted'; allowed: none, per-key, strict",
        f'{answers}:3:1: unknown requirement "colour"; allowed: ' + err.split("allowed: ", 2)[2].splitlines()[0],
        f"{answers}:4:17: max_message_kb: invalid value 'big'; allowed: a whole number >= 1",
    ]


def test_numbers_are_echoed_as_typed(run_cli):
    code, out, _ = run_cli("recommend", "--require", "workload=workflow", "--require", "max_task_minutes=45")
    assert code == 0
    assert out.splitlines()[0] == "Requirements: workload=workflow, max_task_minutes=45"
    code, out, _ = run_cli("recommend", "--json", "--require", "workload=workflow", "--require", "max_task_minutes=0.5")
    assert json.loads(out)["requirements"]["max_task_minutes"] == 0.5


@pytest.mark.parametrize("requirements, top", [
    (["workload=http-api", "auth=none"], "http-api-lambda"),
    (["workload=scheduled-job", "human_approval=false"], "scheduled-lambda"),
    (["workload=http-api", "auth=iam", "custom_domain_https=false"], "http-api-lambda"),
    (["workload=messaging", "consumers=many", "max_message_kb=700", "write_rate_control=true"], "sns-sqs-fanout"),
])
def test_the_issues_stories_get_the_right_first_answer(run_cli, requirements, top):
    code, out, _ = run_cli("recommend", "--json", *sum((["--require", r] for r in requirements), []))
    assert code == 0
    assert json.loads(out)["recommended"][0]["id"] == top


def test_the_text_answer_says_why_the_first_beats_the_second(run_cli):
    code, out, _ = run_cli("recommend", "--require", "workload=http-api", "--require", "auth=iam")
    assert code == 0
    line = next(l for l in out.splitlines() if l.strip().startswith("over #2"))
    assert line.strip().startswith("over #2 rest-api-lambda-dynamodb (score +9): rest-api-lambda-dynamodb: AWS prefers http-api-lambda when both fit")
    assert "API features: none vs api-keys, usage-plans, request-validation, caching, waf" in line


def test_the_requirements_schema_documents_every_key_and_answer_of_the_rules():
    from advisor.advise.rules import load_rules
    from conftest import ROOT

    schema = json.loads((ROOT / "schemas" / "requirements.schema.json").read_text(encoding="utf-8"))
    rules = load_rules()
    assert list(schema["properties"]) == rules.keys
    for q in rules.questions:
        prop = schema["properties"][q["key"]]
        assert prop["description"], q["key"]
        if q["type"] == "enum":
            assert prop["enum"] == list(q["answers"]), q["key"]
        if q["type"] == "list":
            assert prop["items"]["enum"] == list(q["answers"]), q["key"]
        for answer in q.get("no_need", []):
            assert answer in prop["description"] or answer in schema["description"], (q["key"], answer)


def test_an_answers_file_with_values_of_the_wrong_shape_is_a_usage_error_not_a_traceback(run_cli, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("workload: [messaging]\nreplay: {a: 1}\n", encoding="utf-8")
    code, out, err = run_cli("recommend", "--answers", str(answers))
    assert (code, out) == (2, "")
    assert err.splitlines()[1:] == [
        f"{answers}:1:11: workload: invalid value ['messaging']; allowed: messaging, http-api, static-website, file-processing, "
        "change-data-capture, scheduled-job, workflow, webhook-ingestion, analytics, batch-job",
        f"{answers}:2:9: replay: invalid value {{'a': 1}}; allowed: true, false",
    ]


def test_a_tie_is_called_a_tie_not_passed_off_as_advice(run_cli):
    code, out, _ = run_cli("recommend", "--json", "--require", "workload=batch-job")
    first = json.loads(out)["recommended"][0]
    assert first["versus_next"]["score_difference"] == 0
    assert first["versus_next"]["differences"][0].startswith("same score, listed by id: the requirements given do not separate them")
    assert "latency: async vs batch" in first["versus_next"]["differences"]
