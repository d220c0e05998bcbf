"""An S3 bucket that anyone on the internet can read or write.

Why: Public buckets are the most common way data leaks from AWS. S3 blocks public access by
default; a public canned ACL, a policy allowing Principal "*" without a condition, or a public
access block switched off undoes that.

Fix: Keep all four PublicAccessBlockConfiguration settings true, remove public ACLs, and serve
public content through CloudFront with origin access control instead of a public bucket policy.
"""

from advisor.review import kit
from advisor.review.iam import as_list, statements

_PUBLIC_ACLS = {"PublicRead", "PublicReadWrite", "AuthenticatedRead"}
_BLOCKS = ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")


def _is_everyone(principal) -> bool:
    if principal == "*":
        return True
    return isinstance(principal, dict) and "*" in as_list(principal.get("AWS"))


def _off(value) -> bool:
    return value is False or (isinstance(value, str) and value.lower() == "false")


def check(template, graph):
    for bucket in graph.of_family("AWS::S3::Bucket"):
        props = graph.props(bucket)
        base = ("Resources", bucket, "Properties")
        if props.get("AccessControl") in _PUBLIC_ACLS:
            yield kit.Hit(base + ("AccessControl",), f"bucket {bucket} has the public ACL {props['AccessControl']}")
        block = props.get("PublicAccessBlockConfiguration")
        if isinstance(block, dict):
            off = [k for k in _BLOCKS if _off(block.get(k))]
            if off:
                yield kit.Hit(base + ("PublicAccessBlockConfiguration", off[0]),
                              f"bucket {bucket} turns off {', '.join(off)}; public ACLs or policies would take effect")
    for policy in graph.of_family("AWS::S3::BucketPolicy"):
        props = graph.props(policy)
        buckets = graph.refs(props.get("Bucket")) or ["a bucket"]
        for stmt, path in statements(props.get("PolicyDocument"), ("Resources", policy, "Properties", "PolicyDocument")):
            if stmt.get("Effect") == "Allow" and _is_everyone(stmt.get("Principal")) and not stmt.get("Condition"):
                yield kit.Hit(path + ("Principal",), f"bucket policy {policy} allows anyone (Principal \"*\") to use {buckets[0]}")


RULE = kit.Rule(
    id="PA1008", name="public-bucket", title="Publicly accessible S3 bucket",
    severity="error", tags=("s3", "security"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
)


class PublicBucket(kit.CfnLintAdapter):
    rule = RULE
