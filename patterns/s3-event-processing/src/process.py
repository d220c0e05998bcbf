"""Process files as they land in S3: read each new object and record what was found.

The bucket and key come from the event, so the function needs no bucket name in its
configuration. Keys in S3 events are URL-encoded.
"""

import json
import os
import urllib.parse

import boto3

_s3 = _table = None


def clients():
    global _s3, _table
    if _s3 is None:
        _s3 = boto3.client("s3")
        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    return _s3, _table


def summarise(body: bytes) -> dict:
    """A JSON document's line items and total; anything else is recorded by size only."""
    try:
        document = json.loads(body)
    except ValueError:
        return {"kind": "binary", "bytes": len(body)}
    lines = document.get("lines", []) if isinstance(document, dict) else []
    total = sum(float(line.get("amount", 0)) for line in lines)
    return {"kind": "json", "bytes": len(body), "lines": len(lines), "total": f"{total:.2f}"}


def handler(event, context):
    s3, table = clients()
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        table.put_item(Item={"object_key": key, **summarise(body)})
