import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "decide.py"


@pytest.fixture
def decide(monkeypatch):
    for key, value in {"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "APPROVALS_TABLE": "approvals"}.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName="approvals", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "order_id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "order_id", "KeyType": "HASH"}])
        boto3.resource("dynamodb").Table("approvals").put_item(
            Item={"order_id": "o-9", "task_token": "token-abc", "status": "PENDING", "amount": "4200"})
        spec = importlib.util.spec_from_file_location("step_functions_workflow_decide", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        # Record what the function sends to Step Functions (moto accepts the callbacks silently).
        calls = []
        _, sfn = module.clients()
        sfn.meta.events.register("provide-client-params.sfn.*",
                                 lambda params, model, **_: calls.append((model.name, dict(params))))
        module.calls = calls
        yield module


def approval(order_id="o-9"):
    return boto3.resource("dynamodb").Table("approvals").get_item(Key={"order_id": order_id})["Item"]


def http(body):
    return {"version": "2.0", "requestContext": {"http": {"method": "POST"}}, "body": json.dumps(body)}


def test_approve_sends_task_success_with_the_stored_token(decide):
    result = decide.handler(http({"order_id": "o-9", "decision": "approve", "approver": "ana"}), None)
    assert result["statusCode"] == 200 and json.loads(result["body"])["status"] == "APPROVED"
    assert decide.calls == [("SendTaskSuccess", {"taskToken": "token-abc", "output": json.dumps({"approved": True, "approver": "ana"})})]
    assert approval()["status"] == "APPROVED" and approval()["decided_by"] == "ana"


def test_reject_sends_task_failure_so_the_workflow_compensates(decide):
    result = decide.handler({"order_id": "o-9", "decision": "reject", "approver": "ben", "reason": "fraud check"}, None)
    assert result == {"order_id": "o-9", "status": "REJECTED"}
    (name, params), = decide.calls
    assert name == "SendTaskFailure" and params["taskToken"] == "token-abc" and params["error"] == "OrderRejected"
    assert "fraud check" in params["cause"]


def test_only_the_first_decision_counts(decide):
    decide.handler(http({"order_id": "o-9", "decision": "approve", "approver": "ana"}), None)
    second = decide.handler(http({"order_id": "o-9", "decision": "reject", "approver": "ben"}), None)
    assert second["statusCode"] == 409
    assert [name for name, _ in decide.calls] == ["SendTaskSuccess"]
    assert approval()["status"] == "APPROVED"


def test_unknown_order_and_bad_requests_are_refused(decide):
    assert decide.handler(http({"order_id": "o-404", "decision": "approve"}), None)["statusCode"] == 404
    assert decide.handler(http({"order_id": "o-9", "decision": "maybe"}), None)["statusCode"] == 400
    assert decide.calls == []
