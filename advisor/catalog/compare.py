"""Patterns side by side, as data: the trait table (`advisor compare`'s columns), moving parts,
limits, pros and cons. The CLI renders it as a table; `--json` and the MCP server return it."""

from __future__ import annotations

from advisor.errors import UsageError


def trait_cell(value) -> str:
    """A trait value as the comparison table shows it."""
    if isinstance(value, list):
        return "none" if value == [] else ", ".join(value)
    return "unlimited" if value is None else str(value)


def comparison(catalog, ids: list[str]) -> dict:
    """The named patterns compared; raises on fewer than two ids or an unknown id."""
    if len(ids) < 2:
        raise UsageError("compare: name at least two patterns")
    patterns = [catalog.get(i) for i in ids]
    keys: list[str] = []
    for p in patterns:
        keys += [k for k in p.data["traits"] if k not in keys]
    return {
        "ids": [p.id for p in patterns],
        # per trait, each pattern's {value, note} in the order of ids; null where a pattern lacks the trait
        "traits": {k: [p.data["traits"].get(k) for p in patterns] for k in keys},
        "moving_parts": [len(p.data["topology"]["nodes"]) for p in patterns],
        "patterns": [{"id": p.id, "name": p.name, "limits": p.data["limits"], "pros": p.data["pros"], "cons": p.data["cons"]}
                     for p in patterns],
    }
