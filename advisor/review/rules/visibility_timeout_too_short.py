"""An SQS queue whose visibility timeout is shorter than six times its consumer's timeout.

Why: While Lambda still works on a batch (or retries it after throttling), a message whose
visibility timeout expires becomes visible again and is processed a second time, in parallel.
AWS advises a visibility timeout of at least six times the function's timeout, which
leaves room for Lambda to retry a throttled batch.

Fix: Set the queue's VisibilityTimeout to at least six times the consuming function's Timeout
(SQS's default visibility timeout is 30 seconds, Lambda's default timeout 3 seconds).
"""

from advisor.review import kit

SQS_DEFAULT_VISIBILITY = 30
LAMBDA_DEFAULT_TIMEOUT = 3


def _number(value, default):
    if value is None:
        return default
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None  # an intrinsic function: unknown until deployment


def check(template, graph):
    for function in graph.of_family("AWS::Lambda::Function"):
        timeout = _number(graph.props(function).get("Timeout"), LAMBDA_DEFAULT_TIMEOUT)
        for trigger in graph.triggers_of(function):
            if trigger.kind != "sqs" or trigger.source is None or graph.family(trigger.source) != "AWS::SQS::Queue":
                continue
            props = graph.props(trigger.source)
            visibility = _number(props.get("VisibilityTimeout"), SQS_DEFAULT_VISIBILITY)
            if None in (timeout, visibility):
                continue
            needed = 6 * timeout
            if visibility < needed:
                where = ("Resources", trigger.source) + (("Properties", "VisibilityTimeout") if "VisibilityTimeout" in props else ())
                yield kit.Hit(where, f"queue {trigger.source} has a visibility timeout of {visibility:g} s, below six times "
                                     f"the {timeout:g} s timeout of {function} ({needed:g} s); messages can be processed twice")


RULE = kit.Rule(
    id="PA1003", name="visibility-timeout-too-short", title="Queue visibility timeout below six times the consumer's timeout",
    severity="warning", tags=("sqs", "lambda", "reliability"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html",
)


class VisibilityTimeoutTooShort(kit.CfnLintAdapter):
    rule = RULE
