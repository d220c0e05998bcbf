"""compare: the library returns the comparison as data; the CLI prints it as a table or as JSON."""

from __future__ import annotations

import json

import pytest

from advisor.catalog.compare import compare_patterns
from advisor.catalog.load import load_catalog
from advisor.errors import UnknownPatternError, UsageError

CATALOG = load_catalog()


def test_comparison_keeps_values_typed():
    doc = compare_patterns(CATALOG, ["sqs-queue-lambda", "rest-api-lambda-dynamodb"])
    assert doc["trait_keys"][:3] == ["ordering", "delivery", "consumers"]
    queue, api = doc["patterns"]
    assert (queue["id"], queue["moving_parts"]) == ("sqs-queue-lambda", len(CATALOG.get("sqs-queue-lambda").data["topology"]["nodes"]))
    assert queue["traits"]["write_rate_control"]["value"] is True
    assert queue["traits"]["max_events_per_s"]["value"] is None
    assert "auth" in api["traits"] and "auth" not in queue["traits"]  # not stated: absent, never null
    assert set(doc["trait_keys"]) == set(queue["traits"]) | set(api["traits"])
    assert {"id", "name", "value", "unit", "source", "as_of"} <= set(queue["limits"][0])


@pytest.mark.parametrize("ids,error,message", [
    (["sqs-queue-lambda"], UsageError, "compare: name at least two patterns"),
    (["sqs-queue-lambda", "sqs-queue-lambda"], UsageError, 'compare: "sqs-queue-lambda" is named twice'),
    (["sqs-queue-lambda", "nope"], UnknownPatternError, 'unknown pattern "nope"'),
])
def test_bad_comparisons_are_usage_errors(ids, error, message):
    with pytest.raises(error) as caught:
        compare_patterns(CATALOG, ids)
    assert str(caught.value).startswith(message)


def test_compare_cli_json_is_the_library_result(run_cli):
    code, out, _ = run_cli("compare", "--json", "sns-lambda", "sns-sqs-fanout")
    assert code == 0
    assert json.loads(out) == json.loads(json.dumps(compare_patterns(CATALOG, ["sns-lambda", "sns-sqs-fanout"])))


def test_compare_cli_text_says_not_stated(run_cli):
    code, out, _ = run_cli("compare", "sqs-queue-lambda", "rest-api-lambda-dynamodb")
    auth = next(line for line in out.splitlines() if line.startswith("auth "))
    assert auth.split()[1:3] == ["not", "stated"]
