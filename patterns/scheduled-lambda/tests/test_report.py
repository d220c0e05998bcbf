import importlib.util
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "report.py"


@pytest.fixture
def report(monkeypatch):
    for key, value in {"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "TABLE_NAME": "orders", "BUCKET_NAME": "reports", "TIME_ZONE": "America/New_York"}.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="reports")
        boto3.client("dynamodb").create_table(
            TableName="orders", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "order_date", "AttributeType": "S"}, {"AttributeName": "order_id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "order_date", "KeyType": "HASH"}, {"AttributeName": "order_id", "KeyType": "RANGE"}])
        spec = importlib.util.spec_from_file_location("scheduled_lambda_report", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def test_yesterday_is_computed_in_the_business_time_zone(report):
    # 03:00 UTC on 2 March is still 1 March in New York, so "yesterday" there is 28 February.
    assert report.report_day(datetime(2026, 3, 2, 3, 0, tzinfo=ZoneInfo("UTC")), "America/New_York", 1) == "2026-02-28"
    assert report.report_day(datetime(2026, 3, 2, 3, 0, tzinfo=ZoneInfo("UTC")), "Europe/Berlin", 1) == "2026-03-01"


def test_report_sums_the_days_orders_into_one_object(report):
    table = boto3.resource("dynamodb").Table("orders")
    table.put_item(Item={"order_date": "2026-03-01", "order_id": "o1", "amount": 12})
    table.put_item(Item={"order_date": "2026-03-01", "order_id": "o2", "amount": 30})
    table.put_item(Item={"order_date": "2026-03-02", "order_id": "o3", "amount": 99})
    result = report.handler({"days_back": 1}, None, now=datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("UTC")))
    assert result["key"] == "reports/2026-03-01.json"
    body = json.loads(boto3.client("s3").get_object(Bucket="reports", Key="reports/2026-03-01.json")["Body"].read())
    assert body == {"report": "daily-orders", "day": "2026-03-01", "orders": 2, "total": "42"}


def test_rerun_overwrites_the_same_report(report):
    now = datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("UTC"))
    report.handler({}, None, now=now)
    report.handler({}, None, now=now)
    assert boto3.client("s3").list_objects_v2(Bucket="reports")["KeyCount"] == 1
