import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "confirm.py"


@pytest.fixture
def confirm(monkeypatch):
    for key, value in {"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing",
                       "AWS_SECRET_ACCESS_KEY": "testing", "TABLE_NAME": "confirmations"}.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName="confirmations", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "order_id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "order_id", "KeyType": "HASH"}])
        spec = importlib.util.spec_from_file_location("sns_lambda_confirm", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def sns_event(*orders):
    return {"Records": [{"EventSource": "aws:sns", "Sns": {"MessageId": f"msg-{i}", "Message": o if isinstance(o, str) else json.dumps(o)}}
                        for i, o in enumerate(orders)]}


def items():
    return boto3.resource("dynamodb").Table("confirmations").scan()["Items"]


def test_each_order_is_confirmed_once(confirm):
    result = confirm.handler(sns_event({"order_id": "o1", "customer_id": "c1", "total": 10.25}), None)
    assert result == {"confirmed": 1}
    [item] = items()
    assert item["order_id"] == "o1" and item["status"] == "confirmed" and str(item["total"]) == "10.25"
    assert item["sns_message_id"] == "msg-0"


def test_a_redelivered_message_is_a_no_op(confirm):
    event = sns_event({"order_id": "o1", "customer_id": "c1", "total": 10})
    confirm.handler(event, None)
    boto3.resource("dynamodb").Table("confirmations").update_item(
        Key={"order_id": "o1"}, UpdateExpression="SET #s = :s", ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":s": "shipped"})
    assert confirm.handler(event, None) == {"confirmed": 0}
    assert items()[0]["status"] == "shipped"


def test_a_malformed_message_raises_so_lambda_retries_and_dead_letters_it(confirm):
    with pytest.raises(ValueError):
        confirm.handler(sns_event("not json"), None)
    with pytest.raises(KeyError):
        confirm.handler(sns_event({"customer_id": "c1", "total": 1}), None)
    assert items() == []
