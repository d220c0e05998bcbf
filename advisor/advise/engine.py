"""The advisor: requirements in, every pattern out exactly once, recommended (ranked, explained)
or ruled out (with every failed rule and its reason, taken from the pattern's own data).

Ranking prefers the pattern that meets the requirements with the fewest moving parts: fewer
partial matches first, then fewer topology nodes; patterns whose data says they are never the
first choice go last; the id breaks remaining ties so the order is stable.

The engine reads the catalog's columnar index (catalog_index.py): each question is decided once
per distinct trait value, and only the sentences shown to the user read per-pattern text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from advisor.catalog.index import WORKLOADS, CatalogIndex, Cell, Column, build_index, index_of
from advisor.advise.rules import Rules, load_rules

MEETS, PARTIAL, FAILS = "meets", "partial", "fails"


@dataclass
class Recommendation:
    id: str
    name: str
    score: int
    why: list[str]
    tradeoffs: list[str]
    partial: list[str]


@dataclass
class RuledOut:
    id: str
    name: str
    reasons: list[str]


@dataclass
class Result:
    requirements: dict
    recommended: list[Recommendation] = field(default_factory=list)
    ruled_out: list[RuledOut] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "requirements": self.requirements,
            "recommended": [{"id": r.id, "name": r.name, "score": r.score, "why": r.why, "tradeoffs": r.tradeoffs,
                             "partial": r.partial} for r in self.recommended],
            "ruled_out": [{"id": r.id, "name": r.name, "reasons": r.reasons} for r in self.ruled_out],
            "conflicts": self.conflicts,
        }


def _fmt(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return f"{value:,g}" if isinstance(value, float) else f"{value:,}"
    if isinstance(value, (list, tuple)):
        return ", ".join(value) if value else "none"
    return str(value)


@dataclass(frozen=True)
class Check:
    """One answered question, prepared once and applied to every pattern.

    status(cell) decides from the decision inputs alone, so patterns sharing them share one
    decision; reason(status, cell, note, cited) writes the sentence, only where it is shown.
    """

    column: str
    status: Callable[[Cell | None], str]
    reason: Callable[[str, Cell | None, str, str], str]


def check(question: dict, required, data: dict) -> tuple[str, str]:
    """Decide one requirement against one pattern's data: (meets|partial|fails, reason in words)."""
    decided = compile_check(question, required)
    column = build_index([_Single(data)]).column(decided.column)
    status = decided.status(column.cell(0))
    return status, _sentence(decided, column, status, 0)


def _sentence(decided: Check, column: Column, status: str, i: int) -> str:
    """The reason pattern i gets this status, written from its own note and cited limit."""
    return decided.reason(status, column.cell(i), column.notes[i], column.cited[i])


@dataclass
class _Single:
    data: dict
    id: str = "pattern"


def compile_check(question: dict, required) -> Check:
    rule, label = question["rule"], question["label"]
    kind = rule["kind"]
    if kind == "workload":
        def status(cell):
            return MEETS if cell and required in cell.value else FAILS  # None: the unused "absent" cell

        def reason(status, cell, note, cited):
            if status == MEETS:
                return f"{label}: built for {required}"
            return f"{label}: built for {_fmt(cell.value)}, not {required}"
        return Check(WORKLOADS, status, reason)
    trait_key = rule["trait"]
    if kind == "equals":
        def value_of(cell):
            return cell.value if cell else rule["default"]

        def status(cell):
            return MEETS if value_of(cell) == required else FAILS

        def reason(status, cell, note, cited):
            if status == MEETS:
                return f"{label}: {_fmt(value_of(cell))}"
            return f"{label}: needs {required}; this pattern speaks {value_of(cell)} only"
        return Check(trait_key, status, reason)
    missing = f"{label}: needs {_fmt(required)}; this pattern has no {label} to offer"
    met = _trait_check(kind, rule, required, label, question)
    if met is None:
        raise ValueError(f"unknown rule kind {kind}")
    decide, write = met

    def status(cell):
        return FAILS if cell is None else decide(cell)

    def reason(status, cell, note, cited):
        return missing if cell is None else write(status, cell, note, cited)
    return Check(trait_key, status, reason)


def _trait_check(kind: str, rule: dict, required, label: str, question: dict):
    """(decide(cell), write(status, cell, note, cited)) for a trait the pattern has."""
    if kind == "at-least":
        rank = {v: i for i, v in enumerate(rule["order"])}
        needed = rank[required]
        return (lambda cell: MEETS if rank[cell.value] >= needed else FAILS,
                lambda status, cell, note, cited: f"{label}: {cell.value}.{note}" if status == MEETS
                else f"{label}: needs {required}, this pattern gives {cell.value}.{note}")
    if kind == "required":
        return (lambda cell: MEETS if not required or cell.value else FAILS,
                lambda status, cell, note, cited: f"{label}: yes.{note}" if status == MEETS
                else f"{label}: needed, not offered.{note}")
    if kind == "accepts":
        accepted = set(rule["accepts"][required])
        return (lambda cell: MEETS if cell.value in accepted else FAILS,
                lambda status, cell, note, cited: f"{label}: {cell.value}.{note}" if status == MEETS
                else f"{label}: needs {required}, this pattern is {cell.value}.{note}")
    if kind == "includes":
        return (lambda cell: MEETS if required in cell.value else FAILS,
                lambda status, cell, note, cited: f"{label}: supports {required}.{note}" if status == MEETS
                else f"{label}: needs {required}, this pattern supports {_fmt(cell.value)}.{note}")
    if kind == "includes-all":
        def lacking(cell):
            return [x for x in required if x not in cell.value]
        return (lambda cell: FAILS if lacking(cell) else MEETS,
                lambda status, cell, note, cited: f"{label}: supports {_fmt(required)}.{note}" if status == MEETS
                else f"{label}: needs {_fmt(lacking(cell))}, not available.{note}")
    if kind == "not-above":
        return _not_above(required, label, question.get("unit", ""))
    return None


def _not_above(required, label: str, unit: str):
    shown = _fmt(required)

    def decide(cell):
        if cell.value is None or required <= cell.value:
            return MEETS
        if cell.adjustable and (cell.ceiling is None or required <= cell.ceiling):
            return PARTIAL
        return FAILS

    def write(status, cell, note, cited):
        value = cell.value
        if status == MEETS:
            bound = "no documented limit" if value is None else f"up to {_fmt(value)} {unit}"
            return f"{label}: {shown} {unit} needed, {bound}.{note}"
        if status == PARTIAL:
            return (f"{label}: {shown} {unit} is above the default quota of {_fmt(value)} {unit}, "
                    f"which AWS raises on request{cited}.{note}")
        if cell.adjustable:
            return (f"{label}: needs {shown} {unit}, the limit is {_fmt(value)} {unit} and can be raised "
                    f"only to {_fmt(cell.ceiling)} {unit}{cited}.{note}")
        return f"{label}: needs {shown} {unit}, the limit is {_fmt(value)} {unit}{cited}.{note}"
    return decide, write


def excess_tables(index: CatalogIndex, requirements: dict, rules: Rules) -> list[tuple[Column, list[str | None]]]:
    """For each question marked rank_excess: its column, and per distinct cell the guarantee that
    cell offers beyond what was asked (None when it offers nothing more)."""
    tables = []
    for q in rules.questions:
        if not q.get("rank_excess"):
            continue
        column = index.column(q["rule"]["trait"])
        required = requirements.get(q["key"])
        labels: list[str | None] = []
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


def recommend(requirements: dict, catalog, rules: Rules | None = None) -> Result:
    """Evaluate every pattern of the catalog (a Catalog, or an iterable of objects with .id and .data)."""
    rules = rules or load_rules()
    index = index_of(catalog)
    asked_questions = [(rules.question(k), v) for k, v in requirements.items()]
    checks = [compile_check(q, v) for q, v in asked_questions]
    asked = [(decided, index.column(decided.column)) for decided in checks]
    # each question decided once per distinct decision input, then looked up for every pattern
    by_question = []
    for decided, column in asked:
        table = [decided.status(cell) for cell in column.cells]
        by_question.append([table[code] for code in column.codes])
    rows = list(zip(*by_question)) if by_question else [()] * len(index.ids)  # rows[i]: pattern i's statuses
    result = Result(dict(requirements))
    fits = []
    for i, row in enumerate(rows):
        if FAILS in row:
            reasons = [_sentence(decided, column, FAILS, i) for (decided, column), status in zip(asked, row) if status is FAILS]
            result.ruled_out.append(RuledOut(index.ids[i], index.names[i], reasons))
        else:
            fits.append(i)

    tables = excess_tables(index, requirements, rules)
    extra = {i: [label for column, labels in tables if (label := labels[column.codes[i]])] for i in fits}
    never = index.never_first_choice
    parts = index.moving_parts
    fits.sort(key=lambda i: (bool(never[i]), rows[i].count(PARTIAL), len(extra[i]), parts[i], index.ids[i]))
    for position, i in enumerate(fits, 1):
        why, partial = [], []
        for (decided, column), status in zip(asked, rows[i]):
            (partial if status is PARTIAL else why).append(_sentence(decided, column, status, i))
        more = extra[i]
        score = 100 - 10 * len(partial) - 5 * len(more) - parts[i] - (50 if never[i] else 0)
        order = f"Ranked {position} of {len(fits)}: "
        order += f"{len(partial)} partial match(es)" if partial else "meets every requirement in full"
        order += (f", offers more than asked ({', '.join(more)}), which costs throughput, money or operations"
                  if more else ", no guarantees beyond what you asked")
        order += f", {parts[i]} moving parts"
        if never[i]:
            order += f"; never the first choice: {never[i]}"
        result.recommended.append(Recommendation(index.ids[i], index.names[i], score, [order + "."] + why, list(index.cons[i]), partial))
    result.ruled_out.sort(key=lambda r: r.id)
    if not result.recommended:
        keys = list(requirements)
        verdicts = {pid: dict(zip(keys, rows[i])) for i, pid in enumerate(index.ids)}
        result.conflicts = _conflicts(requirements, asked_questions, verdicts, rules)
    else:
        result.conflicts = _beyond(requirements, rules)
    return result


def _beyond(requirements: dict, rules: Rules) -> list[str]:
    out = []
    for pointer in rules.beyond_catalog:
        if all(requirements.get(k) == v for k, v in pointer["when"].items()):
            when = ", ".join(f"{k}={v}" for k, v in pointer["when"].items())
            out.append(f"{when} is outside this catalog: look at {pointer['service']}. {pointer['why']} {pointer['url']}")
    return out


def _conflicts(requirements: dict, asked, verdicts: dict[str, dict[str, str]], rules: Rules) -> list[str]:
    """Explain why nothing fits: requirements no pattern meets, then pairs no pattern meets together."""
    out = _beyond(requirements, rules)
    workload = requirements.get("workload")
    pool = [pid for pid, v in verdicts.items() if v.get("workload", MEETS) != FAILS]
    if workload and not pool:
        return out + [f"no pattern in the catalog is built for workload {workload}"]
    keys = [q["key"] for q, _ in asked if q["key"] != "workload"]
    ok = {k: {pid for pid in pool if verdicts[pid][k] != FAILS} for k in keys}
    alone = [k for k in keys if not ok[k]]
    for k in alone:
        if not any(k in p["when"] for p in rules.beyond_catalog):
            out.append(f"{k}={_fmt(requirements[k])}: no {workload or ''} pattern in the catalog meets it; relax it".replace("  ", " "))
    rest = [k for k in keys if ok[k]]
    for i, a in enumerate(rest):
        for b in rest[i + 1:]:
            if not ok[a] & ok[b]:
                out.append(f"{a}={_fmt(requirements[a])} conflicts with {b}={_fmt(requirements[b])}: the patterns that meet the first "
                           f"({', '.join(sorted(ok[a]))}) cannot meet the second; relax one of them")
    if not out:
        out.append("no single pattern meets all of these requirements together; relax the one you can most easily change")
    return out
