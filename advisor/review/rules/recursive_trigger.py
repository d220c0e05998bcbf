"""A function that writes to the queue, topic, bucket, stream or table that triggers it.

Why: Every write starts the function again, which writes again: an infinite loop that runs up
cost until someone notices. Lambda stops some SQS, SNS and S3 loops after about 16 rounds, but
not every source and not loops through other services.

A trigger with a filter (an S3 notification's key prefix or suffix, an event source mapping's
FilterCriteria) is taken as the loop's guard and not reported: the filter is how a function
writes to its own source safely.

Fix: Write to a different queue, topic, bucket or table than the one that triggers the
function; if the same bucket must be used, trigger only on a prefix the function never writes.
"""

import networkx as nx

from advisor.review import kit

_FLOW_FROM_SOURCE = {"triggers", "subscribes"}
_FLOW_FROM_CODE = {"publishes", "writes"}


def _flow(graph) -> nx.DiGraph:
    """Where data really goes: event wiring, and writes a policy or definition grants."""
    flow = nx.DiGraph()
    for a, b, data in graph.g.edges(data=True):
        if data["granted"] & _FLOW_FROM_SOURCE or data["granted"] & _FLOW_FROM_CODE:
            flow.add_edge(a, b)
    return flow


def _filtered(props: dict) -> bool:
    return any(props.get(key) for key in ("Filter", "FilterCriteria"))


def check(template, graph):
    flow = None
    for function in graph.of_family("AWS::Lambda::Function"):
        sources = {t.source for t in graph.triggers_of(function) if t.source and not _filtered(t.props)}
        if not sources:
            continue
        flow = flow if flow is not None else _flow(graph)
        for source in sorted(sources):
            if function in flow and source in flow and nx.has_path(flow, function, source):
                loop = " -> ".join(nx.shortest_path(flow, function, source) + [function])
                yield kit.Hit(("Resources", function), f"function {function} triggers itself: {loop}")
                break


RULE = kit.Rule(
    id="PA1006", name="recursive-trigger", title="Function writing to its own trigger",
    severity="error", tags=("lambda", "cost"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html",
)


class RecursiveTrigger(kit.CfnLintAdapter):
    rule = RULE
