"""Lambda (module named like moto's, since `lambda` is a keyword): event invoke configs and
function URLs (created through the API); functions, versions, mappings and permissions
(verified in the stack)."""

from __future__ import annotations

import json

from advisor.verify.api.common import client, resolved


def _event_invoke_config(name, p, ctx):
    args = {"FunctionName": p["FunctionName"], "Qualifier": p.get("Qualifier", "$LATEST")}
    for key in ("MaximumRetryAttempts", "MaximumEventAgeInSeconds"):
        if key in p:
            args[key] = int(p[key])
    if "DestinationConfig" in p:
        args["DestinationConfig"] = p["DestinationConfig"]
    client("lambda").put_function_event_invoke_config(**args)
    return name, {}


def _verify_event_invoke_config(p, _ref):
    got = client("lambda").get_function_event_invoke_config(FunctionName=p["FunctionName"], Qualifier=p.get("Qualifier", "$LATEST"))
    want = p.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
    if want and got.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination") != want:
        return "on-failure destination was not applied"
    return None


def _function_url(name, p, ctx):
    args = {"FunctionName": p["TargetFunctionArn"], "AuthType": p["AuthType"]}
    if "Cors" in p:
        args["Cors"] = p["Cors"]
    url = client("lambda").create_function_url_config(**args)["FunctionUrl"]
    return url, {"FunctionUrl": url, "FunctionArn": p["TargetFunctionArn"]}


def _verify_function_url(p, _url):
    client("lambda").get_function_url_config(FunctionName=p["TargetFunctionArn"])
    return None


def _permission(_ref, props, ctx):
    # Only the function is needed; the SourceArn may name resources created after the stack.
    function = resolved(props.get("FunctionName"), ctx)
    policy = json.loads(client("lambda").get_policy(FunctionName=function)["Policy"])
    return None if policy.get("Statement") else "function has no resource policy"


CREATED_BY_API = {
    "AWS::Lambda::EventInvokeConfig": (_event_invoke_config, _verify_event_invoke_config),
    "AWS::Lambda::Url": (_function_url, _verify_function_url),
}

STACK_VERIFIERS = {
    "AWS::Lambda::Function": lambda ref, p, c: client("lambda").get_function(FunctionName=ref) and None,
    "AWS::Lambda::EventSourceMapping": lambda ref, p, c: client("lambda").get_event_source_mapping(UUID=ref) and None,
    "AWS::Lambda::Permission": _permission,
    "AWS::Lambda::Version": lambda ref, p, c: client("lambda").get_function(FunctionName=ref) and None,
}
