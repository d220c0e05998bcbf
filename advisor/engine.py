"""The advisor: requirements in, every pattern out exactly once, recommended (ranked, explained)
or ruled out (with every failed rule and its reason, taken from the pattern's own data).

Ranking prefers the pattern that meets the requirements with the fewest moving parts: fewer
partial matches first, then fewer topology nodes; patterns whose data says they are never the
first choice go last; the id breaks remaining ties so the order is stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .rules import Rules, load_rules

MEETS, PARTIAL, FAILS = "meets", "partial", "fails"


@dataclass
class Recommendation:
    id: str
    name: str
    score: int
    why: list[str]
    tradeoffs: list[str]
    partial: list[str]


@dataclass
class RuledOut:
    id: str
    name: str
    reasons: list[str]


@dataclass
class Result:
    requirements: dict
    recommended: list[Recommendation] = field(default_factory=list)
    ruled_out: list[RuledOut] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "requirements": self.requirements,
            "recommended": [{"id": r.id, "name": r.name, "score": r.score, "why": r.why, "tradeoffs": r.tradeoffs,
                             "partial": r.partial} for r in self.recommended],
            "ruled_out": [{"id": r.id, "name": r.name, "reasons": r.reasons} for r in self.ruled_out],
            "conflicts": self.conflicts,
        }


def _fmt(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return f"{value:,g}" if isinstance(value, float) else f"{value:,}"
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    return str(value)


def check(question: dict, required, data: dict) -> tuple[str, str]:
    """Decide one requirement against one pattern: (meets|partial|fails, reason in words)."""
    return compile_check(question, required)(data)


def compile_check(question: dict, required):
    """The decision for one answered question, prepared once and applied to every pattern.

    decide(data, text) returns (status, reason); with text=False the reason is None, so patterns
    that end up ruled out do not pay for the sentences of the requirements they meet.
    """
    rule, label = question["rule"], question["label"]
    kind = rule["kind"]
    if kind == "workload":
        def decide(data, text=True):
            workloads = data["workloads"]
            if required in workloads:
                return MEETS, (f"{label}: built for {required}" if text else None)
            return FAILS, (f"{label}: built for {_fmt(workloads)}, not {required}" if text else None)
        return decide
    trait_key = rule["trait"]
    if kind == "equals":
        def decide(data, text=True):
            trait = data["traits"].get(trait_key)
            value = trait["value"] if trait else rule["default"]
            if value == required:
                return MEETS, (f"{label}: {_fmt(value)}" if text else None)
            return FAILS, (f"{label}: needs {required}; this pattern speaks {value} only" if text else None)
        return decide
    missing = (FAILS, f"{label}: needs {_fmt(required)}; this pattern has no {label} to offer")

    def said(trait):
        note = trait.get("note")
        return f" {note}" if note else ""

    if kind == "at-least":
        rank = {v: i for i, v in enumerate(rule["order"])}
        needed = rank[required]

        def decide(data, text=True):
            trait = data["traits"].get(trait_key)
            if trait is None:
                return missing
            value = trait["value"]
            if rank[value] >= needed:
                return MEETS, (f"{label}: {value}.{said(trait)}" if text else None)
            return FAILS, (f"{label}: needs {required}, this pattern gives {value}.{said(trait)}" if text else None)
        return decide
    if kind == "required":
        def decide(data, text=True):
            trait = data["traits"].get(trait_key)
            if trait is None:
                return missing
            if not required or trait["value"]:
                return MEETS, (f"{label}: yes.{said(trait)}" if text else None)
            return FAILS, (f"{label}: needed, not offered.{said(trait)}" if text else None)
        return decide
    if kind == "not-above":
        unit = question.get("unit", "")
        shown = _fmt(required)

        def decide(data, text=True):
            trait = data["traits"].get(trait_key)
            if trait is None:
                return missing
            value = trait["value"]
            if value is None or required <= value:
                if not text:
                    return MEETS, None
                limit = "no documented limit" if value is None else f"up to {_fmt(value)} {unit}"
                return MEETS, f"{label}: {shown} {unit} needed, {limit}.{said(trait)}"
            limit = _limit_for(data, trait_key)
            ceiling = _ceiling(limit, trait_key)
            adjustable = bool(limit and limit.get("adjustable"))
            status = PARTIAL if adjustable and (ceiling is None or required <= ceiling) else FAILS
            if not text:
                return status, None
            source = f" (limit: {limit['name']}, {limit['source']}, as of {limit['as_of']})" if limit else ""
            if status == PARTIAL:
                return PARTIAL, (f"{label}: {shown} {unit} is above the default quota of {_fmt(value)} {unit}, "
                                 f"which AWS raises on request{source}.{said(trait)}")
            if adjustable:
                return FAILS, (f"{label}: needs {shown} {unit}, the limit is {_fmt(value)} {unit} and can be raised "
                               f"only to {_fmt(ceiling)} {unit}{source}.{said(trait)}")
            return FAILS, f"{label}: needs {shown} {unit}, the limit is {_fmt(value)} {unit}{source}.{said(trait)}"
        return decide
    if kind == "accepts":
        accepted = set(rule["accepts"][required])

        def decide(data, text=True):
            trait = data["traits"].get(trait_key)
            if trait is None:
                return missing
            value = trait["value"]
            if value in accepted:
                return MEETS, (f"{label}: {value}.{said(trait)}" if text else None)
            return FAILS, (f"{label}: needs {required}, this pattern is {value}.{said(trait)}" if text else None)
        return decide
    if kind == "includes":
        def decide(data, text=True):
            trait = data["traits"].get(trait_key)
            if trait is None:
                return missing
            value = trait["value"]
            if required in value:
                return MEETS, (f"{label}: supports {required}.{said(trait)}" if text else None)
            return FAILS, (f"{label}: needs {required}, this pattern supports {_fmt(value)}.{said(trait)}" if text else None)
        return decide
    if kind == "includes-all":
        def decide(data, text=True):
            trait = data["traits"].get(trait_key)
            if trait is None:
                return missing
            lacking = [x for x in required if x not in trait["value"]]
            if not lacking:
                return MEETS, (f"{label}: supports {_fmt(required)}.{said(trait)}" if text else None)
            return FAILS, (f"{label}: needs {_fmt(lacking)}, not available.{said(trait)}" if text else None)
        return decide
    raise ValueError(f"unknown rule kind {kind}")


def _limit_for(data: dict, trait_key: str) -> dict | None:
    ref = data["traits"].get(trait_key, {}).get("limit")
    for limit in data.get("limits", []):
        if limit["id"] == ref:
            return limit
    return None


def _ceiling(limit: dict | None, trait_key: str):
    """The highest value an adjustable limit can reach, in the trait's unit (None: no documented ceiling)."""
    if not limit or "adjustable_up_to" not in limit:
        return None
    from .units import in_trait_unit

    return in_trait_unit(trait_key, limit["adjustable_up_to"], limit["unit"])


def _moving_parts(data: dict) -> int:
    return len(data["topology"]["nodes"])


def excess(data: dict, requirements: dict, rules: Rules) -> list[str]:
    """Guarantees the pattern offers beyond what was asked, on questions marked rank_excess."""
    out = []
    for q in rules.questions:
        if not q.get("rank_excess"):
            continue
        trait = data["traits"].get(q["rule"]["trait"])
        if trait is None:
            continue
        value, required = trait["value"], requirements.get(q["key"])
        if q["rule"]["kind"] == "at-least":
            order = q["rule"]["order"]
            if order.index(value) > order.index(required if required is not None else order[0]):
                out.append(f"{q['label']} {value}")
        elif value is True and required is not True:
            out.append(q["label"])
    return out


def recommend(requirements: dict, catalog, rules: Rules | None = None) -> Result:
    """Evaluate every pattern of the catalog (an iterable of objects with .id and .data)."""
    rules = rules or load_rules()
    asked = [(rules.question(k), v) for k, v in requirements.items()]
    deciders = [(q["key"], compile_check(q, v)) for q, v in asked]
    result = Result(dict(requirements))
    fits = []
    verdicts: dict[str, dict[str, str]] = {}
    for pattern in catalog:
        data = pattern.data
        reasons, partial, why = [], [], []
        verdict = verdicts.setdefault(pattern.id, {})
        statuses = [decide(data, False)[0] for _, decide in deciders]
        failed = FAILS in statuses
        for (key, decide), status in zip(deciders, statuses):
            verdict[key] = status
            if failed:
                if status == FAILS:
                    reasons.append(decide(data)[1])
            elif status == PARTIAL:
                partial.append(decide(data)[1])
            else:
                why.append(decide(data)[1])
        if reasons:
            result.ruled_out.append(RuledOut(pattern.id, data["name"], reasons))
        else:
            fits.append((pattern, why, partial))

    extra = {pattern.id: excess(pattern.data, requirements, rules) for pattern, _, _ in fits}

    def rank(item):
        pattern, _, partial = item
        return (bool(pattern.data.get("never_first_choice")), len(partial), len(extra[pattern.id]),
                _moving_parts(pattern.data), pattern.id)

    fits.sort(key=rank)
    for position, (pattern, why, partial) in enumerate(fits, 1):
        data = pattern.data
        parts = _moving_parts(data)
        more = extra[pattern.id]
        score = 100 - 10 * len(partial) - 5 * len(more) - parts - (50 if data.get("never_first_choice") else 0)
        order = f"Ranked {position} of {len(fits)}: "
        order += f"{len(partial)} partial match(es)" if partial else "meets every requirement in full"
        order += (f", offers more than asked ({', '.join(more)}), which costs throughput, money or operations"
                  if more else ", no guarantees beyond what you asked")
        order += f", {parts} moving parts"
        if data.get("never_first_choice"):
            order += f"; never the first choice: {data['never_first_choice']}"
        result.recommended.append(Recommendation(pattern.id, data["name"], score, [order + "."] + why, list(data["cons"]), partial))
    result.ruled_out.sort(key=lambda r: r.id)
    if not result.recommended:
        result.conflicts = _conflicts(requirements, asked, verdicts, rules)
    else:
        result.conflicts = _beyond(requirements, rules)
    return result


def _beyond(requirements: dict, rules: Rules) -> list[str]:
    out = []
    for pointer in rules.beyond_catalog:
        if all(requirements.get(k) == v for k, v in pointer["when"].items()):
            when = ", ".join(f"{k}={v}" for k, v in pointer["when"].items())
            out.append(f"{when} is outside this catalog: look at {pointer['service']}. {pointer['why']} {pointer['url']}")
    return out


def _conflicts(requirements: dict, asked, verdicts: dict[str, dict[str, str]], rules: Rules) -> list[str]:
    """Explain why nothing fits: requirements no pattern meets, then pairs no pattern meets together."""
    out = _beyond(requirements, rules)
    workload = requirements.get("workload")
    pool = [pid for pid, v in verdicts.items() if v.get("workload", MEETS) != FAILS]
    if workload and not pool:
        return out + [f"no pattern in the catalog is built for workload {workload}"]
    keys = [q["key"] for q, _ in asked if q["key"] != "workload"]
    ok = {k: {pid for pid in pool if verdicts[pid][k] != FAILS} for k in keys}
    alone = [k for k in keys if not ok[k]]
    for k in alone:
        if not any(k in p["when"] for p in rules.beyond_catalog):
            out.append(f"{k}={_fmt(requirements[k])}: no {workload or ''} pattern in the catalog meets it; relax it".replace("  ", " "))
    rest = [k for k in keys if ok[k]]
    for i, a in enumerate(rest):
        for b in rest[i + 1:]:
            if not ok[a] & ok[b]:
                out.append(f"{a}={_fmt(requirements[a])} conflicts with {b}={_fmt(requirements[b])}: the patterns that meet the first "
                           f"({', '.join(sorted(ok[a]))}) cannot meet the second; relax one of them")
    if not out:
        out.append("no single pattern meets all of these requirements together; relax the one you can most easily change")
    return out
