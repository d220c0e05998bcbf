"""A CloudFormation/SAM template as a graph: resources are nodes; references and wiring are edges.

Shared by `validate` (is each topology edge really wired?) and `review` (which patterns does a
template contain?). An edge A -> B means "A's properties reference B", with the property path
kept so callers can tell an environment variable from a policy or an event source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SUB_VAR = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}")


def resources_of(template: dict) -> dict[str, dict]:
    res = template.get("Resources") if isinstance(template, dict) else None
    return {k: v for k, v in res.items() if isinstance(v, dict)} if isinstance(res, dict) else {}


def references(value, path=()):
    """Yield (logical_id, path) for every Ref, Fn::GetAtt and Fn::Sub variable inside value."""
    if isinstance(value, dict):
        if len(value) == 1:
            (key, arg), = value.items()
            if key == "Ref" and isinstance(arg, str):
                yield arg, path
                return
            if key == "Fn::GetAtt":
                target = arg[0] if isinstance(arg, list) and arg else (arg.split(".")[0] if isinstance(arg, str) else None)
                if isinstance(target, str):
                    yield target, path
                return
            if key == "Fn::Sub":
                text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1] if len(arg) > 1 else {}) if isinstance(arg, list) and arg else ("", {})
                if isinstance(text, str):
                    for match in _SUB_VAR.finditer(text):
                        if not (isinstance(variables, dict) and match.group(1) in variables):
                            yield match.group(1), path
                if isinstance(variables, dict):
                    for k, v in variables.items():
                        yield from references(v, path + (k,))
                return
        for k, v in value.items():
            yield from references(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from references(v, path + (i,))


@dataclass
class TemplateGraph:
    resources: dict[str, dict]
    # refs[a][b] = list of property paths in a that reference b
    refs: dict[str, dict[str, list[tuple]]] = field(default_factory=dict)

    @classmethod
    def build(cls, template: dict) -> "TemplateGraph":
        resources = resources_of(template)
        graph = cls(resources)
        for name, body in resources.items():
            out: dict[str, list[tuple]] = {}
            for target, path in references(body.get("Properties", {}), ("Properties",)):
                if target in resources and target != name:
                    out.setdefault(target, []).append(path)
            graph.refs[name] = out
        return graph

    def type_of(self, name: str) -> str | None:
        return self.resources.get(name, {}).get("Type")

    def ref_paths(self, source: str, target: str) -> list[tuple]:
        return self.refs.get(source, {}).get(target, [])

    def refers(self, source: str, target: str, under: tuple[str, ...] = ()) -> bool:
        """Does source reference target, optionally only under one of the given top properties?"""
        for path in self.ref_paths(source, target):
            if not under or (len(path) > 1 and path[1] in under):
                return True
        return False

    def linkers(self, a: str, b: str, types: tuple[str, ...]) -> list[str]:
        """Resources of the given types that reference both a and b (subscriptions, mappings, rules)."""
        return [n for n, body in self.resources.items()
                if body.get("Type") in types and self.refers(n, a) and self.refers(n, b)]

    def role_of(self, function: str) -> str | None:
        """The IAM role resource a function or state machine uses, when it is in the template."""
        for target in self.refs.get(function, {}):
            if self.type_of(target) == "AWS::IAM::Role" and self.refers(function, target, ("Role", "RoleArn")):
                return target
        return None

    def grants(self, principal: str, target: str) -> bool:
        """Does the principal's policy (SAM Policies, its role, or a policy on its role) name target?"""
        if self.refers(principal, target, ("Policies",)):
            return True
        role = self.role_of(principal)
        if role is None:
            return False
        if self.refers(role, target, ("Policies", "ManagedPolicyArns")):
            return True
        for name, body in self.resources.items():
            if body.get("Type") in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy") and self.refers(name, role) and self.refers(name, target):
                return True
        return False


LINKER_TYPES = (
    "AWS::Lambda::EventSourceMapping", "AWS::SNS::Subscription", "AWS::Events::Rule",
    "AWS::Scheduler::Schedule", "AWS::Pipes::Pipe", "AWS::Lambda::Permission",
)
API_LINK_TYPES = ("AWS::ApiGateway::Method", "AWS::ApiGatewayV2::Integration", "AWS::ApiGatewayV2::Route")


def edge_is_wired(graph: TemplateGraph, kind: str, source: str, target: str) -> bool:
    """Is a topology edge of this kind between two logical ids really wired in the template?"""
    if kind == "triggers":
        return (graph.refers(target, source, ("Events",))
                or bool(graph.linkers(source, target, ("AWS::Lambda::EventSourceMapping", "AWS::Events::Rule", "AWS::Pipes::Pipe")))
                or graph.refers(source, target, ("NotificationConfiguration", "Target", "Targets")))
    if kind == "subscribes":
        return (bool(graph.linkers(source, target, ("AWS::SNS::Subscription", "AWS::Events::Rule", "AWS::Pipes::Pipe")))
                or graph.refers(source, target, ("Subscription", "Targets"))
                or graph.refers(target, source, ("Events",)))
    if kind == "invokes":
        return (graph.refers(source, target, ("DefinitionBody", "Definition", "DefinitionSubstitutions", "Environment", "Policies", "Target", "Targets", "Body"))
                or graph.refers(target, source, ("Events",))
                or bool(graph.linkers(source, target, API_LINK_TYPES))
                or graph.grants(source, target))
    # A CloudFront distribution reads its origins and writes its logs through DistributionConfig.
    if kind in ("publishes", "writes"):
        return graph.grants(source, target) or graph.refers(source, target, ("Environment", "DefinitionSubstitutions", "DistributionConfig"))
    if kind == "reads":
        return graph.grants(target, source) or graph.refers(target, source, ("Environment", "DefinitionSubstitutions", "DistributionConfig"))
    return False
