"""A data store that keeps its data unencrypted at rest.

Why: Encryption at rest protects data on disks, snapshots and backups, and most compliance
regimes require it. DynamoDB, S3 and (by default) SQS always encrypt; SNS topics, Kinesis
streams, EFS file systems, RDS databases, ElastiCache and OpenSearch do not unless asked.

Fix: SNS: KmsMasterKeyId (e.g. alias/aws/sns); Kinesis: StreamEncryption with KMS; SQS: keep
SqsManagedSseEnabled true or set KmsMasterKeyId; EFS, RDS: Encrypted / StorageEncrypted true;
ElastiCache: AtRestEncryptionEnabled true; OpenSearch: EncryptionAtRestOptions.Enabled true.
"""

from advisor.review import kit


FIXES = {
    "AWS::SNS::Topic": "Set KmsMasterKeyId: alias/aws/sns (or a customer managed key the publishers may use).",
    "AWS::Kinesis::Stream": "Set StreamEncryption: {EncryptionType: KMS, KeyId: alias/aws/kinesis}.",
    "AWS::SQS::Queue": "Remove SqsManagedSseEnabled: false (SSE-SQS is the default) or set KmsMasterKeyId.",
    "AWS::EFS::FileSystem": "Set Encrypted: true (only possible when the file system is created).",
    "AWS::RDS::DBCluster": "Set StorageEncrypted: true (only possible when the cluster is created; restore a snapshot "
                           "into an encrypted cluster to change it).",
    "AWS::RDS::DBInstance": "Set StorageEncrypted: true (only possible when the instance is created).",
    "AWS::ElastiCache::ReplicationGroup": "Set AtRestEncryptionEnabled: true.",
    "AWS::OpenSearchService::Domain": "Set EncryptionAtRestOptions: {Enabled: true}.",
    "AWS::Elasticsearch::Domain": "Set EncryptionAtRestOptions: {Enabled: true}.",
}


def _true(value) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _false(value) -> bool:
    return value is False or (isinstance(value, str) and value.lower() == "false")


def _unencrypted(rtype: str, props: dict) -> str | None:
    """The property that should turn encryption on, when the resource lacks it."""
    if rtype == "AWS::SNS::Topic" and not props.get("KmsMasterKeyId"):
        return "KmsMasterKeyId"
    if rtype == "AWS::Kinesis::Stream" and not props.get("StreamEncryption"):
        return "StreamEncryption"
    if rtype == "AWS::SQS::Queue" and _false(props.get("SqsManagedSseEnabled")) and not props.get("KmsMasterKeyId"):
        return "SqsManagedSseEnabled"
    if rtype == "AWS::EFS::FileSystem" and not _true(props.get("Encrypted")):
        return "Encrypted"
    if rtype == "AWS::RDS::DBCluster" and props.get("EngineMode") != "serverless" and not _true(props.get("StorageEncrypted")) \
            and not props.get("SnapshotIdentifier"):
        return "StorageEncrypted"
    if rtype == "AWS::RDS::DBInstance" and not _true(props.get("StorageEncrypted")) and not (
            props.get("DBClusterIdentifier") or props.get("SourceDBInstanceIdentifier") or props.get("DBSnapshotIdentifier")):
        return "StorageEncrypted"
    if rtype == "AWS::ElastiCache::ReplicationGroup" and not _true(props.get("AtRestEncryptionEnabled")):
        return "AtRestEncryptionEnabled"
    if rtype in ("AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"):
        options = props.get("EncryptionAtRestOptions")
        if not (isinstance(options, dict) and _true(options.get("Enabled"))):
            return "EncryptionAtRestOptions"
    return None


def check(template, graph):
    for name, body in graph.resources.items():
        props = graph.props(name)
        missing = _unencrypted(body.get("Type"), props)
        if missing:
            path = ("Resources", name) + (("Properties", missing) if missing in props else ())
            kind = body["Type"].split("::", 1)[1].replace("::", " ")
            yield kit.Hit(path, f"{kind} {name} is not encrypted at rest; set {missing}")


RULE = kit.Rule(
    id="PA1011", name="unencrypted-data-store", title="Data store without encryption at rest",
    severity="warning", tags=("encryption", "security"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html",
)


class UnencryptedDataStore(kit.CfnLintAdapter):
    rule = RULE
