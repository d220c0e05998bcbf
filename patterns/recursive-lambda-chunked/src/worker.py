"""Process a large job in chunks, one chunk per invocation, handing the rest to itself.

A job covers items [0, total_items) in chunks of chunk_size. Each invocation processes one
chunk, records it, advances the job's cursor in DynamoDB and invokes this same function
asynchronously for the next chunk. The guards against a runaway loop are deliberate and stated
here because this design has no orchestrator to stop it:

* Progress is a DynamoDB record. The cursor only moves forward, with a conditional write, so a
  duplicate delivery of an old chunk (Lambda's asynchronous invocations are at-least-once) finds
  the cursor past it and stops instead of forking a second chain.
* Every hand-off carries a depth counter; past MAX_INVOCATIONS the job halts. Jobs with more
  chunks than that are refused up front.
* Every job has a deadline (MAX_JOB_SECONDS after it started, stored in the record, not in the
  payload); past it the job halts.
* A halted job raises, so Lambda's retries end in the on-failure queue and an alarm fires.
* The function's reserved concurrency caps how many invocations can ever run at once.
"""

import json
import os
import time

import boto3
from botocore.exceptions import ClientError

RUNNING, COMPLETE, HALTED = "RUNNING", "COMPLETE", "HALTED"

_table = _lambda = None


class JobHalted(Exception):
    """A guard stopped the job; raised so the event reaches the on-failure destination."""


def table():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    return _table


def lambda_client():
    global _lambda
    if _lambda is None:
        _lambda = boto3.client("lambda")
    return _lambda


def settings() -> dict:
    return {"max_invocations": int(os.environ.get("MAX_INVOCATIONS", "1000")),
            "max_job_seconds": int(os.environ.get("MAX_JOB_SECONDS", "14400")),
            "max_chunk_size": int(os.environ.get("MAX_CHUNK_SIZE", "10000"))}


def validate(event: dict, limits: dict) -> dict:
    job = {"job_id": event["job_id"], "total_items": int(event["total_items"]), "chunk_size": int(event["chunk_size"]),
           "chunk": int(event.get("chunk", 0)), "depth": int(event.get("depth", 0))}
    if not isinstance(job["job_id"], str) or not job["job_id"]:
        raise ValueError("job_id must be a non-empty string")
    if job["total_items"] < 1 or not 1 <= job["chunk_size"] <= limits["max_chunk_size"]:
        raise ValueError(f"total_items must be positive and chunk_size between 1 and {limits['max_chunk_size']}")
    job["total_chunks"] = -(-job["total_items"] // job["chunk_size"])
    if job["total_chunks"] > limits["max_invocations"]:
        raise ValueError(f"{job['total_chunks']} chunks exceed the limit of {limits['max_invocations']} invocations per job")
    return job


def process_chunk(start: int, end: int) -> dict:
    """The real work for items [start, end); it must be idempotent because a chunk can run twice.

    This sample computes a checksum of the item numbers; a real job would read one page of its
    source here (a key range, a byte range of an object) and write its output.
    """
    return {"items": end - start, "checksum": sum(i * i for i in range(start, end)) % 1_000_000_007}


def start_job(job: dict, limits: dict, now: float) -> None:
    try:
        table().put_item(
            Item={"pk": job["job_id"], "sk": "progress", "status": RUNNING, "cursor": 0, "handoff": 0,
                  "total_chunks": job["total_chunks"], "total_items": job["total_items"], "chunk_size": job["chunk_size"],
                  "started_at": int(now), "deadline": int(now) + limits["max_job_seconds"]},
            ConditionExpression="attribute_not_exists(pk)")
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise  # an existing record means this start is a duplicate: carry on from the record


def halt(job: dict, reason: str) -> None:
    table().update_item(Key={"pk": job["job_id"], "sk": "progress"},
                        UpdateExpression="SET #s = :halted, halt_reason = :r",
                        ConditionExpression="#s = :running",
                        ExpressionAttributeNames={"#s": "status"},
                        ExpressionAttributeValues={":halted": HALTED, ":running": RUNNING, ":r": reason})
    raise JobHalted(f"job {job['job_id']} halted: {reason}")


def advance(job: dict, done: dict, last: bool) -> bool:
    """Move the cursor past this chunk; False when another invocation already did."""
    try:
        table().update_item(
            Key={"pk": job["job_id"], "sk": "progress"},
            UpdateExpression="SET #c = :next, #s = :status ADD items_done :n",
            ConditionExpression="#c = :this AND #s = :running",
            ExpressionAttributeNames={"#c": "cursor", "#s": "status"},
            ExpressionAttributeValues={":next": job["chunk"] + 1, ":this": job["chunk"], ":n": done["items"],
                                       ":running": RUNNING, ":status": COMPLETE if last else RUNNING})
    except ClientError as exc:
        if exc.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return False
        raise
    return True


def hand_off(job: dict, context) -> None:
    """Invoke this function asynchronously for the next chunk, then record that it was handed off."""
    following = {"job_id": job["job_id"], "total_items": job["total_items"], "chunk_size": job["chunk_size"],
                 "chunk": job["chunk"] + 1, "depth": job["depth"] + 1}
    lambda_client().invoke(FunctionName=context.invoked_function_arn, InvocationType="Event",
                           Payload=json.dumps(following).encode())
    table().update_item(Key={"pk": job["job_id"], "sk": "progress"}, UpdateExpression="SET handoff = :next",
                        ExpressionAttributeValues={":next": job["chunk"] + 1})


def finish(job: dict) -> None:
    chunks = table().query(KeyConditionExpression="pk = :p AND begins_with(sk, :c)",
                           ExpressionAttributeValues={":p": job["job_id"], ":c": "chunk#"}, ConsistentRead=True)["Items"]
    table().put_item(Item={"pk": job["job_id"], "sk": "result", "chunks": len(chunks),
                           "items": sum(int(c["items"]) for c in chunks),
                           "checksum": sum(int(c["checksum"]) for c in chunks) % 1_000_000_007,
                           "completed_at": int(time.time())})


def handler(event, context):
    limits = settings()
    job = validate(event, limits)
    now = time.time()
    if job["chunk"] == 0:
        start_job(job, limits, now)
    progress = table().get_item(Key={"pk": job["job_id"], "sk": "progress"}, ConsistentRead=True).get("Item")
    if progress is None:
        raise ValueError(f"job {job['job_id']} has no progress record; start it at chunk 0")
    cursor = int(progress["cursor"])
    if progress["status"] == HALTED and cursor == job["chunk"]:
        # A retry of the invocation that halted the job: fail again so the event ends in the
        # on-failure queue rather than disappearing as a success.
        raise JobHalted(f"job {job['job_id']} is halted: {progress.get('halt_reason', 'unknown reason')}")
    if progress["status"] != RUNNING or cursor != job["chunk"]:
        # A duplicate or stale delivery. The one exception: this chunk was done but the hand-off
        # to the next one never happened (the invoke failed and Lambda retried this event).
        if progress["status"] == RUNNING and cursor == job["chunk"] + 1 and int(progress.get("handoff", 0)) < cursor:
            hand_off(job, context)
            return {"job_id": job["job_id"], "chunk": job["chunk"], "outcome": "handed-off-again"}
        return {"job_id": job["job_id"], "chunk": job["chunk"], "outcome": "skipped"}
    if job["depth"] >= limits["max_invocations"]:
        halt(job, f"depth {job['depth']} reached MAX_INVOCATIONS")
    if now > int(progress["deadline"]):
        halt(job, "the job's deadline passed")

    start = job["chunk"] * job["chunk_size"]
    done = process_chunk(start, min(start + job["chunk_size"], job["total_items"]))
    table().put_item(Item={"pk": job["job_id"], "sk": f"chunk#{job['chunk']:06d}", **done})
    last = job["chunk"] + 1 == job["total_chunks"]
    if not advance(job, done, last):
        return {"job_id": job["job_id"], "chunk": job["chunk"], "outcome": "skipped"}
    if last:
        finish(job)
        return {"job_id": job["job_id"], "chunk": job["chunk"], "outcome": "complete"}
    hand_off(job, context)
    return {"job_id": job["job_id"], "chunk": job["chunk"], "outcome": "handed-off"}
