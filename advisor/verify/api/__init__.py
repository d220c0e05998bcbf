"""Per AWS service, one module: how to create a resource through its service API (types moto's
CloudFormation ignores or mishandles) and how to prove it exists (types moto's CloudFormation
does create). This package puts the services' tables together for advisor.verify.deploy.

All functions run inside moto's mock_aws. A verifier returns None when the resource is there as
declared, or a one-line problem. Each service module exposes CREATED_BY_API
({type: (create, verify)}), STACK_VERIFIERS ({type: verifier}) and, optionally, PREFER_API (types
always created through the API even though moto's CloudFormation models them).
"""

from __future__ import annotations

from advisor.verify.api import (apigateway, apigatewayv2, athena, awslambda, cloudwatch, cognito, dynamodb, ecs, events,
                                glue, iam, kinesis, kms, logs, s3, scheduler, secretsmanager, sns, sqs, stepfunctions)
from advisor.verify.api.common import Applied

__all__ = ["Applied", "PREFER_API", "creator", "known_offline", "offline_reason", "stack_verifier", "verify"]

_SERVICES = (apigateway, apigatewayv2, athena, awslambda, cloudwatch, cognito, dynamodb, ecs, events, glue, iam, kinesis,
             kms, logs, s3, scheduler, secretsmanager, sns, sqs, stepfunctions)

_CREATORS = {rtype: pair for service in _SERVICES for rtype, pair in service.CREATED_BY_API.items()}
_STACK_VERIFIERS = {rtype: check for service in _SERVICES for rtype, check in service.STACK_VERIFIERS.items()}
PREFER_API = frozenset(rtype for service in _SERVICES for rtype in getattr(service, "PREFER_API", ()))

_OFFLINE = {
    "AWS::CloudFront::": "CloudFront has no offline emulation; the template is linted and the distribution's origin wiring is checked instead",
    "AWS::CertificateManager::": "certificates need DNS validation against a real domain",
    "AWS::WAFv2::": "WAF web ACLs have no offline emulation",
}


def creator(rtype: str):
    entry = _CREATORS.get(rtype)
    return entry[0] if entry else None


def verify(rtype: str, props: dict, ref) -> str | None:
    return _CREATORS[rtype][1](props, ref)


def known_offline(rtype: str) -> bool:
    """Types that cannot be exercised without AWS at all (as opposed to types we lack a step for)."""
    return any(rtype.startswith(prefix) for prefix in _OFFLINE)


def offline_reason(rtype: str) -> str:
    for prefix, reason in _OFFLINE.items():
        if rtype.startswith(prefix):
            return reason
    return f"moto cannot create {rtype} offline"


def stack_verifier(rtype: str):
    return _STACK_VERIFIERS.get(rtype)
