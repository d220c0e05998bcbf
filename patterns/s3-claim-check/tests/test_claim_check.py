import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src"


def load(name):
    spec = importlib.util.spec_from_file_location(f"s3_claim_check_{name}", SRC / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def aws(monkeypatch):
    for key, value in {"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "BUCKET_NAME": "payloads-bucket", "TABLE_NAME": "results"}.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="payloads-bucket")
        url = boto3.client("sqs").create_queue(QueueName="claims")["QueueUrl"]
        monkeypatch.setenv("QUEUE_URL", url)
        boto3.client("dynamodb").create_table(
            TableName="results", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "document_id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "document_id", "KeyType": "HASH"}])
        yield url


def received(url):
    return boto3.client("sqs").receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])


def as_records(messages):
    return {"Records": [{"messageId": m["MessageId"], "body": m["Body"]} for m in messages]}


def big_document(lines=2000):
    return {"customer": "acme", "lines": [{"sku": f"sku-{i:05d}", "amount": "1.25", "note": "x" * 200} for i in range(lines)]}


def test_only_a_pointer_travels_and_the_consumer_records_the_result(aws):
    producer, consumer = load("producer"), load("consumer")
    claim = producer.handler({"document_id": "doc-1", "document": big_document()}, None)
    assert claim["size"] > 400_000 and claim["key"].startswith("payloads/") and "/doc-1/" in claim["key"]
    [message] = received(aws)
    assert len(message["Body"]) < 1024 and json.loads(message["Body"]) == claim
    assert consumer.handler(as_records([message]), None) == {"batchItemFailures": []}
    item = boto3.resource("dynamodb").Table("results").get_item(Key={"document_id": "doc-1"})["Item"]
    assert item["lines"] == 2000 and item["total"] == 2500 and item["bytes"] == claim["size"]


def test_a_missing_or_tampered_payload_fails_only_its_own_message(aws):
    producer, consumer = load("producer"), load("consumer")
    good = producer.handler({"document_id": "good", "document": {"lines": [{"amount": 3}]}}, None)
    tampered = producer.handler({"document_id": "tampered", "document": {"lines": []}}, None)
    gone = producer.handler({"document_id": "gone", "document": {"lines": []}}, None)
    boto3.client("s3").put_object(Bucket="payloads-bucket", Key=tampered["key"], Body=b'{"lines":[{"amount":999}]}')
    boto3.client("s3").delete_object(Bucket="payloads-bucket", Key=gone["key"])
    messages = received(aws)
    ids = {json.loads(m["Body"])["document_id"]: m["MessageId"] for m in messages}
    result = consumer.handler(as_records(messages), None)
    assert sorted(f["itemIdentifier"] for f in result["batchItemFailures"]) == sorted([ids["tampered"], ids["gone"]])
    table = boto3.resource("dynamodb").Table("results")
    assert table.get_item(Key={"document_id": "good"})["Item"]["total"] == 3
    assert "Item" not in table.get_item(Key={"document_id": "tampered"})


def test_a_pointer_outside_the_payload_bucket_is_refused(aws):
    consumer = load("consumer")
    claim = {"document_id": "x", "bucket": "someone-elses-bucket", "key": "payloads/x.json", "size": 1, "sha256": "0"}
    result = consumer.handler({"Records": [{"messageId": "m1", "body": json.dumps(claim)}]}, None)
    assert result == {"batchItemFailures": [{"itemIdentifier": "m1"}]}


def test_the_producer_rejects_ids_that_would_escape_the_key_layout(aws):
    with pytest.raises(ValueError):
        load("producer").handler({"document_id": "../etc", "document": {}}, None)
