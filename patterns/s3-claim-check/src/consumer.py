"""Claim-check consumer: redeem each pointer from the queue, verify the payload, record a result.

Each SQS message carries only a pointer. The function fetches the object, checks its size and
SHA-256 against the pointer (so a replaced or truncated object is never processed), summarises
the document and stores one result per document id; processing the same pointer twice writes
the same result. A failed message is reported alone, so the rest of the batch is not retried;
after five receives SQS moves it to the dead-letter queue.
"""

import hashlib
import json
import os
from decimal import Decimal

import boto3

_s3 = _table = None


class ClaimError(Exception):
    """The pointer cannot be redeemed: the payload is missing or does not match."""


def clients():
    global _s3, _table
    if _s3 is None:
        _s3 = boto3.client("s3")
        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    return _s3, _table


def redeem(claim: dict) -> bytes:
    s3, _ = clients()
    if claim.get("bucket") != os.environ["BUCKET_NAME"] or not str(claim.get("key", "")).startswith("payloads/"):
        raise ClaimError("pointer names an object outside the payload bucket")
    try:
        body = s3.get_object(Bucket=claim["bucket"], Key=claim["key"])["Body"].read()
    except s3.exceptions.NoSuchKey as exc:
        raise ClaimError(f"payload {claim['key']} is gone (expired or deleted)") from exc
    if len(body) != claim["size"] or hashlib.sha256(body).hexdigest() != claim["sha256"]:
        raise ClaimError(f"payload {claim['key']} does not match its claim check")
    return body


def summarise(document) -> dict:
    lines = document.get("lines", []) if isinstance(document, dict) else []
    total = sum(Decimal(str(line.get("amount", 0))) for line in lines)
    return {"lines": len(lines), "total": total}


def process(claim: dict) -> None:
    _, table = clients()
    body = redeem(claim)
    table.put_item(Item={"document_id": claim["document_id"], "payload_key": claim["key"],
                         "bytes": len(body), "sha256": claim["sha256"], **summarise(json.loads(body))})


def handler(event, context):
    failures = []
    for record in event["Records"]:
        try:
            process(json.loads(record["body"]))
        except (ClaimError, KeyError, ValueError) as exc:
            print(json.dumps({"messageId": record["messageId"], "error": str(exc)}))
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
