"""Kinesis as an event source: put a record, and read new records from every shard for the mapped
function as Lambda's poller does. (DynamoDB Streams records are pushed by moto; see pushed.)"""

from __future__ import annotations

import base64

import boto3

from advisor.verify.deploy import REGION
from advisor.verify.e2e.handlers import Function, Handlers


def send(step: dict, physical: str, text: str) -> None:
    boto3.client("kinesis", region_name=REGION).put_record(StreamName=physical, Data=text.encode(),
                                                           PartitionKey=step.get("partition_key", "key-1"))


def poll(handlers: Handlers, arn: str, fn: Function, state: dict) -> bool:
    """state keeps each shard's iterator between rounds."""
    client = boto3.client("kinesis", region_name=REGION)
    delivered = False
    for shard in client.list_shards(StreamARN=arn)["Shards"]:
        key = (arn, shard["ShardId"])
        if key not in state:
            state[key] = client.get_shard_iterator(StreamARN=arn, ShardId=shard["ShardId"],
                                                   ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        out = client.get_records(ShardIterator=state[key], StreamARN=arn)
        state[key] = out.get("NextShardIterator")
        if not out["Records"]:
            continue
        delivered = True
        records = [{"kinesis": {"partitionKey": r["PartitionKey"], "sequenceNumber": r["SequenceNumber"],
                                "data": base64.b64encode(r["Data"]).decode(), "kinesisSchemaVersion": "1.0"},
                    "eventSource": "aws:kinesis", "eventSourceARN": arn, "eventID": f'{shard["ShardId"]}:{r["SequenceNumber"]}',
                    "awsRegion": REGION} for r in out["Records"]]
        try:
            handlers.invoke(fn, {"Records": records})
        except Exception as exc:  # the handler failing is what we report
            fn.errors.append(f"{type(exc).__name__}: {exc}")
    return delivered
