import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "worker.py"
ARN = "arn:aws:lambda:us-east-1:123456789012:function:backfill-chunk-worker"


class Context:
    invoked_function_arn = ARN


class FakeLambda:
    """Records the worker's asynchronous self-invocations instead of sending them."""

    def __init__(self, fail_times=0):
        self.sent, self.fail_times = [], fail_times

    def invoke(self, FunctionName, InvocationType, Payload):
        assert FunctionName == ARN and InvocationType == "Event"
        if self.fail_times:
            self.fail_times -= 1
            raise RuntimeError("invoke failed")
        self.sent.append(json.loads(Payload))
        return {"StatusCode": 202}


@pytest.fixture
def worker(monkeypatch):
    for key, value in {"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "TABLE_NAME": "jobs", "MAX_INVOCATIONS": "20", "MAX_JOB_SECONDS": "3600", "MAX_CHUNK_SIZE": "100"}.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName="jobs", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])
        spec = importlib.util.spec_from_file_location("recursive_lambda_chunked_worker", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module._lambda = FakeLambda()
        yield module


def item(sk, job="job-1"):
    return boto3.resource("dynamodb").Table("jobs").get_item(Key={"pk": job, "sk": sk}).get("Item")


def run_chain(worker, event):
    """Play the Lambda service: run the worker, then every event it hands to itself."""
    outcomes = [worker.handler(event, Context())["outcome"]]
    while len(worker._lambda.sent) >= len(outcomes):
        outcomes.append(worker.handler(worker._lambda.sent[len(outcomes) - 1], Context())["outcome"])
    return outcomes


def test_a_job_runs_one_chunk_per_invocation_until_complete(worker):
    outcomes = run_chain(worker, {"job_id": "job-1", "total_items": 250, "chunk_size": 60})
    assert outcomes == ["handed-off"] * 4 + ["complete"]
    assert [e["chunk"] for e in worker._lambda.sent] == [1, 2, 3, 4]
    assert [e["depth"] for e in worker._lambda.sent] == [1, 2, 3, 4]
    progress, result = item("progress"), item("result")
    assert progress["status"] == "COMPLETE" and progress["cursor"] == 5 and progress["items_done"] == 250
    assert result["chunks"] == 5 and result["items"] == 250
    assert result["checksum"] == sum(i * i for i in range(250)) % 1_000_000_007
    assert item("chunk#000004")["items"] == 10


def test_a_duplicate_delivery_of_an_old_chunk_stops_instead_of_forking(worker):
    first = {"job_id": "job-1", "total_items": 300, "chunk_size": 100}
    worker.handler(first, Context())
    second = worker._lambda.sent[0]
    worker.handler(second, Context())
    assert len(worker._lambda.sent) == 2
    assert worker.handler(dict(first), Context())["outcome"] == "skipped"
    assert worker.handler(dict(second), Context())["outcome"] == "skipped"
    assert len(worker._lambda.sent) == 2 and item("progress")["cursor"] == 2


def test_a_retry_after_a_failed_hand_off_hands_off_exactly_once(worker):
    worker._lambda = FakeLambda(fail_times=1)
    event = {"job_id": "job-1", "total_items": 200, "chunk_size": 100}
    with pytest.raises(RuntimeError):
        worker.handler(event, Context())
    assert item("progress")["cursor"] == 1 and worker._lambda.sent == []
    assert worker.handler(dict(event), Context())["outcome"] == "handed-off-again"
    assert worker.handler(dict(event), Context())["outcome"] == "skipped"
    assert [e["chunk"] for e in worker._lambda.sent] == [1]


def test_a_job_past_its_deadline_halts_and_keeps_failing_so_it_is_dead_lettered(worker):
    worker.handler({"job_id": "job-1", "total_items": 300, "chunk_size": 100}, Context())
    boto3.resource("dynamodb").Table("jobs").update_item(
        Key={"pk": "job-1", "sk": "progress"}, UpdateExpression="SET deadline = :d", ExpressionAttributeValues={":d": 0})
    following = worker._lambda.sent[0]
    with pytest.raises(worker.JobHalted):
        worker.handler(following, Context())
    with pytest.raises(worker.JobHalted):
        worker.handler(dict(following), Context())
    progress = item("progress")
    assert progress["status"] == "HALTED" and "deadline" in progress["halt_reason"] and progress["cursor"] == 1
    assert len(worker._lambda.sent) == 1


def test_a_forged_depth_beyond_the_limit_halts_the_job(worker):
    worker.handler({"job_id": "job-1", "total_items": 300, "chunk_size": 100}, Context())
    with pytest.raises(worker.JobHalted):
        worker.handler({**worker._lambda.sent[0], "depth": 20}, Context())
    assert item("progress")["status"] == "HALTED"


def test_jobs_that_need_more_invocations_than_allowed_are_refused_up_front(worker):
    with pytest.raises(ValueError):
        worker.handler({"job_id": "job-1", "total_items": 2101, "chunk_size": 100}, Context())
    with pytest.raises(ValueError):
        worker.handler({"job_id": "job-1", "total_items": 10, "chunk_size": 101}, Context())
    assert item("progress") is None


def test_a_chunk_without_a_started_job_is_rejected(worker):
    with pytest.raises(ValueError):
        worker.handler({"job_id": "job-9", "total_items": 300, "chunk_size": 100, "chunk": 2, "depth": 2}, Context())
