"""Per-service calculators: documented inputs in, charge lines out, each priced from the
service's price list. Input names and defaults are the contract of `advisor cost --service`.
`free_tier` defaults to false everywhere, as AWS's own calculator does."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

from advisor.errors import UsageError
from advisor.cost.pricing import Line, price_list


@dataclass(frozen=True)
class Input:
    name: str
    description: str
    default: object = None
    choices: tuple = ()
    kind: str = "number"  # number | choice | bool


@dataclass(frozen=True)
class Calculator:
    service: str
    description: str
    inputs: tuple[Input, ...]
    compute: Callable[[dict], list[Line]]
    price_file: str = ""

    def parse(self, given: dict) -> dict:
        spec = {i.name: i for i in self.inputs}
        unknown = sorted(set(given) - set(spec))
        if unknown:
            raise UsageError(f'--set: unknown input "{unknown[0]}" for {self.service}; inputs: {", ".join(spec)}')
        values = {}
        for item in self.inputs:
            raw = given.get(item.name, item.default)
            if raw is None:
                raise UsageError(f"--set: {self.service} needs {item.name} ({item.description})")
            values[item.name] = _coerce(self.service, item, raw)
        return values


def _coerce(service: str, item: Input, raw):
    if item.kind == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).lower()
        if text in ("true", "yes", "1"):
            return True
        if text in ("false", "no", "0"):
            return False
        raise UsageError(f"--set: {item.name}: expected true or false, got {raw!r}")
    if item.kind == "choice":
        if str(raw) not in item.choices:
            raise UsageError(f"--set: {item.name}: expected one of {', '.join(item.choices)}, got {raw!r}")
        return str(raw)
    try:
        value = float(str(raw).replace("_", ""))
    except ValueError:
        raise UsageError(f"--set: {item.name}: expected a number, got {raw!r}") from None
    if value < 0 or math.isnan(value) or math.isinf(value):
        raise UsageError(f"--set: {item.name}: expected a number >= 0, got {raw!r}")
    return value


def _lambda(v: dict) -> list[Line]:
    prices = price_list("lambda")
    # Billed duration is rounded up to the next millisecond; memory is billed in GB (1,024 MB).
    gb_seconds = v["requests"] * math.ceil(v["duration_ms"]) / 1000 * v["memory_mb"] / 1024
    meter = "gb_seconds_arm" if v["architecture"] == "arm64" else "gb_seconds_x86"
    return (prices.meter("requests").lines(v["requests"], v["free_tier"], "requests")
            + prices.meter(meter).lines(gb_seconds, v["free_tier"], f"duration ({v['architecture']}, GB-seconds)"))


def _stepfunctions(v: dict) -> list[Line]:
    prices = price_list("stepfunctions")
    if v["workflow_type"] == "standard":
        return prices.meter("standard_state_transitions").lines(v["transitions"], v["free_tier"], "state transitions")
    # Express: billed per request and per GB-second, memory rounded up to 64 MB, duration to 100 ms.
    memory_gb = math.ceil(v["memory_mb"] / 64) * 64 / 1024
    seconds = math.ceil(v["duration_ms"] / 100) * 100 / 1000
    return (prices.meter("express_requests").lines(v["requests"], False, "requests")
            + prices.meter("express_duration_gb_seconds").lines(v["requests"] * seconds * memory_gb, False, "duration (GB-seconds)"))


def _apigateway(v: dict) -> list[Line]:
    prices = price_list("apigateway")
    if v["api_type"] == "http":
        # HTTP APIs meter each 512 KB of a request as one request.
        billed = v["requests"] * max(1, math.ceil(v["payload_kb"] / 512))
        return prices.meter("http_requests").lines(billed, v["free_tier"], "HTTP API requests (512 KB units)")
    if v["api_type"] == "rest":
        return prices.meter("rest_requests").lines(v["requests"], v["free_tier"], "REST API requests")
    raise UsageError("--set: api_type websocket has no verified price in advisor/cost/prices/apigateway.yaml yet")


CALCULATORS: dict[str, Calculator] = {c.service: c for c in (
    Calculator("lambda", "AWS Lambda requests and duration", (
        Input("requests", "invocations per month"),
        Input("duration_ms", "average billed duration per invocation, ms", 100),
        Input("memory_mb", "configured memory, MB", 128),
        Input("architecture", "x86_64 or arm64", "x86_64", ("x86_64", "arm64"), "choice"),
        Input("ephemeral_storage_mb", "configured /tmp storage, MB (512 included; more is not priced yet)", 512),
        Input("free_tier", "apply the always-free monthly allowance", False, kind="bool"),
    ), _lambda),
    Calculator("stepfunctions", "AWS Step Functions workflows", (
        Input("workflow_type", "standard or express", "standard", ("standard", "express"), "choice"),
        Input("transitions", "state transitions per month (standard)", 0),
        Input("requests", "executions per month (express)", 0),
        Input("duration_ms", "average execution duration, ms (express)", 100),
        Input("memory_mb", "memory used by an execution, MB (express; billed in 64 MB steps)", 64),
        Input("free_tier", "apply the free 4,000 standard transitions", False, kind="bool"),
    ), _stepfunctions),
    Calculator("apigateway", "Amazon API Gateway requests", (
        Input("api_type", "rest, http or websocket", "http", ("rest", "http", "websocket"), "choice"),
        Input("requests", "API calls per month"),
        Input("payload_kb", "average request size, KB (HTTP APIs bill each 512 KB)", 1),
        Input("free_tier", "apply the 12-month free tier (1M calls)", False, kind="bool"),
    ), _apigateway),
)}


def calculator(service: str) -> Calculator:
    try:
        return CALCULATORS[service]
    except KeyError:
        raise UsageError(f'unknown service "{service}"; known: {", ".join(sorted(CALCULATORS))}') from None


def cost_of_service(service: str, given: dict) -> dict:
    calc = calculator(service)
    values = calc.parse(given)
    lines = calc.compute(values)
    prices = price_list(service)
    return {"service": service, "inputs": values, "monthly_usd": round(sum(l.usd for l in lines), 4),
            "lines": [l.to_json() for l in lines], "free_tier": bool(values.get("free_tier", False)),
            "prices_as_of": prices.as_of, "sources": prices.sources}
