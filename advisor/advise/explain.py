"""What the advisor says besides the ranking: pointers to AWS services for needs outside the
catalog (rules.yaml `beyond_catalog`), and, when nothing fits, which requirements no pattern meets
alone or together."""

from __future__ import annotations

from advisor.advise.checks import FAILS, condition_met, fmt
from advisor.advise.rules import Rules


def _condition(key: str, condition) -> str:
    if isinstance(condition, dict):
        words = {"at_least": ">=", "below": "<"}
        return ", ".join(f"{key} {words[op]} {fmt(bound)}" for op, bound in condition.items())
    return f"{key}={fmt(condition)}"


def pointers(decided: dict, rules: Rules) -> list[str]:
    """Every pointer whose conditions the requirements meet."""
    out = []
    for pointer in rules.beyond_catalog:
        if all(condition_met(c, decided.get(k)) for k, c in pointer["when"].items()):
            when = ", ".join(_condition(k, c) for k, c in pointer["when"].items())
            out.append(f"{when} is outside this catalog: look at {pointer['service']}. {pointer['why']} {pointer['url']}")
    return out


def conflicts(decided: dict, rules: Rules, index, columns, rows, out: list[str]) -> list[str]:
    """Explain why nothing fits: requirements no pattern meets, then pairs no pattern meets together."""
    out = list(out)
    keys = [d.key for d, _, _ in columns]
    workload = decided.get("workload")
    verdicts = [dict(zip(keys, row)) for row in rows]
    pool = [i for i, v in enumerate(verdicts) if v.get("workload") != FAILS]
    if workload and not pool:
        return out + [f"no pattern in the catalog is built for workload {workload}"]
    asked = [k for k in keys if k != "workload"]
    ok = {k: {i for i in pool if verdicts[i][k] != FAILS} for k in asked}
    pointed = {k for p in rules.beyond_catalog for k in p["when"]}
    for k in asked:
        if not ok[k] and not (out and k in pointed):
            out.append(f"{k}={fmt(decided[k])}: no {workload or ''} pattern in the catalog meets it; relax it".replace("  ", " "))
    rest = [k for k in asked if ok[k]]
    for n, a in enumerate(rest):
        for b in rest[n + 1:]:
            if not ok[a] & ok[b]:
                names = ", ".join(sorted(index.ids[i] for i in ok[a]))
                out.append(f"{a}={fmt(decided[a])} conflicts with {b}={fmt(decided[b])}: the patterns that meet the first "
                           f"({names}) cannot meet the second; relax one of them")
    if not out:
        out.append("no single pattern meets all of these requirements together; relax the one you can most easily change")
    return out
