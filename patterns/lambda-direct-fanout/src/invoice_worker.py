"""Invoice worker: total the order's lines and record the invoice amount.

Invoked asynchronously by the dispatcher. Lambda may run the same event more than once (a retried
dispatch, or the two automatic retries after an error), so the result is written under a fixed key,
(order_id, "invoice"), with a value computed only from the order: running it twice stores the same
item. An exception makes Lambda retry the event twice, then send it to the on-failure queue.
"""

from __future__ import annotations

import json
import logging
import os
from decimal import Decimal

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

WORKER = "invoice"
_table = None


def _results_table():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["RESULTS_TABLE"])
    return _table


def invoice_total(lines: list[dict]) -> Decimal:
    total = sum((Decimal(str(line["unit_price"])) * int(line["qty"]) for line in lines), Decimal("0"))
    return total.quantize(Decimal("0.01"))


def handler(event, context):
    order_id, lines = event["order_id"], event["lines"]
    item = {
        "order_id": order_id,
        "worker": WORKER,
        "total": invoice_total(lines),
        "currency": event["currency"],
        "line_count": len(lines),
    }
    _results_table().put_item(Item=item)
    logger.info(json.dumps({"order_id": order_id, "worker": WORKER, "total": str(item["total"])}))
    return {"order_id": order_id, "worker": WORKER}
