"""Award loyalty points for orders placed through signed-in channels.

The subscription's filter policy already keeps other channels away from this function. Points
are stored per customer and order with a conditional write, so a message SNS or Lambda delivers
twice never awards points twice.
"""

import json
import math
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


def points_for(total, per_unit: int) -> int:
    """Whole points for the order total; refunds and free orders earn nothing."""
    return max(0, math.floor(Decimal(str(total)) * per_unit))


def award(order: dict, per_unit: int) -> bool:
    try:
        table().put_item(
            Item={
                "customer_id": order["customer_id"],
                "order_id": order["order_id"],
                "points": points_for(order["total"], per_unit),
            },
            ConditionExpression="attribute_not_exists(order_id)",
        )
    except ClientError as exc:
        if exc.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return False
        raise
    return True


def handler(event, context):
    per_unit = int(os.environ.get("POINTS_PER_UNIT", "1"))
    awarded = 0
    for record in event["Records"]:
        awarded += award(json.loads(record["Sns"]["Message"]), per_unit)
    return {"awarded": awarded}
