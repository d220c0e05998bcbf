"""Cost versus volume on the site: a hand-written SVG chart (log-log, generated at build time, no
chart library) and the cost sections of pattern pages and classic comparison pages."""

from __future__ import annotations

import html
import math

from advisor.cost.calculators import money
from advisor.cost.compare import DEFAULT_RANGE, compare, volumes
from advisor.cost.patterns import evaluate, waste
from advisor.cost.pricing import CROSS_CHECKED_WORDING

WIDTH, HEIGHT = 640, 360
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 50
# Colour plus a dash pattern per series, so the lines stay apart without colour.
STYLES = [("#1f77b4", ""), ("#d62728", "6 4"), ("#2ca02c", "2 3"), ("#9467bd", "10 3 2 3"), ("#ff7f0e", "1 2")]
FLOOR_USD = 0.01


def _short(events: float) -> str:
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if events >= size:
            value = events / size
            return f"{value:g}{suffix}"
    return f"{events:g}"


def _usd_tick(usd: float) -> str:
    return f"${usd:,.0f}" if usd >= 1 else f"${usd:g}"


def svg(series: dict[str, list[tuple[float, float]]], break_even: list[dict] | None = None, title: str = "",
        markers: list[tuple[float, float, str]] | None = None) -> str:
    """Monthly USD against events per month, both on log scales; costs below one cent sit on the floor."""
    xs = [x for points in series.values() for x, _ in points]
    ys = [max(y, FLOOR_USD) for points in series.values() for _, y in points]
    x_lo, x_hi = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    y_lo, y_hi = math.floor(math.log10(min(ys))), max(math.ceil(math.log10(max(ys))), math.floor(math.log10(min(ys))) + 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return LEFT + (math.log10(x) - x_lo) / (x_hi - x_lo) * plot_w

    def py(y: float) -> float:
        return TOP + plot_h - (math.log10(max(y, FLOOR_USD)) - y_lo) / (y_hi - y_lo) * plot_h

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT + 24 * len(series)}" class="pa-cost-chart" '
           f'role="img" aria-labelledby="cost-title">',
           f'<title id="cost-title">{html.escape(title or "Monthly cost versus events per month")}</title>',
           '<style>text{font:12px sans-serif;fill:currentColor}.grid{stroke:currentColor;stroke-opacity:.15}'
           '.axis{stroke:currentColor;stroke-opacity:.6}</style>']
    for decade in range(x_lo, x_hi + 1):
        x = px(10 ** decade)
        out.append(f'<line class="grid" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + plot_h}"/>')
        out.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">{_short(10 ** decade)}</text>')
    step = max(1, math.ceil((y_hi - y_lo) / 8))
    for decade in range(y_lo, y_hi + 1, step):
        y = py(10 ** decade)
        out.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{_usd_tick(10 ** decade)}</text>')
    out.append(f'<line class="axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}"/>')
    out.append(f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}"/>')
    out.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{TOP + plot_h + 36}" text-anchor="middle">events per month (log scale)</text>')
    out.append(f'<text transform="translate(14 {TOP + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle">USD per month (log scale)</text>')
    crossings = list(break_even or ())
    for be in crossings:
        x = px(be["monthly_events"])
        label = f"break-even ≈ {_short(be['monthly_events'])} events/month"
        if len(crossings) == 1:
            out.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + plot_h}" stroke="currentColor" stroke-dasharray="3 3"/>')
            out.append(f'<text x="{x + 4:.1f}" y="{TOP + 12}">{label}</text>')
        if "usd" in be:  # a ring where the curves meet; its tooltip names the pair
            pair = f"{be['cheaper_below']} / {be['cheaper_above']}: {label}"
            out.append(f'<circle cx="{x:.1f}" cy="{py(be["usd"]):.1f}" r="5" fill="none" stroke="currentColor" stroke-width="1.5">'
                       f'<title>{html.escape(pair)}</title></circle>')
    for mark in markers or ():
        x, y = px(mark[0]), py(mark[1])
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="currentColor"><title>{html.escape(mark[2])}</title></circle>')
        out.append(f'<text x="{x + 7:.1f}" y="{y - 7:.1f}">{html.escape(mark[2])}</text>')
    for index, (name, points) in enumerate(series.items()):
        colour, dash = STYLES[index % len(STYLES)]
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash_attr} points="{path}">'
                   f'<title>{html.escape(name)}</title></polyline>')
        legend_y = HEIGHT + 12 + 24 * index
        out.append(f'<line x1="{LEFT}" y1="{legend_y}" x2="{LEFT + 30}" y2="{legend_y}" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        out.append(f'<text x="{LEFT + 38}" y="{legend_y + 4}">{html.escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _series(section: dict) -> list[tuple[float, float]]:
    return [(v, evaluate(section, {"events_per_month": v}).usd) for v in volumes(*DEFAULT_RANGE)]


def _verification_note(level: str | None) -> list[str]:
    if level == "cross-checked":
        return [f"Prices: {CROSS_CHECKED_WORDING}.", ""]
    return [f"Prices: {level} (us-east-1 list prices).", ""] if level else []


def pattern_cost_section(pattern) -> list[str]:
    """Markdown for a pattern page: cost at the default volume, line by line, waste and the chart."""
    section = pattern.data.get("cost")
    if not section:
        return []
    cost = evaluate(section)
    numbers = waste(section)
    how = f"`advisor cost {pattern.id} --set events_per_month=N` prices your own volume."
    if cost.lines:
        head = (f"About **{money(cost.usd)} per month** at {cost.monthly_events:,.0f} events per month "
                f"(the pattern's default volume), us-east-1 list prices, free tier off. {how}")
    else:
        head = (f"No line of this pattern has a verified price yet; below is what would be billed at "
                f"{cost.monthly_events:,.0f} events per month (the pattern's default volume). {how}")
    out = ["## Cost", "", head, ""]
    out += ["| Line | Quantity | USD per month | Price verified |", "|---|---|---|---|"]
    out += [f"| {line['meter']} | {line['quantity']:,.0f} | {money(line['usd'])} | {line['verification']} |" for line in cost.lines]
    out += [f"| {item['meter']} | {item['quantity']:,.0f} | not priced | {html.escape(item['why'])} |" for item in cost.unpriced]
    out.append("")
    if cost.unpriced:
        out += ["Unpriced lines are not in the total: no verified price yet (`advisor prices update` reads them from the "
                "AWS Price List).", ""]
    waste_line = (f"**Waste:** 1 % of events failing and retried {numbers['retry_attempts']} times costs "
                  f"{money(numbers['failures_usd'])} a month")
    if numbers["extra_100ms_usd"] is not None:
        waste_line += f"; every extra 100 ms of function duration costs {money(numbers['extra_100ms_usd'])} a month"
    out += [waste_line + ".", ""]
    out += _verification_note(cost.verification)
    if not cost.lines:  # nothing priced: a chart would draw a flat line at zero
        return out + [f"- {note}" for note in section.get("notes", [])] + [""]
    out += ['<div class="pa-cost" markdown="0">',
            svg({pattern.id: _series(section)}, title=f"{pattern.id}: monthly cost versus events per month",
                markers=[(cost.monthly_events, cost.usd, f"default volume: {money(cost.usd)}")]), "</div>", ""]
    out += [f"- {note}" for note in section.get("notes", [])] + [""]
    return out


def versus_cost_section(patterns) -> list[str]:
    """Markdown for a classic comparison page: every pattern's cost curve and the pairwise break-evens."""
    # A pattern none of whose lines has a verified price yet would draw a flat line at zero: listed instead.
    priced = [p for p in patterns if p.data.get("cost") and evaluate(p.data["cost"]).lines]
    unpriced = [p.id for p in patterns if p.data.get("cost") and p not in priced]
    if len(priced) < 2:
        return []
    series = {p.id: _series(p.data["cost"]) for p in priced}
    out = ["## Cost versus volume", "", "Monthly cost of each pattern at its own default inputs (us-east-1 list prices, "
           "unpriced lines left out), from 100 thousand to 100 billion events a month. What one event is (a message, a request, an item, a task run) is in each pattern's cost notes.", ""]
    crossings, lines = [], []
    for i, a in enumerate(priced):
        for b in priced[i + 1:]:
            result = compare({a.id: a.data["cost"], b.id: b.data["cost"]}, *DEFAULT_RANGE)
            for be in result["break_even"]:
                crossings.append({**be, "usd": evaluate(a.data["cost"], {"events_per_month": be["monthly_events"]}).usd})
                lines.append(f"- {a.id} and {b.id} cost the same at about {be['monthly_events']:,.0f} events a month: "
                             f"{be['cheaper_below']} is cheaper below, {be['cheaper_above']} above.")
    out += ['<div class="pa-cost" markdown="0">', svg(series, crossings, "Monthly cost versus events per month"), "</div>", ""]
    out += lines or ["No break-even in this range: the cheaper pattern stays cheaper at every volume."]
    out.append("")
    if unpriced:
        out.append(f"- Not drawn, no line has a verified price yet: {', '.join(unpriced)}.")
    for p in priced:
        missing = sorted({item["meter"] for item in evaluate(p.data["cost"]).unpriced})
        if missing:
            out.append(f"- {p.id} leaves out lines without a verified price yet: {', '.join(missing)}.")
    return out + [""]
