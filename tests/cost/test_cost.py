"""The cost model reproduces AWS's own published worked pricing examples, and every price is sourced."""

from __future__ import annotations

import json

import pytest
import yaml

from advisor.cost.expr import ExprError, evaluate, parse
from advisor.cost.pricing import PRICING_DIR, price_list
from advisor.cost.services import CALCULATORS, cost_of_service

EXAMPLES = yaml.safe_load((PRICING_DIR / "worked_examples.yaml").read_text(encoding="utf-8"))


def test_lambda_matches_the_pricing_page_example(run_cli):
    """https://aws.amazon.com/lambda/pricing/ : 512 MB, 3M invocations of 1 s, free tier applied = $18.74.
    AWS rounds the GB-second rate to $0.00001667; at full precision the total is $18.73 (0.05% apart)."""
    code, out, _ = run_cli("cost", "--service", "lambda", "--set", "requests=3000000", "--set", "duration_ms=1000",
                           "--set", "memory_mb=512", "--set", "free_tier=true", "--json")
    assert code == 0
    result = json.loads(out)
    assert abs(result["monthly_usd"] - 18.74) / 18.74 < 0.01
    assert [l["meter"] for l in result["lines"]] == ["requests", "duration (x86_64, GB-seconds)"]
    assert result["lines"][0]["quantity"] == 2_000_000 and result["lines"][1]["quantity"] == 1_100_000
    assert set(result) == {"service", "inputs", "monthly_usd", "lines", "free_tier", "prices_as_of", "sources"}


def test_step_functions_matches_the_workshop_example():
    """AWS Step Functions workshop (aws-samples), module 13: (3 x 1000) x $0.000025 = $0.075, free tier not applied."""
    result = cost_of_service("stepfunctions", {"workflow_type": "standard", "transitions": 3000})
    assert abs(sum(l["usd"] for l in result["lines"]) - 0.075) < 0.075 * 0.01


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["title"][:60] for e in EXAMPLES])
def test_every_collected_worked_example_is_sourced(example):
    assert example["source"].startswith("https://") and example["quote"] and example["total_usd"] > 0


def test_free_tier_is_off_by_default():
    with_free = cost_of_service("lambda", {"requests": 1_000_000, "free_tier": True})
    without = cost_of_service("lambda", {"requests": 1_000_000})
    assert without["free_tier"] is False and without["monthly_usd"] > with_free["monthly_usd"]


def test_arm_duration_is_cheaper_than_x86():
    x86 = cost_of_service("lambda", {"requests": 1e7, "duration_ms": 200, "memory_mb": 1024})
    arm = cost_of_service("lambda", {"requests": 1e7, "duration_ms": 200, "memory_mb": 1024, "architecture": "arm64"})
    assert arm["monthly_usd"] < x86["monthly_usd"]


def test_http_api_bills_each_512_kb_as_a_request():
    small = cost_of_service("apigateway", {"api_type": "http", "requests": 1e6, "payload_kb": 100})
    large = cost_of_service("apigateway", {"api_type": "http", "requests": 1e6, "payload_kb": 700})
    assert large["lines"][0]["quantity"] == 2 * small["lines"][0]["quantity"]


def test_every_price_has_a_source_and_as_of_date():
    for path in sorted(PRICING_DIR.glob("*.yaml")):
        if path.stem == "worked_examples":
            continue
        prices = price_list(path.stem)  # schema-checked: source and as_of are required
        for meter in prices.meters.values():
            assert meter.source.startswith("https://"), f"{path.name}: {meter.id}"
            assert len(meter.as_of) == 10, f"{path.name}: {meter.id}"


def test_every_calculator_has_a_price_list():
    for service in CALCULATORS:
        assert price_list(service).meters


def test_usage_errors(run_cli):
    code, _, err = run_cli("cost", "--service", "lambda", "--set", "requests=lots")
    assert (code, err) == (2, "advisor: error: --set: requests: expected a number, got 'lots'\n")
    code, _, err = run_cli("cost", "--service", "lambda", "--set", "colour=red")
    assert code == 2 and err.startswith('advisor: error: --set: unknown input "colour" for lambda; inputs: requests,')
    code, _, err = run_cli("cost", "--service", "mainframe", "--set", "requests=1")
    assert code == 2 and err.startswith('advisor: error: unknown service "mainframe"; known: ')


def test_expression_language_is_arithmetic_only():
    assert evaluate(parse("ceil(events / batch) * max(1, ceil(kb / 64))"), {"events": 1e6, "batch": 10, "kb": 100}) == 200_000
    for bad, message in [("__import__('os')", "unexpected character \"'\""), ("a ** 2", "expected a number, a name or '('"),
                         ("open(1)", "unknown function open(); allowed: ceil, floor, min, max")]:
        with pytest.raises(ExprError, match=message.replace("(", r"\(").replace(")", r"\)")):
            parse(bad)
