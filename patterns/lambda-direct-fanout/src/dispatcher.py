"""Dispatcher: validate an order, then invoke every worker asynchronously with it.

The workers are named in environment variables set from the template (one per worker), so adding
a worker means changing this file, the template and the dispatcher's IAM policy together: the
coupling this pattern is criticised for.

Each invoke uses InvocationType "Event": Lambda queues the event for the worker and answers 202
without waiting. If a worker cannot be reached (throttled, payload too large, missing function)
the dispatcher still tries the others, then raises so the whole dispatch is retried by the caller
or by Lambda's asynchronous retries. Workers that already got the event get it again, which is why
every worker's write is idempotent.
"""

from __future__ import annotations

import json
import logging
import os
import re
from decimal import Decimal

import boto3
from botocore.exceptions import ClientError

logger = logging.getLogger()
logger.setLevel(logging.INFO)

# Worker name -> environment variable holding its function name.
WORKERS = {
    "invoice": "INVOICE_WORKER_FUNCTION",
    "loyalty": "LOYALTY_WORKER_FUNCTION",
    "stock": "STOCK_WORKER_FUNCTION",
}
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_lambda = None


def _lambda_client():
    global _lambda
    if _lambda is None:
        _lambda = boto3.client("lambda")
    return _lambda


class DispatchError(RuntimeError):
    """At least one worker could not be invoked; the whole dispatch must be retried."""


def validate(order) -> dict:
    """Return the order if every worker can process it; raise ValueError otherwise."""
    if not isinstance(order, dict):
        raise ValueError("the order must be a JSON object")
    for field in ("order_id", "customer_id"):
        if not isinstance(order.get(field), str) or not order[field]:
            raise ValueError(f'the order has no string "{field}"')
    if not isinstance(order.get("currency"), str) or not _CURRENCY.match(order["currency"]):
        raise ValueError('"currency" must be a three-letter ISO 4217 code')
    lines = order.get("lines")
    if not isinstance(lines, list) or not lines:
        raise ValueError('"lines" must be a non-empty list')
    for i, line in enumerate(lines):
        if not isinstance(line, dict) or not isinstance(line.get("sku"), str) or not line["sku"]:
            raise ValueError(f'lines[{i}] has no string "sku"')
        qty, price = line.get("qty"), line.get("unit_price")
        if isinstance(qty, bool) or not isinstance(qty, int) or qty <= 0:
            raise ValueError(f'lines[{i}].qty must be a positive integer')
        if isinstance(price, bool) or not isinstance(price, (int, float, Decimal)) or price < 0:
            raise ValueError(f'lines[{i}].unit_price must be a non-negative number')
    return order


def handler(event, context):
    order = validate(event)
    payload = json.dumps(dict(order, dispatch_request_id=getattr(context, "aws_request_id", None))).encode()
    dispatched, failed = [], {}
    for worker, variable in WORKERS.items():
        function_name = os.environ[variable]
        try:
            response = _lambda_client().invoke(FunctionName=function_name, InvocationType="Event", Payload=payload)
            if response.get("StatusCode") != 202:
                raise DispatchError(f"unexpected status {response.get('StatusCode')}")
            dispatched.append(worker)
        except (ClientError, DispatchError) as exc:
            code = exc.response.get("Error", {}).get("Code", "ClientError") if isinstance(exc, ClientError) else str(exc)
            failed[worker] = code
    logger.info(json.dumps({"order_id": order["order_id"], "dispatched": dispatched, "failed": failed}))
    if failed:
        # Raising makes the caller (or Lambda, for an asynchronous dispatch) retry the whole order.
        raise DispatchError(f"could not invoke {', '.join(sorted(failed))} for {order['order_id']}: {failed}")
    return {"order_id": order["order_id"], "dispatched": dispatched}
