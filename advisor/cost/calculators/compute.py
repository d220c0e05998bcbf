"""Compute calculators: AWS Lambda, AWS Step Functions and AWS Fargate."""

from __future__ import annotations

import math

from dataclasses import replace

from advisor.cost.calculators.base import FREE_TIER, HOURS_PER_MONTH, Bill, Calculator, Input
from advisor.errors import UsageError
from advisor.humanize import number

LAMBDA_LIMITS = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"
FARGATE_SIZES = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size"
# Valid Fargate task sizes: vCPU -> (lowest GB, highest GB, step GB), from the ECS developer guide.
FARGATE_MEMORY = {0.25: (0.5, 2, None), 0.5: (1, 4, 1), 1: (2, 8, 1), 2: (4, 16, 1), 4: (8, 30, 1), 8: (16, 60, 4), 16: (32, 120, 8)}


def _lambda(v: dict, bill: Bill) -> None:
    # Billed duration is rounded up to the next millisecond; memory is billed in GB (1,024 MB).
    seconds = v["requests"] * math.ceil(v["duration_ms"]) / 1000
    meter = "gb_seconds_arm" if v["architecture"] == "arm64" else "gb_seconds_x86"
    bill.charge("requests", v["requests"], "requests")
    bill.charge(meter, seconds * v["memory_mb"] / 1024, f"duration ({v['architecture']}, GB-seconds)")
    # 512 MB of /tmp is included; only the configured storage above it is billed, per GB-second.
    bill.charge("ephemeral_storage_gb_seconds", seconds * (v["ephemeral_storage_mb"] - 512) / 1024,
                "ephemeral storage above 512 MB (GB-seconds)", free_tier=False)


def _stepfunctions(v: dict, bill: Bill) -> None:
    if v["workflow_type"] == "standard":
        bill.charge("standard_state_transitions", v["executions"] * v["transitions_per_execution"], "state transitions")
        return
    # Express: billed per request and per GB-second, memory rounded up to 64 MB, duration to 100 ms.
    memory_gb = math.ceil(v["memory_mb"] / 64) * 64 / 1024
    seconds = math.ceil(v["duration_ms"] / 100 - 1e-9) * 100 / 1000
    bill.charge("express_requests", v["executions"], "requests", free_tier=False)
    bill.charge("express_duration_gb_seconds", v["executions"] * seconds * memory_gb, "duration (GB-seconds)", free_tier=False)


def _fargate(v: dict, bill: Bill) -> None:
    if v["vcpu"] not in FARGATE_MEMORY:
        raise UsageError(f"--set: vcpu: expected one of 0.25, 0.5, 1, 2, 4, 8, 16 ({FARGATE_SIZES}), got {number(v['vcpu'])}")
    low, high, step = FARGATE_MEMORY[v["vcpu"]]
    memory = v["memory_gb"]
    valid = low <= memory <= high and (step is None and memory in (0.5, 1, 2) or step and (memory - low) % step == 0)
    if not valid:
        allowed = "0.5, 1 or 2" if step is None else f"{number(low)} to {number(high)} in steps of {number(step)}"
        raise UsageError(f"--set: memory_gb: a {number(v['vcpu'])} vCPU Fargate task takes {allowed} GB ({FARGATE_SIZES}), got {number(memory)}")
    hours = v["tasks"] * v["hours_per_month"]
    arch = "x86" if v["architecture"] == "x86_64" else "arm"
    bill.charge(f"{arch}_vcpu_hours", hours * v["vcpu"], f"vCPU-hours ({v['architecture']})")
    bill.charge(f"{arch}_gb_hours", hours * memory, f"memory GB-hours ({v['architecture']})")


LAMBDA = Calculator("lambda", "AWS Lambda requests, duration and ephemeral storage", (
    Input("architecture", "x86_64 or arm64", "x86_64", ("x86_64", "arm64"), "choice"),
    Input("requests", "invocations per month", unit="requests"),
    Input("duration_ms", "average billed duration per invocation", 100, minimum=1, maximum=900_000,
          bound_source=f"timeout at most 900 s, {LAMBDA_LIMITS}", unit="ms"),
    Input("memory_mb", "configured memory", 128, minimum=128, maximum=10_240, integer=True,
          bound_source=LAMBDA_LIMITS, unit="MB"),
    Input("ephemeral_storage_mb", "configured /tmp storage (512 MB included)", 512, minimum=512, maximum=10_240, integer=True,
          bound_source="https://docs.aws.amazon.com/lambda/latest/api/API_EphemeralStorage.html", unit="MB"),
    FREE_TIER,
), _lambda)

STEPFUNCTIONS = Calculator("stepfunctions", "AWS Step Functions Standard and Express workflows", (
    Input("workflow_type", "standard or express", "standard", ("standard", "express"), "choice"),
    Input("executions", "workflow executions started per month", unit="executions"),
    Input("transitions_per_execution", "state transitions per execution, retries included", minimum=1,
          when=("workflow_type", ("standard",)), unit="transitions"),
    Input("duration_ms", "average execution duration (billed in 100 ms steps)", 100, minimum=1,
          maximum=5 * 60 * 1000, bound_source="Express workflows run at most 5 minutes, "
          "https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html",
          when=("workflow_type", ("express",)), unit="ms"),
    Input("memory_mb", "memory an execution uses (billed in 64 MB steps)", 64, minimum=1, maximum=10_240,
          when=("workflow_type", ("express",)), unit="MB"),
    replace(FREE_TIER, description="apply the free 4,000 state transitions a month", when=("workflow_type", ("standard",))),
), _stepfunctions)

FARGATE = Calculator("fargate", "AWS Fargate tasks on Amazon ECS (Linux)", (
    Input("architecture", "x86_64 or arm64", "x86_64", ("x86_64", "arm64"), "choice"),
    Input("vcpu", "vCPU per task (0.25, 0.5, 1, 2, 4, 8 or 16)", 0.25, minimum=0.25, maximum=16, bound_source=FARGATE_SIZES, unit="vCPU"),
    Input("memory_gb", "memory per task", 0.5, minimum=0.5, maximum=120, bound_source=FARGATE_SIZES, unit="GB"),
    Input("tasks", "tasks running at once", 1, minimum=1, integer=True, unit="tasks"),
    Input("hours_per_month", "hours each task runs per month", HOURS_PER_MONTH, minimum=0, maximum=744, unit="hours"),
), _fargate)
