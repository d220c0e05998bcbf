"""Unit tests of the audit consumer against DynamoDB in moto."""

import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

HANDLER = Path(__file__).resolve().parents[1] / "src" / "audit.py"
TABLE = "order-events-audit"


def _load_handler():
    spec = importlib.util.spec_from_file_location("sns_sqs_fanout_audit_under_test", HANDLER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing")
    monkeypatch.setenv("AUDIT_TABLE", TABLE)
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName=TABLE,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "event_id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "event_id", "KeyType": "HASH"}],
        )
        yield boto3.resource("dynamodb").Table(TABLE)


def _record(message_id, body, event_type=None, sent="1795651200000"):
    attrs = {} if event_type is None else {"event_type": {"stringValue": event_type, "dataType": "String"}}
    return {"messageId": message_id, "receiptHandle": f"rh-{message_id}",
            "body": body if isinstance(body, str) else json.dumps(body),
            "attributes": {"SentTimestamp": sent}, "messageAttributes": attrs, "eventSource": "aws:sqs"}


def test_every_event_type_is_recorded(env):
    audit = _load_handler()
    records = [
        _record("m1", {"event_id": "evt-1", "order_id": "ord-1001"}, "order_placed"),
        _record("m2", {"event_id": "evt-2", "order_id": "ord-1001"}, "order_cancelled"),
        _record("m3", {"event_id": "evt-3"}),
    ]
    assert audit.handler({"Records": records}, None) == {"batchItemFailures": []}
    first = env.get_item(Key={"event_id": "evt-1"})["Item"]
    assert first["event_type"] == "order_placed"
    assert first["order_id"] == "ord-1001"
    assert json.loads(first["payload"]) == {"event_id": "evt-1", "order_id": "ord-1001"}
    assert int(first["sent_timestamp_ms"]) == 1795651200000
    assert env.get_item(Key={"event_id": "evt-2"})["Item"]["event_type"] == "order_cancelled"
    assert env.get_item(Key={"event_id": "evt-3"})["Item"]["event_type"] == "unspecified"


def test_redelivery_keeps_the_first_record(env):
    audit = _load_handler()
    audit.handler({"Records": [_record("m1", {"event_id": "evt-1", "note": "first"}, "order_placed")]}, None)
    result = audit.handler({"Records": [_record("m9", {"event_id": "evt-1", "note": "second"}, "order_placed")]}, None)
    assert result == {"batchItemFailures": []}
    assert env.scan()["Count"] == 1
    assert env.get_item(Key={"event_id": "evt-1"})["Item"]["sqs_message_id"] == "m1"


def test_events_without_an_id_are_reported(env):
    audit = _load_handler()
    records = [_record("ok", {"event_id": "evt-5"}), _record("no-id", {"order_id": "ord-1"}),
               _record("list", [1, 2]), _record("not-json", "plain text")]
    result = audit.handler({"Records": records}, None)
    assert sorted(f["itemIdentifier"] for f in result["batchItemFailures"]) == ["list", "no-id", "not-json"]
    assert env.scan()["Count"] == 1


def test_service_errors_send_the_message_back(env, monkeypatch):
    monkeypatch.setenv("AUDIT_TABLE", "no-such-table")
    audit = _load_handler()
    result = audit.handler({"Records": [_record("m1", {"event_id": "evt-1"})]}, None)
    assert result == {"batchItemFailures": [{"itemIdentifier": "m1"}]}
