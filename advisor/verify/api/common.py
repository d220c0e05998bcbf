"""What every service module shares: the offline region, a client for it, JSON-or-string
properties, intrinsic resolution that tolerates what cannot be resolved yet, and the note a
stack verifier returns when it had to apply settings moto's CloudFormation ignored."""

from __future__ import annotations

import json

import boto3

REGION = "us-east-1"


def client(service: str):
    return boto3.client(service, region_name=REGION)


def as_json(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def resolved(props, ctx):
    from advisor.cfn.intrinsics import Unresolvable, resolve

    try:
        return resolve(props, ctx)
    except Unresolvable:
        return props


class Applied(str):
    """A verifier's note: the resource exists, and settings moto's CloudFormation ignored were
    applied through the service API (then read back)."""
