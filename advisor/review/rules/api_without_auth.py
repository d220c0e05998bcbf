"""An API route or function URL that anyone can call without authorization.

Why: A route without an authorizer, IAM auth or an API key runs your function (and your bill)
for anyone on the internet who finds the URL, and exposes whatever data it returns.

A WebSocket API is judged by its $connect route alone, the only route AWS lets you authorize; an
API whose definition is in another file (AWS::Include, DefinitionUri) is left to the
definition-not-visible rule rather than guessed at.

Fix: Add an authorizer (Cognito, Lambda or JWT) or AWS_IAM auth to the API's DefaultAuthorizer
or to the route; for a function URL use AuthType: AWS_IAM. For a deliberately public route,
suppress this rule on the resource with the reason.
"""

from advisor.review import kit
from advisor.review.graph import WEBSOCKET_API

_OPEN = (None, "NONE")
FIXES = {
    "AWS::Serverless::Function.Events": "Set Auth.DefaultAuthorizer on the API (or in Globals.Api / Globals.HttpApi), "
                                        "or Auth.Authorizer on this event.",
    "AWS::Lambda::Url": "Set AuthType: AWS_IAM and sign requests (SigV4), or put the function behind an API with an authorizer.",
    "AWS::Serverless::Function": "Set FunctionUrlConfig.AuthType: AWS_IAM, or put the function behind an API with an authorizer.",
    "AWS::Lambda::Function": "Set AuthType: AWS_IAM on the function URL.",
    "AWS::ApiGateway::Method": "Set AuthorizationType to COGNITO_USER_POOLS, CUSTOM or AWS_IAM (with AuthorizerId), or "
                               "ApiKeyRequired: true with a usage plan.",
    "AWS::ApiGatewayV2::Route": "Set AuthorizationType to JWT, CUSTOM or AWS_IAM with an AuthorizerId.",
}


def _api_default_authorizer(graph, api) -> bool:
    if api in graph.resources:
        auth = graph.props(api).get("Auth")
    else:  # SAM's implicit API takes its settings from Globals
        globals_section = graph.template.get("Globals")
        section = "Api" if api == "ServerlessRestApi" else "HttpApi"
        auth = (globals_section.get(section) or {}).get("Auth") if isinstance(globals_section, dict) else None
    return isinstance(auth, dict) and bool(auth.get("DefaultAuthorizer") or (auth.get("ApiKeyRequired") is True))


def _sam_route_open(graph, trigger) -> bool:
    auth = trigger.props.get("Auth")
    if isinstance(auth, dict) and (auth.get("ApiKeyRequired") is True):
        return False
    if isinstance(auth, dict) and auth.get("Authorizer") not in _OPEN:
        return False
    if isinstance(auth, dict) and auth.get("Authorizer") == "NONE":
        return True
    if trigger.props.get("Method", "").upper() == "OPTIONS":
        return False
    if trigger.source and kit.hidden_definition(graph.props(trigger.source)):
        return False  # the routes' auth is in a file the review cannot see (definition-not-visible says so)
    return not (trigger.source and _api_default_authorizer(graph, trigger.source))


def check(template, graph):
    for trigger in graph.triggers:
        if trigger.kind in ("api", "httpapi") and _sam_route_open(graph, trigger):
            route = f"{str(trigger.props.get('Method', 'ANY')).upper()} {trigger.props.get('Path', '')}".strip()
            yield kit.Hit(trigger.path, f"API route {route} of {trigger.function} has no authorizer; anyone can call it")
    for method in graph.of_family("AWS::ApiGateway::Method"):
        props = graph.props(method)
        if (props.get("AuthorizationType") in _OPEN and props.get("ApiKeyRequired") is not True
                and str(props.get("HttpMethod", "")).upper() != "OPTIONS"):
            yield kit.Hit(("Resources", method), f"API method {method} has AuthorizationType NONE; anyone can call it")
    for route in graph.of_family("AWS::ApiGatewayV2::Route"):
        props = graph.props(route)
        key = str(props.get("RouteKey", ""))
        api = graph.first_ref(props.get("ApiId"))
        if api and graph.family(api) == WEBSOCKET_API and key != "$connect":
            continue  # a WebSocket API authorizes on $connect only; AWS allows no auth on its other routes
        if props.get("AuthorizationType") in _OPEN and props.get("ApiKeyRequired") is not True and not key.startswith("OPTIONS"):
            yield kit.Hit(("Resources", route), f"API route {route} ({key}) has no authorization; anyone can call it")
    for url in graph.of_family("AWS::Lambda::Url"):
        if graph.props(url).get("AuthType") == "NONE":
            yield kit.Hit(("Resources", url, "Properties", "AuthType"), f"function URL {url} has AuthType NONE; anyone can call it")
    for function in graph.of_family("AWS::Lambda::Function"):
        config = graph.props(function).get("FunctionUrlConfig")
        if isinstance(config, dict) and config.get("AuthType") == "NONE":
            yield kit.Hit(("Resources", function, "Properties", "FunctionUrlConfig", "AuthType"),
                          f"function URL of {function} has AuthType NONE; anyone can call it")


RULE = kit.Rule(
    id="PA1010", name="api-without-auth", title="API route or function URL without authorization",
    severity="warning", tags=("apigateway", "lambda", "security"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
)


class ApiWithoutAuth(kit.CfnLintAdapter):
    rule = RULE
