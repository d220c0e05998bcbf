import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "process.py"


@pytest.fixture
def process(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("TABLE_NAME", "results")
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="uploads")
        boto3.client("dynamodb").create_table(
            TableName="results", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "object_key", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "object_key", "KeyType": "HASH"}])
        spec = importlib.util.spec_from_file_location("s3_event_processing_process", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def s3_event(key):
    return {"Records": [{"s3": {"bucket": {"name": "uploads"}, "object": {"key": key}}}]}


def item(key):
    return boto3.resource("dynamodb").Table("results").get_item(Key={"object_key": key})["Item"]


def test_json_invoice_is_summarised(process):
    body = json.dumps({"lines": [{"amount": 10.5}, {"amount": 4}]}).encode()
    boto3.client("s3").put_object(Bucket="uploads", Key="incoming/inv 1.json", Body=body)
    process.handler(s3_event("incoming/inv+1.json"), None)  # S3 URL-encodes the key in events
    assert item("incoming/inv 1.json") == {"object_key": "incoming/inv 1.json", "kind": "json", "bytes": len(body),
                                           "lines": 2, "total": "14.50"}


def test_other_files_are_recorded_by_size(process):
    boto3.client("s3").put_object(Bucket="uploads", Key="incoming/scan.pdf", Body=b"%PDF-1.7 binary")
    process.handler(s3_event("incoming/scan.pdf"), None)
    assert item("incoming/scan.pdf")["kind"] == "binary"


def test_missing_object_raises_so_lambda_retries(process):
    with pytest.raises(Exception, match="NoSuchKey"):
        process.handler(s3_event("incoming/gone.json"), None)
