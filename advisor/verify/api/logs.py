"""CloudWatch Logs: log groups (verified in the stack)."""

from __future__ import annotations

from advisor.verify.api.common import client


def _log_group(ref, props, ctx):
    groups = client("logs").describe_log_groups(logGroupNamePrefix=ref)["logGroups"]
    return None if any(g["logGroupName"] == ref for g in groups) else "log group not found"


CREATED_BY_API: dict = {}

STACK_VERIFIERS = {"AWS::Logs::LogGroup": _log_group}
