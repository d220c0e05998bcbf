"""Unit tests of the queue writer against DynamoDB in moto."""

import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

HANDLER = Path(__file__).resolve().parents[1] / "src" / "writer.py"
TABLE = "order-intake-items"


def _load_handler():
    spec = importlib.util.spec_from_file_location("sqs_queue_lambda_writer_under_test", HANDLER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def env(monkeypatch):
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


def _record(message_id, body):
    return {"messageId": message_id, "receiptHandle": f"rh-{message_id}",
            "body": body if isinstance(body, str) else json.dumps(body), "eventSource": "aws:sqs"}


def test_writes_item_keyed_by_body_id(env):
    writer = _load_handler()
    result = writer.handler({"Records": [_record("m1", {"id": "order-1001", "total": 12.5, "currency": "EUR"})]}, None)
    assert result == {"batchItemFailures": []}
    item = env.get_item(Key={"id": "order-1001"})["Item"]
    assert item["currency"] == "EUR"
    assert str(item["total"]) == "12.5"
    assert item["sqsMessageId"] == "m1"


def test_bad_messages_are_reported_and_good_ones_written(env):
    writer = _load_handler()
    records = [
        _record("good", {"id": "order-1"}),
        _record("not-json", "{oops"),
        _record("no-id", {"total": 3}),
        _record("bad-version", {"id": "order-2", "version": "seven"}),
        _record("also-good", {"id": "order-3"}),
    ]
    result = writer.handler({"Records": records}, None)
    assert sorted(f["itemIdentifier"] for f in result["batchItemFailures"]) == ["bad-version", "no-id", "not-json"]
    assert "Item" in env.get_item(Key={"id": "order-1"})
    assert "Item" in env.get_item(Key={"id": "order-3"})
    assert "Item" not in env.get_item(Key={"id": "order-2"})


def test_duplicate_delivery_is_idempotent(env):
    writer = _load_handler()
    record = _record("m1", {"id": "order-7", "status": "paid"})
    writer.handler({"Records": [record]}, None)
    writer.handler({"Records": [record]}, None)
    assert env.scan()["Count"] == 1
    assert env.get_item(Key={"id": "order-7"})["Item"]["status"] == "paid"


def test_older_version_never_overwrites_newer(env):
    writer = _load_handler()
    writer.handler({"Records": [_record("m2", {"id": "order-9", "version": 2, "status": "shipped"})]}, None)
    result = writer.handler({"Records": [_record("m1", {"id": "order-9", "version": 1, "status": "paid"})]}, None)
    assert result == {"batchItemFailures": []}  # stale, acknowledged, not retried
    assert env.get_item(Key={"id": "order-9"})["Item"]["status"] == "shipped"
    writer.handler({"Records": [_record("m3", {"id": "order-9", "version": 3, "status": "delivered"})]}, None)
    assert env.get_item(Key={"id": "order-9"})["Item"]["status"] == "delivered"


def test_service_errors_send_the_message_back(env, monkeypatch):
    monkeypatch.setenv("TABLE_NAME", "no-such-table")
    writer = _load_handler()
    result = writer.handler({"Records": [_record("m1", {"id": "order-1"}), _record("m2", {"id": "order-2"})]}, None)
    assert [f["itemIdentifier"] for f in result["batchItemFailures"]] == ["m1", "m2"]
