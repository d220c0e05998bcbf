"""Saga step: reserve stock for an order, or release it (the compensation).

Both actions are idempotent, because Step Functions retries a task whose result it never saw:
a reservation record per order is written in the same transaction as the stock change, so a
second reserve or release for the same order changes nothing.
"""

import os

import boto3
from botocore.exceptions import ClientError

_client = None


class OutOfStock(Exception):
    """Not enough stock: the workflow fails the order without compensation (nothing changed yet)."""


def client():
    global _client
    if _client is None:
        _client = boto3.client("dynamodb")
    return _client


def _reasons(error: ClientError) -> list[str]:
    return [r.get("Code", "None") for r in error.response.get("CancellationReasons", [])]


def reserve(order: dict) -> dict:
    table, qty = os.environ["TABLE_NAME"], int(order["quantity"])
    try:
        client().transact_write_items(TransactItems=[
            {"Put": {"TableName": table,
                     "Item": {"pk": {"S": f"RES#{order['order_id']}"}, "sku": {"S": order["sku"]}, "quantity": {"N": str(qty)}},
                     "ConditionExpression": "attribute_not_exists(pk)"}},
            {"Update": {"TableName": table, "Key": {"pk": {"S": f"SKU#{order['sku']}"}},
                        "UpdateExpression": "SET available = available - :q",
                        "ConditionExpression": "available >= :q",
                        "ExpressionAttributeValues": {":q": {"N": str(qty)}}}},
        ])
    except ClientError as error:
        if error.response["Error"]["Code"] != "TransactionCanceledException":
            raise
        reasons = _reasons(error)
        if reasons and reasons[0] == "ConditionalCheckFailed":
            return {"status": "RESERVED", "order_id": order["order_id"], "repeated": True}
        raise OutOfStock(f"not enough stock of {order['sku']} for {qty}") from error
    return {"status": "RESERVED", "order_id": order["order_id"], "repeated": False}


def release(order: dict) -> dict:
    table = os.environ["TABLE_NAME"]
    try:
        client().transact_write_items(TransactItems=[
            {"Delete": {"TableName": table, "Key": {"pk": {"S": f"RES#{order['order_id']}"}},
                        "ConditionExpression": "attribute_exists(pk)"}},
            {"Update": {"TableName": table, "Key": {"pk": {"S": f"SKU#{order['sku']}"}},
                        "UpdateExpression": "SET available = available + :q",
                        "ExpressionAttributeValues": {":q": {"N": str(int(order["quantity"]))}}}},
        ])
    except ClientError as error:
        if error.response["Error"]["Code"] == "TransactionCanceledException" and _reasons(error)[:1] == ["ConditionalCheckFailed"]:
            return {"status": "RELEASED", "order_id": order["order_id"], "repeated": True}
        raise
    return {"status": "RELEASED", "order_id": order["order_id"], "repeated": False}


def handler(event, context):
    actions = {"reserve": reserve, "release": release}
    return actions[event["action"]](event["order"])
