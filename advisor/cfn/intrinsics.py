"""A small resolver for CloudFormation intrinsic functions, used for resources that moto's
CloudFormation ignores and that we therefore create through the service APIs ourselves."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

_SUB_VAR = re.compile(r"\$\{([^}!][^}]*)\}")


class Unresolvable(Exception):
    pass


@dataclass
class Context:
    refs: dict[str, object] = field(default_factory=dict)  # logical id or parameter -> value
    atts: dict[tuple[str, str], object] = field(default_factory=dict)  # (logical id, attribute) -> value
    conditions: dict[str, bool] = field(default_factory=dict)


def resolve(value, ctx: Context):
    """Resolve intrinsics inside value; raises Unresolvable when a reference is unknown."""
    if isinstance(value, list):
        return [resolve(v, ctx) for v in value if not (isinstance(v, dict) and v == {"Ref": "AWS::NoValue"})]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (key, arg), = value.items()
        if key == "Ref":
            if arg not in ctx.refs:
                raise Unresolvable(f"Ref {arg}")
            return ctx.refs[arg]
        if key == "Fn::GetAtt":
            name, attr = (arg.split(".", 1) if isinstance(arg, str) else (arg[0], resolve(arg[1], ctx)))
            if (name, attr) not in ctx.atts:
                raise Unresolvable(f"GetAtt {name}.{attr}")
            return ctx.atts[(name, attr)]
        if key == "Fn::Sub":
            text, local = (arg, {}) if isinstance(arg, str) else (arg[0], resolve(arg[1], ctx))

            def sub(match):
                var = match.group(1)
                if var in local:
                    return str(local[var])
                if "." in var:
                    name, attr = var.split(".", 1)
                    if (name, attr) in ctx.atts:
                        return str(ctx.atts[(name, attr)])
                if var in ctx.refs:
                    return str(ctx.refs[var])
                raise Unresolvable(f"Sub ${{{var}}}")

            return _SUB_VAR.sub(sub, text)
        if key == "Fn::Join":
            sep, items = arg
            return str(sep).join(str(x) for x in resolve(items, ctx))
        if key == "Fn::Select":
            index, items = resolve(arg, ctx)
            return items[int(index)]
        if key == "Fn::Split":
            sep, text = resolve(arg, ctx)
            return text.split(sep)
        if key == "Fn::If":
            cond, yes, no = arg
            chosen = yes if condition(cond, ctx) else no
            return resolve(chosen, ctx)
        if key == "Fn::ToJsonString":
            return json.dumps(resolve(arg, ctx), separators=(",", ":"))
        if key in ("Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition"):
            return evaluate({key: arg}, ctx)
    out = {}
    for k, v in value.items():
        resolved = resolve(v, ctx)
        if resolved == "AWS::NoValue":
            continue
        out[k] = resolved
    return out


def evaluate(expr, ctx: Context) -> bool:
    (key, arg), = expr.items()
    if key == "Fn::Equals":
        a, b = (resolve(x, ctx) for x in arg)
        return str(a) == str(b)
    if key == "Fn::Not":
        return not evaluate(arg[0], ctx)
    if key == "Fn::And":
        return all(evaluate(x, ctx) for x in arg)
    if key == "Fn::Or":
        return any(evaluate(x, ctx) for x in arg)
    if key == "Condition":
        return condition(arg, ctx)
    raise Unresolvable(f"condition {key}")


def condition(name: str, ctx: Context) -> bool:
    if name not in ctx.conditions:
        raise Unresolvable(f"Condition {name}")
    return ctx.conditions[name]


def evaluate_conditions(template: dict, ctx: Context) -> None:
    """Evaluate the template's Conditions section in dependency order."""
    pending = dict(template.get("Conditions") or {})
    for _ in range(len(pending) + 1):
        for name in list(pending):
            try:
                ctx.conditions[name] = evaluate(pending[name], ctx)
                del pending[name]
            except Unresolvable:
                continue
    if pending:
        raise Unresolvable(f"conditions {', '.join(pending)}")
