"""An API Gateway stage with no throttling limits of its own.

Why: Without stage or route limits, an API takes up to the account's Region-wide API Gateway
quota, shared with every other API of the account. One client looping on a route (or a scraper)
then scales its function out, runs up the bill and can starve the account's other APIs and
functions of concurrency.

Fix: Set limits that match what the backend can take: for a REST API, MethodSettings with
ThrottlingRateLimit and ThrottlingBurstLimit on the stage (or a usage plan's Throttle); for an
HTTP or WebSocket API, DefaultRouteSettings with ThrottlingRateLimit and ThrottlingBurstLimit.
"""

from advisor.review import kit
from advisor.review.graph import HTTP_API, REST_API, WEBSOCKET_API

FIXES = {
    "AWS::Serverless::Api": "Add MethodSettings: [{ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: N, "
                            "ThrottlingBurstLimit: M}] to the API (or to Globals.Api).",
    "AWS::Serverless::HttpApi": "Add DefaultRouteSettings: {ThrottlingRateLimit: N, ThrottlingBurstLimit: M} to the API's "
                                "stage settings (or to Globals.HttpApi).",
    "AWS::ApiGateway::Stage": "Add MethodSettings with ThrottlingRateLimit and ThrottlingBurstLimit, or a usage plan with Throttle.",
    "AWS::ApiGatewayV2::Stage": "Add DefaultRouteSettings with ThrottlingRateLimit and ThrottlingBurstLimit.",
}
_LIMITS = ("ThrottlingRateLimit", "ThrottlingBurstLimit", "RateLimit", "BurstLimit")


def _limited(value) -> bool:
    if isinstance(value, dict):
        return any(k in _LIMITS for k in value) or any(_limited(v) for v in value.values())
    if isinstance(value, list):
        return any(_limited(v) for v in value)
    return False


def _usage_plan_apis(graph) -> set[str]:
    apis = set()
    for plan in graph.of_family("AWS::ApiGateway::UsagePlan"):
        if _limited(graph.props(plan).get("Throttle")):
            apis.update(graph.refs(graph.props(plan).get("ApiStages")))
    return apis


def _sam_api(graph, api) -> bool:
    settings = [kit.setting(graph, api, k) for k in ("MethodSettings", "DefaultRouteSettings", "RouteSettings")]
    auth = kit.setting(graph, api, "Auth")
    usage_plan = auth.get("UsagePlan") if isinstance(auth, dict) else None
    return any(_limited(s) for s in settings) or _limited(usage_plan)


def check(template, graph):
    planned = _usage_plan_apis(graph)
    implicit = {t.source for t in graph.triggers if t.source in ("ServerlessRestApi", "ServerlessHttpApi")}
    sam = [n for n in graph.resources if graph.resources[n].get("Type") in ("AWS::Serverless::Api", "AWS::Serverless::HttpApi")]
    for api in sam + sorted(implicit):
        if not _sam_api(graph, api) and api not in planned:
            trigger = next((t for t in graph.triggers if t.source == api), None)
            where = ("Resources", api) if api in graph.resources else trigger.path
            yield kit.Hit(where, f"API {api} sets no throttling limits; a single client can use the account's whole "
                                 f"API Gateway quota")
    for stage in graph.of_family("AWS::ApiGateway::Stage", "AWS::ApiGatewayV2::Stage"):
        props = graph.props(stage)
        apis = graph.refs(props.get("RestApiId") or props.get("ApiId"))
        if any(graph.family(a) not in (REST_API, HTTP_API, WEBSOCKET_API) for a in apis):
            continue
        if _limited(props.get("MethodSettings")) or _limited(props.get("DefaultRouteSettings")) \
                or _limited(props.get("RouteSettings")) or stage in planned or set(apis) & planned:
            continue
        yield kit.Hit(("Resources", stage), f"API stage {stage} sets no throttling limits; a single client can use the "
                                            f"account's whole API Gateway quota")
    for deployment in graph.of_family("AWS::ApiGateway::Deployment"):
        props = graph.props(deployment)  # a deployment with StageName makes its stage itself
        if props.get("StageName") and not _limited(props.get("StageDescription")) \
                and not set(graph.refs(props.get("RestApiId"))) & planned:
            yield kit.Hit(("Resources", deployment), f"API stage {props['StageName']} of deployment {deployment} sets no "
                                                     f"throttling limits; a single client can use the account's whole API "
                                                     f"Gateway quota")


RULE = kit.Rule(
    id="PA1014", name="api-without-throttling", title="API stage without throttling limits",
    severity="info", tags=("apigateway", "scaling", "cost"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html",
)


class ApiWithoutThrottling(kit.CfnLintAdapter):
    rule = RULE
