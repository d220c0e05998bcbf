"""SQS: queue policies (created through the API), queues (verified in the stack)."""

from __future__ import annotations

from advisor.verify.api.common import as_json, client


def _queue_policy(name, p, ctx):
    for url in p["Queues"]:
        client("sqs").set_queue_attributes(QueueUrl=url, Attributes={"Policy": as_json(p["PolicyDocument"])})
    return name, {}


def _verify_queue_policy(p, _ref):
    for url in p["Queues"]:
        got = client("sqs").get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]
        if "Policy" not in got:
            return f"queue {url} has no policy"
    return None


def _queue(ref, props, ctx):
    attrs = client("sqs").get_queue_attributes(QueueUrl=ref, AttributeNames=["All"])["Attributes"]
    want = props.get("VisibilityTimeout")
    if isinstance(want, int) and int(attrs.get("VisibilityTimeout", -1)) != want:
        return f'visibility timeout is {attrs.get("VisibilityTimeout")}, expected {want}'
    if "RedrivePolicy" in props and "RedrivePolicy" not in attrs:
        return "redrive policy (dead-letter queue) was not applied"
    return None


CREATED_BY_API = {"AWS::SQS::QueuePolicy": (_queue_policy, _verify_queue_policy)}

STACK_VERIFIERS = {"AWS::SQS::Queue": _queue}
