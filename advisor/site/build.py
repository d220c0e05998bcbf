"""Everything generated for the site, as {path under the docs dir: content}."""

from __future__ import annotations

from advisor.catalog.load import Catalog
from advisor.site import advisor_page, cost_chart, diagram, pages


def generate(catalog: Catalog, decision_svgs: dict[str, str] | None = None) -> dict[str, str | bytes]:
    """The generated pages and assets; decision_svgs, when given, receives each workload's decision
    graph for the hand-written pages that embed one (see decision_graph.embed)."""
    from advisor.advise.rules import load_rules
    from advisor.site import decision_graph, glance, home

    rules = load_rules()
    patterns = sorted(catalog, key=lambda p: p.id)
    ids = {p.id for p in patterns}
    out: dict[str, str | bytes] = {"patterns/index.md": pages.patterns_index(patterns)}
    decisions, svgs = decision_graph.pages(catalog, patterns, rules)
    out.update(decisions)
    if decision_svgs is not None:
        decision_svgs.update(svgs)
    graph_links = {w: f"../concepts/decisions/{w}.md" for w in svgs}
    for p in patterns:
        svg = diagram.render_svg(p.data["topology"])
        out[f"assets/diagrams/{p.id}.svg"] = svg
        out[f"patterns/{p.id}.md"] = pages.pattern_page(p, ids, svg, cost_chart.pattern_cost_section(p), glance=glance.glance_box(p, graph_links))
    out["index.md"] = home.home_page(patterns, rules, list(svgs))
    out["assets/advisor-data.json"] = advisor_page.export(patterns)
    out["compare/index.md"] = pages.comparison_page(patterns)
    out.update(pages.versus_pages(patterns))
    from advisor.site import rule_pages

    out.update(rule_pages.generate())
    return out
