"""Service calculators: AWS's published worked examples reproduced, real input bounds, and no
input silently ignored (the bugs a new user hit)."""

from __future__ import annotations

import json

import pytest
import yaml

from advisor.cost.calculators import CALCULATORS, cost_of_service, money
from advisor.cost.pricing import PRICING_DIR

EXAMPLES = yaml.safe_load((PRICING_DIR / "worked_examples.yaml").read_text(encoding="utf-8"))


def _within_1_percent(actual: float, expected: float) -> bool:
    return abs(actual - expected) <= 0.01 * expected if expected else actual == 0


def test_lambda_matches_the_pricing_page_example(run_cli):
    """https://aws.amazon.com/lambda/pricing/ : 512 MB, 3M invocations of 1 s, free tier applied = $18.74.
    AWS rounds the GB-second rate to $0.00001667; at full precision the total is $18.73 (0.05% apart)."""
    code, out, _ = run_cli("cost", "--service", "lambda", "--set", "requests=3000000", "--set", "duration_ms=1000",
                           "--set", "memory_mb=512", "--set", "free_tier=true", "--json")
    assert code == 0
    result = json.loads(out)
    assert _within_1_percent(result["monthly_usd"], 18.74)
    assert [line["quantity"] for line in result["lines"]] == [2_000_000, 1_100_000]
    assert result["verification"] == "aws-page" and result["complete"] is True


def test_step_functions_matches_the_workshop_example():
    """AWS Step Functions workshop (aws-samples, module 13): (3 x 1000) x $0.000025 = $0.075, no free tier."""
    result = cost_of_service("stepfunctions", {"executions": 1000, "transitions_per_execution": 3})
    assert _within_1_percent(result["monthly_usd"], 0.075)


def test_eventbridge_matches_the_pricing_page_ingestion_line():
    """https://aws.amazon.com/eventbridge/pricing/ : 5M AWS management events ingested = 5M x $0.00/M = $0.00."""
    result = cost_of_service("eventbridge", {"source": "aws", "events": 5_000_000, "payload_kb": 64})
    assert result["monthly_usd"] == 0 and result["lines"][0]["quantity"] == 5_000_000 and result["complete"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["service"] for e in EXAMPLES])
def test_every_collected_worked_example_reproduces(example):
    numbers = dict(example["inputs"]["numbers"])
    if example["service"] == "lambda":  # the example's words, in the calculator's input names
        numbers = {"requests": numbers["invocations"], "duration_ms": numbers["duration_ms"],
                   "memory_mb": numbers["memory_mb"], "free_tier": numbers["free_tier"]}
    assert example["source"].startswith("https://") and example["quote"]
    assert _within_1_percent(cost_of_service(example["service"], numbers)["monthly_usd"], example["total_usd"])


def test_defaults_are_echoed_as_assumptions():
    result = cost_of_service("lambda", {"requests": 1_000_000})
    assert result["assumed"] == ["architecture=x86_64", "duration_ms=100 ms", "memory_mb=128 MB",
                                 "ephemeral_storage_mb=512 MB", "free_tier=false"]


def test_arm_duration_is_cheaper_than_x86():
    x86 = cost_of_service("lambda", {"requests": 1e7, "duration_ms": 200, "memory_mb": 1024})
    arm = cost_of_service("lambda", {"requests": 1e7, "duration_ms": 200, "memory_mb": 1024, "architecture": "arm64"})
    assert arm["monthly_usd"] < x86["monthly_usd"]


def test_ephemeral_storage_above_512_mb_is_not_silently_free():
    result = cost_of_service("lambda", {"requests": 1e6, "ephemeral_storage_mb": 2048})
    assert result["complete"] is False
    assert result["unpriced"][0]["meter_id"] == "ephemeral_storage_gb_seconds"
    assert result["unpriced"][0]["quantity"] == pytest.approx(1e6 * 0.1 * 1.5)


def test_sqs_bills_each_64_kb_chunk_and_batching_divides_calls():
    one = cost_of_service("sqs", {"messages": 1_000_000, "payload_kb": 1})
    big = cost_of_service("sqs", {"messages": 1_000_000, "payload_kb": 256})
    batched = cost_of_service("sqs", {"messages": 1_000_000, "payload_kb": 1, "batch_size": 10})
    assert one["lines"][0]["quantity"] == 3_000_000          # send, receive, delete
    assert big["lines"][0]["quantity"] == 9_000_000          # send and receive carry 4 chunks each
    assert batched["lines"][0]["quantity"] == 300_000
    fifo = cost_of_service("sqs", {"messages": 1_000_000, "queue_type": "fifo"})
    assert fifo["monthly_usd"] > one["monthly_usd"]


def test_http_api_bills_each_512_kb_as_a_request_and_websocket_is_priced():
    small = cost_of_service("apigateway", {"api_type": "http", "requests": 1e6, "payload_kb": 100})
    large = cost_of_service("apigateway", {"api_type": "http", "requests": 1e6, "payload_kb": 700})
    assert large["lines"][0]["quantity"] == 2 * small["lines"][0]["quantity"]
    ws = cost_of_service("apigateway", {"api_type": "websocket", "messages": 2e6, "message_kb": 33, "connection_minutes": 0})
    assert ws["lines"][0]["quantity"] == 4e6 and ws["monthly_usd"] == pytest.approx(4.0)


def test_kinesis_provisioned_sizes_shards_for_the_peak():
    result = cost_of_service("kinesis", {"records": 2_628_000_000 * 2, "peak_to_average": 1})  # 2,000 records/s
    assert result["lines"][0]["quantity"] == 2 * 730 and result["monthly_usd"] == pytest.approx(21.9)


def test_every_service_of_the_issue_has_a_calculator():
    assert sorted(CALCULATORS) == ["apigateway", "cloudfront", "cloudwatch", "dynamodb", "eventbridge", "fargate",
                                   "kinesis", "lambda", "s3", "scheduler", "sns", "sqs", "stepfunctions"]


@pytest.mark.parametrize("amount,text", [(0, "$0.00"), (0.0042, "$0.0042"), (18.7333, "$18.73"), (1234567.891, "$1,234,567.89")])
def test_money_is_printed_as_money(amount, text):
    assert money(amount) == text


@pytest.mark.parametrize("args,message", [
    (("--service", "lambda"), "--set: lambda needs requests (invocations per month)"),
    (("--service", "lambda", "--set", "requests=lots"), "--set: requests: expected a number, got 'lots'"),
    (("--service", "lambda", "--set", "requests=1", "--set", "memory_mb=64"),
     "--set: memory_mb: expected 128 to 10,240 MB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), got 64"),
    (("--service", "lambda", "--set", "requests=1", "--set", "memory_mb=200.5"), "--set: memory_mb: expected a whole number, got 200.5"),
    (("--service", "stepfunctions", "--set", "executions=10", "--set", "transitions_per_execution=3", "--set", "requests=5"),
     '--set: unknown input "requests" for stepfunctions; inputs: workflow_type, executions, transitions_per_execution, '
     'duration_ms, memory_mb, free_tier'),
    (("--service", "stepfunctions", "--set", "executions=10", "--set", "transitions_per_execution=3", "--set", "duration_ms=500"),
     "--set: duration_ms applies only when workflow_type is express (here workflow_type=standard); it would be ignored"),
    (("--service", "sqs", "--set", "messages=1e6", "--set", "batch_size=11"),
     "--set: batch_size: expected 1 to 10 messages (10 messages per batch call, "
     "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html), got 11"),
    (("--service", "s3"), "--set: s3 needs at least one of put_requests, get_requests, storage_gb above 0"),
    (("--service", "mainframe"), 'unknown service "mainframe"; known: apigateway, cloudfront, cloudwatch, dynamodb, '
     'eventbridge, fargate, kinesis, lambda, s3, scheduler, sns, sqs, stepfunctions'),
    (("--service", "apigateway", "--set", "api_type=rest", "--set", "requests=1", "--set", "payload_kb=600"),
     "--set: payload_kb applies only when api_type is http (here api_type=rest); it would be ignored"),
])
def test_usage_errors_are_one_line_and_exit_2(run_cli, args, message):
    code, out, err = run_cli("cost", *args)
    assert (code, out, err) == (2, "", f"advisor: error: {message}\n")


def _units(result: dict) -> dict[str, float]:
    """Billed quantity per meter, priced or not."""
    return {**{line["meter"]: line["quantity"] for line in result["lines"]},
            **{item["meter_id"]: item["quantity"] for item in result["unpriced"]}}


# AWS's own worked examples of how usage is metered (quantities, not totals: the totals of these
# pricing-page examples are cut off in every stored copy, so they are not claimed here).
def test_sqs_256_kb_payload_is_billed_as_four_requests():
    """https://aws.amazon.com/jp/sqs/features/ : one API call with a 256 KB payload is billed as four requests."""
    result = cost_of_service("sqs", {"messages": 1, "payload_kb": 256, "calls_per_message": 2})  # send + receive
    assert result["lines"][0]["quantity"] == 8


def test_eventbridge_256_kb_event_is_billed_as_four_events():
    """https://aws.amazon.com/eventbridge/pricing/ : an event with a 256 KB payload is billed as 4 events."""
    assert cost_of_service("eventbridge", {"events": 1, "payload_kb": 256})["lines"][0]["quantity"] == 4


@pytest.mark.parametrize("record_kb,units", [(5, 1), (45, 2), (1000, 40)])
def test_kinesis_put_payload_units_follow_the_pricing_page(record_kb, units):
    """http://aws.amazon.com/kinesis/pricing/ (archived): a 5KB record contains one PUT Payload Unit, a 45KB
    record two, and a 1MB record 40 (AWS counts 1 MB as 1,000 KB there)."""
    assert _units(cost_of_service("kinesis", {"records": 1, "record_kb": record_kb}))["put_payload_units"] == units


def test_websocket_33_kb_message_is_metered_as_two():
    """https://aws.amazon.com/api-gateway/pricing/ : a 33 KB message is metered as two messages."""
    result = cost_of_service("apigateway", {"api_type": "websocket", "messages": 1, "message_kb": 33, "connection_minutes": 0})
    assert result["lines"][0]["quantity"] == 2


@pytest.mark.parametrize("consistency,units", [("strong", 2), ("eventual", 1), ("transactional", 4)])
def test_dynamodb_read_units_of_an_8_kb_item(consistency, units):
    """https://aws.amazon.com/dynamodb/pricing/on-demand/ : a strongly consistent read of an 8 KB item requires two
    read request units, an eventually consistent read one, and a transactional read four."""
    result = cost_of_service("dynamodb", {"writes": 0, "reads": 1, "item_kb": 8, "read_consistency": consistency})
    assert _units(result)["on_demand_read_request_units"] == units


@pytest.mark.parametrize("write_type,units", [("standard", 3), ("transactional", 6)])
def test_dynamodb_write_units_of_a_3_kb_item(write_type, units):
    """https://aws.amazon.com/dynamodb/pricing/provisioned/ : a standard write of a 3 KB item requires three WCUs
    and a transactional write six (the same unit sizes apply to on-demand write request units)."""
    result = cost_of_service("dynamodb", {"writes": 1, "item_kb": 3, "write_type": write_type})
    assert _units(result)["on_demand_write_request_units"] == units


def _combinations(calc):
    """Every combination of a calculator's choices, each with the required numbers that then apply."""
    import itertools

    choices = [i for i in calc.inputs if i.kind == "choice"]
    for combo in itertools.product(*[i.choices for i in choices]):
        given = {}
        for item, value in zip(choices, combo):
            if item.applies(given):
                given[item.name] = value
        for item in calc.inputs:
            if item.kind == "number" and item.default is None and not item.optional and item.applies(given):
                given[item.name] = 1000
        for name in calc.needs_one_of[:1]:
            given[name] = 1000
        yield given


@pytest.mark.parametrize("service", sorted(CALCULATORS))
def test_every_mode_of_every_calculator_answers(service):
    for given in _combinations(CALCULATORS[service]):
        result = cost_of_service(service, given)
        assert result["monthly_usd"] >= 0 and (result["lines"] or result["unpriced"]), given


def test_inputs_of_another_mode_are_refused_not_ignored():
    with pytest.raises(Exception) as info:
        cost_of_service("dynamodb", {"capacity_mode": "provisioned", "wcu": 10, "rcu": 10, "item_kb": 3})
    assert str(info.value) == ("--set: item_kb applies only when capacity_mode is on_demand "
                               "(here capacity_mode=provisioned); it would be ignored")
    with pytest.raises(Exception) as info:
        cost_of_service("stepfunctions", {"workflow_type": "express", "executions": 10, "free_tier": True})
    assert "free_tier applies only when workflow_type is standard" in str(info.value)
