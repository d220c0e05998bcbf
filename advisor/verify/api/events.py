"""EventBridge: rules, buses and archives (verified in the stack)."""

from __future__ import annotations

from advisor.verify.api.common import client, resolved


def _rule(ref, props, ctx):
    p = resolved(props, ctx)
    name = ref.split("/")[-1] if ref.startswith("arn:") else ref
    bus = p.get("EventBusName", "default")
    bus = bus.split("/")[-1] if isinstance(bus, str) else "default"
    client("events").describe_rule(Name=name, EventBusName=bus)
    return None


CREATED_BY_API: dict = {}

STACK_VERIFIERS = {
    "AWS::Events::Rule": _rule,
    "AWS::Events::EventBus": lambda ref, p, c: client("events").describe_event_bus(Name=ref.split("/")[-1]) and None,
    "AWS::Events::Archive": lambda ref, p, c: client("events").describe_archive(ArchiveName=ref.split("/")[-1]) and None,
}
