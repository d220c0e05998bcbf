"""Unit tests of the stream aggregator against DynamoDB in moto."""

import base64
import importlib.util
import json
from decimal import Decimal
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

HANDLER = Path(__file__).resolve().parents[1] / "src" / "aggregator.py"
TABLE = "meter-rollup-aggregates"


def _load_handler():
    spec = importlib.util.spec_from_file_location("kinesis_stream_lambda_aggregator_under_test", HANDLER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def table(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing")
    monkeypatch.setenv("TABLE_NAME", TABLE)
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName=TABLE,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        )
        yield boto3.resource("dynamodb").Table(TABLE)


def _record(sequence, data, partition_key="meter-1"):
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return {"kinesis": {"sequenceNumber": str(sequence), "partitionKey": partition_key,
                        "data": base64.b64encode(raw).decode(), "kinesisSchemaVersion": "1.0"},
            "eventSource": "aws:kinesis", "eventID": f"shardId-000000000000:{sequence}"}


def _seq(n):
    return 49600000000000000000000000000000000000000000000000000000 + n


def _item(table, key):
    return table.get_item(Key={"id": key}).get("Item")


def test_folds_records_per_id(table):
    aggregator = _load_handler()
    records = [_record(_seq(1), {"id": "meter-1", "value": 1.5}),
               _record(_seq(2), {"id": "meter-2", "value": 4}, "meter-2"),
               _record(_seq(3), {"id": "meter-1", "value": 2.25})]
    assert aggregator.handler({"Records": records}, None) == {"batchItemFailures": []}
    first, second = _item(table, "meter-1"), _item(table, "meter-2")
    assert first["eventCount"] == 2 and first["valueTotal"] == Decimal("3.75")
    assert first["lastEvent"]["value"] == Decimal("2.25")
    assert second["eventCount"] == 1 and second["valueTotal"] == 4


def test_replaying_a_batch_changes_nothing(table):
    aggregator = _load_handler()
    records = [_record(_seq(1), {"id": "meter-1", "value": 1}), _record(_seq(2), {"id": "meter-1", "value": 2})]
    aggregator.handler({"Records": records}, None)
    aggregator.handler({"Records": records}, None)
    item = _item(table, "meter-1")
    assert item["eventCount"] == 2 and item["valueTotal"] == 3


def test_retry_over_partly_applied_records_counts_each_once(table):
    aggregator = _load_handler()
    aggregator.handler({"Records": [_record(_seq(1), {"id": "meter-1", "value": 1}),
                                    _record(_seq(2), {"id": "meter-1", "value": 2})]}, None)
    # A later batch starts before the stored position (as after a bisected retry).
    aggregator.handler({"Records": [_record(_seq(2), {"id": "meter-1", "value": 2}),
                                    _record(_seq(3), {"id": "meter-1", "value": 4})]}, None)
    item = _item(table, "meter-1")
    assert item["eventCount"] == 3 and item["valueTotal"] == 7
    assert item["lastSequence"] == str(_seq(3)).zfill(aggregator.SEQUENCE_WIDTH)


def test_poison_record_is_reported_and_later_records_wait(table):
    aggregator = _load_handler()
    records = [_record(_seq(1), {"id": "meter-1", "value": 1}),
               _record(_seq(2), b"not json"),
               _record(_seq(3), {"id": "meter-3", "value": 1}, "meter-3")]
    result = aggregator.handler({"Records": records}, None)
    assert result == {"batchItemFailures": [{"itemIdentifier": str(_seq(2))}]}
    assert _item(table, "meter-1")["eventCount"] == 1
    assert _item(table, "meter-3") is None


@pytest.mark.parametrize("data", [{"value": 3}, {"id": "", "value": 1}, {"id": "meter-1", "value": "3"}, ["id"]])
def test_records_without_a_usable_id_or_value_are_reported(table, data):
    aggregator = _load_handler()
    result = aggregator.handler({"Records": [_record(_seq(1), data)]}, None)
    assert result == {"batchItemFailures": [{"itemIdentifier": str(_seq(1))}]}


def test_write_failure_reports_first_record_of_the_failed_id(table, monkeypatch):
    monkeypatch.setenv("TABLE_NAME", "no-such-table")
    aggregator = _load_handler()
    records = [_record(_seq(5), {"id": "meter-1", "value": 1}), _record(_seq(6), {"id": "meter-1", "value": 1})]
    assert aggregator.handler({"Records": records}, None) == {"batchItemFailures": [{"itemIdentifier": str(_seq(5))}]}
