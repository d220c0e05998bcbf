"""The home page: the advisor and review entry points first, then a card per pattern grouped by
category, each with its diagram (the same SVG as its page), a one-line summary and the three traits
that set it apart from the patterns it competes with."""

from __future__ import annotations

import html
import re

from advisor.site.glance import badge
from advisor.site.pages import CATEGORY_TITLES


def one_line(summary: str) -> str:
    """The summary's first sentence."""
    text = " ".join(summary.split())
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z])", text)
    return text[:match.start()] if match else text


def _asked_traits(rules, workloads: list[str]) -> set[str]:
    """The traits the advisor asks about for any of these workloads."""
    return {q["rule"]["trait"] for q in rules.questions if "trait" in q.get("rule", {})
            and (q["applies_to"] == "all" or set(q["applies_to"]) & set(workloads))}


def distinguishing_traits(pattern, patterns, rules, count: int = 3) -> list[str]:
    """The traits the advisor asks about for this pattern's workloads whose value is rarest among
    its rivals (patterns built for a same workload; one without the trait counts as different).
    Numbers rarely repeat exactly, so they count as a little less rare than a shared choice; ties
    favour a guarantee offered over one absent, then the pattern's own trait order."""
    rivals = [p for p in patterns if p.id != pattern.id and set(p.data["workloads"]) & set(pattern.data["workloads"])]
    traits = pattern.data["traits"]
    asked = _asked_traits(rules, pattern.data["workloads"])
    order = list(traits)

    def rarity(key: str) -> tuple:
        value = traits[key]["value"]
        same = sum(1 for p in rivals if key in p.data["traits"] and p.data["traits"][key]["value"] == value)
        numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
        offered = value not in (False, None, "none", [], ["none"])
        return (key not in asked, (same / len(rivals) if rivals else 0.0) + (0.25 if numeric else 0.0), not offered, order.index(key))

    return sorted(order, key=rarity)[:count]


def _card(pattern, patterns, rules) -> list[str]:
    d = pattern.data
    badges = " ".join(badge(k, d["traits"][k]["value"]) for k in distinguishing_traits(pattern, patterns, rules))
    return [f'<article class="pa-card" data-id="{pattern.id}" markdown>', "",
            f'![Architecture diagram of {html.escape(d["name"])}](assets/diagrams/{pattern.id}.svg){{ .pa-card__diagram }}', "",
            # a heading by role, not <h3>: the table of contents would give an <h3> a permalink, a second link in the card
            f'<p class="pa-card__title" role="heading" aria-level="3"><a href="patterns/{pattern.id}/">{html.escape(d["name"])}</a></p>', "",
            f'<p class="pa-card__summary">{html.escape(one_line(d["summary"]))}</p>', "",
            f'<p class="pa-badges">{badges}</p>', "", "</article>", ""]


def home_page(patterns, rules, workloads_with_graphs: list[str]) -> str:
    by_category: dict[str, list] = {}
    for p in patterns:
        by_category.setdefault(p.data["category"], []).append(p)
    out = ["---", "hide:", "  - navigation", "  - toc", "---", "", '<div class="pa-hero" markdown>', "",
           "# Pattern Advisor", "",
           f"{len(patterns)} serverless architecture patterns for AWS, each with honest trade-offs, limits with their AWS "
           "sources and as-of dates, and a SAM template proven on every change to lint, deploy and carry its alarms.", "",
           '<div class="pa-hero__actions" markdown>', "",
           "[Ask the advisor](advisor.md){ .md-button .md-button--primary } "
           "[Review your template](rules/index.md){ .md-button } "
           "[Compare every pattern](compare/index.md){ .md-button }", "", "</div>", "",
           '<div class="pa-hero__cli" markdown>', "", "```sh", "advisor ask                      # answer the questions, get a ranked answer",
           "advisor review template.yaml     # check your own SAM or CloudFormation template", "```", "", "</div>", ""]
    if workloads_with_graphs:
        out += ["**How the choice is made:** " + ", ".join(f"[{w}](concepts/decisions/{w}.md)" for w in workloads_with_graphs)
                + " (the advisor's rules, drawn)", ""]
    out += ["</div>", ""]
    out += ['<p class="pa-legend">The catalog, by category. Each card shows the three traits that set a pattern apart '
            "from the others built for the same workloads.</p>", ""]
    # Categories flow side by side, each as wide as its cards (up to three), so one-pattern
    # categories share a row instead of leaving most of it empty.
    out += ['<div class="pa-catalog" markdown>', ""]
    for category, title in CATEGORY_TITLES.items():
        if category not in by_category:
            continue
        members = sorted(by_category[category], key=lambda p: p.name.lower())
        out += [f'<section class="pa-category pa-span-{min(len(members), 3)}" markdown>', "", f"## {title}", "",
                '<div class="pa-cards" markdown>', ""]
        for p in members:
            out += _card(p, patterns, rules)
        out += ["</div>", "", "</section>", ""]
    out += ["</div>", ""]
    return "\n".join(out)
