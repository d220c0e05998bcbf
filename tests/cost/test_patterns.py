"""Every pattern carries a cost model that evaluates; the advisor's and site's entry points keep
their contract; --compare finds where the provisioned stream becomes cheaper than the queue."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from advisor.catalog.safe_yaml import load_file
from advisor.catalog.schema import validate
from advisor.cost.patterns import check_section, default_monthly_cost, evaluate, pattern_monthly_usd, waste

PATTERNS = sorted(p.parent for p in (Path(__file__).resolve().parents[2] / "patterns").glob("*/pattern.yaml"))
IDS = [p.name for p in PATTERNS]


def _data(folder: Path) -> dict:
    return load_file(folder / "pattern.yaml").data


@pytest.mark.parametrize("folder", PATTERNS, ids=IDS)
def test_every_pattern_has_a_cost_model_that_evaluates(folder):
    section = _data(folder).get("cost")
    assert section, f"{folder.name} has no cost section"
    assert validate(load_file(folder / "pattern.yaml"), "pattern.schema.json") == []
    assert check_section(section) == []
    cost = evaluate(section)
    assert cost.monthly_events == section["default_events_per_month"] and cost.default_volume


@pytest.mark.parametrize("folder", PATTERNS, ids=IDS)
def test_cost_models_use_the_templates_lambda_memory_and_architecture(folder):
    template = (folder / "template.yaml").read_text(encoding="utf-8")
    memories = {float(m) for m in re.findall(r"^\s+MemorySize: (\d+)", template, re.M)}
    for entry in _data(folder)["cost"]["lines"]:
        if entry["service"] == "lambda":
            assert entry["set"]["architecture"] == "arm64" and "Architectures: [arm64]" in template
            assert float(entry["set"]["memory_mb"]) in memories, f"{folder.name}: {entry.get('label')}"


def test_the_advisor_entry_point_keeps_its_contract():
    data = _data(PATTERNS[IDS.index("sqs-queue-lambda")])
    at_default = pattern_monthly_usd(data, None)
    at_volume = pattern_monthly_usd(data, 5e7)
    assert at_default.default_volume is True and at_default.monthly_events == data["cost"]["default_events_per_month"]
    assert at_volume.default_volume is False and at_volume.monthly_events == 5e7
    assert at_volume.usd > at_default.usd > 0 and isinstance(at_volume.usd, float)
    assert at_volume.verification == "cross-checked"  # SQS is cross-checked, Lambda aws-page: the weakest wins
    assert pattern_monthly_usd({"name": "no cost"}, 1e6) is None
    assert default_monthly_cost(data).usd == at_default.usd


def test_cost_grows_with_volume_and_duration():
    section = _data(PATTERNS[IDS.index("sqs-queue-lambda")])["cost"]
    numbers = waste(section, {"events_per_month": 1e8})
    assert numbers["failures_usd"] > 0 and numbers["extra_100ms_usd"] > 0
    # 1e8 events / 10 per batch = 1e7 invocations; 100 ms more at 256 MB arm64 = 250,000 GB-s.
    assert numbers["extra_100ms_usd"] == pytest.approx(250_000 * 0.0000133334, rel=1e-6)


@pytest.mark.parametrize("pattern_id", IDS)
def test_cost_pattern_json_works_for_every_pattern(run_cli, pattern_id):
    code, out, err = run_cli("cost", pattern_id, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["pattern"] == pattern_id and "waste" in result and "verification" in result
    assert all(line["verification"] for line in result["lines"])


def test_cost_pattern_text_names_the_dominant_line_and_the_assumptions(run_cli):
    code, out, _ = run_cli("cost", "sqs-queue-lambda", "--set", "events_per_month=5e7")
    assert code == 0
    assert out.startswith("sqs-queue-lambda: $10.33 per month at 50,000,000 events/month (incomplete: see unpriced)\n")
    assert "\ndominant: queue: standard queue requests (64 KB chunks) ($6.00, 58% of the total)\n" in out
    assert "\nassumed: payload_kb=1 KB, duration_ms=200 ms, batch_size=10," in out
    assert "\nwaste per month: 1% of events failing and retried 4 times: $0.41; each extra 100 ms of function duration: $1.67\n" in out


def test_compare_finds_where_the_provisioned_stream_becomes_cheaper(run_cli):
    code, out, _ = run_cli("cost", "--compare", "sqs-queue-lambda", "kinesis-stream-lambda", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["patterns"] == ["sqs-queue-lambda", "kinesis-stream-lambda"]
    assert set(result["points"][0]) == {"monthly_events", "usd"}
    assert result["points"][0]["monthly_events"] == 1e5 and result["points"][-1]["monthly_events"] == 1e11
    (crossing,) = result["break_even"]
    assert crossing["cheaper_below"] == "sqs-queue-lambda" and crossing["cheaper_above"] == "kinesis-stream-lambda"
    assert 1e7 < crossing["monthly_events"] < 1e9
    # the costs really do cross there
    below = pattern_monthly_usd(_data(PATTERNS[IDS.index("sqs-queue-lambda")]), crossing["monthly_events"] * 0.9).usd
    stream = pattern_monthly_usd(_data(PATTERNS[IDS.index("kinesis-stream-lambda")]), crossing["monthly_events"] * 0.9).usd
    assert below < stream
    assert "kinesis-stream-lambda" in result["unpriced"]


def test_compare_text_has_a_table_and_the_break_even(run_cli):
    code, out, _ = run_cli("cost", "--compare", "sqs-queue-lambda", "kinesis-stream-lambda", "--range", "1e6..1e9")
    assert code == 0
    assert out.splitlines()[0].split() == ["events/month", "sqs-queue-lambda", "kinesis-stream-lambda", "cheaper"]
    assert "break-even at about 58,240,000 events/month: sqs-queue-lambda is cheaper below, kinesis-stream-lambda above" in out


@pytest.mark.parametrize("args,message", [
    (("cost",), "cost: give exactly one of PATTERN, --service S or --compare A B"),
    (("cost", "sqs-queue-lambda", "--service", "sqs"), "cost: give exactly one of PATTERN, --service S or --compare A B (got PATTERN and --service)"),
    (("cost", "sqs-queue-lambda", "--set", "colour=red"),
     '--set: unknown input "colour" for this pattern; inputs: events_per_month, payload_kb, duration_ms, batch_size'),
    (("cost", "sqs-queue-lambda", "--set", "events_per_month=-5"), "--set: events_per_month: expected at least 0 events, got -5"),
    (("cost", "--compare", "sqs-queue-lambda", "kinesis-stream-lambda", "--range", "1e9..1e5"),
     "--range: expected LOW..HIGH events per month with 0 < LOW < HIGH <= 1e13, e.g. 1e5..1e11, got '1e9..1e5'"),
    (("cost", "sqs-queue-lambda", "--range", "1..2"), "--range applies only to --compare"),
])
def test_pattern_usage_errors(run_cli, args, message):
    code, out, err = run_cli(*args)
    assert (code, out, err) == (2, "", f"advisor: error: {message}\n")


@pytest.mark.parametrize("folder", PATTERNS, ids=IDS)
def test_duration_inputs_stop_at_the_templates_timeout(folder):
    timeouts = [int(t) for t in re.findall(r"^      Timeout: (\d+)", (folder / "template.yaml").read_text(encoding="utf-8"), re.M)]
    duration = _data(folder)["cost"]["inputs"].get("duration_ms")
    if duration is not None:
        assert duration["maximum"] <= max(timeouts) * 1000 and duration["default"] <= duration["maximum"]
