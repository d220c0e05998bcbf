"""Decision graphs, one per workload: the questions `advisor ask` asks for it, in its order; each
answer; and the patterns that answer leaves. Every answer is evaluated by the advisor's own engine
(advisor.advise.engine.recommend) on the loaded catalog, with the rules from rules.yaml, so the
picture changes whenever a rule or a pattern's traits do. Nothing here is drawn by hand.

Each answer is evaluated together with the workload alone, so one branch shows what that answer
rules out by itself; answers that leave the same patterns share one box, and numeric questions are
cut at every limit (and raisable ceiling) of the workload's patterns, where the answer can change.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

from advisor.catalog.index import ceiling_in_trait_unit
from advisor.site.values import short_value

ROOT = "@@SITE_ROOT@@"  # replaced by the relative path to the site root where the graph is shown
MARKER = re.compile(r"<!--\s*decision-graph:\s*([a-z0-9-]+)\s*-->")


@dataclass
class Outcome:
    answers: list[str]  # the answers that lead here, as a user reads them
    left: list[tuple[str, bool]]  # (pattern id, only a partial match) in the engine's ranking order


@dataclass
class Step:
    question: dict
    outcomes: list[Outcome]  # empty when the answers cannot be listed (a number with no trait behind it)


def asked_for(rules, workload: str) -> list[dict]:
    """The questions after the workload, in the order `advisor ask` asks them (rules.yaml order, filtered by applies_to)."""
    return [q for q in rules.questions if q["key"] != "workload" and (q["applies_to"] == "all" or workload in q["applies_to"])]


def _ranges(question: dict, patterns) -> list[tuple[float, float, object]]:
    """(low, high, answer to evaluate) for each range between consecutive limits (values and raisable
    ceilings) of the patterns' trait; within a range every pattern's verdict is the same. The last is open."""
    trait = question["rule"]["trait"]
    cuts = set()
    for p in patterns:
        entry = p.data["traits"].get(trait)
        value = entry and entry.get("value")
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        cuts.add(value)
        cited = next((limit for limit in p.data["limits"] if limit["id"] == entry.get("limit")), None)
        ceiling = ceiling_in_trait_unit(cited, trait) if cited else None
        if ceiling is not None:
            cuts.add(ceiling)
    whole, lowest = question["type"] == "integer", question.get("minimum", 0)
    ranges, low = [], lowest
    for high in sorted(c for c in cuts if c >= lowest and c > 0):
        answer = math.floor(high) if whole else high
        if answer > low or (not ranges and answer >= lowest and answer > 0):
            ranges.append((low, high, answer))
            low = high
    ranges.append((low, math.inf, math.floor(low) + 1 if whole else low + 1))
    return ranges


def _range_label(trait: str, low: float, high: float, first: bool) -> str:
    if high == math.inf:
        return f"more than {short_value(trait, low)}"
    if first:
        return f"up to {short_value(trait, high)}"
    return f"more than {short_value(trait, low)}, up to {short_value(trait, high)}"


def _left(workload: str, key: str, value, catalog, rules) -> list[tuple[str, bool]]:
    from advisor.advise.engine import recommend

    result = recommend({"workload": workload, key: value}, catalog, rules).to_json()
    return [(r["id"], bool(r.get("partial"))) for r in result["recommended"]]


def steps_for(workload: str, catalog, rules, patterns) -> list[Step]:
    """Every question asked for this workload with its answers' outcomes; patterns: those built for it."""
    steps = []
    for q in asked_for(rules, workload):
        kind = q["type"]
        if kind in ("integer", "number"):
            if not q.get("rule", {}).get("trait"):  # a number no trait decides: nothing to draw
                steps.append(Step(q, []))
                continue
            merged: list[tuple[float, float, list]] = []
            for low, high, answer in _ranges(q, patterns):
                left = _left(workload, q["key"], answer, catalog, rules)
                if merged and merged[-1][2] == left:  # same patterns: one wider range
                    merged[-1] = (merged[-1][0], high, left)
                else:
                    merged.append((low, high, left))
            trait = q["rule"]["trait"]
            steps.append(Step(q, [Outcome([_range_label(trait, low, high, i == 0)], left)
                                  for i, (low, high, left) in enumerate(merged)]))
            continue
        if kind == "boolean":
            answers = [("yes", True), ("no", False)]
        elif kind == "list":
            answers = [(k, [k]) for k in q["answers"]]
        elif "answers" in q:
            answers = [(k, k) for k in q["answers"]]
        else:  # a kind of answer this graph cannot list: shown as a question only
            steps.append(Step(q, []))
            continue
        grouped: dict[tuple, Outcome] = {}
        for label, value in answers:
            left = _left(workload, q["key"], value, catalog, rules)
            grouped.setdefault(tuple(left), Outcome([], left)).answers.append(label)
        steps.append(Step(q, list(grouped.values())))
    return steps


# ---- drawing --------------------------------------------------------------------------------------

def _wrap(text: str, width: int = 34) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + ([line] if line else [])


def _link_cell(pid: str, name: str, note: str = "", colour: str = "#1f4e8c") -> str:
    return (f'<TR><TD ALIGN="LEFT" HREF="{ROOT}patterns/{pid}/" TITLE="{html.escape(name)}" TARGET="_top">'
            f'<FONT COLOR="{colour}">{html.escape(name)}{html.escape(note)}</FONT></TD></TR>')


def _outcome_rows(outcome: Outcome, names: dict[str, str], built_for: list[str]) -> tuple[str, str]:
    """(table rows, fill colour): the patterns left, or, when most are left, the few ruled out."""
    left = dict(outcome.left)
    partial = [pid for pid, is_partial in outcome.left if is_partial]
    gone = [pid for pid in built_for if pid not in left]
    quota = "".join(_link_cell(pid, names[pid], " (quota increase)") for pid in partial)
    if not left:
        return f'<TR><TD ALIGN="LEFT"><I>rules out all {len(built_for)}: nothing in the catalog fits</I></TD></TR>', "#fbe4e4"
    if not gone and not partial:
        return f'<TR><TD ALIGN="LEFT"><I>all {len(built_for)} patterns left</I></TD></TR>', "#f4f4f4"
    if len(left) > len(built_for) / 2:
        rows = f'<TR><TD ALIGN="LEFT"><I>{len(left)} of {len(built_for)} left; rules out:</I></TD></TR>'
        rows += "".join(_link_cell(pid, names[pid], "", "#8c1f1f") for pid in gone)
        if partial:
            rows += '<TR><TD ALIGN="LEFT"><I>left, after a quota increase:</I></TD></TR>' + quota
        return rows, "#fdf3e3"
    rows = f'<TR><TD ALIGN="LEFT"><I>{len(left)} of {len(built_for)} left:</I></TD></TR>'
    rows += "".join(_link_cell(pid, names[pid], " (quota increase)" if pid in partial else "") for pid in left)
    return rows, "#e8f3e8"


def render_svg(workload: str, steps: list[Step], names: dict[str, str], built_for: list[str]) -> str:
    """The graph: the workload and its patterns, then the questions top to bottom, each with its answers."""
    import pygraphviz

    graph = pygraphviz.AGraph(directed=True, strict=False, rankdir="LR", bgcolor="transparent", nodesep="0.25", ranksep="0.6")
    graph.node_attr.update(fontname="Helvetica", fontsize="13", shape="plaintext", margin="0")
    graph.edge_attr.update(fontname="Helvetica", fontsize="10", color="#666666", arrowsize="0.7")
    rows = "".join(_link_cell(pid, names[pid]) for pid in built_for)
    graph.add_node("start", label=f'<<TABLE BORDER="1" COLOR="#b85c00" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" BGCOLOR="#fff3e6">'
                                  f'<TR><TD ALIGN="LEFT"><B>1. {html.escape(workload)}: {len(built_for)} patterns</B></TD></TR>{rows}</TABLE>>')
    spine = ["start"]
    for n, step in enumerate(steps, 2):
        qid = f"q_{step.question['key']}"
        text = "<BR/>".join(html.escape(line) for line in _wrap(f"{n}. {step.question['question']}"))
        graph.add_node(qid, label=f'<<TABLE BORDER="1" COLOR="#555555" CELLBORDER="0" CELLPADDING="5" BGCOLOR="#f2f2f2" STYLE="ROUNDED">'
                                  f'<TR><TD>{text}</TD></TR></TABLE>>')
        spine.append(qid)
        if not step.outcomes:
            graph.add_node(f"{qid}_any", label='<<TABLE BORDER="1" COLOR="#888888" CELLBORDER="0" CELLPADDING="3" BGCOLOR="#f4f4f4">'
                                              '<TR><TD ALIGN="LEFT"><I>not drawn: answer it in the advisor</I></TD></TR></TABLE>>')
            graph.add_edge(qid, f"{qid}_any")
        for i, outcome in enumerate(step.outcomes):
            oid = f"{qid}_{i}"
            head = html.escape(" / ".join(outcome.answers))
            body, colour = _outcome_rows(outcome, names, built_for)
            graph.add_node(oid, label=f'<<TABLE BORDER="1" COLOR="#888888" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" BGCOLOR="{colour}">'
                                      f'<TR><TD ALIGN="LEFT"><B>{head}</B></TD></TR>{body}</TABLE>>')
            graph.add_edge(qid, oid)
    for a, b in zip(spine, spine[1:]):
        graph.add_edge(a, b, style="dashed", color="#b85c00")
    graph.add_subgraph(spine, rank="same")
    svg = graph.draw(format="svg", prog="dot").decode("utf-8")
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<title>[^<]*</title>\s*", "", svg)  # internal node names, not for readers
    # Graphviz sizes the picture in points; in pixels it is three quarters as wide, and fits the page
    svg = re.sub(r'(<svg width="[0-9.]+)pt" height="([0-9.]+)pt"', r'\1px" height="\2px"', svg, count=1)
    return svg.replace(' id="', f' id="dg-{workload}-')


def as_table(steps: list[Step], names: dict[str, str], built_for: list[str], root: str) -> list[str]:
    """The same decisions as text, for readers who do not see the picture (and for search)."""
    out = ["| # | Question | Answer | Patterns left |", "|---|---|---|---|"]
    for n, step in enumerate(steps, 2):
        if not step.outcomes:
            out.append(f"| {n} | {step.question['question']} | any | not drawn: answer it in the advisor |")
        for outcome in step.outcomes:
            if len(outcome.left) == len(built_for) and not any(p for _, p in outcome.left):
                left = f"all {len(built_for)}"
            elif not outcome.left:
                left = "none"
            else:
                left = ", ".join(f"[{names[pid]}]({root}patterns/{pid}.md)" + (" (quota increase)" if partial else "")
                                 for pid, partial in outcome.left)
            out.append(f"| {n} | {step.question['question']} | {' / '.join(outcome.answers)} | {left} |")
    return out


def pages(catalog, patterns, rules) -> tuple[dict[str, str], dict[str, str]]:
    """({page path: markdown}, {workload: SVG}) for every workload that has patterns."""
    names = {p.id: p.name for p in patterns}
    workload_q = rules.question("workload")
    out: dict[str, str] = {}
    svgs: dict[str, str] = {}
    index = ["---", "title: Decision graphs", "---", "", "# Decision graphs", "",
             "For each kind of system, the questions `advisor ask` asks in its order, each answer, and the patterns that "
             "answer leaves. They are drawn at build time from the advisor's rules and the patterns' traits, by the same "
             "engine as `advisor recommend`, so they change when the rules or the catalog do.", "",
             "| Workload | What it is | Patterns |", "|---|---|---|"]
    for workload, meaning in workload_q["answers"].items():
        built_for = [r[0] for r in _left(workload, "workload", workload, catalog, rules)]
        if not built_for:
            continue
        members = [p for p in patterns if p.id in set(built_for)]
        steps = steps_for(workload, catalog, rules, members)
        svgs[workload] = render_svg(workload, steps, names, built_for)
        index.append(f"| [{workload}]({workload}.md) | {meaning} | {len(built_for)} |")
        out[f"concepts/decisions/{workload}.md"] = "\n".join([
            "---", f'title: "Decision graph: {workload}"', "hide:", "  - toc", "---", "",
            f"# Decision graph: {workload}", "", f"*{meaning}.* {len(built_for)} patterns are built for it.", "",
            f"The questions `advisor ask` asks after the workload, in its order. Each answer is evaluated on its own, "
            f"together with workload={workload}, by the advisor's engine; the boxes say which patterns it leaves, best "
            "ranked first, or which few it rules out. Answers that leave the same patterns share a box; numbers are cut at "
            f"the patterns' own limits. To combine answers, use the [advisor](../../advisor.md#workload={workload}).", "",
            _figure(workload, svgs[workload]), "",
            '??? note "The same decisions as a table"', ""] + [f"    {line}" for line in as_table(steps, names, built_for, "../../")] + [""])
    out["concepts/decisions/index.md"] = "\n".join(index) + "\n"
    return out, svgs


def _figure(workload: str, svg: str) -> str:
    """The graph in a region that scrolls, and so must take keyboard focus to scroll from the keyboard."""
    return (f'<div class="pa-decision" markdown="0" role="region" tabindex="0" '
            f'aria-label="Decision graph for {workload}">{svg}</div>')


def root_for(page_url: str) -> str:
    """The relative path from a page (its directory URL) to the site root."""
    return "../" * page_url.count("/")


def embed(markdown: str, page_url: str, svgs: dict[str, str], source: str) -> str:
    """Replace each <!-- decision-graph: WORKLOAD --> in a hand-written page with that graph, and
    point the graphs' links at the site root as seen from this page."""
    def graph(match: re.Match) -> str:
        workload = match.group(1)
        if workload not in svgs:
            raise ValueError(f"{source}: <!-- decision-graph: {workload} -->: no such workload with patterns; "
                             f"expected one of: {', '.join(svgs)}")
        return (_figure(workload, svgs[workload]) + "\n\n"
                f"[The decision graph for {workload} on its own page, with the same as a table]"
                f"({'../' * source.count('/')}concepts/decisions/{workload}.md)")

    return MARKER.sub(graph, markdown).replace(ROOT, root_for(page_url))
