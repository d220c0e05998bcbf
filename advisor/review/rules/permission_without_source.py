"""A Lambda permission that lets an AWS service invoke the function on anyone's behalf.

Why: A permission for a service principal (s3.amazonaws.com, sns.amazonaws.com,
events.amazonaws.com, apigateway.amazonaws.com...) without SourceArn or SourceAccount lets that
service invoke the function for any resource in any account: someone else's bucket or topic can
be pointed at your function (the confused deputy problem), running your code on their events
and your bill.

Fix: Add SourceArn naming the bucket, topic, rule or API (e.g. !GetAtt Bucket.Arn or
!Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*), and for S3 also
SourceAccount: !Ref AWS::AccountId.
"""

from advisor.review import kit

_SERVICE_SUFFIX = ".amazonaws.com"


def check(template, graph):
    for permission in graph.of_family("AWS::Lambda::Permission"):
        props = graph.props(permission)
        principal = props.get("Principal")
        if not (isinstance(principal, str) and principal.endswith(_SERVICE_SUFFIX)):
            continue  # an account or a role: whom it names is the point
        if props.get("SourceArn") or props.get("SourceAccount"):
            continue
        yield kit.Hit(("Resources", permission), f"permission {permission} lets {principal} invoke the function with no "
                                                 f"SourceArn or SourceAccount; any {principal.split('.')[0]} resource in "
                                                 f"any account can invoke it")


RULE = kit.Rule(
    id="PA1019", name="permission-without-source", title="Lambda permission for a service without SourceArn or SourceAccount",
    severity="warning", tags=("lambda", "iam", "security"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
)


class PermissionWithoutSource(kit.CfnLintAdapter):
    rule = RULE
