"""Start the daily report query in Athena and record where its result will be.

The function does not wait for the query: Athena runs it (up to the workgroup's limits) and writes
the result to the workgroup's enforced result location. The function writes a small pointer
object, reports/<report>/dt=<day>.json, so readers find the day's result without knowing query
ids. A retried run reuses the same client request token, so Athena does not run the query twice.
"""

import hashlib
import json
import os
import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import boto3

_athena = _s3 = None
_IDENTIFIER = re.compile(r"^[a-z0-9_]{1,255}$")


def clients():
    global _athena, _s3
    if _athena is None:
        _athena = boto3.client("athena")
        _s3 = boto3.client("s3")
    return _athena, _s3


def report_day(now: datetime, tz: str, days_back: int) -> str:
    """The calendar day to report on, in the business's time zone."""
    return (now.astimezone(ZoneInfo(tz)).date() - timedelta(days=days_back)).isoformat()


def build_query(database: str, table: str, day: str) -> str:
    """One day's actions; the dt filter lets partition projection read only that day's prefix."""
    for name in (database, table):
        if not _IDENTIFIER.match(name):
            raise ValueError(f"not a plain Glue identifier: {name!r}")
    datetime.strptime(day, "%Y-%m-%d")  # the day is computed, but never trust it blindly
    return (f'SELECT action, count(*) AS events, count(DISTINCT user_id) AS users, round(sum(amount), 2) AS amount '
            f'FROM "{database}"."{table}" WHERE dt = \'{day}\' GROUP BY action ORDER BY events DESC')


def handler(event, context, now: datetime | None = None):
    athena, s3 = clients()
    event = event or {}
    report = event.get("report", "daily-actions")
    if not re.match(r"^[a-z0-9-]{1,64}$", report):
        raise ValueError(f"bad report name {report!r}")
    day = event.get("day") or report_day(now or datetime.now(timezone.utc), os.environ.get("TIME_ZONE", "UTC"),
                                         int(event.get("days_back", 1)))
    query = build_query(os.environ["DATABASE"], os.environ["TABLE"], day)
    token = hashlib.sha256(f"{report}/{day}/{query}".encode()).hexdigest()
    started = athena.start_query_execution(QueryString=query, WorkGroup=os.environ["WORKGROUP"],
                                           QueryExecutionContext={"Database": os.environ["DATABASE"]},
                                           ClientRequestToken=token)
    query_id = started["QueryExecutionId"]
    execution = athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]
    pointer = {
        "report": report, "day": day, "query_execution_id": query_id,
        "output_location": execution.get("ResultConfiguration", {}).get("OutputLocation"),
        "state": execution.get("Status", {}).get("State"),
    }
    key = f"reports/{report}/dt={day}.json"
    s3.put_object(Bucket=os.environ["RESULTS_BUCKET"], Key=key, Body=json.dumps(pointer).encode(),
                  ContentType="application/json")
    return {"key": key, **pointer}
