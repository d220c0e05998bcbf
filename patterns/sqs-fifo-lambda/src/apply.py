"""Apply ledger events from an SQS FIFO queue, in order per message group.

On the first failure in a batch, that message and every later message are reported as failed:
skipping ahead would apply a group's events out of order. Writes are conditional on the event
id, so a redelivered event is not applied twice.
"""

import json
import os

import boto3
from botocore.exceptions import ClientError

_table = None


def table():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    return _table


def apply(event: dict, group: str) -> None:
    try:
        table().put_item(
            Item={"pk": group, "sk": event["id"], "amount": str(event["amount"]), "type": event["type"]},
            ConditionExpression="attribute_not_exists(sk)",
        )
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise  # a duplicate is already applied; anything else is a real failure


def handler(event, context):
    records = event["Records"]
    for index, record in enumerate(records):
        try:
            body = json.loads(record["body"])
            apply(body, record["attributes"]["MessageGroupId"])
        except (KeyError, ValueError, ClientError):
            return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in records[index:]]}
    return {"batchItemFailures": []}
