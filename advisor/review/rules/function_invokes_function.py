"""A Lambda function that invokes another Lambda function of the same template.

Why: A function waiting on another pays for both while it waits, couples their failures and
timeouts, and hides the workflow in code. Chained functions are one of the anti-patterns the
Lambda documentation warns against.

A target configured for asynchronous invocation (EventInvokeConfig, DeadLetterQueue or
DeadLetterConfig) is taken as a fire-and-forget hand-off and not reported.

Fix: Let a Step Functions state machine call the functions in turn, or decouple them with a
queue, topic or event bus; if the second function is only a library, merge it into the first.
"""

from advisor.review import kit


_ASYNC_SETTINGS = ("EventInvokeConfig", "DeadLetterQueue", "DeadLetterConfig")


def _configured_for_async(graph, function) -> bool:
    if any(graph.props(function).get(key) for key in _ASYNC_SETTINGS):
        return True
    return any(function in graph.refs(graph.props(c).get("FunctionName")) for c in graph.of_family("AWS::Lambda::EventInvokeConfig"))


def check(template, graph):
    for function in graph.of_family("AWS::Lambda::Function"):
        for target in graph.targets(function, "invokes"):
            if graph.family(target) == "AWS::Lambda::Function" and not _configured_for_async(graph, target):
                yield kit.Hit(("Resources", function),
                              f"function {function} invokes function {target} directly; both run (and bill) while it waits")


RULE = kit.Rule(
    id="PA1005", name="function-invokes-function", title="Function invoking another function directly",
    severity="warning", tags=("lambda", "coupling"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/lambda/latest/dg/concepts-event-driven-architectures.html#event-driven-anti-patterns",
)


class FunctionInvokesFunction(kit.CfnLintAdapter):
    rule = RULE
