"""SNS or EventBridge pushing straight into a function that writes to a rate-limited store.

Why: SNS and EventBridge invoke the function asynchronously: Lambda's own queue takes the burst,
but then runs as many copies of the function as its concurrency allows, and every copy writes to
DynamoDB (or a relational database) at once. Nothing caps the write rate, so the store throttles
(or runs out of connections), invocations fail and events are retried or lost. Reserved
concurrency on the function, or an SQS queue consumed with a maximum concurrency, caps it.

Fix: Put an SQS queue between the topic or rule and the function (subscribe the queue, consume
it with an SQS event source and a ScalingConfig.MaximumConcurrency), or cap the function's
ReservedConcurrentExecutions to what the store can take.
"""

from advisor.review import kit

_PUSHERS = {"sns": "SNS topic", "eventbridge": "EventBridge rule"}
_RATE_LIMITED = {"AWS::DynamoDB::Table": "DynamoDB table", "AWS::RDS::DBCluster": "database cluster",
                 "AWS::RDS::DBInstance": "database"}


def check(template, graph):
    for function in graph.of_family("AWS::Lambda::Function"):
        if kit.setting(graph, function, "ReservedConcurrentExecutions") is not None:
            continue
        pushers = [t for t in graph.triggers_of(function) if t.kind in _PUSHERS]
        if not pushers:
            continue
        sinks = [t for t in graph.targets(function, "writes") if graph.family(t) in _RATE_LIMITED]
        if sinks:
            what = _PUSHERS[pushers[0].kind] + (f" {pushers[0].source}" if pushers[0].source else "")
            yield kit.Hit(("Resources", function),
                          f"{what} invokes {function}, which writes to {_RATE_LIMITED[graph.family(sinks[0])]} {sinks[0]}, "
                          f"and nothing caps how many copies write at once (no reserved concurrency, no queue with a "
                          f"maximum concurrency); a burst can throttle the store")


RULE = kit.Rule(
    id="PA1004", name="push-to-rate-limited-sink", title="Push source into a function writing to a rate-limited store, nothing capping the write rate",
    severity="warning", tags=("sns", "eventbridge", "dynamodb", "scaling"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TroubleshootingThrottling.html",
)


class PushToRateLimitedSink(kit.CfnLintAdapter):
    rule = RULE
