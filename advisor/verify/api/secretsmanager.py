"""Secrets Manager: secrets (created through the API)."""

from __future__ import annotations

from advisor.verify.api.common import client


def _secret(name, p, ctx):
    args = {"Name": p.get("Name", f"pattern-advisor/{name}")}
    for key in ("Description", "KmsKeyId", "SecretString"):
        if key in p:
            args[key] = p[key]
    if "GenerateSecretString" in p and "SecretString" not in p:
        args["SecretString"] = "generated-offline"  # the real service generates it; its value is never read here
    arn = client("secretsmanager").create_secret(**args)["ARN"]
    return arn, {"Id": arn}


def _verify_secret(p, arn):
    client("secretsmanager").describe_secret(SecretId=arn)
    return None


CREATED_BY_API = {"AWS::SecretsManager::Secret": (_secret, _verify_secret)}

STACK_VERIFIERS: dict = {}
