"""Notes API behind an HTTP API with a JWT authorizer (payload format 2.0).

Routes:
  POST /notes  {"note_id": "...", "text": "..."}  -> 201 created, 200 if the same note was
               already stored (a client retry), 409 if that id holds a different note.
  GET  /notes                                     -> 200 {"notes": [...]} (newest ids last)

The gateway has already validated the token's signature, issuer, audience and expiry; the
function trusts only the `sub` claim it passes along and scopes every read and write to it, so
one user can never see or overwrite another user's notes. The client chooses note_id (a ULID or
UUID), which makes POST safe to retry.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import time

import boto3
from botocore.exceptions import ClientError

logger = logging.getLogger()
logger.setLevel(logging.INFO)

NOTE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_TEXT = 4000
PAGE = 50

_table = None


def _notes():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    return _table


def _response(status: int, body: dict) -> dict:
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json", "cache-control": "no-store"},
        "body": json.dumps(body),
    }


def _caller(event: dict) -> str | None:
    claims = event.get("requestContext", {}).get("authorizer", {}).get("jwt", {}).get("claims", {})
    sub = claims.get("sub")
    return sub if isinstance(sub, str) and sub else None


def _body(event: dict):
    raw = event.get("body") or ""
    if event.get("isBase64Encoded"):
        raw = base64.b64decode(raw).decode("utf-8")
    return json.loads(raw)


def create(user: str, event: dict) -> dict:
    try:
        body = _body(event)
    except (ValueError, UnicodeDecodeError):
        return _response(400, {"message": "body must be JSON"})
    if not isinstance(body, dict):
        return _response(400, {"message": "body must be a JSON object"})
    note_id, text = body.get("note_id"), body.get("text")
    if not isinstance(note_id, str) or not NOTE_ID.match(note_id):
        return _response(400, {"message": "note_id must be 1-64 letters, digits, '-' or '_'"})
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
        return _response(400, {"message": f"text must be 1-{MAX_TEXT} characters"})
    item = {"user_id": user, "note_id": note_id, "text": text, "created_at": int(time.time())}
    try:
        _notes().put_item(Item=item, ConditionExpression="attribute_not_exists(note_id)",
                          ReturnValuesOnConditionCheckFailure="ALL_OLD")
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        stored = exc.response.get("Item", {})
        if stored.get("text", {}).get("S") == text:
            return _response(200, {"note_id": note_id, "created": False})
        return _response(409, {"message": f"note {note_id} already exists with different text"})
    return _response(201, {"note_id": note_id, "created": True})


def list_notes(user: str) -> dict:
    result = _notes().query(
        KeyConditionExpression="user_id = :u",
        ExpressionAttributeValues={":u": user},
        Limit=PAGE,
    )
    notes = [{"note_id": i["note_id"], "text": i["text"], "created_at": int(i["created_at"])} for i in result["Items"]]
    return _response(200, {"notes": notes, "more": "LastEvaluatedKey" in result})


def handler(event, context):
    user = _caller(event)
    if user is None:  # the authorizer should have refused the request already
        return _response(401, {"message": "unauthorized"})
    route = event.get("routeKey", "")
    if route == "POST /notes":
        return create(user, event)
    if route == "GET /notes":
        return list_notes(user)
    return _response(404, {"message": f"no route {route}"})
