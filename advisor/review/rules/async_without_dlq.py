"""A queue, an asynchronously invoked function or a stream consumer with nowhere for failures to go.

Why: Messages and events that keep failing must land somewhere they can be inspected and
replayed. A queue consumed by a function of the template but without a redrive policy retries a poison message until it expires; an
asynchronous invocation (S3, SNS, EventBridge, schedules) is dropped after two retries; a
stream consumer without an on-failure destination loses the records it gives up on.

Fix: Give the queue a RedrivePolicy to a dead-letter queue; give the function a DeadLetterQueue
or an on-failure destination (EventInvokeConfig, DestinationConfig), or a dead-letter queue on
each rule target or subscription; give the stream event source a DestinationConfig.OnFailure.
"""

from advisor.review import kit
from advisor.review.graph import ASYNC_KINDS, STREAM_KINDS

FIXES = {
    "AWS::SQS::Queue": "Add RedrivePolicy: {deadLetterTargetArn: !GetAtt DeadLetterQueue.Arn, maxReceiveCount: 5} "
                       "with a second AWS::SQS::Queue as DeadLetterQueue, and alarm on its depth.",
    "AWS::Serverless::Function": "Add DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt FailedQueue.Arn}, or "
                                 "EventInvokeConfig: {DestinationConfig: {OnFailure: {Type: SQS, Destination: ...}}}.",
    "AWS::Lambda::Function": "Add DeadLetterConfig: {TargetArn: !GetAtt FailedQueue.Arn}, or an "
                             "AWS::Lambda::EventInvokeConfig with DestinationConfig.OnFailure.",
    "AWS::Serverless::Function.Events": "Add DestinationConfig: {OnFailure: {Type: SQS, Destination: !GetAtt "
                                        "FailedQueue.Arn}} to the stream event.",
    "AWS::Lambda::EventSourceMapping": "Add DestinationConfig: {OnFailure: {Destination: !GetAtt FailedQueue.Arn}}.",
}
_DLQ_KEYS = ("RedrivePolicy", "DeadLetterConfig", "DeadLetterQueue", "DestinationConfig", "OnFailure")


def _has_failure_config(props) -> bool:
    return isinstance(props, dict) and any(props.get(k) for k in _DLQ_KEYS)


def _function_catches_async_failures(graph, function) -> bool:
    props = graph.props(function)
    invoke_config = props.get("EventInvokeConfig")
    if props.get("DeadLetterQueue") or props.get("DeadLetterConfig"):
        return True
    if isinstance(invoke_config, dict) and _has_failure_config(invoke_config.get("DestinationConfig")):
        return True
    for name in graph.of_family("AWS::Lambda::EventInvokeConfig"):
        config = graph.props(name)
        if function in graph.refs(config.get("FunctionName")) and _has_failure_config(config.get("DestinationConfig")):
            return True
    return False


def check(template, graph):
    dead_letter_queues = graph.dead_letters
    consumed = {t.source for t in graph.triggers if t.kind == "sqs"}
    for queue in graph.of_family("AWS::SQS::Queue"):
        # A queue drained outside the template may handle poison messages itself; we cannot tell.
        if queue in consumed and queue not in dead_letter_queues and not graph.props(queue).get("RedrivePolicy"):
            yield kit.Hit(("Resources", queue), f"queue {queue} has no RedrivePolicy; a message that always fails is retried until it expires")
    for function in graph.of_family("AWS::Lambda::Function"):
        triggers = graph.triggers_of(function)
        unguarded = [t for t in triggers if t.kind in ASYNC_KINDS and not _has_failure_config(t.props)]
        if unguarded and not _function_catches_async_failures(graph, function):
            yield kit.Hit(("Resources", function),
                          f"function {function} is invoked asynchronously ({unguarded[0].kind}) with no dead-letter queue or "
                          f"on-failure destination; events that fail every retry are dropped")
        for trigger in triggers:
            if trigger.kind in STREAM_KINDS and not _has_failure_config(trigger.props):
                yield kit.Hit(trigger.path, f"stream event source of {function} has no DestinationConfig.OnFailure; "
                                            f"records it gives up on are lost")


RULE = kit.Rule(
    id="PA1002", name="async-without-dlq", title="Queue, async invocation or stream consumer without a dead-letter target",
    severity="warning", tags=("sqs", "lambda", "reliability"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html",
)


class AsyncWithoutDlq(kit.CfnLintAdapter):
    rule = RULE
