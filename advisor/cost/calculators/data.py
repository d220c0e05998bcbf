"""API and data calculators: API Gateway, DynamoDB, S3, CloudFront and CloudWatch."""

from __future__ import annotations

import math

from advisor.cost.calculators.base import FREE_TIER, HOURS_PER_MONTH, Bill, Calculator, Input, chunks
from advisor.humanize import number

APIGW_LIMITS = "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html"
WEBSOCKET_LIMITS = "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html"
DYNAMODB_ITEM = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html"


def _apigateway(v: dict, bill: Bill) -> None:
    if v["api_type"] == "http":
        # HTTP APIs meter each 512 KB of a request as one request.
        bill.charge("http_requests", v["requests"] * chunks(v["payload_kb"], 512), "HTTP API requests (512 KB units)")
    elif v["api_type"] == "rest":
        bill.charge("rest_requests", v["requests"], "REST API requests")
    else:
        # WebSocket messages are metered in 32 KB increments; connection minutes are billed too.
        bill.charge("websocket_messages", v["messages"] * chunks(v["message_kb"], 32), "WebSocket messages (32 KB units)")
        bill.charge("websocket_connection_minutes", v["connection_minutes"], "connection minutes", free_tier=False)


def _dynamodb(v: dict, bill: Bill) -> None:
    if v["capacity_mode"] == "on_demand":
        # A write unit covers 1 KB, a read unit a 4 KB strongly consistent read (half for eventual).
        write_units = chunks(v["item_kb"], 1) * (2 if v["write_type"] == "transactional" else 1)
        read_units = chunks(v["item_kb"], 4)
        read_factor = {"eventual": 0.5, "strong": 1, "transactional": 2}[v["read_consistency"]]
        bill.charge("on_demand_write_request_units", v["writes"] * write_units, "write request units")
        bill.charge("on_demand_read_request_units", v["reads"] * read_units * read_factor, "read request units")
    else:
        bill.charge("provisioned_wcu_hours", v["wcu"] * HOURS_PER_MONTH, f"WCU-hours ({number(v['wcu'])} WCU x {HOURS_PER_MONTH} h)")
        bill.charge("provisioned_rcu_hours", v["rcu"] * HOURS_PER_MONTH, f"RCU-hours ({number(v['rcu'])} RCU x {HOURS_PER_MONTH} h)")
    bill.charge("storage_gb_month", v["storage_gb"], "storage (GB-month)")


def _s3(v: dict, bill: Bill) -> None:
    bill.charge("put_requests", v["put_requests"], "PUT, COPY, POST, LIST requests")
    bill.charge("get_requests", v["get_requests"], "GET, SELECT requests")
    bill.charge("standard_storage_gb_month", v["storage_gb"], "storage (GB-month)")


def _cloudfront(v: dict, bill: Bill) -> None:
    bill.charge("data_transfer_out_na_eu", v["data_transfer_gb"], "data transfer out (US, Mexico, Canada, Europe)")


def _cloudwatch(v: dict, bill: Bill) -> None:
    bill.charge("standard_alarms", v["alarms"], "standard-resolution alarms")
    bill.charge("custom_metrics", v["custom_metrics"], "custom metrics")
    bill.charge("logs_ingested_gb", v["logs_gb"], "logs ingested (GB)")


APIGATEWAY = Calculator("apigateway", "Amazon API Gateway REST, HTTP and WebSocket APIs", (
    Input("api_type", "rest, http or websocket", "http", ("rest", "http", "websocket"), "choice"),
    Input("requests", "API calls per month", when=("api_type", ("rest", "http")), unit="requests"),
    Input("payload_kb", "average request size (HTTP APIs bill each 512 KB)", 1, maximum=10_240,
          bound_source=f"10 MB payload, {APIGW_LIMITS}", when=("api_type", ("http",)), unit="KB"),
    Input("messages", "WebSocket messages sent and received per month", when=("api_type", ("websocket",)), unit="messages"),
    Input("message_kb", "average WebSocket message size", 1, maximum=128, bound_source=f"128 KB message, {WEBSOCKET_LIMITS}",
          when=("api_type", ("websocket",)), unit="KB"),
    Input("connection_minutes", "WebSocket connection minutes per month", when=("api_type", ("websocket",)), unit="minutes"),
    FREE_TIER,
), _apigateway)

DYNAMODB = Calculator("dynamodb", "Amazon DynamoDB on-demand or provisioned, with storage", (
    Input("capacity_mode", "on_demand or provisioned", "on_demand", ("on_demand", "provisioned"), "choice"),
    Input("writes", "item writes per month", when=("capacity_mode", ("on_demand",)), unit="writes"),
    Input("reads", "item reads per month", 0, when=("capacity_mode", ("on_demand",)), unit="reads"),
    Input("item_kb", "average item size", 1, maximum=400, bound_source=f"400 KB item, {DYNAMODB_ITEM}",
          when=("capacity_mode", ("on_demand",)), unit="KB"),
    Input("write_type", "standard or transactional", "standard", ("standard", "transactional"), "choice",
          when=("capacity_mode", ("on_demand",))),
    Input("read_consistency", "eventual, strong or transactional", "eventual", ("eventual", "strong", "transactional"), "choice",
          when=("capacity_mode", ("on_demand",))),
    Input("wcu", "provisioned write capacity units", when=("capacity_mode", ("provisioned",)), minimum=1, unit="WCU"),
    Input("rcu", "provisioned read capacity units", when=("capacity_mode", ("provisioned",)), minimum=1, unit="RCU"),
    Input("storage_gb", "table and index storage", 0, unit="GB"),
    FREE_TIER,
), _dynamodb)

S3 = Calculator("s3", "Amazon S3 Standard requests and storage", (
    Input("put_requests", "PUT, COPY, POST and LIST requests per month", 0),
    Input("get_requests", "GET and SELECT requests per month", 0),
    Input("storage_gb", "average GB stored over the month", 0, unit="GB"),
), _s3, needs_one_of=("put_requests", "get_requests", "storage_gb"))

CLOUDFRONT = Calculator("cloudfront", "Amazon CloudFront data transfer out (North America and Europe)", (
    Input("data_transfer_gb", "GB delivered to viewers per month", unit="GB"),
    FREE_TIER,
), _cloudfront)

CLOUDWATCH = Calculator("cloudwatch", "Amazon CloudWatch alarms, custom metrics and logs", (
    Input("alarms", "standard-resolution alarms", 0, integer=True),
    Input("custom_metrics", "custom metrics", 0, integer=True),
    Input("logs_gb", "GB of logs ingested per month", 0, unit="GB"),
), _cloudwatch, needs_one_of=("alarms", "custom_metrics", "logs_gb"))
