"""A Lambda function on a runtime AWS has deprecated.

Why: A deprecated runtime gets no security patches or support; some time after deprecation
Lambda blocks creating functions on it, then updating them, so a routine deploy will fail.

Fix: Move the function to the runtime's supported successor (e.g. python3.13, nodejs22.x,
java21, provided.al2023) and run its tests on it.
"""

from datetime import date
from functools import lru_cache

from advisor.review import kit


@lru_cache(maxsize=1)
def lifecycle() -> dict:
    """Runtime deprecation dates, from the data cfn-lint ships and keeps current."""
    from cfnlint.data import AdditionalSpecs
    from cfnlint.helpers import load_resource

    return load_resource(AdditionalSpecs, "LmbdRuntimeLifecycle.json")


def check(template, graph):
    today = date.today().isoformat()
    for function in graph.of_family("AWS::Lambda::Function"):
        runtime = graph.props(function).get("Runtime")
        info = lifecycle().get(runtime) if isinstance(runtime, str) else None
        if info and info.get("deprecated") and info["deprecated"] <= today:
            successor = f"; move to {info['successor']}" if info.get("successor") else ""
            yield kit.Hit(("Resources", function, "Properties", "Runtime"),
                          f"function {function} uses {runtime}, deprecated since {info['deprecated']}{successor}")


RULE = kit.Rule(
    id="PA1012", name="deprecated-runtime", title="Function on a deprecated Lambda runtime",
    severity="warning", tags=("lambda", "runtime"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
    supersedes=("W2531",),
)


class DeprecatedRuntime(kit.CfnLintAdapter):
    rule = RULE
