"""Billing consumer: one invoice per order_placed event, failures reported per message.

The billing queue's subscription has a filter policy on the event_type message attribute, so SNS
only delivers order_placed events here; with raw message delivery the SQS body is the published
JSON and the SNS message attributes arrive as SQS message attributes. The handler checks the
attribute again so a widened filter policy cannot turn a cancellation into an invoice.

Delivery is at least once (SNS and SQS can both duplicate), so the invoice is written only if no
invoice exists for the order yet: a redelivered event is acknowledged without a second write.
Failed messages are returned in batchItemFailures; after maxReceiveCount receives SQS moves them
to the billing dead-letter queue.
"""

from __future__ import annotations

import json
import logging
import os
import re
from decimal import Decimal, InvalidOperation

import boto3
from botocore.exceptions import ClientError

logger = logging.getLogger()
logger.setLevel(logging.INFO)

HANDLED_EVENT = "order_placed"
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_table = None


def _invoices_table():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["INVOICES_TABLE"])
    return _table


class PermanentError(ValueError):
    """The event can never become an invoice as it is (bad JSON, missing or invalid fields)."""


def _event_type(record: dict) -> str | None:
    attribute = (record.get("messageAttributes") or {}).get("event_type") or {}
    return attribute.get("stringValue")


def _invoice_from(record: dict) -> dict:
    try:
        event = json.loads(record["body"], parse_float=Decimal)
    except (TypeError, ValueError) as exc:
        raise PermanentError(f"body is not JSON: {exc}") from exc
    if not isinstance(event, dict):
        raise PermanentError("body is not a JSON object")
    order_id, customer_id = event.get("order_id"), event.get("customer_id")
    if not isinstance(order_id, str) or not order_id:
        raise PermanentError('event has no string "order_id"')
    if not isinstance(customer_id, str) or not customer_id:
        raise PermanentError('event has no string "customer_id"')
    currency = event.get("currency")
    if not isinstance(currency, str) or not _CURRENCY.match(currency):
        raise PermanentError('"currency" must be a three-letter ISO 4217 code')
    total = event.get("total")
    if isinstance(total, bool) or not isinstance(total, (int, Decimal)):
        raise PermanentError('"total" must be a number')
    try:
        amount = Decimal(total).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise PermanentError('"total" is not a valid amount') from exc
    if amount < 0:
        raise PermanentError('"total" must not be negative')
    return {
        "order_id": order_id,
        "invoice_id": f"inv-{order_id}",
        "customer_id": customer_id,
        "amount": amount,
        "currency": currency,
        "status": "issued",
        "source_event_id": str(event.get("event_id", "")),
        "sqs_message_id": record["messageId"],
    }


def _write(invoice: dict) -> bool:
    """PutItem unless the order already has an invoice; False when it had one (a duplicate)."""
    try:
        _invoices_table().put_item(Item=invoice, ConditionExpression="attribute_not_exists(order_id)")
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
        event_type = _event_type(record)
        if event_type is not None and event_type != HANDLED_EVENT:
            logger.info(json.dumps({"messageId": message_id, "result": "skipped", "event_type": event_type}))
            continue
        try:
            invoice = _invoice_from(record)
            written = _write(invoice)
            logger.info(json.dumps({"messageId": message_id, "order_id": invoice["order_id"],
                                    "result": "invoiced" if written else "duplicate ignored"}))
        except PermanentError as exc:
            # Retrying cannot help, but reporting it lets SQS count the receives and move the
            # message to the dead-letter queue where a person can inspect it.
            logger.error(json.dumps({"messageId": message_id, "error": str(exc), "permanent": True}))
            failures.append({"itemIdentifier": message_id})
        except ClientError as exc:
            # Throttling or a service error: the message returns to the queue after the
            # visibility timeout and is retried.
            logger.warning(json.dumps({"messageId": message_id, "error": exc.response.get("Error", {}).get("Code", "ClientError")}))
            failures.append({"itemIdentifier": message_id})
    return {"batchItemFailures": failures}
