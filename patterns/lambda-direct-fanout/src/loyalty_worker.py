"""Loyalty worker: award one point per whole unit of the order's total.

Invoked asynchronously by the dispatcher, possibly more than once for the same order, so the
points are stored under a fixed key, (order_id, "loyalty"), rather than added to a running
balance: a repeated event overwrites the same item instead of awarding the points twice. An
exception makes Lambda retry the event twice, then send it to the on-failure queue.
"""

from __future__ import annotations

import json
import logging
import os
from decimal import ROUND_FLOOR, Decimal

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

WORKER = "loyalty"
_table = None


def _results_table():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["RESULTS_TABLE"])
    return _table


def points_for(lines: list[dict]) -> int:
    total = sum((Decimal(str(line["unit_price"])) * int(line["qty"]) for line in lines), Decimal("0"))
    return int(total.to_integral_value(rounding=ROUND_FLOOR))


def handler(event, context):
    order_id = event["order_id"]
    item = {
        "order_id": order_id,
        "worker": WORKER,
        "customer_id": event["customer_id"],
        "points": points_for(event["lines"]),
    }
    _results_table().put_item(Item=item)
    logger.info(json.dumps({"order_id": order_id, "worker": WORKER, "points": item["points"]}))
    return {"order_id": order_id, "worker": WORKER}
