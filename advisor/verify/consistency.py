"""Cross-file checks: pattern.yaml must describe template.yaml truthfully.

Every error points at the line of pattern.yaml that makes the claim.
"""

from __future__ import annotations

from advisor.catalog.load import Pattern
from advisor.errors import DataError
from advisor.cfn.template_graph import TemplateGraph, edge_is_wired, resources_of

from advisor.catalog.units import TRAIT_UNITS as _TRAIT_UNITS

_TRAIT_KEYS = ("ordering", "delivery", "consumers", "write_rate_control", "replay", "content_filtering", "replay_window_days", "max_message_kb",
               "max_events_per_s", "strict_order_events_per_s", "max_task_minutes", "latency", "auth", "custom_domain_https",
               "human_approval", "api_features")


def check_data(pattern: Pattern, known_ids: set[str]) -> list[DataError]:
    """Checks on pattern.yaml alone (and the catalog's ids)."""
    doc, data, errors = pattern.doc, pattern.data, []
    for i, alt in enumerate(data.get("alternatives", [])):
        if alt["id"] == pattern.id:
            errors.append(doc.error(("alternatives", i, "id"), f'alternatives[{i}].id: a pattern cannot be its own alternative'))
        elif alt["id"] not in known_ids:
            errors.append(doc.error(("alternatives", i, "id"), f'alternatives[{i}].id: no pattern "{alt["id"]}" in the catalog'))
    for i, comp in enumerate(data.get("compositions", [])):
        if comp["with"] == pattern.id or comp["with"] not in known_ids:
            errors.append(doc.error(("compositions", i, "with"), f'compositions[{i}].with: no other pattern "{comp["with"]}" in the catalog'))
        for key in comp["traits"]:
            if key not in data["traits"] and key not in _TRAIT_KEYS:
                errors.append(doc.error(("compositions", i, "traits", key), f'compositions[{i}].traits: "{key}" is not a trait'))
    limits = {}
    for i, limit in enumerate(data.get("limits", [])):
        if limit["id"] in limits:
            errors.append(doc.error(("limits", i, "id"), f'limits[{i}].id: duplicate limit id "{limit["id"]}"'))
        limits[limit["id"]] = limit
    for key, trait in data.get("traits", {}).items():
        ref = trait.get("limit")
        if ref is None:
            continue
        path = ("traits", key, "limit")
        if ref not in limits:
            errors.append(doc.error(path, f'traits.{key}.limit: no limit with id "{ref}" in limits'))
            continue
        factors = _TRAIT_UNITS.get(key)
        unit = limits[ref]["unit"]
        if factors is None or unit not in factors:
            errors.append(doc.error(path, f'traits.{key}.limit: limit "{ref}" is in {unit}, which cannot be compared with this trait'))
            continue
        expected = limits[ref]["value"] * factors[unit]
        if trait["value"] != expected:
            errors.append(doc.error(("traits", key, "value"), f'traits.{key}.value: {trait["value"]} disagrees with limit "{ref}" ({limits[ref]["value"]} {unit} = {expected:g})'))
    nodes = {n["id"] for n in data.get("topology", {}).get("nodes", [])}
    seen = set()
    for i, node in enumerate(data.get("topology", {}).get("nodes", [])):
        if node["id"] in seen:
            errors.append(doc.error(("topology", "nodes", i, "id"), f'topology.nodes[{i}].id: duplicate node id "{node["id"]}"'))
        seen.add(node["id"])
    for i, node in enumerate(data.get("topology", {}).get("nodes", [])):
        guarded = next((n for n in data["topology"]["nodes"] if n["id"] == node.get("guards")), None)
        if "guards" in node and (guarded is None or guarded.get("part", "core") == "safeguard" or guarded is node):
            errors.append(doc.error(("topology", "nodes", i, "guards"),
                                    f'topology.nodes[{i}].guards: "{node["guards"]}" is not a core or optional node of topology.nodes'))
    for i, edge in enumerate(data.get("topology", {}).get("edges", [])):
        for end in ("from", "to"):
            if edge[end] not in nodes:
                errors.append(doc.error(("topology", "edges", i, end), f'topology.edges[{i}].{end}: no node "{edge[end]}" in topology.nodes'))
    e2e = data.get("verification", {}).get("e2e", {})
    steps = [("send", e2e["send"])] if "send" in e2e else []
    steps += [(("expect", i), x) for i, x in enumerate(e2e.get("expect", []))]
    for where, step in steps:
        if step["node"] not in nodes:
            path = ("verification", "e2e") + (where if isinstance(where, tuple) else (where,)) + ("node",)
            label = "verification.e2e." + (f"expect[{where[1]}]" if isinstance(where, tuple) else where)
            errors.append(doc.error(path, f'{label}.node: no node "{step["node"]}" in topology.nodes'))
    return errors


def check_template(pattern: Pattern, template: dict) -> list[DataError]:
    """Checks that the topology and operations in pattern.yaml exist in template.yaml."""
    doc, data, errors = pattern.doc, pattern.data, []
    resources = resources_of(template)
    graph = TemplateGraph.build(template)
    tfile = pattern.template_file.name

    def must_exist(path, logical_id, label, rtype=None):
        if logical_id not in resources:
            errors.append(doc.error(path, f'{label}: no resource "{logical_id}" in {tfile}'))
            return False
        actual = resources[logical_id].get("Type")
        if rtype and actual != rtype:
            errors.append(doc.error(path, f'{label}: resource "{logical_id}" in {tfile} is {actual}, expected {rtype}'))
            return False
        return True

    roles = {}
    for i, node in enumerate(data["topology"]["nodes"]):
        if must_exist(("topology", "nodes", i, "resource"), node["resource"], f"topology.nodes[{i}].resource", node["type"]):
            roles[node["id"]] = node["resource"]
    for i, edge in enumerate(data["topology"]["edges"]):
        source, target = roles.get(edge["from"]), roles.get(edge["to"])
        if source and target and not edge_is_wired(graph, edge["kind"], source, target):
            errors.append(doc.error(("topology", "edges", i),
                                    f'topology.edges[{i}]: "{edge["from"]} {edge["kind"]} {edge["to"]}" is not wired in {tfile} '
                                    f'(no event source, subscription, notification or Ref/GetAtt between {source} and {target})'))
    ops = data["operations"]
    for i, alarm in enumerate(ops["alarms"]):
        path = ("operations", "alarms", i, "resource")
        if not must_exist(path, alarm["resource"], f"operations.alarms[{i}].resource", "AWS::CloudWatch::Alarm"):
            continue
        props = resources[alarm["resource"]].get("Properties", {})
        for field, prop in (("namespace", "Namespace"), ("metric", "MetricName"), ("threshold", "Threshold")):
            actual = props.get(prop)
            if isinstance(actual, (str, int, float)) and not isinstance(actual, bool):
                same = float(actual) == float(alarm[field]) if field == "threshold" else actual == alarm[field]
                if not same:
                    errors.append(doc.error(("operations", "alarms", i, field),
                                            f'operations.alarms[{i}].{field}: {alarm[field]!r} but {alarm["resource"]} in {tfile} has {prop} {actual!r}'))
        if not props.get("AlarmActions"):
            errors.append(doc.error(path, f'operations.alarms[{i}]: alarm {alarm["resource"]} in {tfile} has no AlarmActions; nobody would be told'))
        for action in props.get("AlarmActions") or []:
            topic = action.get("Ref") if isinstance(action, dict) else None
            key = resources.get(topic, {}).get("Properties", {}).get("KmsMasterKeyId") if topic else None
            if key == "alias/aws/sns":
                # The AWS managed key's policy cannot grant CloudWatch kms:GenerateDataKey/Decrypt:
                # https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
                errors.append(doc.error(path, f'operations.alarms[{i}]: alarm {alarm["resource"]} notifies {topic}, which is encrypted '
                                              f'with alias/aws/sns; CloudWatch cannot publish to it, so the alarm would reach nobody. '
                                              f'Use a customer managed key whose policy lets cloudwatch.amazonaws.com use it'))
    for i, dl in enumerate(ops["dead_letter"]):
        must_exist(("operations", "dead_letter", i, "for"), dl["for"], f"operations.dead_letter[{i}].for")
        must_exist(("operations", "dead_letter", i, "target"), dl["target"], f"operations.dead_letter[{i}].target")
    for i, grant in enumerate(ops["iam_scope"]):
        must_exist(("operations", "iam_scope", i, "principal"), grant["principal"], f"operations.iam_scope[{i}].principal")
        must_exist(("operations", "iam_scope", i, "resource"), grant["resource"], f"operations.iam_scope[{i}].resource")
    return errors


def granted_actions(transformed: dict, principal: str, resource: str, graph: TemplateGraph | None = None) -> set[str] | None:
    """Actions the principal's IAM policies grant on statements that name the resource.

    Works on the transformed template, where SAM policy templates are expanded. Returns None when
    the principal's role cannot be found. Pass the template's graph when asking several times.
    """
    graph = graph or TemplateGraph.build(transformed)
    resources = graph.resources
    body = resources.get(principal, {})
    if body.get("Type") == "AWS::CloudFront::Distribution" or principal not in resources:
        return None
    role = principal if body.get("Type") == "AWS::IAM::Role" else graph.role_of(principal)
    docs = []
    if role is not None:
        docs += [p.get("PolicyDocument", {}) for p in resources[role].get("Properties", {}).get("Policies", []) or []]
        for name, other in resources.items():
            if other.get("Type") in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy") and graph.refers(name, role):
                docs.append(other.get("Properties", {}).get("PolicyDocument", {}))
    if role is None and not docs:
        return None
    actions: set[str] = set()
    from advisor.cfn.template_graph import references
    named = _named_arn(transformed, resource)
    for document in docs:
        statements = document.get("Statement", []) if isinstance(document, dict) else []
        for st in statements if isinstance(statements, list) else [statements]:
            if not isinstance(st, dict) or st.get("Effect") != "Allow":
                continue
            if not (any(target == resource for target, _ in references(st.get("Resource")))
                    or (named and any(_names(r, named) for r in _resolved_list(transformed, st.get("Resource"))))):
                continue
            acts = st.get("Action", [])
            actions.update([acts] if isinstance(acts, str) else acts)
    return actions


def check_iam(pattern: Pattern, transformed: dict) -> list[DataError]:
    """Each iam_scope entry must be exactly what the template grants: no less, no more."""
    doc, errors = pattern.doc, []
    graph = TemplateGraph.build(transformed)  # built once for every grant checked below
    for i, grant in enumerate(pattern.data["operations"]["iam_scope"]):
        actual = granted_actions(transformed, grant["principal"], grant["resource"], graph)
        if actual is None:
            continue  # resource-based grants (bucket policies) are checked by review rules
        declared = set(grant["actions"])
        missing, extra = sorted(declared - actual), sorted(actual - declared)
        path = ("operations", "iam_scope", i, "actions")
        if missing:
            errors.append(doc.error(path, f'operations.iam_scope[{i}].actions: {grant["principal"]} is not granted {", ".join(missing)} on {grant["resource"]} in the template'))
        if extra:
            errors.append(doc.error(path, f'operations.iam_scope[{i}].actions: {grant["principal"]} is also granted {", ".join(extra)} on {grant["resource"]}; list it here or remove it from the template'))
    return errors


def _named_arn(template: dict, resource: str) -> str | None:
    """The ARN of a bucket given a fixed BucketName, for policies that must name it instead of
    referencing it (a reference would form a cycle with the bucket's notification to the function)."""
    body = resources_of(template).get(resource, {})
    if body.get("Type") != "AWS::S3::Bucket" or "BucketName" not in body.get("Properties", {}):
        return None
    resolved = _resolved_list(template, body["Properties"]["BucketName"])
    return f"arn:aws:s3:::{resolved[0]}" if resolved else None


def _resolved_list(template: dict, value) -> list[str]:
    from advisor.cfn.intrinsics import Context, Unresolvable, resolve
    from advisor.cfn.sam import parameter_values

    ctx = Context(refs=parameter_values(template))
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values:
        try:
            r = resolve(v, ctx)
        except Unresolvable:
            continue
        if isinstance(r, str):
            out.append(r)
    return out


def _names(arn: str, bucket_arn: str) -> bool:
    return arn == bucket_arn or arn.startswith(bucket_arn + "/")
