"""Saga step: charge an order's payment, or refund it (the compensation).

The payment provider is simulated by a ledger table; a real integration passes the order id as
the provider's idempotency key. Charging twice or refunding twice has no further effect.
"""

import os
from datetime import datetime, timezone

import boto3
from botocore.exceptions import ClientError

_table = None


class PaymentDeclined(Exception):
    """The provider refused the charge: not retried, the workflow compensates."""


class PaymentProviderUnavailable(Exception):
    """A transient provider error: the workflow retries it with backoff."""


def table():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    return _table


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def charge(order: dict) -> dict:
    method = order.get("payment_method", "card")
    if method == "declined-card":
        raise PaymentDeclined(f"payment for {order['order_id']} was declined")
    if method == "flaky-provider":
        raise PaymentProviderUnavailable("payment provider timed out")
    try:
        table().put_item(Item={"order_id": order["order_id"], "status": "CHARGED", "amount": str(order["amount"]),
                               "charged_at": _now()},
                         ConditionExpression="attribute_not_exists(order_id)")
    except ClientError as error:
        if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        existing = table().get_item(Key={"order_id": order["order_id"]})["Item"]
        return {"status": existing["status"], "order_id": order["order_id"], "repeated": True}
    return {"status": "CHARGED", "order_id": order["order_id"], "repeated": False}


def refund(order: dict) -> dict:
    try:
        table().update_item(Key={"order_id": order["order_id"]}, UpdateExpression="SET #s = :refunded, refunded_at = :at",
                            ConditionExpression="#s = :charged", ExpressionAttributeNames={"#s": "status"},
                            ExpressionAttributeValues={":refunded": "REFUNDED", ":charged": "CHARGED", ":at": _now()})
    except ClientError as error:
        if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        return {"status": "NOTHING_TO_REFUND", "order_id": order["order_id"]}
    return {"status": "REFUNDED", "order_id": order["order_id"]}


def handler(event, context):
    actions = {"charge": charge, "refund": refund}
    return actions[event["action"]](event["order"])
