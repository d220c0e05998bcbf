"""The data the in-browser advisor evaluates: the rules and, per pattern, exactly the fields the
engine reads. The page's engine (site/javascripts/advisor-engine.js) ports advisor/advise/."""

from __future__ import annotations

import json

from advisor.advise.rules import load_rules


def _ceiling(limit: dict, traits: dict):
    """The ceiling in the unit of the trait that cites this limit (the page compares in trait units)."""
    from advisor.catalog.index import ceiling_in_trait_unit

    for key, trait in traits.items():
        if trait.get("limit") == limit["id"]:
            return ceiling_in_trait_unit(limit, key)
    return None


def _pattern(pid: str, d: dict) -> dict:
    return {
        "id": pid, "name": d["name"], "workloads": d["workloads"], "traits": d["traits"],
        "limits": [{**{k: l[k] for k in ("id", "name", "source", "as_of", "adjustable", "raised_by") if k in l},
                    **({"ceiling": _ceiling(l, d["traits"])} if "adjustable_up_to" in l else {})} for l in d.get("limits", [])],
        "moving_parts": len(d["topology"]["nodes"]), "never_first_choice": d.get("never_first_choice"),
        "cons": d["cons"],
    }


def export(catalog) -> str:
    from advisor.catalog.compositions import composites

    rules = load_rules()
    patterns = sorted(catalog, key=lambda p: p.id)
    composed = [{**_pattern(c.id, c.data), "parts": list(c.parts), "solves": c.solves, "source": c.source}
                for c in composites(patterns)]
    return json.dumps({"questions": list(rules.questions), "beyond_catalog": list(rules.beyond_catalog),
                       "ranking": rules.ranking, "preferences": list(rules.preferences),
                       "patterns": [_pattern(p.id, p.data) for p in patterns], "composed": composed},
                      separators=(",", ":"))
