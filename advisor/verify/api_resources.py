"""Per resource type: how to create it through its service API (types moto's CloudFormation
ignores) and how to prove it exists (types moto's CloudFormation does create).

All functions run inside moto's mock_aws. A verifier returns None when the resource is there
as declared, or a one-line problem.
"""

from __future__ import annotations

import json

import boto3

REGION = "us-east-1"


def _client(service: str):
    return boto3.client(service, region_name=REGION)


def _json(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


# --- created through the API -------------------------------------------------------------

def _sns_subscription(name, p, ctx):
    attrs = {}
    for key in ("FilterPolicy", "RedrivePolicy", "DeliveryPolicy"):
        if key in p:
            attrs[key] = _json(p[key])
    for key in ("FilterPolicyScope",):
        if key in p:
            attrs[key] = p[key]
    if "RawMessageDelivery" in p:
        attrs["RawMessageDelivery"] = str(p["RawMessageDelivery"]).lower()
    arn = _client("sns").subscribe(TopicArn=p["TopicArn"], Protocol=p["Protocol"], Endpoint=p.get("Endpoint", ""),
                                   Attributes=attrs, ReturnSubscriptionArn=True)["SubscriptionArn"]
    return arn, {"Arn": arn}


def _verify_sns_subscription(p, arn):
    got = _client("sns").get_subscription_attributes(SubscriptionArn=arn)["Attributes"]
    if got.get("Endpoint") != p.get("Endpoint"):
        return f'subscription endpoint is {got.get("Endpoint")!r}, expected {p.get("Endpoint")!r}'
    if "FilterPolicy" in p and json.loads(got.get("FilterPolicy", "{}")) != json.loads(_json(p["FilterPolicy"])):
        return "filter policy was not applied"
    return None


def _alarm(name, p, ctx):
    args = {k: p[k] for k in ("AlarmDescription", "ActionsEnabled", "OKActions", "AlarmActions", "InsufficientDataActions",
                              "MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Dimensions", "Period", "Unit",
                              "EvaluationPeriods", "DatapointsToAlarm", "Threshold", "ComparisonOperator", "TreatMissingData",
                              "EvaluateLowSampleCountPercentile", "Metrics", "ThresholdMetricId") if k in p}
    for key in ("Period", "EvaluationPeriods", "DatapointsToAlarm"):
        if key in args:
            args[key] = int(args[key])
    if "Threshold" in args:
        args["Threshold"] = float(args["Threshold"])
    alarm_name = p.get("AlarmName", f"pattern-advisor-{name}")
    _client("cloudwatch").put_metric_alarm(AlarmName=alarm_name, **args)
    return alarm_name, {"Arn": f"arn:aws:cloudwatch:{REGION}:123456789012:alarm:{alarm_name}"}


def _verify_alarm(p, alarm_name):
    found = _client("cloudwatch").describe_alarms(AlarmNames=[alarm_name])["MetricAlarms"]
    if not found:
        return "alarm not found after creation"
    if "MetricName" in p and found[0].get("MetricName") != p["MetricName"]:
        return f'alarm metric is {found[0].get("MetricName")}, expected {p["MetricName"]}'
    return None


def _queue_policy(name, p, ctx):
    for url in p["Queues"]:
        _client("sqs").set_queue_attributes(QueueUrl=url, Attributes={"Policy": _json(p["PolicyDocument"])})
    return name, {}


def _verify_queue_policy(p, _ref):
    for url in p["Queues"]:
        got = _client("sqs").get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]
        if "Policy" not in got:
            return f"queue {url} has no policy"
    return None


def _topic_policy(name, p, ctx):
    for arn in p["Topics"]:
        _client("sns").set_topic_attributes(TopicArn=arn, AttributeName="Policy", AttributeValue=_json(p["PolicyDocument"]))
    return name, {}


def _verify_topic_policy(p, _ref):
    for arn in p["Topics"]:
        if "Policy" not in _client("sns").get_topic_attributes(TopicArn=arn)["Attributes"]:
            return f"topic {arn} has no policy"
    return None


def _bucket_policy(name, p, ctx):
    _client("s3").put_bucket_policy(Bucket=p["Bucket"], Policy=_json(p["PolicyDocument"]))
    return name, {}


def _verify_bucket_policy(p, _ref):
    got = json.loads(_client("s3").get_bucket_policy(Bucket=p["Bucket"])["Policy"])
    return None if got.get("Statement") else "bucket policy has no statements"


def _event_invoke_config(name, p, ctx):
    args = {"FunctionName": p["FunctionName"], "Qualifier": p.get("Qualifier", "$LATEST")}
    for key in ("MaximumRetryAttempts", "MaximumEventAgeInSeconds"):
        if key in p:
            args[key] = int(p[key])
    if "DestinationConfig" in p:
        args["DestinationConfig"] = p["DestinationConfig"]
    _client("lambda").put_function_event_invoke_config(**args)
    return name, {}


def _verify_event_invoke_config(p, _ref):
    got = _client("lambda").get_function_event_invoke_config(FunctionName=p["FunctionName"], Qualifier=p.get("Qualifier", "$LATEST"))
    want = p.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
    if want and got.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination") != want:
        return "on-failure destination was not applied"
    return None


def _user_pool(name, p, ctx):
    args = {k: p[k] for k in ("Policies", "AutoVerifiedAttributes", "UsernameAttributes", "MfaConfiguration",
                              "AdminCreateUserConfig", "AccountRecoverySetting") if k in p}
    pool = _client("cognito-idp").create_user_pool(PoolName=p.get("UserPoolName", name), **args)["UserPool"]
    url = f"https://cognito-idp.{REGION}.amazonaws.com/{pool['Id']}"
    return pool["Id"], {"Arn": pool["Arn"], "ProviderName": url[8:], "ProviderURL": url, "UserPoolId": pool["Id"]}


def _verify_user_pool(p, pool_id):
    _client("cognito-idp").describe_user_pool(UserPoolId=pool_id)
    return None


def _user_pool_client(name, p, ctx):
    args = {k: p[k] for k in ("GenerateSecret", "ExplicitAuthFlows", "AllowedOAuthFlows", "AllowedOAuthScopes",
                              "CallbackURLs", "SupportedIdentityProviders", "PreventUserExistenceErrors") if k in p}
    client = _client("cognito-idp").create_user_pool_client(UserPoolId=p["UserPoolId"], ClientName=p.get("ClientName", name), **args)
    return client["UserPoolClient"]["ClientId"], {"ClientId": client["UserPoolClient"]["ClientId"]}


def _verify_user_pool_client(p, client_id):
    _client("cognito-idp").describe_user_pool_client(UserPoolId=p["UserPoolId"], ClientId=client_id)
    return None


def _apigw_stage(name, p, ctx):
    api = _client("apigateway")
    args = {"restApiId": p["RestApiId"], "stageName": p["StageName"], "deploymentId": p["DeploymentId"]}
    if "Variables" in p:
        args["variables"] = p["Variables"]
    if "TracingEnabled" in p:
        args["tracingEnabled"] = bool(p["TracingEnabled"])
    api.create_stage(**args)
    patches = []
    for setting in p.get("MethodSettings", []):
        prefix = f'/{setting.get("ResourcePath", "/*").lstrip("/").replace("/", "~1") or "*"}/{setting.get("HttpMethod", "*")}'
        if prefix.startswith("//"):
            prefix = prefix[1:]
        for key, path in (("ThrottlingRateLimit", "throttling/rateLimit"), ("ThrottlingBurstLimit", "throttling/burstLimit"),
                          ("MetricsEnabled", "metrics/enabled"), ("LoggingLevel", "logging/loglevel")):
            if key in setting:
                patches.append({"op": "replace", "path": f"{prefix}/{path}", "value": str(setting[key])})
    if "AccessLogSetting" in p:
        patches.append({"op": "replace", "path": "/accessLogSettings/destinationArn", "value": p["AccessLogSetting"]["DestinationArn"]})
        patches.append({"op": "replace", "path": "/accessLogSettings/format", "value": p["AccessLogSetting"].get("Format", "")})
    if patches:
        api.update_stage(restApiId=p["RestApiId"], stageName=p["StageName"], patchOperations=patches)
    return p["StageName"], {}


def _verify_apigw_stage(p, stage_name):
    stage = _client("apigateway").get_stage(restApiId=p["RestApiId"], stageName=stage_name)
    if p.get("MethodSettings") and not stage.get("methodSettings"):
        return "method settings (throttling) were not applied"
    if p.get("AccessLogSetting") and not stage.get("accessLogSettings"):
        return "access log settings were not applied"
    return None


def _apigw_authorizer(name, p, ctx):
    args = {"restApiId": p["RestApiId"], "name": p.get("Name", name), "type": p["Type"]}
    for key, arg in (("ProviderARNs", "providerARNs"), ("AuthorizerUri", "authorizerUri"), ("IdentitySource", "identitySource")):
        if key in p:
            args[arg] = p[key]
    auth = _client("apigateway").create_authorizer(**args)
    return auth["id"], {"AuthorizerId": auth["id"]}


def _verify_apigw_authorizer(p, auth_id):
    _client("apigateway").get_authorizer(restApiId=p["RestApiId"], authorizerId=auth_id)
    return None


def _scheduler_target(target: dict) -> dict:
    """CloudFormation spells AwsvpcConfiguration; the Scheduler API spells awsvpcConfiguration."""
    target = json.loads(json.dumps(target))
    network = target.get("EcsParameters", {}).get("NetworkConfiguration")
    if network and "AwsvpcConfiguration" in network:
        network["awsvpcConfiguration"] = network.pop("AwsvpcConfiguration")
    return target


def _schedule(name, p, ctx):
    p = dict(p, Target=_scheduler_target(p["Target"]))
    args = {k: p[k] for k in ("ScheduleExpression", "ScheduleExpressionTimezone", "FlexibleTimeWindow", "Target",
                              "State", "Description", "GroupName", "StartDate", "EndDate") if k in p}
    sched_name = p.get("Name", f"pattern-advisor-{name}")
    arn = _client("scheduler").create_schedule(Name=sched_name, **args)["ScheduleArn"]
    return sched_name, {"Arn": arn}


def _verify_schedule(p, sched_name):
    got = _client("scheduler").get_schedule(Name=sched_name, GroupName=p.get("GroupName", "default"))
    return None if got["Target"]["Arn"] == p["Target"]["Arn"] else "schedule target differs"


def _http_api(name, p, ctx):
    v2 = _client("apigatewayv2")
    body = p.get("Body") or {}
    title = body.get("info", {}).get("title") if isinstance(body, dict) else None
    api = v2.create_api(Name=p.get("Name") or title or name, ProtocolType=p.get("ProtocolType", "HTTP"))
    if body:
        # moto implements reimport_api but not import_api: create, then import the OpenAPI body.
        api = v2.reimport_api(ApiId=api["ApiId"], Body=_json(body))
    return api["ApiId"], {"ApiEndpoint": api.get("ApiEndpoint", ""), "ApiId": api["ApiId"]}


def _verify_http_api(p, api_id):
    routes = _client("apigatewayv2").get_routes(ApiId=api_id)["Items"]
    if "Body" in p and not routes:
        return "no routes were imported from the API body"
    return None


def _http_stage(name, p, ctx):
    args = {k: p[k] for k in ("AutoDeploy", "DefaultRouteSettings", "RouteSettings", "StageVariables", "AccessLogSettings") if k in p}
    _client("apigatewayv2").create_stage(ApiId=p["ApiId"], StageName=p["StageName"], **args)
    return p["StageName"], {}


def _verify_http_stage(p, stage_name):
    _client("apigatewayv2").get_stage(ApiId=p["ApiId"], StageName=stage_name)
    return None


def _function_url(name, p, ctx):
    args = {"FunctionName": p["TargetFunctionArn"], "AuthType": p["AuthType"]}
    if "Cors" in p:
        args["Cors"] = p["Cors"]
    url = _client("lambda").create_function_url_config(**args)["FunctionUrl"]
    return url, {"FunctionUrl": url, "FunctionArn": p["TargetFunctionArn"]}


def _verify_function_url(p, _url):
    _client("lambda").get_function_url_config(FunctionName=p["TargetFunctionArn"])
    return None


def _kms_key(name, p, ctx):
    kms = _client("kms")
    args = {k: p[k] for k in ("Description", "KeyUsage", "KeySpec") if k in p}
    if "KeyPolicy" in p:
        args["Policy"] = _json(p["KeyPolicy"])
    key = kms.create_key(**args)["KeyMetadata"]
    if p.get("EnableKeyRotation"):
        kms.enable_key_rotation(KeyId=key["KeyId"])
    return key["KeyId"], {"Arn": key["Arn"], "KeyId": key["KeyId"]}


def _verify_kms_key(p, key_id):
    kms = _client("kms")
    kms.describe_key(KeyId=key_id)
    if p.get("EnableKeyRotation") and not kms.get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"]:
        return "key rotation was not enabled"
    return None


def _kms_alias(name, p, ctx):
    _client("kms").create_alias(AliasName=p["AliasName"], TargetKeyId=p["TargetKeyId"])
    return p["AliasName"], {}


def _verify_kms_alias(p, alias):
    aliases = [a["AliasName"] for a in _client("kms").list_aliases()["Aliases"]]
    return None if alias in aliases else "alias not found"


# Types moto's CloudFormation models but mishandles (its KMS key crashes on a key policy given as
# an object): always created through the API.
# A REST API's Body integrates functions created by the stack, and its Deployment needs the
# imported methods, so both follow the stack through the API Gateway API.
PREFER_API = {"AWS::KMS::Key", "AWS::KMS::Alias", "AWS::ApiGateway::RestApi", "AWS::ApiGateway::Deployment"}

def _glue_database(name, p, ctx):
    db = p["DatabaseInput"]
    _client("glue").create_database(DatabaseInput=db)
    return db["Name"], {}


def _verify_glue_database(p, db_name):
    _client("glue").get_database(Name=db_name)
    return None


def _glue_table(name, p, ctx):
    table = p["TableInput"]
    _client("glue").create_table(DatabaseName=p["DatabaseName"], TableInput=table)
    return table["Name"], {}


def _verify_glue_table(p, table_name):
    got = _client("glue").get_table(DatabaseName=p["DatabaseName"], Name=table_name)["Table"]
    want = p["TableInput"].get("StorageDescriptor", {}).get("Location")
    if want and got.get("StorageDescriptor", {}).get("Location") != want:
        return "table location differs"
    return None


def _athena_workgroup(name, p, ctx):
    args = {"Name": p["Name"]}
    if "WorkGroupConfiguration" in p:
        cfg = dict(p["WorkGroupConfiguration"])
        cfg.pop("AdditionalConfiguration", None)
        args["Configuration"] = cfg
    if "Description" in p:
        args["Description"] = p["Description"]
    _client("athena").create_work_group(**args)
    return p["Name"], {}


def _verify_athena_workgroup(p, wg_name):
    _client("athena").get_work_group(WorkGroup=wg_name)
    return None


def _secret(name, p, ctx):
    args = {"Name": p.get("Name", f"pattern-advisor/{name}")}
    for key in ("Description", "KmsKeyId", "SecretString"):
        if key in p:
            args[key] = p[key]
    if "GenerateSecretString" in p and "SecretString" not in p:
        args["SecretString"] = "generated-offline"  # the real service generates it; its value is never read here
    arn = _client("secretsmanager").create_secret(**args)["ARN"]
    return arn, {"Id": arn}


def _verify_secret(p, arn):
    _client("secretsmanager").describe_secret(SecretId=arn)
    return None


def _rest_api(name, p, ctx):
    """A REST API with a Body: moto's CloudFormation drops the Body, leaving a Deployment with no
    methods to deploy, so the API is imported through the API Gateway API before the stack."""
    api = _client("apigateway")
    body = p.get("Body")
    title = body.get("info", {}).get("title") if isinstance(body, dict) else None
    created = api.create_rest_api(name=p.get("Name") or title or name)
    if body:
        # moto's import_rest_api needs info.description; put_rest_api imports any OpenAPI body.
        api.put_rest_api(restApiId=created["id"], mode="overwrite", body=json.dumps(body).encode())
    return created["id"], {"RootResourceId": created.get("rootResourceId") or api.get_resources(restApiId=created["id"])["items"][0]["id"],
                           "RestApiId": created["id"]}


def _verify_rest_api(p, api_id):
    paths = {r["path"] for r in _client("apigateway").get_resources(restApiId=api_id, limit=500)["items"]}
    missing = sorted(set((p.get("Body") or {}).get("paths", {})) - paths)
    return f"API paths missing after import: {', '.join(missing)}" if missing else None


def _apigw_deployment(name, p, ctx):
    args = {"restApiId": p["RestApiId"]}
    if p.get("Description"):
        args["description"] = p["Description"]
    if p.get("StageName"):
        args["stageName"] = p["StageName"]
    deployment = _client("apigateway").create_deployment(**args)
    return deployment["id"], {"DeploymentId": deployment["id"]}


def _verify_apigw_deployment(p, deployment_id):
    _client("apigateway").get_deployment(restApiId=p["RestApiId"], deploymentId=deployment_id)
    return None


_CREATORS = {
    "AWS::ApiGateway::RestApi": (_rest_api, _verify_rest_api),
    "AWS::ApiGateway::Deployment": (_apigw_deployment, _verify_apigw_deployment),
    "AWS::SecretsManager::Secret": (_secret, _verify_secret),
    "AWS::Glue::Database": (_glue_database, _verify_glue_database),
    "AWS::Glue::Table": (_glue_table, _verify_glue_table),
    "AWS::Athena::WorkGroup": (_athena_workgroup, _verify_athena_workgroup),
    "AWS::KMS::Key": (_kms_key, _verify_kms_key),
    "AWS::KMS::Alias": (_kms_alias, _verify_kms_alias),
    "AWS::SNS::Subscription": (_sns_subscription, _verify_sns_subscription),
    "AWS::CloudWatch::Alarm": (_alarm, _verify_alarm),
    "AWS::SQS::QueuePolicy": (_queue_policy, _verify_queue_policy),
    "AWS::SNS::TopicPolicy": (_topic_policy, _verify_topic_policy),
    "AWS::S3::BucketPolicy": (_bucket_policy, _verify_bucket_policy),
    "AWS::Lambda::EventInvokeConfig": (_event_invoke_config, _verify_event_invoke_config),
    "AWS::Cognito::UserPool": (_user_pool, _verify_user_pool),
    "AWS::Cognito::UserPoolClient": (_user_pool_client, _verify_user_pool_client),
    "AWS::ApiGateway::Stage": (_apigw_stage, _verify_apigw_stage),
    "AWS::ApiGateway::Authorizer": (_apigw_authorizer, _verify_apigw_authorizer),
    "AWS::Scheduler::Schedule": (_schedule, _verify_schedule),
    "AWS::ApiGatewayV2::Api": (_http_api, _verify_http_api),
    "AWS::ApiGatewayV2::Stage": (_http_stage, _verify_http_stage),
    "AWS::Lambda::Url": (_function_url, _verify_function_url),
}

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


# --- verifiers for resources the stack created ----------------------------------------------

def _resolved(props, ctx):
    from advisor.cfn.intrinsics import Unresolvable, resolve

    try:
        return resolve(props, ctx)
    except Unresolvable:
        return props


def _v_queue(ref, props, ctx):
    attrs = _client("sqs").get_queue_attributes(QueueUrl=ref, AttributeNames=["All"])["Attributes"]
    want = props.get("VisibilityTimeout")
    if isinstance(want, int) and int(attrs.get("VisibilityTimeout", -1)) != want:
        return f'visibility timeout is {attrs.get("VisibilityTimeout")}, expected {want}'
    if "RedrivePolicy" in props and "RedrivePolicy" not in attrs:
        return "redrive policy (dead-letter queue) was not applied"
    return None


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


def _v_permission(_ref, props, ctx):
    # Only the function is needed; the SourceArn may name resources created after the stack.
    function = _resolved(props.get("FunctionName"), ctx)
    policy = json.loads(_client("lambda").get_policy(FunctionName=function)["Policy"])
    return None if policy.get("Statement") else "function has no resource policy"


def _v_log_group(ref, props, ctx):
    groups = _client("logs").describe_log_groups(logGroupNamePrefix=ref)["logGroups"]
    return None if any(g["logGroupName"] == ref for g in groups) else "log group not found"


class Applied(str):
    """A verifier's note: the resource exists, and settings moto's CloudFormation ignored were
    applied through the service API (then read back)."""


def _v_bucket(ref, props, ctx):
    from botocore.exceptions import ClientError

    s3 = _client("s3")
    s3.head_bucket(Bucket=ref)
    p = _resolved(props, ctx)
    applied = []
    # Settings moto's CloudFormation drops; each is read back, and applied through the API if absent.
    settings = (
        ("PublicAccessBlockConfiguration", lambda: s3.get_public_access_block(Bucket=ref)["PublicAccessBlockConfiguration"],
         lambda v: s3.put_public_access_block(Bucket=ref, PublicAccessBlockConfiguration=v)),
        ("BucketEncryption", lambda: s3.get_bucket_encryption(Bucket=ref)["ServerSideEncryptionConfiguration"],
         lambda v: s3.put_bucket_encryption(Bucket=ref, ServerSideEncryptionConfiguration={
             "Rules": [{"ApplyServerSideEncryptionByDefault": {k.replace("KMSMasterKeyID", "KMSMasterKeyID"): x
                        for k, x in r["ServerSideEncryptionByDefault"].items()}} for r in v["ServerSideEncryptionConfiguration"]]})),
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


def _v_rule(ref, props, ctx):
    p = _resolved(props, ctx)
    name = ref.split("/")[-1] if ref.startswith("arn:") else ref
    bus = p.get("EventBusName", "default")
    bus = bus.split("/")[-1] if isinstance(bus, str) else "default"
    _client("events").describe_rule(Name=name, EventBusName=bus)
    return None


def _v_iam_policy(ref, props, ctx):
    p = _resolved(props, ctx)
    iam = _client("iam")
    for role in p.get("Roles", []):
        iam.get_role_policy(RoleName=role, PolicyName=p["PolicyName"])
    return None


_STACK_VERIFIERS = {
    "AWS::SQS::Queue": _v_queue,
    "AWS::SNS::Topic": lambda ref, p, c: _client("sns").get_topic_attributes(TopicArn=ref) and None,
    "AWS::DynamoDB::Table": lambda ref, p, c: _client("dynamodb").describe_table(TableName=ref) and None,
    "AWS::Lambda::Function": lambda ref, p, c: _client("lambda").get_function(FunctionName=ref) and None,
    "AWS::Lambda::EventSourceMapping": lambda ref, p, c: _client("lambda").get_event_source_mapping(UUID=ref) and None,
    "AWS::Lambda::Permission": _v_permission,
    "AWS::Lambda::Version": lambda ref, p, c: _client("lambda").get_function(FunctionName=ref) and None,
    "AWS::IAM::Role": lambda ref, p, c: _client("iam").get_role(RoleName=ref) and None,
    "AWS::IAM::ManagedPolicy": lambda ref, p, c: _client("iam").get_policy(PolicyArn=ref) and None,
    "AWS::IAM::Policy": _v_iam_policy,
    "AWS::Kinesis::Stream": lambda ref, p, c: _client("kinesis").describe_stream_summary(StreamName=ref) and None,
    "AWS::S3::Bucket": _v_bucket,
    "AWS::Logs::LogGroup": _v_log_group,
    "AWS::Events::Rule": _v_rule,
    "AWS::Events::EventBus": lambda ref, p, c: _client("events").describe_event_bus(Name=ref.split("/")[-1]) and None,
    "AWS::Events::Archive": lambda ref, p, c: _client("events").describe_archive(ArchiveName=ref.split("/")[-1]) and None,
    "AWS::StepFunctions::StateMachine": lambda ref, p, c: _client("stepfunctions").describe_state_machine(stateMachineArn=ref) and None,
    "AWS::ECS::Cluster": lambda ref, p, c: None if _client("ecs").describe_clusters(clusters=[ref])["clusters"] else "cluster not found",
    "AWS::ECS::TaskDefinition": lambda ref, p, c: _client("ecs").describe_task_definition(taskDefinition=ref) and None,
}


def stack_verifier(rtype: str):
    return _STACK_VERIFIERS.get(rtype)
