import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "request_approval.py"


@pytest.fixture
def request_approval(monkeypatch):
    for key, value in {"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "APPROVALS_TABLE": "approvals", "APPROVAL_DAYS": "3"}.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName="approvals", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "order_id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "order_id", "KeyType": "HASH"}])
        sns, sqs = boto3.client("sns"), boto3.client("sqs")
        topic = sns.create_topic(Name="approvals")["TopicArn"]
        inbox = sqs.create_queue(QueueName="inbox")["QueueUrl"]
        inbox_arn = sqs.get_queue_attributes(QueueUrl=inbox, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=inbox_arn, Attributes={"RawMessageDelivery": "true"})
        monkeypatch.setenv("APPROVAL_TOPIC_ARN", topic)
        spec = importlib.util.spec_from_file_location("step_functions_workflow_request_approval", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.inbox = inbox
        yield module


def test_token_is_stored_and_approvers_are_notified(request_approval):
    event = {"task_token": "token-abc", "execution": "arn:aws:states:us-east-1:123456789012:execution:saga:o-9",
             "order": {"order_id": "o-9", "sku": "widget", "quantity": 1, "amount": 4200}}
    assert request_approval.handler(event, None) == {"status": "PENDING", "order_id": "o-9"}
    item = boto3.resource("dynamodb").Table("approvals").get_item(Key={"order_id": "o-9"})["Item"]
    assert item["task_token"] == "token-abc" and item["status"] == "PENDING" and item["amount"] == "4200"
    assert item["expires_at"] - item["requested_at"] == 4 * 86400
    messages = boto3.client("sqs").receive_message(QueueUrl=request_approval.inbox)["Messages"]
    body = json.loads(messages[0]["Body"])
    assert body["order_id"] == "o-9" and body["amount"] == 4200 and "token" not in json.dumps(body)
