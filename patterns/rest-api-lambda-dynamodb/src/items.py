"""Items API behind API Gateway (REST, Lambda proxy integration, payload format 1.0).

POST /items       stores the JSON object in the body under its "id"; 201, or 409 if the id exists.
GET  /items/{id}  returns the stored item; 404 if there is none.

API Gateway has already checked the caller's Cognito token and, for POST, the body against the
NewItem model; the checks are repeated here so the function is safe when invoked another way.
"""

from __future__ import annotations

import json
import logging
import os
import re
from datetime import datetime, timezone
from decimal import Decimal

import boto3
from botocore.exceptions import ClientError

logger = logging.getLogger()
logger.setLevel(logging.INFO)

ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Each body becomes one DynamoDB item, which holds at most 400 KB (DynamoDB's KB is 1,024 bytes)
# including attribute names; anything larger cannot be stored, so refuse it before calling the table.
MAX_BODY_BYTES = 400 * 1024
RESERVED = ("created_by", "created_at")
THROTTLED = {"ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded"}

_table = None


def table():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    return _table


def handler(event, context):
    method = event.get("httpMethod", "")
    path = (event.get("path") or "").rstrip("/")
    claims = ((event.get("requestContext") or {}).get("authorizer") or {}).get("claims") or {}
    caller = claims.get("sub")
    if not caller:
        return _respond(401, {"message": "missing or invalid token"})
    try:
        if method == "POST" and path.endswith("/items"):
            return _create(event.get("body"), event.get("isBase64Encoded", False), caller)
        if method == "GET":
            item_id = (event.get("pathParameters") or {}).get("id")
            if item_id is None and "/items/" in path:
                item_id = path.rsplit("/items/", 1)[1]
            if item_id is not None:
                return _get(item_id)
        return _respond(404, {"message": f"no route for {method} {path or '/'}"})
    except ClientError as exc:
        if exc.response["Error"]["Code"] in THROTTLED:
            logger.warning("table throttled the request: %s", exc)
            return _respond(503, {"message": "busy, retry shortly"}, {"Retry-After": "1"})
        raise


def _create(raw, base64_encoded, caller):
    if raw is None or base64_encoded:
        return _respond(400, {"message": "send a JSON object as the request body"})
    if len(raw.encode()) > MAX_BODY_BYTES:
        return _respond(413, {"message": f"body larger than {MAX_BODY_BYTES} bytes"})
    try:
        item = json.loads(raw, parse_float=Decimal, parse_constant=_reject_constant)
    except ValueError:
        return _respond(400, {"message": "body is not valid JSON"})
    if not isinstance(item, dict):
        return _respond(400, {"message": "body must be a JSON object"})
    item_id = item.get("id")
    if not isinstance(item_id, str) or not ID_PATTERN.match(item_id):
        return _respond(400, {"message": "id must be 1-128 letters, digits or . _ : -"})
    for key in RESERVED:
        item.pop(key, None)
    item["created_by"] = caller
    item["created_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    try:
        table().put_item(Item=item, ConditionExpression="attribute_not_exists(id)")
    except ClientError as exc:
        code = exc.response["Error"]["Code"]
        if code == "ConditionalCheckFailedException":
            return _respond(409, {"message": f"item {item_id} already exists"})
        if code == "ValidationException":  # item over 400 KB, number out of range, empty set...
            message = exc.response["Error"].get("Message", "item rejected by the table")
            return _respond(413 if "size" in message.lower() else 400, {"message": message})
        raise
    logger.info("created item %s for %s", item_id, caller)
    return _respond(201, item, {"Location": f"/items/{item_id}"})


def _get(item_id):
    if not ID_PATTERN.match(item_id):
        return _respond(400, {"message": "id must be 1-128 letters, digits or . _ : -"})
    found = table().get_item(Key={"id": item_id}).get("Item")
    if found is None:
        return _respond(404, {"message": f"no item {item_id}"})
    return _respond(200, found)


def _respond(status, body, headers=None):
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json", "Cache-Control": "no-store", **(headers or {})},
        "body": json.dumps(body, default=_json_number),
    }


def _reject_constant(name):
    raise ValueError(f"{name} is not a number DynamoDB can store")


def _json_number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
