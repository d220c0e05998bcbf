"""Stories where volume or budget decides the answer, run against the real cost model.

Kept apart from the scenario table because the in-browser advisor has no cost model (it notes the
cost keys instead), so these cannot take part in the browser parity test."""

from __future__ import annotations

import json

import pytest

STORIES = [
    {   # Kinesis bills every shard-hour even when idle; at low volume a FIFO queue costs less.
        "name": "ordered-events-at-low-volume-on-a-small-budget",
        "source": "https://aws.amazon.com/kinesis/data-streams/pricing/",
        "require": {"workload": "messaging", "ordering": "per-key", "monthly_events": "10000000", "monthly_budget_usd": "5"},
        "top": "sqs-fifo-lambda",
        "over_budget": ["kinesis-stream-lambda"],
    },
    {   # SQS bills per request; at billions of events a provisioned stream is far cheaper.
        "name": "ordered-events-at-three-billion-a-month",
        "source": "https://aws.amazon.com/sqs/pricing/",
        "require": {"workload": "messaging", "ordering": "per-key", "monthly_events": "3000000000", "monthly_budget_usd": "200"},
        "top": "kinesis-stream-lambda",
        "over_budget": ["sqs-fifo-lambda"],
    },
    {   # Pushing every event to a function through SNS or EventBridge costs more per event than polling a queue.
        "name": "buffered-writes-at-fifty-million-on-twenty-dollars",
        "source": "https://aws.amazon.com/eventbridge/pricing/",
        "require": {"workload": "messaging", "monthly_events": "50000000", "monthly_budget_usd": "20"},
        "top": "sqs-queue-lambda",
        "over_budget": ["eventbridge-bus-routing", "sns-lambda"],
    },
]


@pytest.mark.parametrize("story", STORIES, ids=[s["name"] for s in STORIES])
def test_budget_and_volume_decide(run_cli, story):
    args = [arg for key, value in story["require"].items() for arg in ("--require", f"{key}={value}")]
    code, out, err = run_cli("recommend", "--json", *args)
    assert code == 0, err
    result = json.loads(out)
    assert result["recommended"][0]["id"] == story["top"]
    reasons = {r["id"]: r["reasons"] for r in result["ruled_out"]}
    for pattern_id in story["over_budget"]:
        assert len(reasons[pattern_id]) == 1 and reasons[pattern_id][0].startswith("monthly budget: "), reasons.get(pattern_id)
        assert f"above the budget of ${int(float(story['require']['monthly_budget_usd']))}" in reasons[pattern_id][0]
    assert all(r["monthly_usd"] <= float(story["require"]["monthly_budget_usd"]) for r in result["recommended"])
