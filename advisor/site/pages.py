"""Markdown for the generated pages."""

from __future__ import annotations

import html
from pathlib import Path

from advisor import humanize
from advisor.site.values import UNITLESS_LABELS, short_value, trait_value

TRAIT_LABELS = {
    "ordering": "Ordering", "delivery": "Delivery", "consumers": "Consumers", "write_rate_control": "Write rate control",
    "replay": "Replay", "replay_window_days": "Replay window (days)", "content_filtering": "Content filtering",
    "max_message_kb": "Max message (KiB)", "strict_order_events_per_s": "Strict order events/s",
    "max_events_per_s": "Max events/s (default quota)", "max_task_minutes": "Max task (minutes)", "latency": "Latency",
    "auth": "Authentication", "custom_domain_https": "Custom domain HTTPS", "human_approval": "Human approval",
    "api_features": "API features",
}
CATEGORY_TITLES = {
    "messaging": "Messaging", "streaming": "Streaming", "event-routing": "Event routing", "api": "APIs",
    "web-hosting": "Web hosting", "data-processing": "Data processing", "orchestration": "Orchestration",
    "scheduling": "Scheduling", "compute": "Compute", "analytics": "Analytics",
}


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def row_anchor(kind: str, key: str) -> str:
    """An empty anchor opening a table row, so the advisor's reasons can link to that trait or limit."""
    return f'<span class="pa-anchor" id="{kind}-{key}"></span>'


def _code_tab(title: str, path: Path, language: str) -> list[str]:
    body = path.read_text(encoding="utf-8").rstrip("\n")
    fence = "````" if "```" in body else "```"
    return [f'=== "{title}"', "", f"    {fence}{language}"] + [f"    {line}" if line else "" for line in body.split("\n")] + [f"    {fence}", ""]


def pattern_page(pattern, catalog_ids: set[str], diagram_svg: str, cost_section: list[str] | None = None,
                 glance: list[str] | None = None) -> str:
    d = pattern.data
    tags = sorted(set(d["services"]) | {d["category"]} | set(d["tags"]))
    out = ["---", f"title: {d['name']}", "tags:"] + [f"  - {t}" for t in tags] + ["---", "", f"# {d['name']}", "",
           f"`{pattern.id}` · {CATEGORY_TITLES[d['category']]} · for {', '.join(d['workloads'])}", ""]
    out += (glance or []) + [d["summary"], ""]
    out += ['<div class="pa-diagram" markdown="0">', diagram_svg, "</div>", ""]
    out += ["## Use it", "", "Copy the validated template and handler code into a new project:", "", "```sh",
            f"advisor init {pattern.id} my-service", "```", ""]
    if d.get("never_first_choice"):
        out += ['!!! warning "Rarely the first choice"', f"    {d['never_first_choice']}", ""]
    out += ["## Traits", "", "| Trait | Value | Why |", "|---|---|---|"]
    for key, trait in d["traits"].items():
        out.append(f"| {row_anchor('trait', key)}{TRAIT_LABELS.get(key, key)} | {cell(trait_value(trait['value']))} | {cell(trait.get('note', ''))} |")
    out += ["", "## Limits", "", "| Limit | Value | Source | As of |", "|---|---|---|---|"]
    for limit in d["limits"]:
        adjustable = " (adjustable)" if limit.get("adjustable") else ""
        out.append(f"| {row_anchor('limit', limit['id'])}{cell(limit['name'])} | {humanize.quantity(limit['value'], limit['unit'])}{adjustable} | [{limit['service']} docs]({limit['source']}) | {limit['as_of']} |")
    out += ["", "## Trade-offs", "", '<div class="grid" markdown>', "", '!!! success "Pros"', ""]
    out += [f"    - {p}" for p in d["pros"]] + ["", '!!! failure "Cons"', ""] + [f"    - {c}" for c in d["cons"]] + ["", "</div>", ""]
    out += ["### When to use", ""] + [f"- {x}" for x in d["when_to_use"]] + ["", "### When not to use", ""]
    out += [f"- {x}" for x in d["when_not_to_use"]] + [""]
    if d["alternatives"]:
        out += ["## Alternatives", ""]
        for alt in d["alternatives"]:
            link = f"[{alt['id']}]({alt['id']}.md)" if alt["id"] in catalog_ids else alt["id"]
            out.append(f"- {link}: {alt['when']}")
        out.append("")
    ops = d["operations"]
    out += ["## Operations", "", "### Alarms it ships", "", "| Alarm | Metric | Threshold | Why |", "|---|---|---|---|"]
    out += [f"| `{a['resource']}` | {a['namespace']} {a['metric']} | {humanize.number(a['threshold'])} | {cell(a['why'])} |" for a in ops["alarms"]]
    out += ["", "### Dead-letter handling", ""]
    out += [f"- `{x['for']}` → `{x['target']}`: {x['how']}" for x in ops["dead_letter"]] or ["This pattern has no asynchronous consumer."]
    out += ["", "### IAM scope", ""]
    out += [f"- `{g['principal']}` may only {', '.join(f'`{a}`' for a in g['actions'])} on `{g['resource']}`: {g['why']}" for g in ops["iam_scope"]]
    out.append("")
    if cost_section:
        out += cost_section
    out += ["## Template and code", ""]
    out += _code_tab("template.yaml", pattern.template_file, "yaml")
    src = pattern.dir / "src"
    for path in sorted(src.rglob("*.py")) if src.is_dir() else []:
        out += _code_tab(f"src/{path.relative_to(src)}", path, "python")
    out += ["## References", ""] + [f"- [{html.escape(r['title'])}]({r['url']})" for r in d["references"]] + [""]
    return "\n".join(out)


def patterns_index(patterns) -> str:
    out = ["# Patterns", "", f"{len(patterns)} patterns, each validated on every change: schema, cfn-lint, a moto deploy and an end-to-end run.", ""]
    by_category: dict[str, list] = {}
    for p in patterns:
        by_category.setdefault(p.data["category"], []).append(p)
    for category in CATEGORY_TITLES:
        if category not in by_category:
            continue
        out += [f"## {CATEGORY_TITLES[category]}", "", "| Pattern | Services | Summary |", "|---|---|---|"]
        for p in sorted(by_category[category], key=lambda p: p.id):
            out.append(f"| [{cell(p.name)}]({p.id}.md) | {', '.join(p.data['services'])} | {cell(p.data['summary'])} |")
        out.append("")
    return "\n".join(out)


# The classic choices, each a generated "X vs Y" page over the patterns' own data.
VERSUS = [
    ("sqs-vs-sns-vs-kinesis-vs-eventbridge", "SQS vs SNS vs Kinesis vs EventBridge",
     ["sqs-queue-lambda", "sns-sqs-fanout", "sns-lambda", "kinesis-stream-lambda", "eventbridge-bus-routing"],
     "Queues buffer work for one consumer, topics push copies to many, streams keep an ordered, replayable log, and "
     "event buses route by content. The table puts the patterns built on each side by side."),
    ("sqs-standard-vs-fifo", "SQS standard vs FIFO",
     ["sqs-queue-lambda", "sqs-fifo-lambda"],
     "FIFO queues add order per message group and deduplication, and pay for them in throughput."),
    ("rest-api-vs-http-api", "API Gateway REST API vs HTTP API",
     ["rest-api-lambda-dynamodb", "http-api-lambda"],
     "HTTP APIs are cheaper and simpler; REST APIs add API keys, usage plans, request validation, caching and WAF."),
    ("lambda-vs-fargate-vs-step-functions", "Lambda vs Fargate vs Step Functions for long work",
     ["scheduled-lambda", "fargate-task", "step-functions-workflow", "recursive-lambda-chunked"],
     "A Lambda invocation stops at 15 minutes; longer work moves to a container, a workflow or, rarely, a chain of invocations."),
]


# Trait tables need the whole width: no navigation or table of contents beside them.
WIDE_PAGE = ["---", "hide:", "  - navigation", "  - toc", "---", ""]


def _table_value(key: str, value) -> str:
    """A trait in a comparison table: numbers as people read them, sorted by the number itself."""
    shown = cell(short_value(key, value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<span class="pa-num" data-sort="{value}">{shown}</span>'
    if value is None:
        return f'<span data-sort="Infinity">{shown}</span>'
    return shown


def _trait_table(patterns, link_prefix: str) -> list[str]:
    keys = []
    for p in patterns:
        keys += [k for k in p.data["traits"] if k not in keys]
    head = "| Pattern | " + " | ".join(UNITLESS_LABELS.get(k, TRAIT_LABELS.get(k, k)) for k in keys) + " | Moving parts |"
    rows = [head, "|" + "---|" * (len(keys) + 2)]
    for p in patterns:
        values = [_table_value(k, p.data["traits"][k]["value"]) if k in p.data["traits"] else "–" for k in keys]
        rows.append(f"| [{cell(p.name)}]({link_prefix}{p.id}.md) | " + " | ".join(values) + f" | {len(p.data['topology']['nodes'])} |")
    return rows


def comparison_page(patterns) -> str:
    out = WIDE_PAGE + ["# Compare patterns", "", "Every pattern against every trait. Click a column header to sort.", "",
           '<div class="sortable pa-wide" markdown>', ""] + _trait_table(patterns, "../patterns/") + ["", "</div>", "", "## Classic choices", ""]
    out += [f"- [{title}]({slug}.md)" for slug, title, _, _ in VERSUS]
    return "\n".join(out) + "\n"


def versus_pages(patterns) -> dict[str, str]:
    by_id = {p.id: p for p in patterns}
    pages = {}
    for slug, title, ids, intro in VERSUS:
        chosen = [by_id[i] for i in ids if i in by_id]
        if len(chosen) < 2:
            continue
        out = WIDE_PAGE + [f"# {title}", "", intro, "", '<div class="sortable pa-wide" markdown>', ""] + _trait_table(chosen, "../patterns/")
        out += ["", "</div>", ""]
        from advisor.site.cost_chart import versus_cost_section  # cost lives in its own module

        out += versus_cost_section(chosen)
        for p in chosen:
            d = p.data
            out += [f"## [{d['name']}](../patterns/{p.id}.md)", "", d["summary"], "", "**Use it when**", ""]
            out += [f"- {x}" for x in d["when_to_use"]] + ["", "**Not when**", ""] + [f"- {x}" for x in d["when_not_to_use"]] + [""]
        pages[f"compare/{slug}.md"] = "\n".join(out)
    return pages
