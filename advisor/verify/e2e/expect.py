"""The expectations of verification.e2e: what should have arrived where, checked through the
service APIs (or the runner's own count of invocations and HTTP status)."""

from __future__ import annotations

import boto3

from advisor.verify.deploy import REGION, Deployment


def check(expect: dict, node: dict, deployment: Deployment, runner) -> str | None:
    physical = deployment.physical(node["resource"])
    kind, label = expect["kind"], f'{expect["node"]} ({node["resource"]})'
    if kind == "dynamodb-item":
        key = {k: {"S": v} for k, v in expect.get("key", {}).items()}
        item = boto3.client("dynamodb", region_name=REGION).get_item(TableName=physical, Key=key).get("Item")
        return None if item else f"expected an item with key {expect.get('key')} in {label}; none arrived"
    if kind == "sqs-messages":
        attrs = boto3.client("sqs", region_name=REGION).get_queue_attributes(QueueUrl=physical, AttributeNames=["ApproximateNumberOfMessages"])
        count = int(attrs["Attributes"]["ApproximateNumberOfMessages"])
        want = expect.get("count", 1)
        return None if count == want else f"expected {want} message(s) on {label}; found {count}"
    if kind == "s3-object":
        listed = boto3.client("s3", region_name=REGION).list_objects_v2(Bucket=physical, Prefix=expect.get("prefix", ""))
        return None if listed.get("KeyCount", 0) else f"expected an object under {expect.get('prefix', '')!r} in {label}; none arrived"
    if kind == "invocations":
        fn = runner.functions.get(node["resource"])
        got = fn.invocations if fn else 0
        want = expect.get("count", 1)
        return None if got == want else f"expected {want} invocation(s) of {label}; got {got}"
    if kind == "http-status":
        want = expect.get("status", 200)
        return None if runner.http_status == want else f"expected HTTP {want} from {label}; got {runner.http_status}"
    return f"unsupported expectation {kind}"
