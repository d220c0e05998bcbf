"""Fold Kinesis records into one running aggregate per id in DynamoDB.

Each record's data is a JSON object with a string "id" (producers use the same value as the
partition key, so all records of one id sit on one shard, in order) and an optional numeric
"value". For every id the table keeps eventCount, valueTotal, the last event and the sequence
number of the last record applied.

Exactly-once effect on top of at-least-once delivery: every update is conditional on the stored
lastSequence being older than the records being applied, so a retried batch, a bisected half or a
replay from the start of the stream never counts a record twice. Records of one id in a batch are
folded into a single UpdateItem; if part of that group was applied before (a retry after a
partial failure), the group falls back to one conditional update per record.

Sequence numbers are compared as zero-padded decimal strings; this relies on Kinesis sequence
numbers for one partition key increasing over time, and on Lambda finishing a parent shard
before its children after a reshard.

Errors: a record that can never be applied (not JSON, no id) and a failed write are reported as
the batch item failure; Lambda retries from that record, bisecting, and after the retry limit
sends the batch's metadata to the on-failure queue. Records before it are checkpointed.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import time
from decimal import Decimal
from typing import NamedTuple

import boto3
from botocore.exceptions import ClientError

logger = logging.getLogger()
logger.setLevel(logging.INFO)

SEQUENCE_WIDTH = 130  # Kinesis sequence numbers have at most 129 digits

_table = None


def _aggregates_table():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    return _table


class PermanentError(ValueError):
    """The record can never be applied as it is."""


class Event(NamedTuple):
    sequence: str  # as Kinesis gives it, for batchItemFailures
    sortable: str  # zero-padded, for comparisons in DynamoDB
    key: str
    value: Decimal
    body: dict


def _parse(record: dict) -> Event:
    kinesis = record["kinesis"]
    sequence = kinesis["sequenceNumber"]
    try:
        body = json.loads(base64.b64decode(kinesis["data"]), parse_float=Decimal)
    except (TypeError, ValueError) as exc:
        raise PermanentError(f"data is not JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise PermanentError("data is not a JSON object")
    key = body.get("id")
    if not isinstance(key, str) or not key:
        raise PermanentError('data has no string "id"')
    value = body.get("value", 0)
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise PermanentError('"value" must be a number')
    return Event(sequence, sequence.zfill(SEQUENCE_WIDTH), key, Decimal(value), body)


def _update(key: str, events: list[Event]) -> None:
    """Apply events (same key, stream order) in one conditional UpdateItem."""
    _aggregates_table().update_item(
        Key={"id": key},
        UpdateExpression=("SET lastSequence = :last, lastEvent = :event, updatedAt = :now "
                          "ADD eventCount :count, valueTotal :total"),
        ConditionExpression="attribute_not_exists(lastSequence) OR lastSequence < :first",
        ExpressionAttributeValues={
            ":first": events[0].sortable,
            ":last": events[-1].sortable,
            ":event": events[-1].body,
            ":now": int(time.time()),
            ":count": len(events),
            ":total": sum((e.value for e in events), Decimal(0)),
        },
    )


def _conditional_failed(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException"


def _apply(key: str, events: list[Event]) -> None:
    try:
        _update(key, events)
        return
    except ClientError as exc:
        if not _conditional_failed(exc):
            raise
    # Some of these records were applied before: apply the rest one at a time.
    for event in events:
        try:
            _update(key, [event])
        except ClientError as exc:
            if not _conditional_failed(exc):
                raise


def handler(event, context):
    parsed: list[Event] = []
    poison = None
    for record in event.get("Records", []):
        try:
            parsed.append(_parse(record))
        except PermanentError as exc:
            poison = record["kinesis"]["sequenceNumber"]
            logger.error(json.dumps({"sequenceNumber": poison, "error": str(exc), "permanent": True}))
            break  # later records wait: Lambda retries from the poison record onwards

    groups: dict[str, list[Event]] = {}
    for item in parsed:
        groups.setdefault(item.key, []).append(item)

    # Groups go in order of their first record, so when one fails every record before its first
    # record has been applied and Lambda may checkpoint up to it.
    for key, events in groups.items():
        try:
            _apply(key, events)
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "ClientError")
            logger.warning(json.dumps({"sequenceNumber": events[0].sequence, "id": key, "error": code}))
            return {"batchItemFailures": [{"itemIdentifier": events[0].sequence}]}

    if poison is not None:
        return {"batchItemFailures": [{"itemIdentifier": poison}]}
    return {"batchItemFailures": []}
