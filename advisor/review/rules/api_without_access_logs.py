"""An API Gateway stage that keeps no access log.

Why: Execution logs and metrics say that requests failed, not who called which route with what
result. Without access logs an incident review, a security question ("did anyone call this
route?") or a client's complaint cannot be answered after the fact.

Fix: Give the stage an access-log destination (a CloudWatch Logs log group with a retention, or a
Firehose stream) and a format with at least requestId, caller, route, status and latency: REST
API AccessLogSetting, HTTP or WebSocket API AccessLogSettings.
"""

from advisor.review import kit
from advisor.review.graph import HTTP_API, REST_API, WEBSOCKET_API

FIXES = {
    "AWS::Serverless::Api": "Add AccessLogSetting: {DestinationArn: !GetAtt ApiLogs.Arn, Format: ...} to the API "
                            "(or to Globals.Api), with an AWS::Logs::LogGroup ApiLogs that has a RetentionInDays.",
    "AWS::Serverless::HttpApi": "Add AccessLogSettings: {DestinationArn: !GetAtt ApiLogs.Arn, Format: ...} to the API "
                                "(or to Globals.HttpApi), with an AWS::Logs::LogGroup ApiLogs that has a RetentionInDays.",
    "AWS::ApiGateway::Stage": "Add AccessLogSetting with DestinationArn (a log group) and Format.",
    "AWS::ApiGatewayV2::Stage": "Add AccessLogSettings with DestinationArn (a log group) and Format.",
}
_KEYS = ("AccessLogSetting", "AccessLogSettings")


def _logged(value) -> bool:
    return isinstance(value, dict) and bool(value.get("DestinationArn"))


def check(template, graph):
    implicit = {t.source for t in graph.triggers if t.source in ("ServerlessRestApi", "ServerlessHttpApi")}
    sam = [n for n in graph.resources if graph.resources[n].get("Type") in ("AWS::Serverless::Api", "AWS::Serverless::HttpApi")]
    for api in sam + sorted(implicit):
        if not any(_logged(kit.setting(graph, api, k)) for k in _KEYS):
            trigger = next((t for t in graph.triggers if t.source == api), None)
            where = ("Resources", api) if api in graph.resources else trigger.path
            yield kit.Hit(where, f"API {api} keeps no access log; who called which route, and with what result, is lost")
    for stage in graph.of_family("AWS::ApiGateway::Stage", "AWS::ApiGatewayV2::Stage"):
        props = graph.props(stage)
        apis = graph.refs(props.get("RestApiId") or props.get("ApiId"))
        if any(graph.family(a) not in (REST_API, HTTP_API, WEBSOCKET_API) for a in apis):
            continue
        if not any(_logged(props.get(k)) for k in _KEYS):
            yield kit.Hit(("Resources", stage), f"API stage {stage} keeps no access log; who called which route, and "
                                                f"with what result, is lost")


RULE = kit.Rule(
    id="PA1015", name="api-without-access-logs", title="API stage without access logging",
    severity="info", tags=("apigateway", "observability", "security"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
)


class ApiWithoutAccessLogs(kit.CfnLintAdapter):
    rule = RULE
