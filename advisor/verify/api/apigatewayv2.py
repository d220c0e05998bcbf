"""API Gateway HTTP APIs: the API imported from its OpenAPI body, and its stages (created through
the API)."""

from __future__ import annotations

from advisor.verify.api.common import as_json, client


def _http_api(name, p, ctx):
    v2 = client("apigatewayv2")
    body = p.get("Body") or {}
    title = body.get("info", {}).get("title") if isinstance(body, dict) else None
    api = v2.create_api(Name=p.get("Name") or title or name, ProtocolType=p.get("ProtocolType", "HTTP"))
    if body:
        # moto implements reimport_api but not import_api: create, then import the OpenAPI body.
        api = v2.reimport_api(ApiId=api["ApiId"], Body=as_json(body))
    return api["ApiId"], {"ApiEndpoint": api.get("ApiEndpoint", ""), "ApiId": api["ApiId"]}


def _verify_http_api(p, api_id):
    routes = client("apigatewayv2").get_routes(ApiId=api_id)["Items"]
    if "Body" in p and not routes:
        return "no routes were imported from the API body"
    return None


def _http_stage(name, p, ctx):
    args = {k: p[k] for k in ("AutoDeploy", "DefaultRouteSettings", "RouteSettings", "StageVariables", "AccessLogSettings") if k in p}
    client("apigatewayv2").create_stage(ApiId=p["ApiId"], StageName=p["StageName"], **args)
    return p["StageName"], {}


def _verify_http_stage(p, stage_name):
    client("apigatewayv2").get_stage(ApiId=p["ApiId"], StageName=stage_name)
    return None


CREATED_BY_API = {
    "AWS::ApiGatewayV2::Api": (_http_api, _verify_http_api),
    "AWS::ApiGatewayV2::Stage": (_http_stage, _verify_http_stage),
}

STACK_VERIFIERS: dict = {}
