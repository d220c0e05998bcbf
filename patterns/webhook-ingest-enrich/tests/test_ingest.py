import base64
import hashlib
import hmac
import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "ingest.py"
KEY = "whsec-unit-test-key-0123456789abcdef0123"
BODY = '{"id":"evt_1","type":"payment.succeeded","data":{"account_id":"acct-1"}}'


@pytest.fixture
def ingest(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("SIGNATURE_HEADER", "x-signature-256")
    with mock_aws():
        arn = boto3.client("secretsmanager").create_secret(Name="signing", SecretString=KEY)["ARN"]
        url = boto3.client("sqs").create_queue(QueueName="ingest")["QueueUrl"]
        monkeypatch.setenv("SECRET_ARN", arn)
        monkeypatch.setenv("QUEUE_URL", url)
        spec = importlib.util.spec_from_file_location("webhook_ingest_enrich_ingest", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def signature(body, key=KEY):
    return "sha256=" + hmac.new(key.encode(), body.encode(), hashlib.sha256).hexdigest()


def request(body=BODY, sig=None, method="POST", encode=False, header="X-Signature-256"):
    headers = {"content-type": "application/json"}
    if sig is not False:
        headers[header] = sig or signature(body)
    return {"version": "2.0", "rawPath": "/", "headers": headers, "isBase64Encoded": encode,
            "body": base64.b64encode(body.encode()).decode() if encode else body,
            "requestContext": {"http": {"method": method, "path": "/", "sourceIp": "198.51.100.7"}}}


def queued():
    url = boto3.client("sqs").get_queue_url(QueueName="ingest")["QueueUrl"]
    return boto3.client("sqs").receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"]).get("Messages", [])


def test_signed_event_is_queued_unchanged_and_acknowledged(ingest):
    response = ingest.handler(request(), None)
    assert response["statusCode"] == 202 and json.loads(response["body"]) == {"accepted": "evt_1"}
    [message] = queued()
    assert message["Body"] == BODY
    assert message["MessageAttributes"]["event_type"]["StringValue"] == "payment.succeeded"


def test_base64_bodies_are_verified_over_the_decoded_bytes(ingest):
    assert ingest.handler(request(encode=True), None)["statusCode"] == 202


@pytest.mark.parametrize("sig", [False, "sha256=00", "md5=abc", signature(BODY, key="another-key-another-key-another-key")])
def test_missing_or_wrong_signatures_are_refused_and_not_queued(ingest, sig):
    assert ingest.handler(request(sig=sig), None)["statusCode"] == 401
    assert queued() == []


def test_a_changed_body_breaks_the_signature(ingest):
    tampered = request()
    tampered["body"] = BODY.replace("acct-1", "acct-2")
    assert ingest.handler(tampered, None)["statusCode"] == 401


def test_during_rotation_old_and_new_keys_are_both_accepted(ingest):
    boto3.client("secretsmanager").put_secret_value(SecretId="signing", SecretString=f"{KEY}\nnew-key-new-key-new-key-new-key-12")
    ingest._cache["keys"] = None  # what the five-minute cache expiry does
    assert ingest.handler(request(sig=signature(BODY, key="new-key-new-key-new-key-new-key-12")), None)["statusCode"] == 202
    assert ingest.handler(request(), None)["statusCode"] == 202


def test_signed_but_malformed_events_are_rejected_with_400(ingest):
    for body in ["not json", '{"type":"x"}', "[]"]:
        assert ingest.handler(request(body=body), None)["statusCode"] == 400
    assert queued() == []


def test_only_post_is_accepted(ingest):
    assert ingest.handler(request(method="GET"), None)["statusCode"] == 405
