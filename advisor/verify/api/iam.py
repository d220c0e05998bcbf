"""IAM: roles, managed policies and inline policies (verified in the stack)."""

from __future__ import annotations

from advisor.verify.api.common import client, resolved


def _policy(ref, props, ctx):
    p = resolved(props, ctx)
    iam = client("iam")
    for role in p.get("Roles", []):
        iam.get_role_policy(RoleName=role, PolicyName=p["PolicyName"])
    return None


CREATED_BY_API: dict = {}

STACK_VERIFIERS = {
    "AWS::IAM::Role": lambda ref, p, c: client("iam").get_role(RoleName=ref) and None,
    "AWS::IAM::ManagedPolicy": lambda ref, p, c: client("iam").get_policy(PolicyArn=ref) and None,
    "AWS::IAM::Policy": _policy,
}
