import importlib.util
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "review.py"


@pytest.fixture
def review(monkeypatch):
    for key, value in {"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing",
                       "AWS_SECRET_ACCESS_KEY": "testing", "TABLE_NAME": "reviews"}.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName="reviews", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "order_id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "order_id", "KeyType": "HASH"}])
        spec = importlib.util.spec_from_file_location("eventbridge_bus_routing_review", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def order_event(**detail):
    base = {"order_id": "ord-1", "customer_id": "cust-1", "total": 1250}
    return {"id": "evt-1", "source": "shop.orders", "detail-type": "Order Placed", "detail": {**base, **detail}}


def test_risk_score_adds_up_the_signals(review):
    assert review.risk_score({"total": 1200}) == 20
    assert review.risk_score({"total": 7000, "new_customer": True}) == 70
    assert review.risk_score({"total": 7000, "new_customer": True, "shipping_country": "FR", "billing_country": "US"}) == 100
    assert review.risk_score({"total": 1500, "shipping_country": "US", "billing_country": "US"}) == 20


def test_a_review_is_opened_for_the_order(review):
    assert review.handler(order_event(new_customer=True), None) == {"order_id": "ord-1", "opened": True}
    item = boto3.resource("dynamodb").Table("reviews").get_item(Key={"order_id": "ord-1"})["Item"]
    assert item["status"] == "pending-review" and item["risk_score"] == 50 and item["event_id"] == "evt-1"


def test_a_replayed_event_does_not_reset_a_review_in_progress(review):
    review.handler(order_event(), None)
    boto3.resource("dynamodb").Table("reviews").update_item(
        Key={"order_id": "ord-1"}, UpdateExpression="SET #s = :s",
        ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={":s": "cleared"})
    assert review.handler(order_event(), None) == {"order_id": "ord-1", "opened": False}
    item = boto3.resource("dynamodb").Table("reviews").get_item(Key={"order_id": "ord-1"})["Item"]
    assert item["status"] == "cleared"
