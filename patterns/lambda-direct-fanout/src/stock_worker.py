"""Stock worker: record how many units of each SKU the order reserves.

Invoked asynchronously by the dispatcher, possibly more than once for the same order, so the
reservation is stored under a fixed key, (order_id, "stock"), as the full quantity per SKU: a
repeated event overwrites the same item instead of reserving twice. An exception makes Lambda
retry the event twice, then send it to the on-failure queue.
"""

from __future__ import annotations

import json
import logging
import os

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

WORKER = "stock"
_table = None


def _results_table():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["RESULTS_TABLE"])
    return _table


def reservations(lines: list[dict]) -> dict[str, int]:
    reserved: dict[str, int] = {}
    for line in lines:
        reserved[line["sku"]] = reserved.get(line["sku"], 0) + int(line["qty"])
    return reserved


def handler(event, context):
    order_id = event["order_id"]
    reserved = reservations(event["lines"])
    item = {
        "order_id": order_id,
        "worker": WORKER,
        "reservations": reserved,
        "units": sum(reserved.values()),
    }
    _results_table().put_item(Item=item)
    logger.info(json.dumps({"order_id": order_id, "worker": WORKER, "units": item["units"]}))
    return {"order_id": order_id, "worker": WORKER}
