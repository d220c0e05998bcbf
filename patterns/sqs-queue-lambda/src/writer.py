"""Drain the write queue into DynamoDB: one PutItem per message, failures reported per message.

Each SQS message body is a JSON object with a string "id"; the item is stored under that id.
The queue delivers at least once and in no particular order, so the write is idempotent: the
same message written twice leaves the same item. When the body carries an integer "version", an
older version never overwrites a newer one (the stale message is acknowledged, not retried).

Failed messages are returned in batchItemFailures, so only they go back to the queue; after
maxReceiveCount receives SQS moves them to the dead-letter queue.
"""

from __future__ import annotations

import json
import logging
import os
from decimal import Decimal

import boto3
from botocore.exceptions import ClientError

logger = logging.getLogger()
logger.setLevel(logging.INFO)

_table = None


def _items_table():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    return _table


class PermanentError(ValueError):
    """The message can never be written as it is (bad JSON, no id, item too large)."""


def _item_from(record: dict) -> dict:
    try:
        body = json.loads(record["body"], parse_float=Decimal)
    except (TypeError, ValueError) as exc:
        raise PermanentError(f"body is not JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise PermanentError("body is not a JSON object")
    item_id = body.get("id")
    if not isinstance(item_id, str) or not item_id:
        raise PermanentError('body has no string "id"')
    version = body.get("version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        raise PermanentError('"version" must be an integer')
    item = dict(body)
    item["id"] = item_id
    item["sqsMessageId"] = record["messageId"]
    return item


def _write(item: dict) -> bool:
    """PutItem; returns False when a newer version is already stored (nothing to do)."""
    args = {"Item": item}
    if "version" in item:
        args["ConditionExpression"] = "attribute_not_exists(#v) OR #v < :v"
        args["ExpressionAttributeNames"] = {"#v": "version"}
        args["ExpressionAttributeValues"] = {":v": item["version"]}
    try:
        _items_table().put_item(**args)
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if code == "ConditionalCheckFailedException":
            return False
        if code == "ValidationException":
            raise PermanentError(exc.response["Error"].get("Message", code)) from exc
        raise
    return True


def handler(event, context):
    failures = []
    for record in event.get("Records", []):
        message_id = record["messageId"]
        try:
            written = _write(_item_from(record))
            if not written:
                logger.info(json.dumps({"messageId": message_id, "result": "stale version skipped"}))
        except PermanentError as exc:
            # Retrying cannot help, but reporting it lets SQS count the receives and move the
            # message to the dead-letter queue where a person can inspect it.
            logger.error(json.dumps({"messageId": message_id, "error": str(exc), "permanent": True}))
            failures.append({"itemIdentifier": message_id})
        except ClientError as exc:
            # Throttling or a service error: the message returns to the queue after the
            # visibility timeout and is retried, which spreads the writes out.
            logger.warning(json.dumps({"messageId": message_id, "error": exc.response.get("Error", {}).get("Code", "ClientError")}))
            failures.append({"itemIdentifier": message_id})
    return {"batchItemFailures": failures}
