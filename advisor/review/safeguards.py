"""Where a resource's safeguards are named: the settings that protect it, on it or on what attaches to it.

A dead-letter queue is the queue a redrive policy, dead-letter config or on-failure destination
names; an authorizer is what an API's auth settings (or an Authorizer resource on the API) name;
access logs are what an access-log or logging setting names; an archive is an archive of the bus.
Finding them by relation, not by type, keeps review from calling any nearby queue "the DLQ".
"""

from __future__ import annotations

from advisor.review.graph import QUEUE, TOPIC, ReviewGraph, failure_targets

PROTECTION_KEYS = frozenset({
    "RedrivePolicy", "DeadLetterConfig", "DeadLetterQueue", "DestinationConfig", "OnFailure",  # failures
    "Auth", "Authorizers", "ProviderARNs", "JwtConfiguration", "AuthorizerUri", "UserPoolArn",  # who may call
    "AccessLogSetting", "AccessLogSettings", "Logging", "LoggingConfiguration",  # what was called
})
_FAILURE_FAMILIES = {QUEUE, TOPIC}  # an on-failure destination may be either, whatever the pattern shows
_GLOBALS_OF_IMPLICIT = {"ServerlessRestApi": "Api", "ServerlessHttpApi": "HttpApi"}


def _named_under(graph: ReviewGraph, value):
    """Resources named (by reference or by name string) under a protection setting inside value."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k in PROTECTION_KEYS:
                yield from graph.mentioned(v)
            else:
                yield from _named_under(graph, v)
    elif isinstance(value, list):
        for v in value:
            yield from _named_under(graph, v)


def protectors(graph: ReviewGraph, guarded: str, family: str | None) -> list[str]:
    """Resources of the family (or any dead-letter target, for a queue or topic) that protect guarded."""
    settings = [graph.props(guarded)]
    if guarded not in graph.resources and guarded in _GLOBALS_OF_IMPLICIT:  # SAM's implicit API: its Globals
        section = graph.template.get("Globals")
        settings.append(section.get(_GLOBALS_OF_IMPLICIT[guarded]) if isinstance(section, dict) else None)
    attached = [n for n, out in graph.tg.refs.items() if guarded in out]  # mappings, subscriptions, stages, archives
    settings += [graph.props(n) for n in attached]
    settings += [t.props for t in graph.triggers_of(guarded)]
    named = [n for value in settings for n in _named_under(graph, value)]
    # An archive is itself attached to the bus it protects (a queue attached by its redrive policy is the
    # protected queue's source, never its dead-letter queue).
    named += [n for n in attached if graph.family(n) not in _FAILURE_FAMILIES]
    accepts = _FAILURE_FAMILIES if family in _FAILURE_FAMILIES else {family}
    failure = set(failure_targets(settings))
    out = []
    for n in dict.fromkeys(named):
        fam = graph.family(n)
        if fam == family or (fam in accepts and n in failure):
            out.append(n)
    return out


def metric_names(value):
    """Every MetricName anywhere in an alarm's properties (plain, or inside Metrics math)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "MetricName" and isinstance(v, str):
                yield v
            else:
                yield from metric_names(v)
    elif isinstance(value, list):
        for v in value:
            yield from metric_names(v)


def has_alarm(graph: ReviewGraph, resource: str, metric: str) -> bool:
    """Is there a CloudWatch alarm on this metric whose definition names the resource?"""
    for alarm in graph.of_family("AWS::CloudWatch::Alarm"):
        props = graph.props(alarm)
        if metric in set(metric_names(props)) and resource in graph.mentioned(props):
            return True
    return False


USER_POOL = "AWS::Cognito::UserPool"
_AUTH_ON_ROUTES = ("AWS::ApiGateway::Method", "AWS::ApiGatewayV2::Route", "AWS::ApiGateway::Authorizer",
                   "AWS::ApiGatewayV2::Authorizer")


def has_auth(graph: ReviewGraph, api: str) -> bool:
    """Does the API authorize its callers some way (Lambda or JWT authorizer, IAM, API keys)? Any of
    them stands in for the pattern's user pool."""
    settings = [graph.props(api).get("Auth")]
    if api in _GLOBALS_OF_IMPLICIT:
        section = graph.template.get("Globals")
        values = section.get(_GLOBALS_OF_IMPLICIT[api]) if isinstance(section, dict) else None
        settings.append(values.get("Auth") if isinstance(values, dict) else None)
    if any(isinstance(a, dict) and (a.get("DefaultAuthorizer") or a.get("ApiKeyRequired") is True) for a in settings):
        return True
    for name in graph.of_family(*_AUTH_ON_ROUTES):
        props = graph.props(name)
        if api in graph.refs(props.get("RestApiId") or props.get("ApiId")) and \
                (graph.family(name).endswith("Authorizer") or props.get("AuthorizationType") not in (None, "NONE")):
            return True
    return False
