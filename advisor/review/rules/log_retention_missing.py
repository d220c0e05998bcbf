"""A Lambda function whose logs are kept forever.

Why: Lambda creates the function's log group on first use with no retention, so CloudWatch Logs
keeps (and bills for storing) every line the function ever wrote. Nobody reads year-old debug
lines; a retention period keeps the cost flat and limits how long personal data stays in logs.

Fix: Declare the function's log group with a retention, e.g. an AWS::Logs::LogGroup named
/aws/lambda/<function name> with RetentionInDays: 30 (or a log group named in the function's
LoggingConfig.LogGroup); with the AWS CDK, set logRetention or logGroup on the function.
"""

from advisor.review import kit

FIXES = {
    "AWS::Lambda::Function": "Add an AWS::Logs::LogGroup with LogGroupName !Sub /aws/lambda/${Function} and RetentionInDays "
                             "(e.g. 30), or name a log group with a retention in the function's LoggingConfig.LogGroup.",
}


def _retained_groups(graph) -> tuple[set[str], set[str]]:
    """Functions whose log group has a retention: by reference in the group's name, and by group id."""
    functions, groups = set(), set()
    for group in graph.of_family("AWS::Logs::LogGroup"):
        props = graph.props(group)
        if props.get("RetentionInDays") is None:
            continue
        groups.add(group)
        functions.update(graph.refs(props.get("LogGroupName")))
    for resource in graph.resources.values():  # the CDK's log-retention custom resource
        if resource.get("Type") == "Custom::LogRetention":
            props = resource.get("Properties") if isinstance(resource.get("Properties"), dict) else {}
            if props.get("RetentionInDays") is not None:
                functions.update(graph.refs(props.get("LogGroupName")))
    return functions, groups


def check(template, graph):
    functions, groups = _retained_groups(graph)
    for function in graph.of_family("AWS::Lambda::Function"):
        logging = kit.setting(graph, function, "LoggingConfig")
        named = graph.refs(logging.get("LogGroup")) if isinstance(logging, dict) else []
        if function in functions or any(g in groups for g in named):
            continue
        if isinstance(logging, dict) and logging.get("LogGroup") and not named:
            continue  # a log group made elsewhere: its retention is set there
        yield kit.Hit(("Resources", function), f"function {function} has no log group with a retention; "
                                               f"its logs are kept (and billed) forever")


RULE = kit.Rule(
    id="PA1013", name="log-retention-missing", title="Lambda function logs kept forever",
    severity="info", tags=("lambda", "logs", "cost"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention",
)


class LogRetentionMissing(kit.CfnLintAdapter):
    rule = RULE
