"""Open a fraud review for each high-value order the bus routes here.

The rule only sends placed orders of 1,000 or more, so the function holds no routing logic. It
scores the order from the event's detail and records one review per order. EventBridge and
Lambda deliver at least once and an archive replay sends old events again, so the write is
conditional on the order id: a repeat never resets a review that is already being worked on.
"""

import os
from decimal import Decimal

import boto3
from botocore.exceptions import ClientError

_table = None


def table():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    return _table


def risk_score(detail: dict) -> int:
    """A simple additive score from 0 to 100; real systems call a fraud service here."""
    score = 0
    total = Decimal(str(detail.get("total", 0)))
    if total >= 5000:
        score += 40
    elif total >= 1000:
        score += 20
    if detail.get("new_customer"):
        score += 30
    shipping, billing = detail.get("shipping_country"), detail.get("billing_country")
    if shipping and billing and shipping != billing:
        score += 30
    return min(score, 100)


def handler(event, context):
    detail = event["detail"]
    try:
        table().put_item(
            Item={
                "order_id": detail["order_id"],
                "customer_id": detail["customer_id"],
                "total": Decimal(str(detail["total"])),
                "risk_score": risk_score(detail),
                "status": "pending-review",
                "event_id": event.get("id", ""),
            },
            ConditionExpression="attribute_not_exists(order_id)",
        )
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        return {"order_id": detail["order_id"], "opened": False}
    return {"order_id": detail["order_id"], "opened": True}
