"""A Lambda function that invokes another Lambda function of the same template.

Why: A function waiting on another pays for both while it waits, couples their failures and
timeouts, and hides the workflow in code. Chained functions are one of the anti-patterns the
Lambda documentation warns against.

A target configured for asynchronous invocation (EventInvokeConfig, DeadLetterQueue or
DeadLetterConfig) is taken as a fire-and-forget hand-off and not reported; nor is a CodeDeploy
lifecycle hook (a DeploymentPreference's PreTraffic or PostTraffic function), whose job is to
invoke the new version before traffic shifts to it.

Fix: Let a Step Functions state machine call the functions in turn, or decouple them with a
queue, topic or event bus; if the second function is only a library, merge it into the first.
"""

from advisor.review import kit
from advisor.review.iam import actions, policy_documents, statements


_ASYNC_SETTINGS = ("EventInvokeConfig", "DeadLetterQueue", "DeadLetterConfig")


def _configured_for_async(graph, function) -> bool:
    if any(graph.props(function).get(key) for key in _ASYNC_SETTINGS):
        return True
    return any(function in graph.refs(graph.props(c).get("FunctionName")) for c in graph.of_family("AWS::Lambda::EventInvokeConfig"))


def _deployment_hooks(graph) -> set[str]:
    """Functions named as CodeDeploy traffic hooks, or allowed to report a hook's status."""
    hooks = set()
    for function in graph.of_family("AWS::Lambda::Function"):
        preference = graph.props(function).get("DeploymentPreference")
        if isinstance(preference, dict):
            hooks.update(graph.refs(preference.get("Hooks")))
    globals_ = graph.template.get("Globals") if isinstance(graph.template, dict) else None
    preference = ((globals_ or {}).get("Function") or {}).get("DeploymentPreference") if isinstance(globals_, dict) else None
    if isinstance(preference, dict):
        hooks.update(graph.refs(preference.get("Hooks")))
    for name, body in graph.resources.items():
        for document, _ in policy_documents(name, body):
            for stmt, _ in statements(document, ()):
                if any(a.lower() == "codedeploy:putlifecycleeventhookexecutionstatus" for a in actions(stmt)):
                    hooks.add(name)
    return hooks


def check(template, graph):
    hooks = None
    for function in graph.of_family("AWS::Lambda::Function"):
        targets = graph.targets(function, "invokes")
        if targets and hooks is None:
            hooks = _deployment_hooks(graph)
        if function in (hooks or ()):
            continue
        for target in targets:
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
