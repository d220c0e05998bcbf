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
                       "WORKGROUP": "analytics", "DATABASE": "clickstream_analytics", "TABLE": "events",
                       "RESULTS_BUCKET": "results", "TIME_ZONE": "Europe/Berlin"}.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="results")
        boto3.client("glue").create_database(DatabaseInput={"Name": "clickstream_analytics"})
        boto3.client("athena").create_work_group(Name="analytics", Configuration={
            "EnforceWorkGroupConfiguration": True, "BytesScannedCutoffPerQuery": 10737418240,
            "ResultConfiguration": {"OutputLocation": "s3://results/athena/"}})
        spec = importlib.util.spec_from_file_location("athena_glue_analytics_report", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


NOW = datetime(2026, 3, 2, 23, 30, tzinfo=ZoneInfo("UTC"))  # already 3 March in Berlin


def test_report_day_is_yesterday_in_the_business_time_zone(report):
    assert report.report_day(NOW, "Europe/Berlin", 1) == "2026-03-02"
    assert report.report_day(NOW, "America/New_York", 1) == "2026-03-01"


def test_query_reads_one_partition_only(report):
    sql = report.build_query("clickstream_analytics", "events", "2026-03-02")
    assert "WHERE dt = '2026-03-02'" in sql and '"clickstream_analytics"."events"' in sql


def test_identifiers_and_days_cannot_inject_sql(report):
    with pytest.raises(ValueError):
        report.build_query("db; DROP TABLE x", "events", "2026-03-02")
    with pytest.raises(ValueError):
        report.build_query("db", "events", "2026-03-02' OR '1'='1")


def test_run_starts_the_query_in_the_workgroup_and_writes_a_pointer(report):
    result = report.handler({"report": "daily-actions", "days_back": 1}, None, now=NOW)
    assert result["key"] == "reports/daily-actions/dt=2026-03-02.json"
    execution = boto3.client("athena").get_query_execution(QueryExecutionId=result["query_execution_id"])["QueryExecution"]
    assert execution["WorkGroup"] == "analytics"
    assert execution["QueryExecutionContext"]["Database"] == "clickstream_analytics"
    assert "dt = '2026-03-02'" in execution["Query"]
    pointer = json.loads(boto3.client("s3").get_object(Bucket="results", Key=result["key"])["Body"].read())
    assert pointer["query_execution_id"] == result["query_execution_id"] and pointer["day"] == "2026-03-02"


def test_a_rerun_overwrites_the_same_pointer(report):
    report.handler({}, None, now=NOW)
    report.handler({}, None, now=NOW)
    listed = boto3.client("s3").list_objects_v2(Bucket="results", Prefix="reports/")
    assert listed["KeyCount"] == 1


def test_bad_report_names_are_refused(report):
    with pytest.raises(ValueError):
        report.handler({"report": "../../etc"}, None, now=NOW)
