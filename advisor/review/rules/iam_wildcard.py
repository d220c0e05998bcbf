"""An IAM policy granting wildcard actions, or data actions on every resource.

Why: `dynamodb:*` lets a function drop tables as well as write items, and `Resource: "*"` on a
data action reaches every table, queue or bucket in the account. A bug or a stolen credential
then does far more damage than the function's job needs.

A `Resource: "*"` narrowed by a condition on the resource (kms:ViaService, aws:ResourceTag/...,
aws:ResourceAccount) is not reported.

Fix: List the exact actions the code calls (e.g. dynamodb:PutItem) on the exact resources
(!GetAtt Table.Arn), or use a SAM policy template such as DynamoDBWritePolicy or
SQSSendMessagePolicy.
"""

import re

from advisor.review import kit
from advisor.review.iam import actions, as_list, policy_documents, statements

_DATA_SERVICES = {"dynamodb", "s3", "sqs", "sns", "kinesis", "firehose", "secretsmanager", "ssm", "kms",
                  "lambda", "states", "events"}
_DATA_VERB = re.compile(r"^(get|put|delete|update|batch|query|scan|send|receive|publish|invoke|start|decrypt|"
                        r"encrypt|generatedatakey|changemessagevisibility|partiql|transact|restore|copy)", re.IGNORECASE)
_BROAD_MANAGED = re.compile(r"(AdministratorAccess|FullAccess)$")
# Condition keys that narrow `Resource: "*"` to what the principal should reach (e.g. a KMS key used
# only through one service), so "every resource" is no longer true.
_NARROWING_KEYS = re.compile(r"^(kms:ViaService|kms:CallerAccount|kms:EncryptionContext:.+|kms:EncryptionContextKeys|"
                             r"aws:ResourceTag/.+|aws:ResourceAccount|aws:ResourceOrgID|aws:ResourceOrgPaths|"
                             r"s3:prefix|dynamodb:LeadingKeys)$", re.IGNORECASE)


def _narrowed(stmt: dict) -> bool:
    condition = stmt.get("Condition")
    if not isinstance(condition, dict):
        return False
    return any(isinstance(keys, dict) and any(_NARROWING_KEYS.match(str(k)) for k in keys) for keys in condition.values())


def _is_wildcard(action: str) -> bool:
    return action == "*" or action.endswith(":*")


def _is_data_action(action: str) -> bool:
    service, _, verb = action.partition(":")
    return service.lower() in _DATA_SERVICES and bool(_DATA_VERB.match(verb) or "*" in verb)


def check(template, graph):
    for name, body in graph.resources.items():
        for document, path in policy_documents(name, body):
            for stmt, stmt_path in statements(document, path):
                if stmt.get("Effect", "Allow") != "Allow":
                    continue
                acts = actions(stmt)
                wild = [a for a in acts if _is_wildcard(a)]
                if wild:
                    yield kit.Hit(stmt_path + ("Action",), f"{name} allows the wildcard action {wild[0]!r}; list the actions it needs")
                    continue
                resources = as_list(stmt.get("Resource"))
                data = [a for a in acts if _is_data_action(a)]
                if "*" in resources and data and not _narrowed(stmt):
                    yield kit.Hit(stmt_path + ("Resource",), f"{name} allows {data[0]} on every resource (Resource: \"*\"); name the resource")
        props = body.get("Properties") if isinstance(body.get("Properties"), dict) else {}
        for key in ("Policies", "ManagedPolicyArns"):
            for i, item in enumerate(as_list(props.get(key))):
                if isinstance(item, str) and _BROAD_MANAGED.search(item):
                    yield kit.Hit(("Resources", name, "Properties", key, i), f"{name} uses the managed policy {item.rsplit('/', 1)[-1]}, which allows every action of the service")


RULE = kit.Rule(
    id="PA1007", name="iam-wildcard", title="Wildcard IAM actions or data actions on every resource",
    severity="warning", tags=("iam", "security"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
)


class IamWildcard(kit.CfnLintAdapter):
    rule = RULE
