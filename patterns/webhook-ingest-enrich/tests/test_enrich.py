import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "enrich.py"


@pytest.fixture
def enrich(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("ACCOUNTS_TABLE", "accounts")
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName="accounts", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "account_id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "account_id", "KeyType": "HASH"}])
        boto3.resource("dynamodb").Table("accounts").put_item(Item={"account_id": "acct-1", "name": "Acme", "tier": "gold", "seats": 12})
        url = boto3.client("sqs").create_queue(QueueName="enriched")["QueueUrl"]
        monkeypatch.setenv("OUTBOUND_QUEUE_URL", url)
        spec = importlib.util.spec_from_file_location("webhook_ingest_enrich_enrich", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def record(message_id, body):
    return {"messageId": message_id, "body": body if isinstance(body, str) else json.dumps(body)}


def forwarded():
    url = boto3.client("sqs").get_queue_url(QueueName="enriched")["QueueUrl"]
    got = boto3.client("sqs").receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    return [json.loads(m["Body"]) for m in got]


def test_known_account_is_attached(enrich):
    event = {"id": "evt_1", "type": "payment.succeeded", "data": {"account_id": "acct-1", "amount": 1999}}
    assert enrich.handler({"Records": [record("m1", event)]}, None) == {"batchItemFailures": []}
    [out] = forwarded()
    assert out["webhook_id"] == "evt_1" and out["received"] == event
    assert out["account"] == {"account_id": "acct-1", "name": "Acme", "tier": "gold", "seats": 12}


def test_unknown_account_is_forwarded_with_null(enrich):
    enrich.handler({"Records": [record("m1", {"id": "evt_2", "type": "refund.created", "data": {"account_id": "acct-9"}})]}, None)
    [out] = forwarded()
    assert out["account"] is None and out["type"] == "refund.created"


def test_only_bad_messages_are_reported_for_retry(enrich):
    result = enrich.handler({"Records": [
        record("m1", {"id": "evt_3", "type": "payment.succeeded", "data": {}}),
        record("m2", "not json"),
        record("m3", {"type": "no id"}),
    ]}, None)
    assert result == {"batchItemFailures": [{"itemIdentifier": "m2"}, {"itemIdentifier": "m3"}]}
    assert [o["webhook_id"] for o in forwarded()] == ["evt_3"]
