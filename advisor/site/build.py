"""Everything generated for the site, as {path under the docs dir: content}."""

from __future__ import annotations

import json

from advisor.catalog.load import Catalog
from advisor.site import advisor_page, cost_chart, diagram, pages


def generate(catalog: Catalog) -> dict[str, str | bytes]:
    patterns = sorted(catalog, key=lambda p: p.id)
    ids = {p.id for p in patterns}
    out: dict[str, str | bytes] = {"patterns/index.md": pages.patterns_index(patterns)}
    for p in patterns:
        out[f"patterns/{p.id}.md"] = pages.pattern_page(p, ids, diagram.render_svg(p.data["topology"]),
                                                        cost_chart.pattern_cost_section(p))
    out["assets/advisor-data.json"] = advisor_page.export(patterns)
    out["compare/index.md"] = pages.comparison_page(patterns)
    out.update(pages.versus_pages(patterns))
    from advisor.site import rule_pages

    out.update(rule_pages.generate())
    return out
