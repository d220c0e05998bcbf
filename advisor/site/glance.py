"""A pattern at a glance: its traits as short badges, the limit each trait hits first (number and
source), the alarms it ships, and its monthly cost at the default volume when the cost model has one.
The badges are also what the home page's cards show."""

from __future__ import annotations

import html

from advisor import humanize
from advisor.site.pages import TRAIT_LABELS
from advisor.site.values import SHORT_LABELS, UNITLESS_LABELS, short_value


def badge(key: str, value) -> str:
    """One trait as an inline badge, e.g. "Ordering: per-key"; yes/no traits are coloured by the answer."""
    kind = " pa-badge--yes" if value is True else " pa-badge--no" if value is False else ""
    label = SHORT_LABELS.get(key, TRAIT_LABELS.get(key, key))
    title = TRAIT_LABELS.get(key, key)
    return (f'<span class="pa-badge{kind}" title="{html.escape(title)}">'
            f'<span class="pa-badge__key">{html.escape(label)}:</span> {html.escape(short_value(key, value))}</span>')


def binding_limits(data: dict) -> list[tuple[str, dict]]:
    """(trait key, limit) for every trait that cites the limit it runs into first."""
    by_id = {limit["id"]: limit for limit in data["limits"]}
    return [(key, by_id[t["limit"]]) for key, t in data["traits"].items() if t.get("limit") in by_id]


def default_monthly_cost(pattern) -> str | None:
    """The pattern's monthly cost at its default volume, with how far to trust it; None without a cost section."""
    from advisor.cost.patterns import default_monthly_cost as estimate

    cost = estimate(pattern.data)
    if cost is None:
        return None
    words = ("about " if cost.complete else "at least ") + f"{humanize.money(cost.usd)} a month at "
    words += f"{humanize.number(cost.monthly_events)} events (prices {cost.verification or 'unverified'}"
    if not cost.complete:
        words += f"; {len(cost.unpriced)} meter(s) without a verified price"
    return words + ") · [cost model](#cost)"


def glance_box(pattern, decision_pages: dict[str, str]) -> list[str]:
    """Markdown for the box; decision_pages maps each workload to its decision graph page (relative link)."""
    d = pattern.data
    out = ['<div class="pa-glance" markdown>', "", '<p class="pa-glance__title">At a glance</p>', "",
           '<p class="pa-badges">' + " ".join(badge(k, t["value"]) for k, t in d["traits"].items()) + "</p>", ""]
    binding = binding_limits(d)
    if binding:
        out += ["| Trait | Limit it hits first | Value | Source |", "|---|---|---|---|"]
        for key, limit in binding:
            adjustable = " (adjustable)" if limit.get("adjustable") else ""
            out.append(f"| {UNITLESS_LABELS.get(key, TRAIT_LABELS.get(key, key))} | [{limit['name']}](#limit-{limit['id']}) "
                       f"| {humanize.quantity(limit['value'], limit['unit'])}{adjustable} | [{limit['service']} docs]({limit['source']}), {limit['as_of']} |")
        out.append("")
    facts = []
    cost = default_monthly_cost(pattern)
    if cost:
        facts.append(f"**Cost:** {cost}")
    alarms = d["operations"]["alarms"]
    facts.append(f"**[Alarms shipped](#alarms-it-ships):** {len(alarms)} ({', '.join(sorted({a['metric'] for a in alarms}))})"
                 if alarms else "**Alarms shipped:** none")
    graphs = [f"[{w}]({decision_pages[w]})" for w in d["workloads"] if w in decision_pages]
    if graphs:
        facts.append("**Decision graph:** " + ", ".join(graphs))
    out += ['<div class="pa-glance__facts" markdown>', ""] + [f"- {fact}" for fact in facts] + ["", "</div>", "", "</div>", ""]
    return out
