"""KMS: keys and aliases, always created through the API (moto's CloudFormation crashes on a key
policy given as an object)."""

from __future__ import annotations

from advisor.verify.api.common import as_json, client


def _key(name, p, ctx):
    kms = client("kms")
    args = {k: p[k] for k in ("Description", "KeyUsage", "KeySpec") if k in p}
    if "KeyPolicy" in p:
        args["Policy"] = as_json(p["KeyPolicy"])
    key = kms.create_key(**args)["KeyMetadata"]
    if p.get("EnableKeyRotation"):
        kms.enable_key_rotation(KeyId=key["KeyId"])
    return key["KeyId"], {"Arn": key["Arn"], "KeyId": key["KeyId"]}


def _verify_key(p, key_id):
    kms = client("kms")
    kms.describe_key(KeyId=key_id)
    if p.get("EnableKeyRotation") and not kms.get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"]:
        return "key rotation was not enabled"
    return None


def _alias(name, p, ctx):
    client("kms").create_alias(AliasName=p["AliasName"], TargetKeyId=p["TargetKeyId"])
    return p["AliasName"], {}


def _verify_alias(p, alias):
    aliases = [a["AliasName"] for a in client("kms").list_aliases()["Aliases"]]
    return None if alias in aliases else "alias not found"


CREATED_BY_API = {
    "AWS::KMS::Key": (_key, _verify_key),
    "AWS::KMS::Alias": (_alias, _verify_alias),
}

PREFER_API = {"AWS::KMS::Key", "AWS::KMS::Alias"}

STACK_VERIFIERS: dict = {}
