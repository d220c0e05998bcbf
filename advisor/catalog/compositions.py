"""Pairs of catalog patterns that solve together what neither solves alone (a pattern's
`compositions`), as pattern-shaped data the advisor evaluates like any single pattern.

The pair's traits are the downstream pattern's, overridden by the values the composition states
(for a claim check in front of a fan-out: the claim check's payload size, the fan-out's consumers)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Composite:
    id: str  # "upstream+downstream"
    data: dict
    parts: tuple[str, str]
    solves: str
    source: str


def composites(patterns) -> list[Composite]:
    """Every composition a pattern of this iterable names with another pattern of it, in id order."""
    by_id = {p.id: p for p in patterns}
    out = []
    for pid in sorted(by_id):
        upstream = by_id[pid].data
        for entry in upstream.get("compositions", ()):
            downstream = by_id.get(entry["with"])
            if downstream is None:
                continue
            out.append(Composite(f"{pid}+{entry['with']}", _pair(upstream, downstream.data, entry), (pid, entry["with"]),
                                 entry["solves"], entry["source"]))
    return out


def _pair(upstream: dict, downstream: dict, entry: dict) -> dict:
    traits = dict(downstream["traits"])
    for key, value in entry["traits"].items():
        traits[key] = {"value": value, "note": entry["solves"]}
    return {
        "name": f"{upstream['name']}, then {downstream['name']}",
        "workloads": entry.get("workloads", downstream["workloads"]),
        "traits": traits,
        "limits": downstream.get("limits", []),
        "cons": list(upstream["cons"][:1]) + list(downstream["cons"][:2]),
        "topology": {"nodes": upstream["topology"]["nodes"] + downstream["topology"]["nodes"]},
        "never_first_choice": downstream.get("never_first_choice"),
    }
