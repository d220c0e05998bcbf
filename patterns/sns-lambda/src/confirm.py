"""Record an order confirmation for every order event SNS pushes to this function.

SNS invokes the function asynchronously, one message per invocation. SNS and Lambda can both
deliver a message more than once, so the write is conditional on the order id: a repeat is a
no-op. A message that cannot be parsed raises, so Lambda retries it twice and then sends it to
the on-failure queue, where it can be inspected.
"""

import json
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


def confirm(order: dict, message_id: str) -> bool:
    """Store the confirmation; False when this order was already confirmed."""
    try:
        table().put_item(
            Item={
                "order_id": order["order_id"],
                "customer_id": order["customer_id"],
                "total": Decimal(str(order["total"])),
                "status": "confirmed",
                "sns_message_id": message_id,
            },
            ConditionExpression="attribute_not_exists(order_id)",
        )
    except ClientError as exc:
        if exc.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return False
        raise
    return True


def handler(event, context):
    confirmed = 0
    for record in event["Records"]:
        message = record["Sns"]
        order = json.loads(message["Message"])
        confirmed += confirm(order, message["MessageId"])
    return {"confirmed": confirmed}
