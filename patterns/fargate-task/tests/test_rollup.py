import importlib.util
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "rollup.py"
NOW = datetime(2026, 3, 2, 2, 0, tzinfo=ZoneInfo("UTC"))


@pytest.fixture
def rollup(monkeypatch):
    for key, value in {"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "DATA_BUCKET": "data", "TIME_ZONE": "America/New_York"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("DAY", raising=False)
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="data")
        spec = importlib.util.spec_from_file_location("fargate_task_rollup", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        monkeypatch.setattr(module, "_stopping", False)
        yield module


def put_lines(key, records):
    body = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"
    boto3.client("s3").put_object(Bucket="data", Key=key, Body=body.encode())


def summary(day):
    return json.loads(boto3.client("s3").get_object(Bucket="data", Key=f"rollups/dt={day}/summary.json")["Body"].read())


def test_yesterday_is_taken_in_the_job_time_zone(rollup):
    # 02:00 UTC on 2 March is still 1 March in New York, so yesterday there is 28 February.
    assert rollup.target_day(NOW, "America/New_York") == "2026-02-28"
    assert rollup.target_day(NOW, "UTC") == "2026-03-01"
    assert rollup.target_day(NOW, "UTC", "2025-12-31") == "2025-12-31"


def test_all_files_of_the_day_are_totalled_per_account(rollup):
    put_lines("incoming/dt=2026-02-28/a.jsonl", [{"account": "acc-1", "amount": 10.5}, {"account": "acc-2", "amount": 3}])
    put_lines("incoming/dt=2026-02-28/b.jsonl", [{"account": "acc-1", "amount": "0.25"}, "not json", {"amount": 1}])
    put_lines("incoming/dt=2026-03-01/c.jsonl", [{"account": "acc-1", "amount": 999}])
    assert rollup.main(now=NOW) == 0
    assert summary("2026-02-28") == {
        "day": "2026-02-28", "files": 2, "lines": 5, "rejected": 2,
        "accounts": {"acc-1": {"entries": 2, "total": "10.75"}, "acc-2": {"entries": 1, "total": "3"}},
    }


def test_rerunning_a_day_overwrites_its_summary(rollup, monkeypatch):
    monkeypatch.setenv("DAY", "2026-02-27")
    put_lines("incoming/dt=2026-02-27/a.jsonl", [{"account": "acc-9", "amount": 1}])
    assert rollup.main(now=NOW) == 0
    put_lines("incoming/dt=2026-02-27/late.jsonl", [{"account": "acc-9", "amount": 2}])
    assert rollup.main(now=NOW) == 0
    assert summary("2026-02-27")["accounts"] == {"acc-9": {"entries": 2, "total": "3"}}
    listed = boto3.client("s3").list_objects_v2(Bucket="data", Prefix="rollups/")
    assert listed["KeyCount"] == 1


def test_an_empty_day_still_writes_a_summary(rollup):
    assert rollup.main(now=NOW) == 0
    assert summary("2026-02-28")["files"] == 0


def test_bad_settings_and_failures_exit_non_zero(rollup, monkeypatch):
    monkeypatch.setenv("DAY", "yesterday")
    assert rollup.main(now=NOW) == 2
    monkeypatch.setenv("DAY", "2026-02-28")
    monkeypatch.setenv("DATA_BUCKET", "no-such-bucket")
    assert rollup.main(now=NOW) == 1


def test_sigterm_stops_the_job_with_an_error(rollup, monkeypatch):
    put_lines("incoming/dt=2026-02-28/a.jsonl", [{"account": "acc-1", "amount": 1}])
    monkeypatch.setattr(rollup, "_stopping", True)
    assert rollup.main(now=NOW) == 1
    assert boto3.client("s3").list_objects_v2(Bucket="data", Prefix="rollups/")["KeyCount"] == 0
