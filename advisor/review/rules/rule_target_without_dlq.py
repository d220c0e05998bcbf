"""An EventBridge rule or schedule target with no dead-letter queue.

Why: EventBridge retries a target that fails to take an event, and then drops it; an event it
cannot deliver at all (missing permission, deleted target) is dropped at once. Without a
dead-letter queue on the target, such events are lost without a trace.

Fix: Give each target a DeadLetterConfig with the ARN of an SQS queue (and a RetryPolicy that
fits), allow EventBridge to send to that queue in its queue policy, and alarm on its depth. A
function target of the same template is covered by async-without-dlq instead.
"""

from advisor.review import kit
from advisor.review.graph import FUNCTION, SCHEDULE

FIXES = {
    "AWS::Events::Rule": "Add DeadLetterConfig: {Arn: !GetAtt RuleDLQ.Arn} to the target, and an AWS::SQS::QueuePolicy "
                         "letting events.amazonaws.com send to RuleDLQ.",
    "AWS::Scheduler::Schedule": "Add DeadLetterConfig: {Arn: !GetAtt ScheduleDLQ.Arn} to the schedule's Target.",
}


def _has_dlq(target) -> bool:
    config = target.get("DeadLetterConfig") if isinstance(target, dict) else None
    return isinstance(config, dict) and bool(config.get("Arn"))


def check(template, graph):
    for rule in graph.of_family("AWS::Events::Rule", SCHEDULE):
        props = graph.props(rule)
        if graph.resources[rule].get("Type") == "AWS::Scheduler::Schedule":
            targets = [(props.get("Target"), ("Resources", rule, "Properties", "Target"))]
        else:
            raw = props.get("Targets") if isinstance(props.get("Targets"), list) else []
            targets = [(t, ("Resources", rule, "Properties", "Targets", i)) for i, t in enumerate(raw)]
        for target, path in targets:
            if not isinstance(target, dict) or _has_dlq(target):
                continue
            arn = graph.first_ref(target.get("Arn"))
            if arn and graph.family(arn) == FUNCTION:
                continue  # Lambda's asynchronous invocation: async-without-dlq judges it
            what = f" {arn}" if arn else ""
            yield kit.Hit(path, f"target{what} of {rule} has no DeadLetterConfig; events EventBridge cannot deliver "
                                f"to it are dropped")


RULE = kit.Rule(
    id="PA1018", name="rule-target-without-dlq", title="EventBridge rule or schedule target without a dead-letter queue",
    severity="warning", tags=("eventbridge", "reliability"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-event-delivery.html",
)


class RuleTargetWithoutDlq(kit.CfnLintAdapter):
    rule = RULE
