"""Messaging calculators: Amazon SQS, Amazon SNS, Kinesis Data Streams, EventBridge and EventBridge Scheduler."""

from __future__ import annotations

import math

from advisor.cost.calculators.base import (FREE_TIER, HOURS_PER_MONTH, SECONDS_PER_MONTH, Bill, Calculator, Input,
                                           chunks)
from advisor.humanize import number

SQS_QUOTAS = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html"
SNS_LARGE = "https://docs.aws.amazon.com/sns/latest/dg/large-message-payloads.html"
KINESIS_RECORDS = "https://docs.aws.amazon.com/streams/latest/dev/large-records.html"
ONE_MB_PAYLOADS = "https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb/"


def _sqs(v: dict, bill: Bill) -> None:
    # Every call is a request and each 64 KB chunk of a call's payload is one more: a batch of
    # messages shares its calls, so batching divides the request count until the chunks dominate.
    calls = math.ceil(v["messages"] / v["batch_size"])
    payload_chunks = chunks(v["batch_size"] * v["payload_kb"], 64)
    requests = calls * (payload_chunks * 2 + (v["calls_per_message"] - 2))  # send and receive carry the payload
    meter = "fifo_requests" if v["queue_type"] == "fifo" else "standard_requests"
    bill.charge(meter, requests, f"{v['queue_type']} queue requests (64 KB chunks)")


def _sns(v: dict, bill: Bill) -> None:
    publishes = v["messages"] * chunks(v["payload_kb"], 64)
    bill.charge("publish_requests", publishes, "publish requests (64 KB chunks)")
    for protocol, meter in (("sqs", "sqs_lambda_deliveries"), ("lambda", "sqs_lambda_deliveries"),
                            ("http", "http_deliveries"), ("email", "email_deliveries")):
        count = v["messages"] * v[f"{protocol}_subscriptions"]
        bill.charge(meter, count, f"deliveries to {protocol} subscriptions")


def _kinesis(v: dict, bill: Bill) -> None:
    if v["capacity_mode"] == "provisioned":
        shards = v["shards"] if "shards" in v else _shards_for(v)
        if "shards" not in v:
            bill.derived.append(f"shards={number(shards)} (enough for the peak write rate)")
        bill.charge("shard_hours", shards * HOURS_PER_MONTH, f"shard-hours ({number(shards)} shard{'s' if shards != 1 else ''} x {HOURS_PER_MONTH} h)")
        bill.charge("put_payload_units", v["records"] * chunks(v["record_kb"], 25), "PUT payload units (25 KB chunks)")
        return
    bill.charge("on_demand_stream_hours", HOURS_PER_MONTH, "stream-hours")
    bill.charge("on_demand_data_in_gb", v["records"] * math.ceil(v["record_kb"]) / 1024 / 1024, "data in (GB, 1 KB rounding)")


def _shards_for(v: dict) -> float:
    """Shards for the peak write rate: one shard takes 1,000 records/s or 1 MB/s."""
    peak_per_s = v["records"] / SECONDS_PER_MONTH * v["peak_to_average"]
    return float(max(1, math.ceil(peak_per_s / 1000), math.ceil(peak_per_s * v["record_kb"] / 1024)))


def _eventbridge(v: dict, bill: Bill) -> None:
    billed = v["events"] * chunks(v["payload_kb"], 64)
    if v["source"] == "aws":
        bill.charge("aws_management_events_ingested", billed, "AWS management events (free)")
    else:
        bill.charge("custom_events", billed, "custom events (64 KB chunks)")
    bill.charge("archive_processed_gb", v["archived_gb"], "events archived (GB)")


def _scheduler(v: dict, bill: Bill) -> None:
    bill.charge("scheduled_invocations", v["invocations"], "scheduled invocations")


SQS = Calculator("sqs", "Amazon SQS requests, standard or FIFO", (
    Input("queue_type", "standard or fifo", "standard", ("standard", "fifo"), "choice"),
    Input("messages", "messages sent per month", unit="messages"),
    Input("payload_kb", "average message size", 1, minimum=0, maximum=1024, bound_source=f"1 MiB at most, {SQS_QUOTAS}", unit="KB"),
    Input("batch_size", "messages per send/receive/delete call", 1, minimum=1, maximum=10, integer=True,
          bound_source=f"10 messages per batch call, {SQS_QUOTAS}", unit="messages"),
    Input("calls_per_message", "API calls per message or batch (send, receive, delete = 3)", 3, minimum=2, maximum=20, unit="calls"),
    FREE_TIER,
), _sqs)

SNS = Calculator("sns", "Amazon SNS publishes and deliveries per protocol", (
    Input("messages", "messages published per month", unit="messages"),
    Input("payload_kb", "average message size", 1, minimum=0, maximum=1024, bound_source=f"256 KiB, 1 MiB opt-in, {SNS_LARGE}", unit="KB"),
    Input("sqs_subscriptions", "SQS subscriptions each message is delivered to", 0, maximum=12_500_000, integer=True),
    Input("lambda_subscriptions", "Lambda subscriptions each message is delivered to", 0, integer=True),
    Input("http_subscriptions", "HTTP/S subscriptions each message is delivered to", 0, integer=True),
    Input("email_subscriptions", "email subscriptions each message is delivered to", 0, integer=True),
), _sns)

KINESIS = Calculator("kinesis", "Amazon Kinesis Data Streams, provisioned or on-demand", (
    Input("capacity_mode", "provisioned or on_demand", "provisioned", ("provisioned", "on_demand"), "choice"),
    Input("records", "records written per month", unit="records"),
    Input("record_kb", "average record size", 1, minimum=0, maximum=10_240, bound_source=f"1 MiB, 10 MiB opt-in, {KINESIS_RECORDS}", unit="KB"),
    Input("peak_to_average", "peak write rate over the monthly average (sizes the shards)", 1, minimum=1, maximum=1000,
          when=("capacity_mode", ("provisioned",))),
    Input("shards", "provisioned shards (default: enough for the peak rate)", minimum=1, integer=True,
          when=("capacity_mode", ("provisioned",)), unit="shards", optional=True),
), _kinesis)

EVENTBRIDGE = Calculator("eventbridge", "Amazon EventBridge event bus", (
    Input("source", "custom (your PutEvents) or aws (AWS management events, free)", "custom", ("custom", "aws"), "choice"),
    Input("events", "events published per month", unit="events"),
    Input("payload_kb", "average event size", 1, minimum=0, maximum=1024, bound_source=f"1 MB, {ONE_MB_PAYLOADS}", unit="KB"),
    Input("archived_gb", "GB of events archived per month", 0, unit="GB"),
), _eventbridge)

SCHEDULER = Calculator("scheduler", "Amazon EventBridge Scheduler invocations", (
    Input("invocations", "scheduled invocations per month", unit="invocations"),
), _scheduler)
