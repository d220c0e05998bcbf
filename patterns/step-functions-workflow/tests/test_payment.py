import importlib.util
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "payment.py"
ORDER = {"order_id": "o-7", "sku": "widget", "quantity": 1, "amount": 2500, "payment_method": "card"}


@pytest.fixture
def payment(monkeypatch):
    for key, value in {"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "TABLE_NAME": "payments"}.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName="payments", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "order_id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "order_id", "KeyType": "HASH"}])
        spec = importlib.util.spec_from_file_location("step_functions_workflow_payment", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def ledger(order_id):
    return boto3.resource("dynamodb").Table("payments").get_item(Key={"order_id": order_id}).get("Item")


def test_charge_records_one_payment_even_when_retried(payment):
    assert payment.handler({"action": "charge", "order": ORDER}, None) == {"status": "CHARGED", "order_id": "o-7", "repeated": False}
    assert payment.handler({"action": "charge", "order": ORDER}, None)["repeated"] is True
    assert ledger("o-7")["status"] == "CHARGED" and ledger("o-7")["amount"] == "2500"


def test_declined_payment_raises_the_error_the_workflow_catches(payment):
    with pytest.raises(payment.PaymentDeclined):
        payment.handler({"action": "charge", "order": dict(ORDER, payment_method="declined-card")}, None)
    assert ledger("o-7") is None


def test_provider_outage_raises_the_retryable_error(payment):
    with pytest.raises(payment.PaymentProviderUnavailable):
        payment.handler({"action": "charge", "order": dict(ORDER, payment_method="flaky-provider")}, None)


def test_refund_compensates_a_charge_once(payment):
    payment.handler({"action": "charge", "order": ORDER}, None)
    assert payment.handler({"action": "refund", "order": ORDER}, None)["status"] == "REFUNDED"
    assert payment.handler({"action": "refund", "order": ORDER}, None)["status"] == "NOTHING_TO_REFUND"
    assert ledger("o-7")["status"] == "REFUNDED"


def test_refund_without_a_charge_changes_nothing(payment):
    assert payment.handler({"action": "refund", "order": ORDER}, None)["status"] == "NOTHING_TO_REFUND"
    assert ledger("o-7") is None
