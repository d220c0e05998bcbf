import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "loyalty.py"


@pytest.fixture
def loyalty(monkeypatch):
    for key, value in {"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing",
                       "AWS_SECRET_ACCESS_KEY": "testing", "TABLE_NAME": "points", "POINTS_PER_UNIT": "2"}.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName="points", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "customer_id", "AttributeType": "S"},
                                  {"AttributeName": "order_id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "customer_id", "KeyType": "HASH"}, {"AttributeName": "order_id", "KeyType": "RANGE"}])
        spec = importlib.util.spec_from_file_location("sns_lambda_loyalty", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def sns_event(order):
    return {"Records": [{"EventSource": "aws:sns", "Sns": {"MessageId": "m1", "Message": json.dumps(order)}}]}


def test_points_are_whole_units_of_the_total(loyalty):
    assert loyalty.points_for(42.5, 1) == 42
    assert loyalty.points_for("19.99", 2) == 39
    assert loyalty.points_for(-5, 1) == 0


def test_points_are_awarded_once_per_order(loyalty):
    event = sns_event({"order_id": "o1", "customer_id": "c7", "total": 42.5})
    assert loyalty.handler(event, None) == {"awarded": 1}
    assert loyalty.handler(event, None) == {"awarded": 0}
    item = boto3.resource("dynamodb").Table("points").get_item(Key={"customer_id": "c7", "order_id": "o1"})["Item"]
    assert item["points"] == 85
