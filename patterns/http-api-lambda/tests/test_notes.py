import base64
import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "notes.py"


@pytest.fixture
def notes(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("TABLE_NAME", "notes")
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName="notes", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "user_id", "AttributeType": "S"},
                                  {"AttributeName": "note_id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "user_id", "KeyType": "HASH"}, {"AttributeName": "note_id", "KeyType": "RANGE"}])
        spec = importlib.util.spec_from_file_location("http_api_lambda_notes", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def request(method, body=None, sub="user-a", encode=False):
    raw = None if body is None else (body if isinstance(body, str) else json.dumps(body))
    if encode and raw is not None:
        raw = base64.b64encode(raw.encode()).decode()
    claims = {"sub": sub} if sub else {}
    return {"version": "2.0", "routeKey": f"{method} /notes", "rawPath": "/notes", "body": raw, "isBase64Encoded": encode,
            "requestContext": {"http": {"method": method, "path": "/notes"}, "authorizer": {"jwt": {"claims": claims, "scopes": None}}}}


def call(notes, *args, **kwargs):
    response = notes.handler(request(*args, **kwargs), None)
    return response["statusCode"], json.loads(response["body"])


def test_create_stores_the_note_under_the_callers_subject(notes):
    status, body = call(notes, "POST", {"note_id": "n1", "text": "hello"})
    assert (status, body) == (201, {"note_id": "n1", "created": True})
    item = boto3.resource("dynamodb").Table("notes").get_item(Key={"user_id": "user-a", "note_id": "n1"})["Item"]
    assert item["text"] == "hello"


def test_retry_is_idempotent_and_a_different_note_conflicts(notes):
    call(notes, "POST", {"note_id": "n1", "text": "hello"})
    assert call(notes, "POST", {"note_id": "n1", "text": "hello"})[0] == 200
    assert call(notes, "POST", {"note_id": "n1", "text": "changed"})[0] == 409


def test_list_returns_only_the_callers_notes(notes):
    call(notes, "POST", {"note_id": "n1", "text": "mine"}, encode=True)
    call(notes, "POST", {"note_id": "n2", "text": "theirs"}, sub="user-b")
    status, body = call(notes, "GET")
    assert status == 200 and [n["note_id"] for n in body["notes"]] == ["n1"] and body["more"] is False


@pytest.mark.parametrize("payload", ["not json", "[1]", {"note_id": "bad id!", "text": "x"}, {"note_id": "n1", "text": ""},
                                     {"note_id": "n1", "text": "x" * 4001}, {"text": "no id"}])
def test_invalid_bodies_are_rejected_with_400(notes, payload):
    assert call(notes, "POST", payload)[0] == 400
    assert boto3.resource("dynamodb").Table("notes").scan()["Count"] == 0


def test_missing_claims_are_refused(notes):
    assert call(notes, "POST", {"note_id": "n1", "text": "x"}, sub=None)[0] == 401


def test_unknown_route_is_404(notes):
    event = request("GET")
    event["routeKey"] = "DELETE /notes"
    assert notes.handler(event, None)["statusCode"] == 404
