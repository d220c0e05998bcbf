"""Nightly rollup job, run as a Fargate task (no 15-minute limit).

Streams every JSON-lines file under incoming/dt=<day>/ in the data bucket, totals the amounts per
account and writes one summary to rollups/dt=<day>/summary.json. Files are read line by line, so
their size is bounded by time, not memory. Running the job twice for a day overwrites the same
summary. The day defaults to yesterday in TIME_ZONE; set DAY=YYYY-MM-DD to rerun a past day.

Exit codes: 0 done, 1 failed (the EventBridge rule reports non-zero exits), 2 bad settings.
"""

import json
import logging
import os
import signal
import sys
from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

import boto3

log = logging.getLogger("rollup")
_stopping = False


def _on_sigterm(signum, frame):
    # ECS sends SIGTERM before SIGKILL (StopTimeout); stop between files and exit non-zero.
    global _stopping
    _stopping = True


def target_day(now: datetime, tz: str, override: str | None = None) -> str:
    if override:
        return date.fromisoformat(override).isoformat()
    return (now.astimezone(ZoneInfo(tz)).date() - timedelta(days=1)).isoformat()


def rollup(s3, bucket: str, day: str) -> dict:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    counts: dict[str, int] = defaultdict(int)
    files = lines = rejected = 0
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=bucket, Prefix=f"incoming/dt={day}/"):
        for obj in page.get("Contents", []):
            if _stopping:
                raise InterruptedError("stopped by ECS before the rollup finished")
            files += 1
            body = s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"]
            for raw in body.iter_lines():
                if not raw.strip():
                    continue
                lines += 1
                try:
                    record = json.loads(raw)
                    account, amount = str(record["account"]), Decimal(str(record["amount"]))
                except (ValueError, KeyError, TypeError, InvalidOperation):
                    rejected += 1
                    continue
                totals[account] += amount
                counts[account] += 1
    summary = {
        "day": day, "files": files, "lines": lines, "rejected": rejected,
        "accounts": {a: {"entries": counts[a], "total": str(totals[a])} for a in sorted(totals)},
    }
    s3.put_object(Bucket=bucket, Key=f"rollups/dt={day}/summary.json", Body=json.dumps(summary).encode(),
                  ContentType="application/json")
    return summary


def main(now: datetime | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        bucket = os.environ["DATA_BUCKET"]
        day = target_day(now or datetime.now(timezone.utc), os.environ.get("TIME_ZONE", "UTC"), os.environ.get("DAY"))
    except (KeyError, ValueError) as exc:
        log.error("bad settings: %s", exc)
        return 2
    try:
        summary = rollup(boto3.client("s3"), bucket, day)
    except Exception:
        log.exception("rollup for %s failed", day)
        return 1
    log.info("rolled up %s: %d files, %d lines, %d rejected, %d accounts",
             day, summary["files"], summary["lines"], summary["rejected"], len(summary["accounts"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
