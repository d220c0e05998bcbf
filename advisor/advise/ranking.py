"""The ranking model (rules.yaml `ranking`, documented in schemas/rules.schema.json and README):
every fitting pattern starts at 100 and loses points, in order of weight,
  1. for fit: each partial match by what closing it takes (a setting on your own resource < a
     quota increase AWS approves; impossible is a rule-out), and each need served by a pattern
     not built for it;
  2. for AWS's stated preferences (`preferences`: e.g. HTTP APIs unless REST-only features are
     needed);
  3. for cost at the user's volume, per tenfold above the cheapest fit (when the cost model runs);
  4. for guarantees beyond what was asked (they cost throughput, money or operations);
  5. for moving parts (simplicity); and heavily for a pattern whose data says it is never first.
The list is sorted by score, then id, so the printed score always agrees with the order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from advisor.humanize import money
from advisor.advise.checks import QUOTA, SETTING, WEAKER, applies, fmt
from advisor.advise.rules import Rules
from advisor.catalog.index import CatalogIndex, Cell

TRAIT_KINDS = ("at-least", "required", "accepts", "includes", "includes-all", "not-above", "equals")
MOST_DIFFERENCES = 8
COMPARED = 10  # versus_next is written for the first ten; below them nobody reads it, and a big catalog pays per pair
NEVER = "never the first choice"
TIE = "same score, listed by id: the requirements given do not separate them; these differences decide it for your case"
FIT_WORDS = {SETTING: ("partial_setting", "needs a setting on the resource"),
             QUOTA: ("partial_quota", "needs a quota increase"),
             WEAKER: ("weaker_match", "served by a pattern not built for it")}


@dataclass
class Ranked:
    i: int
    score: int
    summary: str
    versus_next: dict | None


def rank(fits: list[int], rows, columns, index: CatalogIndex, decided: dict, rules: Rules, costs: dict) -> list[Ranked]:
    weights = rules.ranking
    workload = decided.get("workload")
    labels = [rules.question(d.key)["label"] for d, _, _ in columns]
    excess = _excess_tables(index, decided, rules, workload)
    fit_ids = {index.ids[i] for i in fits}
    running = set(fits)
    known = [c.usd for i, c in costs.items() if c is not None and i in running]
    cheapest = max(min(known), 0.01) if known else None
    overruled: dict[str, list[dict]] = {}
    for pref in rules.preferences:
        if pref["prefer"] in fit_ids:
            overruled.setdefault(pref["over"], []).append(pref)
    penalties, scores, made = {}, {}, {}
    for i in fits:
        estimate = costs.get(i)
        pid = index.ids[i]
        # patterns with the same statuses, extras, size and standing share one list of deductions
        key = (rows[i], tuple(column.codes[i] for column, _ in excess), index.moving_parts[i], index.never_first_choice[i],
               pid if pid in overruled else None, None if estimate is None else estimate.usd)
        found = made.get(key)
        if found is None:
            items = []  # (points, words)
            for label, status in zip(labels, rows[i]):
                if status in FIT_WORDS:
                    weight, words = FIT_WORDS[status]
                    items.append((weights[weight], f"{label} {words}"))
            for pref in overruled.get(pid, ()):
                items.append((weights["not_preferred"], f"AWS prefers {pref['prefer']} when both fit ({pref['source']})"))
            if cheapest is not None and estimate is not None and estimate.usd > cheapest:
                points = min(weights["cost_max"], round(weights["cost_per_tenfold"] * math.log10(estimate.usd / cheapest)))
                if points:
                    items.append((points, f"costs {'about' if estimate.complete else 'at least'} {money(estimate.usd)} a month, {estimate.usd / cheapest:.1f}x the cheapest fit"))
            more = [label for column, table in excess if (label := table[column.codes[i]])]
            if more:
                items.append((weights["extra_guarantee"] * len(more),
                              f"offers more than asked ({', '.join(more)}), which costs throughput, money or operations"))
            items.append((weights["moving_part"] * index.moving_parts[i], f"{index.moving_parts[i]} moving parts"))
            if index.never_first_choice[i]:
                items.append((weights["never_first_choice"], f"{NEVER}: {index.never_first_choice[i]}"))
            found = made[key] = (items, round(100 - sum(points for points, _ in items)))
        penalties[i], scores[i] = found
    order = sorted(fits, key=lambda i: (-scores[i], index.ids[i]))
    out = []
    written: dict = {}
    for position, i in enumerate(order, 1):
        items = penalties[i]
        found = written.get(id(items))
        if found is None:  # shared lists are written once
            fitted = any(w.endswith(words) for _, w in items for _, words in FIT_WORDS.values())
            parts = "; ".join(f"{words} (-{points})" for points, words in items if points)
            found = written[id(items)] = ("" if fitted else "meets every requirement in full; ") + parts
        head_parts = found
        summary = f"Ranked {position} of {len(order)}, score {scores[i]}: {head_parts}."
        following = order[position] if position < len(order) else None
        versus = None
        if following is not None and position <= COMPARED:
            differences = _differences(i, following, penalties, index, decided, rules, workload)
            if scores[i] == scores[following]:  # say so rather than let the alphabet look like advice
                differences = [TIE] + differences
            versus = {"id": index.ids[following], "score_difference": scores[i] - scores[following],
                      "differences": differences[:MOST_DIFFERENCES]}
        out.append(Ranked(i, scores[i], summary, versus))
    return out


def _excess_tables(index: CatalogIndex, decided: dict, rules: Rules, workload):
    """For each rank_excess question that applies to the workload: its column, and per distinct
    cell the guarantee it offers beyond what was asked (None when nothing more)."""
    tables = []
    for q in rules.questions:
        if not q.get("rank_excess") or not applies(q, workload):
            continue
        column = index.column(q["rule"]["trait"])
        required = decided.get(q["key"])
        labels = []
        for cell in column.cells:
            label = None
            if cell is None:
                pass
            elif q["rule"]["kind"] == "at-least":
                order = q["rule"]["order"]
                if order.index(cell.value) > order.index(required if required is not None else order[0]):
                    label = f"{q['label']} {cell.value}"
            elif cell.value is True and required is not True:
                label = q["label"]
            labels.append(label)
        tables.append((column, labels))
    return tables


def _shown(q: dict, cell: Cell | None) -> str:
    """A trait value in architectural words, with how far a limit can be raised."""
    kind = q["rule"]["kind"]
    if kind == "equals":
        return str(cell.value if cell else q["rule"]["default"])
    if cell is None:
        return "not offered"
    if kind == "required":
        return "offered" if cell.value else "not offered"
    if kind == "not-above":
        if cell.value is None:
            return "no documented limit"
        text = f"{fmt(cell.value)} {q.get('unit', '')}".strip()
        if cell.adjustable:
            how = "by a setting on the resource" if cell.raised_by == "resource-setting" else "on request"
            text += f" (raised {how}" + ("" if cell.ceiling is None else f" up to {fmt(cell.ceiling)}") + ")"
        return text
    return fmt(cell.value)


def _differences(a: int, b: int, penalties: dict, index: CatalogIndex, decided: dict, rules: Rules, workload) -> list[str]:
    """Why a ranks above b: the score items only one of them has, then the traits that differ."""
    other = index.ids[b]
    out = []
    a_items = {w for _, w in penalties[a]}
    b_items = {w for _, w in penalties[b]}
    for pid, mine, theirs in ((other, penalties[b], a_items), (index.ids[a], penalties[a], b_items)):
        for points, words in mine:
            if words not in theirs and not words.endswith("moving parts"):
                out.append(f"{pid}: {words.split(':')[0] if words.startswith(NEVER) else words}")
    traits = []
    asked = [q for q in rules.questions if q["key"] in decided]
    rest = [q for q in rules.questions if q["key"] not in decided and applies(q, workload)]
    for q in asked + rest:
        if q["rule"]["kind"] not in TRAIT_KINDS or q["rule"]["trait"] in traits:
            continue
        traits.append(q["rule"]["trait"])
        column = index.column(q["rule"]["trait"])
        ca, cb = column.cell(a), column.cell(b)
        if ca != cb and _shown(q, ca) != _shown(q, cb):
            out.append(f"{q['label']}: {_shown(q, ca)} vs {_shown(q, cb)}")
    pa, pb = index.moving_parts[a], index.moving_parts[b]
    if pa != pb:
        out.append(f"moving parts: {pa} vs {pb}")
    if not out:
        out.append("equal on every trait the advisor compares; listed by id")
    return out[:MOST_DIFFERENCES]
