"""Audit consumer: one audit entry per order event, whatever its type.

The audit queue's subscription has no filter policy, so every event published to the topic lands
here. With raw message delivery the SQS body is the published JSON and the event_type message
attribute arrives as an SQS message attribute. Each event must carry a string "event_id"; the
entry is keyed by it and written only once, so a redelivered event keeps its first record.

Failed messages are returned in batchItemFailures; after maxReceiveCount receives SQS moves them
to the audit dead-letter queue.
"""

from __future__ import annotations

import json
import logging
import os

import boto3
from botocore.exceptions import ClientError

logger = logging.getLogger()
logger.setLevel(logging.INFO)

_table = None


def _audit_table():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["AUDIT_TABLE"])
    return _table


class PermanentError(ValueError):
    """The event can never be recorded as it is (bad JSON, no event_id, entry too large)."""


def _entry_from(record: dict) -> dict:
    try:
        event = json.loads(record["body"])
    except (TypeError, ValueError) as exc:
        raise PermanentError(f"body is not JSON: {exc}") from exc
    if not isinstance(event, dict):
        raise PermanentError("body is not a JSON object")
    event_id = event.get("event_id")
    if not isinstance(event_id, str) or not event_id:
        raise PermanentError('event has no string "event_id"')
    attribute = (record.get("messageAttributes") or {}).get("event_type") or {}
    entry = {
        "event_id": event_id,
        "event_type": attribute.get("stringValue") or "unspecified",
        "payload": record["body"],  # kept verbatim: the audit trail stores what was published
        "sqs_message_id": record["messageId"],
    }
    if isinstance(event.get("order_id"), str):
        entry["order_id"] = event["order_id"]
    sent = (record.get("attributes") or {}).get("SentTimestamp")
    if sent is not None:
        entry["sent_timestamp_ms"] = int(sent)
    return entry


def _write(entry: dict) -> bool:
    """PutItem unless the event is already recorded; False for a duplicate."""
    try:
        _audit_table().put_item(Item=entry, ConditionExpression="attribute_not_exists(event_id)")
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
            entry = _entry_from(record)
            written = _write(entry)
            logger.info(json.dumps({"messageId": message_id, "event_id": entry["event_id"],
                                    "result": "recorded" if written else "duplicate ignored"}))
        except PermanentError as exc:
            logger.error(json.dumps({"messageId": message_id, "error": str(exc), "permanent": True}))
            failures.append({"itemIdentifier": message_id})
        except ClientError as exc:
            logger.warning(json.dumps({"messageId": message_id, "error": exc.response.get("Error", {}).get("Code", "ClientError")}))
            failures.append({"itemIdentifier": message_id})
    return {"batchItemFailures": failures}
