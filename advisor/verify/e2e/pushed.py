"""Event sources whose deliveries to functions moto pushes (captured in capture.PUSHED): SNS,
S3 notifications, DynamoDB Streams and EventBridge rules; plus EventBridge Scheduler, whose firing
the runner plays itself. Each send puts the event where the real source would."""

from __future__ import annotations

import json

import boto3

from advisor.verify.deploy import REGION
from advisor.verify.e2e.handlers import Handlers


def sns_publish(step: dict, physical: str, text: str) -> None:
    args = {"TopicArn": physical, "Message": text}
    if step.get("attributes"):
        args["MessageAttributes"] = {k: {"DataType": "String", "StringValue": v} for k, v in step["attributes"].items()}
    boto3.client("sns", region_name=REGION).publish(**args)


def s3_put(step: dict, physical: str, text: str) -> None:
    boto3.client("s3", region_name=REGION).put_object(Bucket=physical, Key=step.get("path", "input/object.json"), Body=text.encode())


def dynamodb_put(step: dict, physical: str, body: dict) -> None:
    from boto3.dynamodb.types import TypeSerializer

    ser = TypeSerializer()
    boto3.client("dynamodb", region_name=REGION).put_item(TableName=physical, Item={k: ser.serialize(v) for k, v in body.items()})


def eventbridge_event(step: dict, physical: str, text: str) -> None:
    entry = {"EventBusName": physical, "Source": step.get("source", "pattern-advisor.e2e"),
             "DetailType": step.get("detail_type", "E2E Event"), "Detail": text}
    failed = boto3.client("events", region_name=REGION).put_events(Entries=[entry])["FailedEntryCount"]
    if failed:
        raise RuntimeError("EventBridge rejected the event")


def schedule_fire(handlers: Handlers, physical: str) -> None:
    """What EventBridge Scheduler does at the scheduled time: deliver the target's Input."""
    target = boto3.client("scheduler", region_name=REGION).get_schedule(Name=physical)["Target"]
    fn = handlers.by_reference(target["Arn"])
    if fn is None:
        raise RuntimeError(f"the schedule's target {target['Arn']} is not a function of this pattern")
    handlers.pending_async.append((fn, json.loads(target.get("Input") or "{}")))
