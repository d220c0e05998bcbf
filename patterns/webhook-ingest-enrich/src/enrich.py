"""Enrich queued webhook events with account data and forward them to the downstream system.

Each message body is the provider's event exactly as received, for example
{"id": "evt_1001", "type": "payment.succeeded", "data": {"account_id": "acct-42", ...}}.
The function looks the account up in the DynamoDB accounts table and sends

    {"webhook_id", "type", "received": <original event>, "account": {...} or null}

to the outbound queue. An unknown account is not an error (the event is forwarded with
"account": null, so the downstream system decides); a failed lookup or send is, and only that
message is retried (partial batch response) until it moves to the dead-letter queue.

Delivery is at least once (providers resend, SQS may redeliver); the downstream system
deduplicates on webhook_id.
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

_clients: dict = {}


def _sqs():
    if "sqs" not in _clients:
        _clients["sqs"] = boto3.client("sqs")
    return _clients["sqs"]


def _accounts():
    if "accounts" not in _clients:
        _clients["accounts"] = boto3.resource("dynamodb").Table(os.environ["ACCOUNTS_TABLE"])
    return _clients["accounts"]


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"cannot encode {type(value).__name__}")


def enrich(event: dict) -> dict:
    account_id = (event.get("data") or {}).get("account_id")
    account = None
    if isinstance(account_id, str) and account_id:
        account = _accounts().get_item(Key={"account_id": account_id}).get("Item")
    return {"webhook_id": event["id"], "type": event["type"], "received": event, "account": account}


def handler(event, context):
    failures = []
    for record in event.get("Records", []):
        try:
            enriched = enrich(json.loads(record["body"]))
            _sqs().send_message(
                QueueUrl=os.environ["OUTBOUND_QUEUE_URL"],
                MessageBody=json.dumps(enriched, default=_plain),
                MessageAttributes={"event_type": {"DataType": "String", "StringValue": enriched["type"]}},
            )
        except (ClientError, KeyError, TypeError, ValueError):
            logger.exception("could not enrich message %s", record.get("messageId"))
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
