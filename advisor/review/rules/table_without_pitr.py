"""A DynamoDB table without point-in-time recovery.

Why: A bad deploy, a buggy migration script or a mistaken delete overwrites items in seconds, and
DynamoDB keeps no history of its own. Point-in-time recovery restores the table to any second of
its recovery period; without it the data is gone unless a backup happened to be taken just
before.

Fix: Set PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true} on the table (for a
global table, on each replica). AWS::Serverless::SimpleTable cannot set it: use
AWS::DynamoDB::Table for data you cannot rebuild.
"""

from advisor.review import kit

FIXES = {
    "AWS::DynamoDB::Table": "Set PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}.",
    "AWS::DynamoDB::GlobalTable": "Set PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true} on each "
                                  "replica (Replicas[].PointInTimeRecoverySpecification).",
    "AWS::Serverless::SimpleTable": "SimpleTable cannot turn on point-in-time recovery; declare an AWS::DynamoDB::Table "
                                    "with PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}.",
}


def _enabled(spec) -> bool:
    return isinstance(spec, dict) and kit.is_true(spec.get("PointInTimeRecoveryEnabled"))


def check(template, graph):
    for table in graph.of_family("AWS::DynamoDB::Table"):
        props = graph.props(table)
        rtype = graph.resources[table].get("Type")
        if rtype == "AWS::DynamoDB::GlobalTable":
            replicas = [r for r in props.get("Replicas", []) if isinstance(r, dict)] if isinstance(props.get("Replicas"), list) else []
            if replicas and all(_enabled(r.get("PointInTimeRecoverySpecification")) for r in replicas):
                continue
        elif _enabled(props.get("PointInTimeRecoverySpecification")):
            continue
        yield kit.Hit(("Resources", table), f"table {table} has no point-in-time recovery; a bad write or delete "
                                             f"cannot be undone")


RULE = kit.Rule(
    id="PA1017", name="table-without-pitr", title="DynamoDB table without point-in-time recovery",
    severity="warning", tags=("dynamodb", "backup", "reliability"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html",
)


class TableWithoutPitr(kit.CfnLintAdapter):
    rule = RULE
