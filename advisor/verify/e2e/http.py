"""HTTP requests: build the event API Gateway (REST: payload 1.0; HTTP API and function URLs: 2.0)
would send for a request, and run the integrated function. Returns the response's status code."""

from __future__ import annotations

import json
import time
import uuid

from advisor.verify.e2e.handlers import Handlers

_FUNCTION_TYPES = ("AWS::Serverless::Function", "AWS::Lambda::Function", "AWS::Lambda::Url")
_REST_TYPES = ("AWS::Serverless::Api", "AWS::ApiGateway::RestApi")


def _integrated(handlers: Handlers, resources: dict, physical: str, node_type: str):
    """The function behind the node, and the payload version its front door sends."""
    target, version = None, "2.0"
    if node_type in _FUNCTION_TYPES:
        target = handlers.by_reference(physical) or handlers.functions.get(physical)
    if target is None:
        version = "1.0" if node_type in _REST_TYPES else "2.0"
        for body in resources.values():
            if body["Type"] == "AWS::Lambda::Permission" and "apigateway" in str(body["Properties"].get("Principal")):
                fn_ref = body["Properties"]["FunctionName"]
                logical = (fn_ref.get("Ref") or (fn_ref.get("Fn::GetAtt") or [None])[0]) if isinstance(fn_ref, dict) else None
                target = handlers.functions.get(logical) or target
    if target is None:
        raise RuntimeError("no function is integrated with the API")
    return target, version


def _event(step: dict, version: str) -> dict:
    body = step.get("body")
    raw = None if body is None else (body if isinstance(body, str) else json.dumps(body))
    headers = {"content-type": "application/json", **{k.lower(): v for k, v in step.get("headers", {}).items()}}
    method, path = step.get("method", "GET"), step.get("path", "/")
    claims = {"sub": "e2e-user", "email": "e2e-user@pattern-advisor.test"}
    if version == "1.0":
        return {"resource": path, "path": path, "httpMethod": method, "headers": headers, "queryStringParameters": None,
                "pathParameters": None, "isBase64Encoded": False, "body": raw,
                "requestContext": {"requestId": str(uuid.uuid4()), "stage": "prod", "authorizer": {"claims": claims},
                                   "identity": {"sourceIp": "127.0.0.1"}}}
    return {"version": "2.0", "routeKey": f"{method} {path}", "rawPath": path, "rawQueryString": "", "headers": headers,
            "isBase64Encoded": False, "body": raw,
            "requestContext": {"requestId": str(uuid.uuid4()), "stage": "$default", "timeEpoch": int(time.time() * 1000),
                               "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1"},
                               "authorizer": {"jwt": {"claims": claims, "scopes": None}}}}


def request(handlers: Handlers, resources: dict, step: dict, physical: str, node_type: str) -> int:
    target, version = _integrated(handlers, resources, physical, node_type)
    response = handlers.invoke(target, _event(step, version)) or {}
    return int(response.get("statusCode", 200)) if isinstance(response, dict) else 200
