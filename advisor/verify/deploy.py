"""Deploy a transformed template into moto and prove every resource exists through the service APIs.

moto's CloudFormation silently skips resource types it does not model. We never count those as
deployed: resources of modelled types go into the stack; the others are created through their
service API (see advisor/verify/api/, one module per service) or reported as not verifiable offline. Each resource ends up
with one honest status.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from advisor.verify import api
from advisor.cfn.intrinsics import Context, Unresolvable, evaluate_conditions, resolve
from advisor.cfn.sam import ARTIFACT_BUCKET, Packaged, parameter_values
from advisor.cfn.template_graph import references, resources_of

STACK = "pattern-advisor-check"
REGION = "us-east-1"

VERIFIED = "deployed and verified"
CREATED_BY_API = "created through the service API and verified"
NOT_VERIFIABLE = "not verifiable offline"
SKIPPED = "skipped (condition is false)"
FAILED = "failed"


@dataclass
class ResourceResult:
    logical_id: str
    type: str
    status: str
    detail: str = ""


@dataclass
class Deployment:
    results: list[ResourceResult] = field(default_factory=list)
    ctx: Context = field(default_factory=Context)
    stack_error: str | None = None

    @property
    def failures(self) -> list[ResourceResult]:
        return [r for r in self.results if r.status == FAILED]

    def physical(self, logical_id: str):
        return self.ctx.refs.get(logical_id)


def moto_types() -> set[str]:
    from moto.cloudformation.parsing import get_model_map

    return set(get_model_map())


def _placeholder_context(template: dict, overrides: dict) -> Context:
    ctx = Context()
    params = parameter_values(template, overrides)
    declared = template.get("Parameters") or {}
    for name, value in params.items():
        kind = str(declared.get(name, {}).get("Type", ""))
        # List parameters resolve to lists, as CloudFormation passes them.
        if isinstance(value, str) and (kind == "CommaDelimitedList" or kind.startswith("List<")):
            params[name] = [v.strip() for v in value.split(",") if v.strip()]
    ctx.refs.update(params)
    ctx.refs["AWS::NoValue"] = "AWS::NoValue"
    evaluate_conditions(template, ctx)
    return ctx


def deploy(packaged_artifacts: Packaged, transformed: dict, overrides: dict | None = None) -> Deployment:
    """Must run inside moto's mock_aws. Returns a Deployment with one result per resource."""
    import boto3

    out = Deployment()
    resources = resources_of(transformed)
    overrides = overrides or {}
    ctx = out.ctx = _placeholder_context(transformed, overrides)
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket=ARTIFACT_BUCKET)
    for key, body in packaged_artifacts.artifacts.items():
        s3.put_object(Bucket=ARTIFACT_BUCKET, Key=key, Body=body)

    supported = moto_types()
    active = dict(resources)
    for name, body in resources.items():
        if "Condition" in body and not ctx.conditions.get(body["Condition"], False):
            out.results.append(ResourceResult(name, body["Type"], SKIPPED, f'condition {body["Condition"]}'))
            active.pop(name, None)
    in_stack = {n for n, r in active.items() if r["Type"] in supported and r["Type"] not in api.PREFER_API}
    by_api = {n for n, r in active.items() if n not in in_stack and api.creator(r["Type"])}
    outside = {n for n in active if n not in in_stack and n not in by_api}
    offline = {n for n in outside if api.known_offline(active[n]["Type"])}

    # Resources outside the stack that the stack depends on are created first (or stood in for).
    order = _api_order(active, by_api, in_stack)
    before = [n for n in order if not _depends_on(active[n], in_stack | _deps_closure(active, n, by_api, in_stack))]
    after = [n for n in order if n not in before]
    # Neither the stack nor an API step can create these: stand in for them, and report them as
    # not verifiable (a known offline limit) or as failed (a gap we must not count as deployed).
    for name in sorted(outside):
        rtype = active[name]["Type"]
        _stand_in(ctx, name, rtype)
        if name in offline:
            out.results.append(ResourceResult(name, rtype, NOT_VERIFIABLE, api.offline_reason(rtype)))
        else:
            out.results.append(ResourceResult(name, rtype, FAILED, f"moto cannot create {rtype} and no API step exists for it"))
    for name in before:
        out.results.append(_create_by_api(name, active[name], ctx))

    stack_template, values, output_map = _stack_template(transformed, active, in_stack, by_api | outside, ctx)
    try:
        cfn = boto3.client("cloudformation", region_name=REGION)
        given = {**{k: v for k, v in overrides.items() if k in (transformed.get("Parameters") or {})}, **values}
        cfn.create_stack(StackName=STACK, TemplateBody=json.dumps(stack_template), Parameters=[
            {"ParameterKey": k, "ParameterValue": str(v)} for k, v in given.items()
        ], Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"])
        stack = cfn.describe_stacks(StackName=STACK)["Stacks"][0]
        if stack["StackStatus"] != "CREATE_COMPLETE":
            raise RuntimeError(f'stack status {stack["StackStatus"]}: {stack.get("StackStatusReason", "")}')
        for res in cfn.describe_stack_resources(StackName=STACK)["StackResources"]:
            if res.get("PhysicalResourceId"):
                ctx.refs[res["LogicalResourceId"]] = res["PhysicalResourceId"]
            else:
                # Some moto models (event buses, archives) report no physical id: use the declared name.
                props = active.get(res["LogicalResourceId"], {}).get("Properties", {})
                for key in ("Name", "ArchiveName"):
                    try:
                        name = resolve(props.get(key), ctx)
                    except Unresolvable:
                        name = None
                    if isinstance(name, str):
                        ctx.refs[res["LogicalResourceId"]] = name
                        break
        for output in stack.get("Outputs", []):
            name, attr = output_map[output["OutputKey"]]
            ctx.atts[(name, attr)] = output["OutputValue"]
    except Exception as exc:  # moto raises many exception types; each becomes a reported failure
        out.stack_error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        for name in sorted(in_stack):
            out.results.append(ResourceResult(name, active[name]["Type"], FAILED, f"stack not created: {out.stack_error}"))
        return out

    for name in sorted(in_stack):
        out.results.append(_verify_stack_resource(name, active[name], ctx))
    for name in after:
        out.results.append(_create_by_api(name, active[name], ctx))
    order_index = {n: i for i, n in enumerate(resources)}
    out.results.sort(key=lambda r: order_index.get(r.logical_id, 0))
    return out


def _deps(body: dict) -> set[str]:
    deps = {t for t, _ in references(body.get("Properties", {}))}
    depends_on = body.get("DependsOn", [])
    deps |= set([depends_on] if isinstance(depends_on, str) else depends_on)
    return deps


def _depends_on(body: dict, names: set[str]) -> bool:
    return bool(_deps(body) & names)


def _deps_closure(active, name, by_api, in_stack) -> set[str]:
    """API-created resources that name depends on which themselves need the stack."""
    result, todo = set(), [d for d in _deps(active[name]) if d in by_api]
    while todo:
        d = todo.pop()
        if d in result:
            continue
        if _depends_on(active[d], in_stack):
            result.add(d)
        todo += [x for x in _deps(active[d]) if x in by_api]
    return result


def _api_order(active, by_api, in_stack) -> list[str]:
    ordered, seen = [], set()

    def visit(n):
        if n in seen:
            return
        seen.add(n)
        for d in sorted(_deps(active[n])):
            if d in by_api:
                visit(d)
        ordered.append(n)

    for n in sorted(by_api):
        visit(n)
    return ordered


def _stand_in(ctx: Context, name: str, rtype: str) -> None:
    ctx.refs[name] = f"offline-{name.lower()}"
    for attr in ("Arn", "DomainName", "Id", "Name"):
        value = f"offline-{name.lower()}.cloudfront.net" if attr == "DomainName" else f"offline-{name.lower()}"
        ctx.atts.setdefault((name, attr), value)


def _stack_template(transformed, active, in_stack, outside, ctx) -> tuple[dict, dict, dict]:
    """The template moto deploys: modelled resources only. References to resources outside the
    stack become parameters carrying their values; attributes the API step needs become outputs."""
    values: dict[str, object] = {}
    params: dict[str, dict] = {}

    def outside_value(node):
        (key, arg), = node.items()
        if key == "Ref":
            return ctx.refs.get(arg, f"offline-{arg.lower()}")
        name, attr = arg.split(".", 1) if isinstance(arg, str) else arg
        return ctx.atts.get((name, attr), f"offline-{name.lower()}-{str(attr).lower()}")

    def rewrite(value):
        if isinstance(value, list):
            return [rewrite(v) for v in value]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (key, arg), = value.items()
            target = arg if key == "Ref" and isinstance(arg, str) else (
                (arg.split(".")[0] if isinstance(arg, str) else arg[0]) if key == "Fn::GetAtt" else None)
            if target in outside:
                pname = "Outside" + "".join(ch for ch in json.dumps(value) if ch.isalnum())[:200]
                params[pname] = {"Type": "String"}
                values[pname] = outside_value(value)
                return {"Ref": pname}
            if key == "Fn::Sub":
                text, local = (arg, {}) if isinstance(arg, str) else (arg[0], dict(arg[1]))
                for var in set(re.findall(r"\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}", text)):
                    if var[0] in outside:
                        token = var[0] + ("." + var[1] if var[1] else "")
                        node = {"Fn::GetAtt": [var[0], var[1]]} if var[1] else {"Ref": var[0]}
                        pname = "Outside" + token.replace(".", "")
                        params[pname] = {"Type": "String"}
                        values[pname] = outside_value(node)
                        text = text.replace("${" + token + "}", "${" + pname + "}")
                return {"Fn::Sub": [text, {k: rewrite(v) for k, v in local.items()}] if local else text}
        return {k: rewrite(v) for k, v in value.items()}

    stack_resources = {}
    for name in in_stack:
        body = dict(active[name])
        body.pop("Condition", None)
        if "DependsOn" in body:
            deps = [body["DependsOn"]] if isinstance(body["DependsOn"], str) else body["DependsOn"]
            deps = [d for d in deps if d in in_stack]
            body["DependsOn"] = deps
            if not deps:
                body.pop("DependsOn")
        stack_resources[name] = rewrite(body)
    # Attributes of stack resources that API steps and verifiers need resolved: export them all.
    needed = set()
    for name in outside | in_stack:
        needed |= _needed_atts(active.get(name, {}).get("Properties", {}), in_stack)
    outputs, output_map = {}, {}
    for i, (name, attr) in enumerate(sorted(needed)):
        outputs[f"Att{i}"] = {"Value": {"Fn::GetAtt": [name, attr]}}
        output_map[f"Att{i}"] = (name, attr)
    template = {"AWSTemplateFormatVersion": "2010-09-09", "Parameters": {**(transformed.get("Parameters") or {}), **params},
                "Conditions": transformed.get("Conditions") or {}, "Resources": stack_resources, "Outputs": outputs}
    if not template["Conditions"]:
        del template["Conditions"]
    if not outputs:
        del template["Outputs"]
    return template, values, output_map


def _needed_atts(value, in_stack) -> set[tuple[str, str]]:
    found = set()
    if isinstance(value, dict):
        if len(value) == 1 and "Fn::GetAtt" in value:
            arg = value["Fn::GetAtt"]
            name, attr = arg.split(".", 1) if isinstance(arg, str) else arg
            if name in in_stack and isinstance(attr, str):
                found.add((name, attr))
            return found
        if len(value) == 1 and "Fn::Sub" in value:
            arg = value["Fn::Sub"]
            text = arg if isinstance(arg, str) else arg[0]
            for name, attr in re.findall(r"\$\{([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}", text):
                if name in in_stack:
                    found.add((name, attr))
        for v in value.values():
            found |= _needed_atts(v, in_stack)
    elif isinstance(value, list):
        for v in value:
            found |= _needed_atts(v, in_stack)
    return found


def _create_by_api(name: str, body: dict, ctx: Context) -> ResourceResult:
    rtype = body["Type"]
    try:
        props = resolve(body.get("Properties", {}), ctx)
    except Unresolvable as exc:
        return ResourceResult(name, rtype, FAILED, f"cannot resolve {exc} for the API call")
    try:
        refs, atts = api.creator(rtype)(name, props, ctx)
        ctx.refs[name] = refs
        for attr, value in (atts or {}).items():
            ctx.atts[(name, attr)] = value
        detail = api.verify(rtype, props, refs)
    except Exception as exc:  # a service API refusing the resource is the finding we report
        return ResourceResult(name, rtype, FAILED, f"{type(exc).__name__}: {exc}".splitlines()[0])
    if detail is not None:
        return ResourceResult(name, rtype, FAILED, detail)
    return ResourceResult(name, rtype, CREATED_BY_API)


def _verify_stack_resource(name: str, body: dict, ctx: Context) -> ResourceResult:
    rtype = body["Type"]
    check = api.stack_verifier(rtype)
    if check is None:
        return ResourceResult(name, rtype, FAILED, f"no API check for {rtype}: cannot prove it exists")
    try:
        problem = check(ctx.refs.get(name), body.get("Properties", {}), ctx)
    except Exception as exc:
        problem = f"{type(exc).__name__}: {exc}".splitlines()[0]
    if isinstance(problem, api.Applied):
        return ResourceResult(name, rtype, VERIFIED, str(problem))
    if problem:
        return ResourceResult(name, rtype, FAILED, problem)
    return ResourceResult(name, rtype, VERIFIED)
