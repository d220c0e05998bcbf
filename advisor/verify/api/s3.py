"""S3: bucket policies (created through the API); buckets (verified in the stack, with the
settings moto's CloudFormation drops applied through the S3 API and read back)."""

from __future__ import annotations

import json

from advisor.verify.api.common import Applied, as_json, client, resolved


def _bucket_policy(name, p, ctx):
    client("s3").put_bucket_policy(Bucket=p["Bucket"], Policy=as_json(p["PolicyDocument"]))
    return name, {}


def _verify_bucket_policy(p, _ref):
    got = json.loads(client("s3").get_bucket_policy(Bucket=p["Bucket"])["Policy"])
    return None if got.get("Statement") else "bucket policy has no statements"


def _notifications(config: dict) -> list:
    return [c for key in ("LambdaFunctionConfigurations", "QueueConfigurations", "TopicConfigurations") for c in config.get(key, [])]


def _notification_api(cfn: dict) -> dict:
    """CloudFormation's NotificationConfiguration in the shape of the S3 API."""
    def rules(entry):
        found = entry.get("Filter", {}).get("S3Key", {}).get("Rules", [])
        return {"Filter": {"Key": {"FilterRules": [{"Name": r["Name"], "Value": r["Value"]} for r in found]}}} if found else {}

    out = {}
    for cfn_key, api_key, arn_cfn, arn_api in (("LambdaConfigurations", "LambdaFunctionConfigurations", "Function", "LambdaFunctionArn"),
                                               ("QueueConfigurations", "QueueConfigurations", "Queue", "QueueArn"),
                                               ("TopicConfigurations", "TopicConfigurations", "Topic", "TopicArn")):
        if cfn.get(cfn_key):
            out[api_key] = [{arn_api: e[arn_cfn], "Events": [e["Event"]], **rules(e)} for e in cfn[cfn_key]]
    return out


def _bucket(ref, props, ctx):
    from botocore.exceptions import ClientError

    s3 = client("s3")
    s3.head_bucket(Bucket=ref)
    p = resolved(props, ctx)
    applied = []
    # Settings moto's CloudFormation drops; each is read back, and applied through the API if absent.
    settings = (
        ("PublicAccessBlockConfiguration", lambda: s3.get_public_access_block(Bucket=ref)["PublicAccessBlockConfiguration"],
         lambda v: s3.put_public_access_block(Bucket=ref, PublicAccessBlockConfiguration=v)),
        ("BucketEncryption", lambda: s3.get_bucket_encryption(Bucket=ref)["ServerSideEncryptionConfiguration"],
         lambda v: s3.put_bucket_encryption(Bucket=ref, ServerSideEncryptionConfiguration={
             "Rules": [{"ApplyServerSideEncryptionByDefault": dict(r["ServerSideEncryptionByDefault"])}
                       for r in v["ServerSideEncryptionConfiguration"]]})),
        ("VersioningConfiguration", lambda: s3.get_bucket_versioning(Bucket=ref).get("Status"),
         lambda v: s3.put_bucket_versioning(Bucket=ref, VersioningConfiguration={"Status": v["Status"]})),
        ("NotificationConfiguration", lambda: _notifications(s3.get_bucket_notification_configuration(Bucket=ref)),
         lambda v: s3.put_bucket_notification_configuration(Bucket=ref, NotificationConfiguration=_notification_api(v))),
    )
    for key, read, write in settings:
        if key not in p:
            continue
        try:
            present = bool(read())
        except ClientError:
            present = False
        if not present:
            write(p[key])
            if not read():
                return f"{key} could not be applied"
            applied.append(key)
    if p.get("PublicAccessBlockConfiguration"):
        block = s3.get_public_access_block(Bucket=ref)["PublicAccessBlockConfiguration"]
        if not all(block.values()):
            return "public access block is not fully on"
    if applied:
        return Applied(f"{', '.join(applied)} applied through the S3 API (moto's CloudFormation ignores them)")
    return None


CREATED_BY_API = {"AWS::S3::BucketPolicy": (_bucket_policy, _verify_bucket_policy)}

STACK_VERIFIERS = {"AWS::S3::Bucket": _bucket}
