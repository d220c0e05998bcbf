"""Daily orders report, started by EventBridge Scheduler.

The report covers whole days in the business's time zone, so "yesterday" is computed there,
not in UTC. Running twice for the same day overwrites the same object: retries are harmless.
"""

import json
import os
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import boto3
from boto3.dynamodb.conditions import Key


def report_day(now: datetime, time_zone: str, days_back: int) -> str:
    return (now.astimezone(ZoneInfo(time_zone)) - timedelta(days=days_back)).date().isoformat()


def handler(event, context, now: datetime | None = None):
    day = report_day(now or datetime.now(ZoneInfo("UTC")), os.environ["TIME_ZONE"], int(event.get("days_back", 1)))
    table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    orders, start = [], None
    while True:
        page = table.query(KeyConditionExpression=Key("order_date").eq(day), **({"ExclusiveStartKey": start} if start else {}))
        orders += page["Items"]
        start = page.get("LastEvaluatedKey")
        if not start:
            break
    total = sum((Decimal(str(o.get("amount", 0))) for o in orders), Decimal("0"))
    report = {"report": event.get("report", "daily-orders"), "day": day, "orders": len(orders), "total": str(total)}
    key = f"reports/{day}.json"
    boto3.client("s3").put_object(Bucket=os.environ["BUCKET_NAME"], Key=key, Body=json.dumps(report).encode(),
                                  ContentType="application/json")
    return {"key": key, **report}
