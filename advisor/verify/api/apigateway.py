"""API Gateway REST APIs: the API with its OpenAPI body, deployments, stages and authorizers, all
created through the API Gateway API (moto's CloudFormation drops a REST API's Body)."""

from __future__ import annotations

import json

from advisor.verify.api.common import client


def _rest_api(name, p, ctx):
    """A REST API with a Body: moto's CloudFormation drops the Body, leaving a Deployment with no
    methods to deploy, so the API is imported through the API Gateway API before the stack."""
    api = client("apigateway")
    body = p.get("Body")
    title = body.get("info", {}).get("title") if isinstance(body, dict) else None
    created = api.create_rest_api(name=p.get("Name") or title or name)
    if body:
        # moto's import_rest_api needs info.description; put_rest_api imports any OpenAPI body.
        api.put_rest_api(restApiId=created["id"], mode="overwrite", body=json.dumps(body).encode())
    return created["id"], {"RootResourceId": created.get("rootResourceId") or api.get_resources(restApiId=created["id"])["items"][0]["id"],
                           "RestApiId": created["id"]}


def _verify_rest_api(p, api_id):
    paths = {r["path"] for r in client("apigateway").get_resources(restApiId=api_id, limit=500)["items"]}
    missing = sorted(set((p.get("Body") or {}).get("paths", {})) - paths)
    return f"API paths missing after import: {', '.join(missing)}" if missing else None


def _deployment(name, p, ctx):
    args = {"restApiId": p["RestApiId"]}
    if p.get("Description"):
        args["description"] = p["Description"]
    if p.get("StageName"):
        args["stageName"] = p["StageName"]
    deployment = client("apigateway").create_deployment(**args)
    return deployment["id"], {"DeploymentId": deployment["id"]}


def _verify_deployment(p, deployment_id):
    client("apigateway").get_deployment(restApiId=p["RestApiId"], deploymentId=deployment_id)
    return None


def _stage(name, p, ctx):
    api = client("apigateway")
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


def _verify_stage(p, stage_name):
    stage = client("apigateway").get_stage(restApiId=p["RestApiId"], stageName=stage_name)
    if p.get("MethodSettings") and not stage.get("methodSettings"):
        return "method settings (throttling) were not applied"
    if p.get("AccessLogSetting") and not stage.get("accessLogSettings"):
        return "access log settings were not applied"
    return None


def _authorizer(name, p, ctx):
    args = {"restApiId": p["RestApiId"], "name": p.get("Name", name), "type": p["Type"]}
    for key, arg in (("ProviderARNs", "providerARNs"), ("AuthorizerUri", "authorizerUri"), ("IdentitySource", "identitySource")):
        if key in p:
            args[arg] = p[key]
    auth = client("apigateway").create_authorizer(**args)
    return auth["id"], {"AuthorizerId": auth["id"]}


def _verify_authorizer(p, auth_id):
    client("apigateway").get_authorizer(restApiId=p["RestApiId"], authorizerId=auth_id)
    return None


CREATED_BY_API = {
    "AWS::ApiGateway::RestApi": (_rest_api, _verify_rest_api),
    "AWS::ApiGateway::Deployment": (_deployment, _verify_deployment),
    "AWS::ApiGateway::Stage": (_stage, _verify_stage),
    "AWS::ApiGateway::Authorizer": (_authorizer, _verify_authorizer),
}

# A REST API's Body integrates functions created by the stack, and its Deployment needs the
# imported methods, so both follow the stack through the API Gateway API.
PREFER_API = {"AWS::ApiGateway::RestApi", "AWS::ApiGateway::Deployment"}

STACK_VERIFIERS: dict = {}
