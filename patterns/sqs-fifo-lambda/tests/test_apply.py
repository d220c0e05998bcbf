import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "apply.py"


@pytest.fixture
def apply_module(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("TABLE_NAME", "ledger")
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName="ledger", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])
        spec = importlib.util.spec_from_file_location("sqs_fifo_lambda_apply", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def record(message_id, body, group="account-1"):
    return {"messageId": message_id, "body": body if isinstance(body, str) else json.dumps(body),
            "attributes": {"MessageGroupId": group}}


def items():
    return boto3.resource("dynamodb").Table("ledger").scan()["Items"]


def test_applies_every_event_of_the_batch(apply_module):
    result = apply_module.handler({"Records": [
        record("m1", {"id": "e1", "amount": 10, "type": "credit"}),
        record("m2", {"id": "e2", "amount": 4, "type": "debit"})]}, None)
    assert result == {"batchItemFailures": []}
    assert sorted(i["sk"] for i in items()) == ["e1", "e2"]


def test_first_failure_fails_the_rest_of_the_batch_to_keep_order(apply_module):
    result = apply_module.handler({"Records": [
        record("m1", {"id": "e1", "amount": 10, "type": "credit"}),
        record("m2", "not json"),
        record("m3", {"id": "e3", "amount": 1, "type": "credit"})]}, None)
    assert result == {"batchItemFailures": [{"itemIdentifier": "m2"}, {"itemIdentifier": "m3"}]}
    assert [i["sk"] for i in items()] == ["e1"]


def test_redelivered_event_is_not_applied_twice(apply_module):
    event = {"Records": [record("m1", {"id": "e1", "amount": 10, "type": "credit"})]}
    apply_module.handler(event, None)
    boto3.resource("dynamodb").Table("ledger").update_item(
        Key={"pk": "account-1", "sk": "e1"}, UpdateExpression="SET amount = :a", ExpressionAttributeValues={":a": "changed"})
    assert apply_module.handler(event, None) == {"batchItemFailures": []}
    assert items()[0]["amount"] == "changed"
