"""Patch moto so that what it would deliver to Lambda (in Docker) is handed to the runner instead."""

from __future__ import annotations

import contextlib
import json

# Deliveries moto pushes to a function (SNS, S3 notifications, DynamoDB Streams, EventBridge
# rules): (function ARN, event). The runner drains this list.
PUSHED: list[tuple[str, dict]] = []


@contextlib.contextmanager
def moto_lambda_capture():
    """Make moto hand Lambda deliveries to us instead of trying to run them in Docker.

    SQS batches are left on the queue (returned as not processed) because the runner polls queues
    itself, honouring partial batch failures; every other push is captured for the runner.
    """
    from unittest import mock

    from moto.awslambda.models import LambdaBackend, LambdaFunction
    from moto.iam.access_control import IAMPolicy
    from moto.s3.models import FakeBucket

    def capture(function, body, request_headers, response_headers):
        PUSHED.append((function.function_arn, json.loads(body)))
        return json.dumps(None)

    from moto.iam.policy_conditions import CONDITION_OPERATIONS

    def evaluable(statement: dict) -> bool:
        return all(op in CONDITION_OPERATIONS for op in (statement.get("Condition") or {}))

    def bucket_permission(bucket, action, resource):
        # moto treats a condition operator it cannot evaluate (such as Bool on aws:SecureTransport)
        # as always true, turning "deny unless TLS" into "deny everything". Such Deny statements
        # are left out of moto's evaluation; the stored policy itself is unchanged and verified.
        from moto.iam.access_control import PermissionResult

        if bucket.policy is None:
            return PermissionResult.NEUTRAL
        policy = json.loads(bucket.policy.decode())
        statements = policy["Statement"] if isinstance(policy["Statement"], list) else [policy["Statement"]]
        policy["Statement"] = [st for st in statements if st.get("Effect") != "Deny" or evaluable(st)]
        if not policy["Statement"]:
            return PermissionResult.NEUTRAL
        return IAMPolicy(json.dumps(policy)).is_action_permitted(action, resource)

    from moto.events.models import Rule
    from moto.utilities.arns import parse_arn

    original_send = Rule.send_to_targets

    def send_to_targets(rule, original_event, transform_input=True):
        # moto delivers rule targets to SQS, logs, archives and buses but raises on Lambda targets:
        # let moto deliver the others, and hand matching events for function targets to the runner.
        functions = [t for t in rule.targets if parse_arn(t["Arn"]).service == "lambda"]
        others = [t for t in rule.targets if t not in functions]
        saved = rule.targets
        rule.targets = others
        try:
            original_send(rule, original_event, transform_input)
        finally:
            rule.targets = saved
        if not rule.event_pattern.matches_event(original_event):
            return
        for target in functions:
            event = json.loads(target["Input"]) if target.get("Input") else dict(original_event)
            PUSHED.append((target["Arn"], event))

    PUSHED.clear()
    with mock.patch.object(Rule, "send_to_targets", send_to_targets), \
            mock.patch.object(LambdaBackend, "send_sqs_batch", lambda *a, **k: False), \
            mock.patch.object(LambdaFunction, "invoke", capture), \
            mock.patch.object(FakeBucket, "get_permission", bucket_permission):
        yield
    PUSHED.clear()
