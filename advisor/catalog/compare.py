"""Patterns side by side, as data: compare_patterns(catalog, ids) returns a JSON-ready dict that
the CLI renders as a table and prints as-is with --json (and that other front ends can reuse)."""

from __future__ import annotations

from advisor.errors import UsageError

LIMIT_KEYS = ("id", "service", "name", "value", "unit", "adjustable", "adjustable_up_to", "source", "as_of")


def compare_patterns(catalog, ids: list[str]) -> dict:
    """{"trait_keys": [...], "patterns": [{id, name, category, services, moving_parts, traits, limits,
    pros, cons}]}. A trait a pattern does not state is absent from its traits; values stay typed."""
    if len(ids) < 2:
        raise UsageError("compare: name at least two patterns")
    seen = set()
    for pid in ids:
        if pid in seen:
            raise UsageError(f'compare: "{pid}" is named twice')
        seen.add(pid)
    patterns = [catalog.get(pid) for pid in ids]
    keys: list[str] = []
    for p in patterns:
        keys += [k for k in p.data["traits"] if k not in keys]
    return {
        "trait_keys": keys,
        "patterns": [{
            "id": p.id,
            "name": p.name,
            "category": p.data["category"],
            "services": list(p.data["services"]),
            "moving_parts": len(p.data["topology"]["nodes"]),
            "traits": {k: {"value": t["value"], "note": t.get("note")} for k, t in p.data["traits"].items()},
            "limits": [{k: limit[k] for k in LIMIT_KEYS if k in limit} for limit in p.data["limits"]],
            "pros": list(p.data["pros"]),
            "cons": list(p.data["cons"]),
        } for p in patterns],
    }
