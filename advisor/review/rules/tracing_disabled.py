"""A function, API or state machine that does not send traces to AWS X-Ray.

Why: In an event-driven system one request crosses an API, functions, queues and workflows; when
it is slow or fails, a trace shows which hop did it. Without active tracing each service's logs
must be stitched together by hand, and latency between services cannot be seen at all.

Fix: Turn tracing on: a function's Tracing: Active (SAM, or Globals.Function) or
TracingConfig.Mode: Active; a REST API's TracingEnabled: true (SAM API or stage); a state
machine's Tracing.Enabled (SAM) or TracingConfiguration.Enabled: true.
"""

from advisor.review import kit

FIXES = {
    "AWS::Serverless::Function": "Set Tracing: Active on the function or in Globals.Function.",
    "AWS::Lambda::Function": "Set TracingConfig: {Mode: Active}.",
    "AWS::Serverless::Api": "Set TracingEnabled: true on the API or in Globals.Api.",
    "AWS::ApiGateway::Stage": "Set TracingEnabled: true on the stage.",
    "AWS::Serverless::StateMachine": "Set Tracing: {Enabled: true}.",
    "AWS::StepFunctions::StateMachine": "Set TracingConfiguration: {Enabled: true}.",
}


def _function_traced(graph, name) -> bool:
    if str(kit.setting(graph, name, "Tracing")).lower() in ("active", "passthrough"):
        return True
    config = graph.props(name).get("TracingConfig")
    return isinstance(config, dict) and str(config.get("Mode", "")).lower() in ("active", "passthrough")


def _machine_traced(graph, name) -> bool:
    props = graph.props(name)
    return any(isinstance(props.get(k), dict) and kit.is_true(props[k].get("Enabled"))
               for k in ("Tracing", "TracingConfiguration"))


def check(template, graph):
    for function in graph.of_family("AWS::Lambda::Function"):
        if not _function_traced(graph, function):
            yield kit.Hit(("Resources", function), f"function {function} does not send traces to X-Ray (Tracing: Active)")
    for machine in graph.of_family("AWS::StepFunctions::StateMachine"):
        if not _machine_traced(graph, machine):
            yield kit.Hit(("Resources", machine), f"state machine {machine} does not send traces to X-Ray")
    implicit = {t.source for t in graph.triggers if t.source == "ServerlessRestApi"}
    apis = [n for n in graph.resources if graph.resources[n].get("Type") == "AWS::Serverless::Api"]
    for api in apis + sorted(implicit):
        if not kit.is_true(kit.setting(graph, api, "TracingEnabled")):
            trigger = next((t for t in graph.triggers if t.source == api), None)
            where = ("Resources", api) if api in graph.resources else trigger.path
            yield kit.Hit(where, f"REST API {api} does not send traces to X-Ray (TracingEnabled)")
    for stage in graph.of_family("AWS::ApiGateway::Stage"):
        if not kit.is_true(graph.props(stage).get("TracingEnabled")):
            yield kit.Hit(("Resources", stage), f"REST API stage {stage} does not send traces to X-Ray (TracingEnabled)")


RULE = kit.Rule(
    id="PA1016", name="tracing-disabled", title="Function, REST API or state machine without X-Ray tracing",
    severity="info", tags=("lambda", "apigateway", "stepfunctions", "observability"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html",
)


class TracingDisabled(kit.CfnLintAdapter):
    rule = RULE
