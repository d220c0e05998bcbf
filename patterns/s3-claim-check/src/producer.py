"""Claim-check producer: store the document in S3, put only a pointer on the queue.

The caller invokes this function synchronously with the document; it gets the claim check back
once the object is stored and the pointer is queued. The object is written before the pointer
is sent, so a consumer can never receive a pointer to a missing object; if sending fails the
caller sees the error and the orphaned object expires with the bucket's lifecycle rule.
"""

import hashlib
import json
import os
import uuid
from datetime import datetime, timezone

import boto3

_s3 = _sqs = None


def clients():
    global _s3, _sqs
    if _s3 is None:
        _s3, _sqs = boto3.client("s3"), boto3.client("sqs")
    return _s3, _sqs


def payload_key(document_id: str, now: datetime) -> str:
    """Date-partitioned key, unique per call so a retried call never overwrites a stored payload."""
    return f"payloads/{now:%Y/%m/%d}/{document_id}/{uuid.uuid4()}.json"


def handler(event, context):
    document_id = event["document_id"]
    if not isinstance(document_id, str) or not document_id or "/" in document_id:
        raise ValueError("document_id must be a non-empty string without '/'")
    body = json.dumps(event["document"], separators=(",", ":")).encode()
    digest = hashlib.sha256(body).hexdigest()
    s3, sqs = clients()
    bucket, key = os.environ["BUCKET_NAME"], payload_key(document_id, datetime.now(timezone.utc))
    s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType="application/json",
                  Metadata={"document-id": document_id, "sha256": digest})
    claim = {"version": 1, "document_id": document_id, "bucket": bucket, "key": key,
             "size": len(body), "sha256": digest}
    sqs.send_message(QueueUrl=os.environ["QUEUE_URL"], MessageBody=json.dumps(claim))
    return claim
