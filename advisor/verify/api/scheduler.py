"""EventBridge Scheduler: schedules (created through the API)."""

from __future__ import annotations

import json

from advisor.verify.api.common import client


def _scheduler_target(target: dict) -> dict:
    """CloudFormation spells AwsvpcConfiguration; the Scheduler API spells awsvpcConfiguration."""
    target = json.loads(json.dumps(target))
    network = target.get("EcsParameters", {}).get("NetworkConfiguration")
    if network and "AwsvpcConfiguration" in network:
        network["awsvpcConfiguration"] = network.pop("AwsvpcConfiguration")
    return target


def _schedule(name, p, ctx):
    p = dict(p, Target=_scheduler_target(p["Target"]))
    args = {k: p[k] for k in ("ScheduleExpression", "ScheduleExpressionTimezone", "FlexibleTimeWindow", "Target",
                              "State", "Description", "GroupName", "StartDate", "EndDate") if k in p}
    sched_name = p.get("Name", f"pattern-advisor-{name}")
    arn = client("scheduler").create_schedule(Name=sched_name, **args)["ScheduleArn"]
    return sched_name, {"Arn": arn}


def _verify_schedule(p, sched_name):
    got = client("scheduler").get_schedule(Name=sched_name, GroupName=p.get("GroupName", "default"))
    return None if got["Target"]["Arn"] == p["Target"]["Arn"] else "schedule target differs"


CREATED_BY_API = {"AWS::Scheduler::Schedule": (_schedule, _verify_schedule)}

STACK_VERIFIERS: dict = {}
