import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from boto3.dynamodb.types import TypeSerializer
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "publish.py"
_ser = TypeSerializer()


@pytest.fixture
def publish(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        url = boto3.client("sqs").create_queue(
            QueueName="order-events.fifo",
            Attributes={"FifoQueue": "true", "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"},
        )["QueueUrl"]
        monkeypatch.setenv("EVENTS_QUEUE_URL", url)
        spec = importlib.util.spec_from_file_location("dynamodb_streams_processing_publish", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def image(item):
    return {k: _ser.serialize(v) for k, v in item.items()}


def record(name, seq, new=None, old=None, event_id=None):
    dynamodb = {"SequenceNumber": seq, "Keys": image({"order_id": (new or old).get("order_id", "unknown")}),
                "ApproximateCreationDateTime": 1764150000, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    if new is not None:
        dynamodb["NewImage"] = image(new)
    if old is not None:
        dynamodb["OldImage"] = image(old)
    return {"eventID": event_id or f"evt-{seq}", "eventName": name, "dynamodb": dynamodb}


def received():
    url = boto3.client("sqs").get_queue_url(QueueName="order-events.fifo")["QueueUrl"]
    got = boto3.client("sqs").receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"])
    return got.get("Messages", [])


PLACED = {"order_id": "ord-1", "customer_id": "cust-1", "status": "PLACED", "total_cents": 1250}


def test_insert_becomes_order_placed_in_the_orders_group(publish):
    result = publish.handler({"Records": [record("INSERT", "100", new=PLACED)]}, None)
    assert result == {"batchItemFailures": []}
    [message] = received()
    body = json.loads(message["Body"])
    assert body["type"] == "OrderPlaced" and body["order_id"] == "ord-1" and body["order"]["total_cents"] == 1250
    assert message["Attributes"]["MessageGroupId"] == "ord-1"
    assert message["Attributes"]["MessageDeduplicationId"] == "evt-100"


def test_status_change_carries_previous_status_and_other_edits_are_skipped(publish):
    shipped = dict(PLACED, status="SHIPPED")
    noted = dict(shipped, note="leave at the door")
    publish.handler({"Records": [
        record("MODIFY", "101", new=shipped, old=PLACED),
        record("MODIFY", "102", new=noted, old=shipped),
        record("REMOVE", "103", old=noted),
    ]}, None)
    bodies = [json.loads(m["Body"]) for m in received()]
    assert [(b["type"], b["previous_status"], b["status"]) for b in bodies] == [("OrderStatusChanged", "PLACED", "SHIPPED")]


def test_retried_record_is_not_published_twice(publish):
    event = {"Records": [record("INSERT", "100", new=PLACED)]}
    publish.handler(event, None)
    publish.handler(event, None)  # Lambda retrying the same batch
    assert len(received()) == 1


def test_first_failure_is_reported_and_later_records_wait(publish, monkeypatch):
    broken = record("INSERT", "201", new={"customer_id": "cust-2", "status": "PLACED"})  # no order_id
    result = publish.handler({"Records": [
        record("INSERT", "200", new=PLACED),
        broken,
        record("INSERT", "202", new=dict(PLACED, order_id="ord-3")),
    ]}, None)
    assert result == {"batchItemFailures": [{"itemIdentifier": "201"}]}
    assert [json.loads(m["Body"])["order_id"] for m in received()] == ["ord-1"]


def test_queue_errors_fail_the_record_so_lambda_retries(publish, monkeypatch):
    monkeypatch.setenv("EVENTS_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/missing.fifo")
    result = publish.handler({"Records": [record("INSERT", "300", new=PLACED)]}, None)
    assert result == {"batchItemFailures": [{"itemIdentifier": "300"}]}
