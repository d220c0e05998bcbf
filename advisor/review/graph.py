"""The review graph: a template's resources as a networkx DiGraph whose edges carry the catalog's
topology kinds (triggers, subscribes, invokes, publishes, writes, reads).

Built on advisor.template_graph (the references between resources); this module decides what
each reference means. Edge data: `kinds` (every kind the wiring supports) and `granted` (kinds
backed by an IAM grant, a state machine definition or an event source, i.e. not guessed from an
environment variable alone).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from advisor.cfn.template_graph import TemplateGraph, references, resources_of

from advisor.review import iam, names

# SAM types and their CloudFormation equivalents are one family for matching and for rules.
_FAMILY = {
    "AWS::Serverless::Function": "AWS::Lambda::Function",
    "AWS::Serverless::Api": "AWS::ApiGateway::RestApi",
    "AWS::Serverless::HttpApi": "AWS::ApiGatewayV2::Api",
    "AWS::Serverless::StateMachine": "AWS::StepFunctions::StateMachine",
    "AWS::Serverless::SimpleTable": "AWS::DynamoDB::Table",
    "AWS::DynamoDB::GlobalTable": "AWS::DynamoDB::Table",
    "AWS::Serverless::LayerVersion": "AWS::Lambda::LayerVersion",
}
FUNCTION, QUEUE, TOPIC = "AWS::Lambda::Function", "AWS::SQS::Queue", "AWS::SNS::Topic"
STREAM, TABLE, BUCKET = "AWS::Kinesis::Stream", "AWS::DynamoDB::Table", "AWS::S3::Bucket"
STATE_MACHINE, BUS, RULE = "AWS::StepFunctions::StateMachine", "AWS::Events::EventBus", "AWS::Events::Rule"
REST_API, HTTP_API = "AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api"
WEBSOCKET_API, SCHEDULE = "AWS::ApiGatewayV2::Api(WEBSOCKET)", "AWS::Scheduler::Schedule"
_SENDS_TO = {QUEUE, TOPIC, STREAM, BUS, "AWS::KinesisFirehose::DeliveryStream"}
_STORES = {TABLE, BUCKET, "AWS::RDS::DBCluster", "AWS::RDS::DBInstance"}
_RUNS = {FUNCTION, STATE_MACHINE}

# SAM event type -> our trigger kind; async ones are invoked by Lambda's internal queue.
_SAM_EVENTS = {
    "SQS": "sqs", "Kinesis": "kinesis", "DynamoDB": "dynamodb", "S3": "s3", "SNS": "sns",
    "EventBridgeRule": "eventbridge", "CloudWatchEvent": "eventbridge", "Schedule": "schedule",
    "ScheduleV2": "schedule", "Api": "api", "HttpApi": "httpapi", "IoTRule": "iot", "CloudWatchLogs": "logs",
}
ASYNC_KINDS = {"s3", "sns", "eventbridge", "schedule", "iot", "logs"}
STREAM_KINDS = {"kinesis", "dynamodb"}
_IMPLICIT_SOURCE = {"api": ("ServerlessRestApi", "AWS::Serverless::Api"), "httpapi": ("ServerlessHttpApi", "AWS::Serverless::HttpApi"),
                    "schedule": (None, SCHEDULE)}
_FAILURE_KEYS = ("RedrivePolicy", "DeadLetterConfig", "DeadLetterQueue", "DestinationConfig", "OnFailure")


def failure_targets(value):
    """Every resource named under a dead-letter or on-failure setting (those are dead-letter targets)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k in _FAILURE_KEYS:
                yield from (t for t, _ in references(v))
            else:
                yield from failure_targets(v)
    elif isinstance(value, list):
        for v in value:
            yield from failure_targets(v)


def is_fifo(body: dict) -> bool:
    """FIFO queues and topics play different roles in patterns than standard ones."""
    props = _dict(body.get("Properties"))
    return any(props.get(k) in (True, "true", "True") for k in ("FifoQueue", "FifoTopic"))


def family(rtype, body: dict | None = None) -> str | None:
    """The type a resource is matched and checked as. With the resource's body, a WebSocket API is
    its own kind (not an HTTP API) and an EventBridge rule on a schedule is a schedule."""
    if not isinstance(rtype, str):
        return None
    fam = _FAMILY.get(rtype, rtype)
    props = _dict(body.get("Properties")) if isinstance(body, dict) else {}
    if fam == HTTP_API and str(props.get("ProtocolType", "")).upper() == "WEBSOCKET":
        return WEBSOCKET_API
    if fam == RULE and props.get("ScheduleExpression") and not props.get("EventPattern"):
        return SCHEDULE
    return fam


@dataclass
class Trigger:
    """An event source wired to a function (or state machine)."""

    function: str
    kind: str  # sqs | kinesis | dynamodb | s3 | sns | eventbridge | schedule | api | httpapi | ...
    source: str | None  # logical id of the source when it is in the template
    props: dict  # the event's, mapping's, subscription's or target's settings
    path: tuple  # where those settings are in the template


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


@dataclass
class ReviewGraph:
    template: dict
    resources: dict[str, dict]
    tg: TemplateGraph
    g: nx.DiGraph = field(default_factory=nx.DiGraph)
    triggers: list[Trigger] = field(default_factory=list)

    names: names.NameIndex = field(default_factory=names.NameIndex)
    dead_letters: set[str] = field(default_factory=set)  # what redrive and on-failure settings point to

    @classmethod
    def build(cls, template: dict) -> "ReviewGraph":
        resources = resources_of(template)
        graph = cls(template, resources, TemplateGraph.build(template), names=names.NameIndex.build(resources))
        graph.dead_letters = set(failure_targets(resources))
        for name, body in resources.items():
            graph.g.add_node(name, type=body.get("Type"), family=family(body.get("Type"), body), fifo=is_fifo(body),
                             dead_letter=name in graph.dead_letters)
        for name, body in resources.items():
            props = _dict(body.get("Properties"))
            base = ("Resources", name, "Properties")
            handler = _WIRING.get(family(body.get("Type"))) or _WIRING.get(body.get("Type"))
            if handler:
                handler(graph, name, props, base)
            if family(body.get("Type")) in _RUNS:
                graph._add_usage(name, props)
            elif body.get("Type") == "AWS::IAM::Role":  # e.g. an ECS task role: the task's permissions
                for target, kinds in iam.grants(graph, name):
                    graph.use(name, target, kinds, granted=True)
        return graph

    # --- queries used by rules ---
    def props(self, name: str) -> dict:
        return _dict(self.resources.get(name, {}).get("Properties"))

    def family(self, name: str) -> str | None:
        return self.g.nodes[name].get("family") if name in self.g else None

    def of_family(self, *families: str) -> list[str]:
        return [n for n in self.resources if self.g.nodes[n].get("family") in families]

    def mentioned(self, value) -> list[str]:
        """Resources a value names: by Ref, GetAtt or Sub, or by the same literal or !Sub name
        string as the resource's own name property (a !Ref there would be a circular dependency)."""
        found = self.refs(value)
        return found + [n for n in self.names.mentions(value) if n not in found]

    def kinds(self, a: str, b: str) -> set[str]:
        return self.g.edges[a, b]["kinds"] if self.g.has_edge(a, b) else set()

    def granted(self, a: str, b: str) -> set[str]:
        return self.g.edges[a, b]["granted"] if self.g.has_edge(a, b) else set()

    def targets(self, source: str, kind: str, granted_only: bool = False) -> list[str]:
        key = "granted" if granted_only else "kinds"
        return [t for t in self.g.successors(source) if kind in self.g.edges[source, t][key]] if source in self.g else []

    def triggers_of(self, function: str) -> list[Trigger]:
        return [t for t in self.triggers if t.function == function]

    # --- building ---
    def add(self, a: str | None, b: str | None, kinds, granted: bool = False) -> None:
        # A resource pointing at itself only matters for invocation (a function calling itself).
        if not a or not b or (a == b and "invokes" not in set(kinds)) or a not in self.g or b not in self.g:
            return
        if not self.g.has_edge(a, b):
            self.g.add_edge(a, b, kinds=set(), granted=set())
        self.g.edges[a, b]["kinds"].update(kinds)
        if granted:
            self.g.edges[a, b]["granted"].update(kinds)

    def refs(self, value) -> list[str]:
        return [t for t, _ in references(value) if t in self.resources]

    def first_ref(self, value) -> str | None:
        found = self.refs(value)
        return found[0] if found else None

    def add_trigger(self, function: str, kind: str, source: str | None, props: dict, path: tuple) -> None:
        self.triggers.append(Trigger(function, kind, source, props, path))
        edge = {"sns": ("triggers", "subscribes"), "eventbridge": ("triggers", "subscribes"),
                "api": ("invokes", "triggers"), "httpapi": ("invokes", "triggers")}.get(kind, ("triggers",))
        self.add(source, function, edge, granted=True)

    def use(self, principal: str, target: str, kinds: set[str], granted: bool) -> None:
        """The principal uses target: reads are drawn from the store to the reader."""
        if "reads" in kinds:
            self.add(target, principal, {"reads"}, granted)
        self.add(principal, target, kinds - {"reads"}, granted)

    def _add_usage(self, name: str, props: dict) -> None:
        for target in self.mentioned(props.get("Environment")):
            if target != name:
                self.use(name, target, _default_use(self.family(target)), granted=False)
        for key in ("Definition", "DefinitionString", "DefinitionSubstitutions", "DefinitionUri"):
            for target in self.refs(props.get(key)):
                self.use(name, target, _default_use(self.family(target)), granted=True)
        for target, kinds in iam.grants(self, name):
            if kinds:
                self.use(name, target, kinds, granted=True)
        for event_name, event in _dict(props.get("Events")).items():
            event = _dict(event)
            kind = _SAM_EVENTS.get(event.get("Type"), "other")
            eprops = _dict(event.get("Properties"))
            source = self.stream_of(self.first_ref(eprops.get("Queue") or eprops.get("Stream") or eprops.get("Bucket")
                                                   or eprops.get("Topic") or eprops.get("EventBusName")
                                                   or eprops.get("RestApiId") or eprops.get("ApiId")))
            if source is None and kind in _IMPLICIT_SOURCE:
                source = self._implicit(kind, name, event_name)
            self.add_trigger(name, kind, source, eprops, ("Resources", name, "Properties", "Events", event_name))

    def stream_of(self, source: str | None) -> str | None:
        """An enhanced fan-out consumer stands for its stream: the records come from the stream."""
        if source and self.g.nodes[source].get("type") == "AWS::Kinesis::StreamConsumer":
            return self.first_ref(self.props(source).get("StreamARN")) or source
        return source

    def _implicit(self, kind: str, function: str, event_name: str) -> str:
        """The resource SAM generates for an event: one shared API, or one schedule per event."""
        node, rtype = _IMPLICIT_SOURCE[kind]
        node = node or f"{function}{event_name}"
        if node not in self.g:
            self.g.add_node(node, type=rtype, family=family(rtype), implicit=True)
        return node


def _default_use(target_family: str | None) -> set[str]:
    if target_family in _RUNS:
        return {"invokes"}
    if target_family in _SENDS_TO:
        return {"publishes"}
    if target_family in _STORES:
        return {"writes", "reads"}
    return set()


def _source_kind(graph: ReviewGraph, source: str | None, arn) -> str:
    fam = graph.family(source) if source else None
    by_family = {QUEUE: "sqs", STREAM: "kinesis", TABLE: "dynamodb"}
    if fam in by_family:
        return by_family[fam]
    text = arn if isinstance(arn, str) else str(arn)
    for marker, kind in ((":sqs:", "sqs"), (":kinesis:", "kinesis"), (":dynamodb:", "dynamodb")):
        if marker in text:
            return kind
    return "other"


def _mapping(graph: ReviewGraph, name: str, props: dict, base: tuple) -> None:
    function, source = graph.first_ref(props.get("FunctionName")), graph.first_ref(props.get("EventSourceArn"))
    source = graph.stream_of(source)
    if function:
        graph.add_trigger(function, _source_kind(graph, source, props.get("EventSourceArn")), source, props, base[:2])


def _subscription(graph: ReviewGraph, name: str, props: dict, base: tuple) -> None:
    topic, target = graph.first_ref(props.get("TopicArn")), graph.first_ref(props.get("Endpoint"))
    _subscribe(graph, topic, target, props, base[:2])


def _subscribe(graph: ReviewGraph, topic, target, props: dict, path: tuple) -> None:
    if target and graph.family(target) == FUNCTION:
        graph.add_trigger(target, "sns", topic, props, path)
    else:
        graph.add(topic, target, {"subscribes", "triggers"}, granted=True)


def _topic(graph: ReviewGraph, name: str, props: dict, base: tuple) -> None:
    for i, sub in enumerate(iam.as_list(props.get("Subscription"))):
        if isinstance(sub, dict):
            _subscribe(graph, name, graph.first_ref(sub.get("Endpoint")), sub, base + ("Subscription", i))


def _rule(graph: ReviewGraph, name: str, props: dict, base: tuple) -> None:
    bus = graph.first_ref(props.get("EventBusName"))
    graph.add(bus, name, {"triggers", "subscribes"}, granted=True)
    kind = "schedule" if props.get("ScheduleExpression") else "eventbridge"
    watched = graph.refs(props.get("EventPattern"))  # e.g. an ECS cluster whose task events the rule routes
    for i, target in enumerate(iam.as_list(props.get("Targets"))):
        target_id = graph.first_ref(_dict(target).get("Arn"))
        if not target_id:
            continue
        for source in watched:
            graph.add(source, target_id, {"subscribes", "triggers"}, granted=True)
        for started in graph.refs(_dict(target).get("EcsParameters")):
            graph.add(name, started, {"triggers", "invokes"}, granted=True)
        if graph.family(target_id) == FUNCTION:
            graph.add_trigger(target_id, kind, name, _dict(target), base + ("Targets", i))
            graph.add(bus, target_id, {"triggers", "subscribes"}, granted=True)
        else:
            graph.add(name, target_id, {"triggers", "subscribes", "invokes"}, granted=True)
            graph.add(bus, target_id, {"triggers", "subscribes"}, granted=True)


def _schedule(graph: ReviewGraph, name: str, props: dict, base: tuple) -> None:
    target = _dict(props.get("Target"))
    target_id = graph.first_ref(target.get("Arn"))
    for started in graph.refs(target.get("EcsParameters")):  # the task definition a schedule runs on a cluster
        graph.add(name, started, {"triggers", "invokes"}, granted=True)
    if target_id and graph.family(target_id) == FUNCTION:
        graph.add_trigger(target_id, "schedule", name, target, base + ("Target",))
    else:
        graph.add(name, target_id, {"triggers", "invokes"}, granted=True)


def _bucket(graph: ReviewGraph, name: str, props: dict, base: tuple) -> None:
    config = _dict(props.get("NotificationConfiguration"))
    for key, field_name in (("LambdaConfigurations", "Function"), ("QueueConfigurations", "Queue"), ("TopicConfigurations", "Topic")):
        for i, item in enumerate(iam.as_list(config.get(key))):
            target = graph.first_ref(_dict(item).get(field_name))
            path = base + ("NotificationConfiguration", key, i)
            if target and graph.family(target) == FUNCTION:
                graph.add_trigger(target, "s3", name, _dict(item), path)
            else:
                graph.add(name, target, {"triggers"}, granted=True)


def _cdk_bucket_notifications(graph: ReviewGraph, name: str, props: dict, base: tuple) -> None:
    """The AWS CDK wires S3 notifications through a custom resource naming the bucket and targets."""
    bucket = graph.first_ref(props.get("BucketName"))
    config = _dict(props.get("NotificationConfiguration"))
    for key, field_name in (("LambdaFunctionConfigurations", "LambdaFunctionArn"), ("QueueConfigurations", "QueueArn"),
                            ("TopicConfigurations", "TopicArn")):
        for i, item in enumerate(iam.as_list(config.get(key))):
            target = graph.first_ref(_dict(item).get(field_name))
            if target and graph.family(target) == FUNCTION:
                graph.add_trigger(target, "s3", bucket, _dict(item), base + ("NotificationConfiguration", key, i))
            else:
                graph.add(bucket, target, {"triggers"}, granted=True)


def _pipe(graph: ReviewGraph, name: str, props: dict, base: tuple) -> None:
    source, target = graph.first_ref(props.get("Source")), graph.first_ref(props.get("Target"))
    graph.add(source, target, {"triggers", "subscribes"}, granted=True)


def _api_link(graph: ReviewGraph, name: str, props: dict, base: tuple) -> None:
    api = graph.first_ref(props.get("RestApiId") or props.get("ApiId"))
    for target in graph.refs(props.get("Integration") or props.get("IntegrationUri")):
        kinds = {"invokes"} | (_default_use(graph.family(target)) - {"reads"})
        graph.add(api, target, kinds, granted=True)
        graph.add(name, target, kinds, granted=True)


def _api(graph: ReviewGraph, name: str, props: dict, base: tuple) -> None:
    for target in graph.refs(props.get("DefinitionBody")) + graph.refs(props.get("Body")):
        graph.add(name, target, {"invokes"} | (_default_use(graph.family(target)) - {"reads"}), granted=True)


def _connector(graph: ReviewGraph, name: str, props: dict, base: tuple) -> None:
    source = graph.first_ref(_dict(props.get("Source")).get("Id") or _dict(props.get("Source")).get("Arn"))
    target = graph.first_ref(_dict(props.get("Destination")).get("Id") or _dict(props.get("Destination")).get("Arn"))
    permissions = set(iam.as_list(props.get("Permissions")))
    kinds = _default_use(graph.family(target))
    if "Write" not in permissions:
        kinds -= {"writes", "publishes", "invokes"}
    if "Read" not in permissions:
        kinds -= {"reads"}
    if source and target:
        graph.use(source, target, kinds, granted=True)


def _distribution(graph: ReviewGraph, name: str, props: dict, base: tuple) -> None:
    config = _dict(props.get("DistributionConfig"))
    for origin in graph.refs(config.get("Origins")):
        graph.use(name, origin, {"reads"} if graph.family(origin) in _STORES else {"invokes"}, granted=True)
    for target in graph.refs(config.get("Logging")):
        graph.add(name, target, {"writes"}, granted=True)


_WIRING = {
    "AWS::CloudFront::Distribution": _distribution,
    "AWS::Lambda::EventSourceMapping": _mapping, "AWS::SNS::Subscription": _subscription, TOPIC: _topic,
    RULE: _rule, "AWS::Scheduler::Schedule": _schedule, BUCKET: _bucket, "AWS::Pipes::Pipe": _pipe,
    "AWS::ApiGateway::Method": _api_link, "AWS::ApiGatewayV2::Integration": _api_link,
    REST_API: _api, HTTP_API: _api, "AWS::Serverless::Connector": _connector,
    "Custom::S3BucketNotifications": _cdk_bucket_notifications,
}
