"""IAM as the review needs it: which statements apply to a principal, and what their actions do.

Edge kinds follow the catalog's topology vocabulary: `publishes` (queue, topic, stream, bus),
`writes` and `reads` (stores), `invokes` (functions, state machines).
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase


# Representative actions per kind; a wildcard action ("dynamodb:*", "s3:Put*") gets every kind
# whose representative it matches.
_KIND_ACTIONS = {
    "publishes": ("sqs:sendmessage", "sqs:sendmessagebatch", "sns:publish", "kinesis:putrecord", "kinesis:putrecords",
                  "firehose:putrecord", "firehose:putrecordbatch", "events:putevents"),
    "writes": ("dynamodb:putitem", "dynamodb:updateitem", "dynamodb:deleteitem", "dynamodb:batchwriteitem",
               "dynamodb:transactwriteitems", "dynamodb:partiqlinsert", "dynamodb:partiqlupdate",
               "s3:putobject", "s3:deleteobject", "s3:copyobject"),
    "reads": ("dynamodb:getitem", "dynamodb:query", "dynamodb:scan", "dynamodb:batchgetitem", "dynamodb:getrecords",
              "s3:getobject", "s3:listbucket", "sqs:receivemessage", "sqs:deletemessage", "kinesis:getrecords",
              "kinesis:getsharditerator"),
    "invokes": ("lambda:invokefunction", "lambda:invokeasync", "states:startexecution", "states:startsyncexecution",
                "states:sendtasksuccess", "states:sendtaskfailure"),
}
# Other services: judged by the action's verb (athena:StartQueryExecution invokes, glue:GetTable reads).
_VERB_KINDS = (
    (re.compile(r"^(start|invoke|execute|run)"), "invokes"),
    (re.compile(r"^(send|publish)"), "publishes"),
    (re.compile(r"^(get|list|describe|query|scan|select|read|batchget)"), "reads"),
    (re.compile(r"^(put|write|update|delete|batchwrite|upload)"), "writes"),
)

_KNOWN_SERVICES = {a.split(":", 1)[0] for reps in _KIND_ACTIONS.values() for a in reps}

# SAM policy templates: what each lets the principal do to the resource it names.
SAM_POLICY_KINDS = {
    "DynamoDBCrudPolicy": {"reads", "writes"}, "DynamoDBReadPolicy": {"reads"}, "DynamoDBWritePolicy": {"writes"},
    "DynamoDBStreamReadPolicy": {"reads"}, "S3CrudPolicy": {"reads", "writes"}, "S3ReadPolicy": {"reads"},
    "S3WritePolicy": {"writes"}, "S3FullAccessPolicy": {"reads", "writes"}, "SQSSendMessagePolicy": {"publishes"},
    "SQSPollerPolicy": {"reads"}, "SNSPublishMessagePolicy": {"publishes"}, "SNSCrudPolicy": {"publishes"},
    "KinesisCrudPolicy": {"publishes", "reads"}, "KinesisStreamReadPolicy": {"reads"},
    "FirehoseWritePolicy": {"publishes"}, "FirehoseCrudPolicy": {"publishes"}, "LambdaInvokePolicy": {"invokes"},
    "StepFunctionsExecutionPolicy": {"invokes"}, "EventBridgePutEventsPolicy": {"publishes"},
}


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def statements(document, path: tuple):
    """Yield (statement, path) for each statement of a policy document."""
    if not isinstance(document, dict):
        return
    body = document.get("Statement")
    if isinstance(body, dict):
        yield body, path + ("Statement",)
    elif isinstance(body, list):
        for i, stmt in enumerate(body):
            if isinstance(stmt, dict):
                yield stmt, path + ("Statement", i)


def actions(stmt: dict) -> list[str]:
    return [a for a in as_list(stmt.get("Action")) if isinstance(a, str)]


def action_kinds(action: str) -> set[str]:
    pattern = action.lower()
    kinds = {kind for kind, reps in _KIND_ACTIONS.items() if any(fnmatchcase(rep, pattern) for rep in reps)}
    if kinds or pattern.split(":", 1)[0] in _KNOWN_SERVICES:
        return kinds
    verb = pattern.split(":", 1)[-1]
    return {kind for rx, kind in _VERB_KINDS if rx.match(verb)}


def policy_documents(name: str, body: dict):
    """Yield (document, path) for every identity policy a resource defines (inline or SAM)."""
    props = body.get("Properties")
    if not isinstance(props, dict):
        return
    rtype = body.get("Type")
    base = ("Resources", name, "Properties")
    if rtype in ("AWS::Serverless::Function", "AWS::Serverless::StateMachine"):
        policies = props.get("Policies")
        if isinstance(policies, dict) and "Statement" in policies:
            yield policies, base + ("Policies",)
        for i, item in enumerate(policies if isinstance(policies, list) else []):
            if isinstance(item, dict) and "Statement" in item:
                yield item, base + ("Policies", i)
    elif rtype in ("AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"):
        for i, item in enumerate(as_list(props.get("Policies"))):
            if isinstance(item, dict):
                yield item.get("PolicyDocument"), base + ("Policies", i, "PolicyDocument")
    elif rtype in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
        yield props.get("PolicyDocument"), base + ("PolicyDocument",)


def grants(graph, principal: str):
    """Yield (target, kinds) for what the principal's policies allow on resources of the template."""
    resources = graph.resources
    body = resources.get(principal, {})
    owners = [(principal, body)]
    role = principal if body.get("Type") == "AWS::IAM::Role" else graph.tg.role_of(principal)
    if role:
        if role != principal:
            owners.append((role, resources[role]))
        owners += [(n, b) for n, b in resources.items()
                   if b.get("Type") in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy") and graph.tg.refers(n, role)]
    for owner, owner_body in owners:
        for document, _ in policy_documents(owner, owner_body):
            for stmt, _ in statements(document, ()):
                if stmt.get("Effect", "Allow") != "Allow":
                    continue
                kinds = set().union(*(action_kinds(a) for a in actions(stmt))) if actions(stmt) else set()
                for target in graph.mentioned(stmt.get("Resource")):
                    yield target, kinds
    props = body.get("Properties") if isinstance(body.get("Properties"), dict) else {}
    for item in as_list(props.get("Policies")):
        if isinstance(item, dict) and len(item) == 1:
            (template_name, args), = item.items()
            kinds = SAM_POLICY_KINDS.get(template_name)
            if kinds is not None:
                for target in graph.mentioned(args):
                    yield target, set(kinds)
