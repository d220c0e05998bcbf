"""Relay order changes from the table's DynamoDB stream to an SQS FIFO queue (transactional outbox).

The application only writes orders to DynamoDB; this function is the single place that turns
those changes into domain events, so a change is never stored without its event (or the other
way round):

- INSERT becomes OrderPlaced.
- MODIFY becomes OrderStatusChanged when the status differs between the old and new image;
  other edits (a note, a timestamp) are not business events and are skipped.
- REMOVE is filtered out by the event source mapping; it is skipped here too, in case the
  filter is changed.

Each event goes to the FIFO queue with the order id as message group (consumers see one order's
events in the order they happened) and the stream record's eventID as deduplication id, so a
batch retried within five minutes does not publish the same change twice.

Errors: on the first record that fails, the function reports its sequence number as the batch
item failure. Lambda checkpoints the records before it and retries from there, so order is kept;
after the retry limit the batch's metadata goes to the on-failure queue.
"""

from __future__ import annotations

import json
import logging
import os
from decimal import Decimal

import boto3
from boto3.dynamodb.types import TypeDeserializer
from botocore.exceptions import ClientError

logger = logging.getLogger()
logger.setLevel(logging.INFO)

_deserializer = TypeDeserializer()
_sqs = None


def _client():
    global _sqs
    if _sqs is None:
        _sqs = boto3.client("sqs")
    return _sqs


def _plain(value):
    """DynamoDB numbers arrive as Decimal; JSON wants int or float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, set):
        return sorted(_plain(v) for v in value)
    raise TypeError(f"cannot encode {type(value).__name__}")


def _image(record: dict, which: str) -> dict:
    raw = record["dynamodb"].get(which) or {}
    return {k: _deserializer.deserialize(v) for k, v in raw.items()}


def to_event(record: dict) -> dict | None:
    """The domain event for one stream record, or None when the change is not one."""
    name = record["eventName"]
    new, old = _image(record, "NewImage"), _image(record, "OldImage")
    if name == "INSERT":
        kind = "OrderPlaced"
    elif name == "MODIFY" and new.get("status") != old.get("status"):
        kind = "OrderStatusChanged"
    else:
        return None
    order_id = new["order_id"]
    if not isinstance(order_id, str) or not order_id:
        raise ValueError("order_id must be a non-empty string")
    event = {
        "type": kind,
        "event_id": record["eventID"],
        "order_id": order_id,
        "status": new.get("status"),
        "order": new,
        "changed_at": record["dynamodb"].get("ApproximateCreationDateTime"),
    }
    if kind == "OrderStatusChanged":
        event["previous_status"] = old.get("status")
    return event


def publish(event: dict) -> None:
    _client().send_message(
        QueueUrl=os.environ["EVENTS_QUEUE_URL"],
        MessageBody=json.dumps(event, default=_plain, sort_keys=True),
        MessageGroupId=event["order_id"],
        MessageDeduplicationId=event["event_id"],
    )


def handler(event, context):
    for record in event.get("Records", []):
        sequence = record["dynamodb"]["SequenceNumber"]
        try:
            change = to_event(record)
            if change is not None:
                publish(change)
        except (ClientError, KeyError, TypeError, ValueError):
            logger.exception("order change %s failed; retrying from it", sequence)
            return {"batchItemFailures": [{"itemIdentifier": sequence}]}
    return {"batchItemFailures": []}
