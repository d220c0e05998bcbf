"""The data the in-browser advisor evaluates: the rules and, per pattern, exactly the fields the
engine reads. The page's script (site/javascripts/advisor.js) ports advisor/advise/engine.py."""

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


def export(catalog) -> str:
    rules = load_rules()
    patterns = []
    for p in sorted(catalog, key=lambda p: p.id):
        d = p.data
        patterns.append({
            "id": p.id, "name": d["name"], "workloads": d["workloads"], "traits": d["traits"],
            "limits": [{**{k: l[k] for k in ("id", "name", "source", "as_of", "adjustable") if k in l},
                        **({"ceiling": _ceiling(l, d["traits"]) } if "adjustable_up_to" in l else {})} for l in d["limits"]],
            "moving_parts": len(d["topology"]["nodes"]), "never_first_choice": d.get("never_first_choice"),
            "cons": d["cons"],
        })
    return json.dumps({"questions": list(rules.questions), "beyond_catalog": list(rules.beyond_catalog), "patterns": patterns},
                      separators=(",", ":"))
