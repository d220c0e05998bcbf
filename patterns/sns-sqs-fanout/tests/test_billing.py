"""Unit tests of the billing consumer against DynamoDB, SNS and SQS in moto."""

import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

HANDLER = Path(__file__).resolve().parents[1] / "src" / "billing.py"
TABLE = "order-events-invoices"


def _load_handler():
    spec = importlib.util.spec_from_file_location("sns_sqs_fanout_billing_under_test", HANDLER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing")
    monkeypatch.setenv("INVOICES_TABLE", TABLE)
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName=TABLE,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "order_id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "order_id", "KeyType": "HASH"}],
        )
        yield boto3.resource("dynamodb").Table(TABLE)


def _record(message_id, body, event_type="order_placed"):
    attrs = {} if event_type is None else {"event_type": {"stringValue": event_type, "dataType": "String"}}
    return {"messageId": message_id, "receiptHandle": f"rh-{message_id}",
            "body": body if isinstance(body, str) else json.dumps(body),
            "messageAttributes": attrs, "eventSource": "aws:sqs"}


ORDER = {"event_id": "evt-1", "order_id": "ord-1001", "customer_id": "c-314", "total": 42.5, "currency": "EUR"}


def test_order_placed_becomes_an_invoice(env):
    billing = _load_handler()
    result = billing.handler({"Records": [_record("m1", ORDER)]}, None)
    assert result == {"batchItemFailures": []}
    invoice = env.get_item(Key={"order_id": "ord-1001"})["Item"]
    assert invoice["invoice_id"] == "inv-ord-1001"
    assert str(invoice["amount"]) == "42.50"
    assert invoice["currency"] == "EUR"
    assert invoice["source_event_id"] == "evt-1"


def test_other_event_types_are_acknowledged_without_an_invoice(env):
    billing = _load_handler()
    result = billing.handler({"Records": [_record("m1", ORDER, event_type="order_cancelled")]}, None)
    assert result == {"batchItemFailures": []}
    assert "Item" not in env.get_item(Key={"order_id": "ord-1001"})


def test_duplicate_delivery_keeps_one_invoice(env):
    billing = _load_handler()
    billing.handler({"Records": [_record("m1", ORDER)]}, None)
    result = billing.handler({"Records": [_record("m2", dict(ORDER, total=99))]}, None)
    assert result == {"batchItemFailures": []}
    assert env.scan()["Count"] == 1
    assert str(env.get_item(Key={"order_id": "ord-1001"})["Item"]["amount"]) == "42.50"


def test_bad_events_are_reported_and_good_ones_invoiced(env):
    billing = _load_handler()
    records = [
        _record("good", dict(ORDER, order_id="ord-1")),
        _record("not-json", "{oops"),
        _record("no-order", {"event_id": "e", "customer_id": "c", "total": 1, "currency": "EUR"}),
        _record("bad-currency", dict(ORDER, order_id="ord-2", currency="euro")),
        _record("negative", dict(ORDER, order_id="ord-3", total=-5)),
        _record("text-total", dict(ORDER, order_id="ord-4", total="12")),
    ]
    result = billing.handler({"Records": records}, None)
    assert sorted(f["itemIdentifier"] for f in result["batchItemFailures"]) == [
        "bad-currency", "negative", "no-order", "not-json", "text-total"]
    assert "Item" in env.get_item(Key={"order_id": "ord-1"})
    assert env.scan()["Count"] == 1


def test_service_errors_send_the_message_back(env, monkeypatch):
    monkeypatch.setenv("INVOICES_TABLE", "no-such-table")
    billing = _load_handler()
    result = billing.handler({"Records": [_record("m1", ORDER)]}, None)
    assert result == {"batchItemFailures": [{"itemIdentifier": "m1"}]}


def test_filter_policy_and_raw_delivery_feed_the_handler(env):
    """Through SNS: only order_placed reaches the billing queue, as the published JSON."""
    sns, sqs = boto3.client("sns"), boto3.client("sqs")
    topic = sns.create_topic(Name="order-events-orders")["TopicArn"]
    url = sqs.create_queue(QueueName="order-events-billing")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={
        "RawMessageDelivery": "true", "FilterPolicy": json.dumps({"event_type": ["order_placed"]})})
    for event_type, order_id in (("order_cancelled", "ord-9"), ("order_placed", "ord-1001")):
        sns.publish(TopicArn=topic, Message=json.dumps(dict(ORDER, order_id=order_id)),
                    MessageAttributes={"event_type": {"DataType": "String", "StringValue": event_type}})
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"])["Messages"]
    assert len(got) == 1
    records = [{"messageId": m["MessageId"], "body": m["Body"], "messageAttributes": {
        k: {"stringValue": v["StringValue"], "dataType": v["DataType"]} for k, v in m.get("MessageAttributes", {}).items()}}
        for m in got]
    billing = _load_handler()
    assert billing.handler({"Records": records}, None) == {"batchItemFailures": []}
    assert "Item" in env.get_item(Key={"order_id": "ord-1001"})
    assert "Item" not in env.get_item(Key={"order_id": "ord-9"})
