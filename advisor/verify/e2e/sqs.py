"""SQS as an event source: send a message, and poll a queue for its mapped function as Lambda's
poller does, honouring partial batch failures (failed messages stay on the queue)."""

from __future__ import annotations

import uuid

import boto3

from advisor.verify.deploy import REGION
from advisor.verify.e2e.handlers import Function, Handlers


def send(step: dict, physical: str, text: str) -> None:
    args = {"QueueUrl": physical, "MessageBody": text}
    if physical.endswith(".fifo"):
        args.update(MessageGroupId=step.get("partition_key", "group-1"), MessageDeduplicationId=str(uuid.uuid4()))
    if step.get("attributes"):
        args["MessageAttributes"] = {k: {"DataType": "String", "StringValue": v} for k, v in step["attributes"].items()}
    boto3.client("sqs", region_name=REGION).send_message(**args)


def poll(handlers: Handlers, arn: str, fn: Function, batch: int) -> bool:
    sqs = boto3.client("sqs", region_name=REGION)
    url = sqs.get_queue_url(QueueName=arn.split(":")[-1])["QueueUrl"]
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=min(batch, 10), AttributeNames=["All"], WaitTimeSeconds=0,
                              MessageAttributeNames=["All"]).get("Messages", [])
    if not got:
        return False
    records = [{"messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
                "attributes": m.get("Attributes", {}), "messageAttributes": {
                    k: {"stringValue": v.get("StringValue"), "dataType": v.get("DataType")} for k, v in m.get("MessageAttributes", {}).items()},
                "md5OfBody": m.get("MD5OfBody"), "eventSource": "aws:sqs", "eventSourceARN": arn, "awsRegion": REGION} for m in got]
    failed = set()
    try:
        result = handlers.invoke(fn, {"Records": records}) or {}
        failed = {f["itemIdentifier"] for f in result.get("batchItemFailures", [])} if isinstance(result, dict) else set()
    except Exception as exc:  # the handler failing is what we report
        fn.errors.append(f"{type(exc).__name__}: {exc}")
        failed = {r["messageId"] for r in records}
    for m in got:
        if m["MessageId"] not in failed:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
    return True
