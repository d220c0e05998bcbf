import importlib.util
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "inventory.py"
ORDER = {"order_id": "o-1", "sku": "widget", "quantity": 3, "amount": 120}


@pytest.fixture
def inventory(monkeypatch):
    for key, value in {"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "TABLE_NAME": "inventory"}.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        ddb = boto3.client("dynamodb")
        ddb.create_table(TableName="inventory", BillingMode="PAY_PER_REQUEST",
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        ddb.put_item(TableName="inventory", Item={"pk": {"S": "SKU#widget"}, "available": {"N": "5"}})
        spec = importlib.util.spec_from_file_location("step_functions_workflow_inventory", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def available():
    item = boto3.client("dynamodb").get_item(TableName="inventory", Key={"pk": {"S": "SKU#widget"}})["Item"]
    return int(item["available"]["N"])


def test_reserve_takes_stock_once_even_when_retried(inventory):
    assert inventory.handler({"action": "reserve", "order": ORDER}, None)["repeated"] is False
    assert inventory.handler({"action": "reserve", "order": ORDER}, None)["repeated"] is True
    assert available() == 2


def test_reserve_fails_without_changes_when_stock_is_short(inventory):
    with pytest.raises(inventory.OutOfStock):
        inventory.handler({"action": "reserve", "order": dict(ORDER, quantity=9)}, None)
    assert available() == 5
    assert "Item" not in boto3.client("dynamodb").get_item(TableName="inventory", Key={"pk": {"S": "RES#o-1"}})


def test_release_gives_stock_back_once(inventory):
    inventory.handler({"action": "reserve", "order": ORDER}, None)
    assert inventory.handler({"action": "release", "order": ORDER}, None)["repeated"] is False
    assert inventory.handler({"action": "release", "order": ORDER}, None)["repeated"] is True
    assert available() == 5
