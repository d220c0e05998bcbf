"""Receive a third party's webhook on a Lambda function URL (payload format 2.0).

The URL is public (AuthType NONE) because webhook senders cannot sign AWS requests; this
function is the authentication. Each request must carry

    <SIGNATURE_HEADER>: sha256=<hex HMAC-SHA256 of the raw request body, keyed with the secret>

The HMAC is computed over the exact bytes received (after undoing the function URL's base64
encoding), never over re-serialised JSON, and compared in constant time. Requests without a
valid signature get 401 and are never queued. Valid events are queued unchanged and the
sender gets 202 straight away; enrichment happens later, so slow lookups never make the
provider time out and resend.

The secret is read from Secrets Manager and cached for five minutes, so a rotated secret
(put-secret-value) takes effect without a deployment. During a rotation window the secret may
hold several keys separated by newlines; a signature made with any of them is accepted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import time

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

SECRET_TTL_SECONDS = 300
_cache: dict = {"keys": None, "loaded": 0.0}
_clients: dict = {}


def _client(name: str):
    if name not in _clients:
        _clients[name] = boto3.client(name)
    return _clients[name]


def _keys() -> list[bytes]:
    if _cache["keys"] is None or time.monotonic() - _cache["loaded"] > SECRET_TTL_SECONDS:
        secret = _client("secretsmanager").get_secret_value(SecretId=os.environ["SECRET_ARN"])["SecretString"]
        _cache["keys"] = [k.strip().encode() for k in secret.splitlines() if k.strip()]
        _cache["loaded"] = time.monotonic()
    return _cache["keys"]


def sign(key: bytes, body: bytes) -> str:
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def valid_signature(body: bytes, header: str | None) -> bool:
    if not header or not header.startswith("sha256="):
        return False
    return any(hmac.compare_digest(sign(key, body), header) for key in _keys())


def _response(status: int, body: dict) -> dict:
    return {"statusCode": status, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}


def handler(event, context):
    method = event.get("requestContext", {}).get("http", {}).get("method", "")
    if method != "POST":
        return _response(405, {"message": "use POST"})
    raw = event.get("body") or ""
    body = base64.b64decode(raw) if event.get("isBase64Encoded") else raw.encode("utf-8")
    headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
    if not valid_signature(body, headers.get(os.environ.get("SIGNATURE_HEADER", "x-signature-256"))):
        logger.warning("rejected a request with a missing or invalid signature from %s",
                       event.get("requestContext", {}).get("http", {}).get("sourceIp"))
        return _response(401, {"message": "invalid signature"})
    try:
        payload = json.loads(body)
    except ValueError:
        return _response(400, {"message": "body must be JSON"})
    if not isinstance(payload, dict) or not isinstance(payload.get("id"), str) or not isinstance(payload.get("type"), str):
        return _response(400, {"message": 'body must be a JSON object with string "id" and "type"'})
    _client("sqs").send_message(
        QueueUrl=os.environ["QUEUE_URL"],
        MessageBody=body.decode("utf-8"),
        MessageAttributes={
            "webhook_id": {"DataType": "String", "StringValue": payload["id"]},
            "event_type": {"DataType": "String", "StringValue": payload["type"]},
        },
    )
    return _response(202, {"accepted": payload["id"]})
