"""The advisor: requirements in, every pattern out exactly once, recommended (ranked, explained)
or ruled out (with every failed rule and its reason, taken from the pattern's own data).

Semantics (rules.yaml's header): a "don't need" answer never rules a pattern out; a key that does
not apply to the chosen workload is ignored and the answer says so. Ranking is the documented
score model of ranking.py. When nothing fits, pairs of patterns that compose are tried, and
pointers name the AWS service to look at for needs outside the catalog.

The engine reads the catalog's columnar index (catalog/index.py): each question is decided once
per distinct trait value, and only the sentences shown to the user read per-pattern text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from advisor.humanize import money
from advisor.advise.checks import FAILS, PARTIAL, Check, Slot, applies, compile_check, fmt
from advisor.advise.explain import conflicts, pointers
from advisor.advise.ranking import rank
from advisor.advise.rules import Rules, load_rules
from advisor.catalog.index import CatalogIndex, Column, build_index, index_of

COST_KINDS = ("cost", "budget")


@dataclass
class Recommendation:
    id: str
    name: str
    score: int
    why: list[str]
    tradeoffs: list[str]
    partial: list[str]
    monthly_usd: float | None = None
    versus_next: dict | None = None
    cost: dict | None = None  # how far to trust monthly_usd: verification, complete, unpriced meters


def cost_summary(estimate) -> dict:
    """What a user needs to weigh a cost: its volume, the weakest price verification, and whether
    meters without a verified price make it a lower bound."""
    return {"monthly_events": estimate.monthly_events, "default_volume": estimate.default_volume,
            "verification": estimate.verification, "complete": estimate.complete,
            "unpriced": sorted({f"{u['service']} {u['meter_id']}" for u in estimate.unpriced})}


def cost_phrase(estimate) -> str:
    """$10.33 a month, or at least $10.33 when some meters have no verified price."""
    return ("about " if estimate.complete else "at least ") + f"{money(estimate.usd)} a month"


@dataclass
class RuledOut:
    id: str
    name: str
    reasons: list[str]


@dataclass
class Composition:
    id: str
    name: str
    parts: list[str]
    solves: str
    source: str
    score: int
    why: list[str]
    partial: list[str]


@dataclass
class Result:
    requirements: dict
    recommended: list[Recommendation] = field(default_factory=list)
    ruled_out: list[RuledOut] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    compositions: list[Composition] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "requirements": self.requirements,
            "notes": self.notes,
            "recommended": [{"id": r.id, "name": r.name, "score": r.score, "why": r.why, "tradeoffs": r.tradeoffs,
                             "partial": r.partial, "monthly_usd": r.monthly_usd,
                             **({"cost": r.cost} if r.cost is not None else {}), "versus_next": r.versus_next}
                            for r in self.recommended],
            "compositions": [{"id": c.id, "name": c.name, "parts": c.parts, "solves": c.solves, "source": c.source,
                              "score": c.score, "why": c.why, "partial": c.partial} for c in self.compositions],
            "ruled_out": [{"id": r.id, "name": r.name, "reasons": r.reasons} for r in self.ruled_out],
            "conflicts": self.conflicts,
        }


def check(question: dict, required, data: dict, requirements: dict | None = None) -> tuple[str, str]:
    """Decide one requirement against one pattern's data: (status, reason in words)."""
    decided = compile_check(question, required, requirements)
    index = build_index([_Single(data)], compose=False)
    column = index.column(decided.column)
    extra = index.column(decided.extra) if decided.extra else None
    status = decided.status(column.cell(0), extra.cell(0) if extra else None)
    return status, _sentence(decided, column, extra, status, 0)


@dataclass
class _Single:
    data: dict
    id: str = "pattern"


def _slot(column: Column, i: int) -> Slot:
    return Slot(column.cells[column.codes[i]], column.notes[i], column.cited[i])


def _sentence(decided: Check, column: Column, extra: Column | None, status: str, i: int) -> str:
    """The reason pattern i gets this status, written from its own note and cited limit."""
    return decided.reason(status, column.cells[column.codes[i]], column.notes[i], column.cited[i],
                          _slot(extra, i) if extra else None)


def _writer(decided: Check, column: Column, extra: Column | None):
    """write(status, i): _sentence, remembered per decision input for patterns whose sentence
    carries no text of their own (no note, no cited limit), which is most ruled-out lines."""
    memo: dict = {}
    codes, notes, cited = column.codes, column.notes, column.cited

    def write(status: str, i: int) -> str:
        if notes[i] or cited[i] or (extra is not None and (extra.notes[i] or extra.cited[i])):
            return _sentence(decided, column, extra, status, i)
        key = (status, codes[i], extra.codes[i] if extra is not None else None)
        found = memo.get(key)
        if found is None:
            found = memo[key] = _sentence(decided, column, extra, status, i)
        return found
    return write


def split_requirements(requirements: dict, rules: Rules) -> tuple[dict, dict, list[str]]:
    """(requirements decided against traits, cost requirements, notes on ignored keys and cautions)."""
    workload = requirements.get("workload")
    decided, cost, notes = {}, {}, []
    for key, value in requirements.items():
        q = rules.question(key)
        if not applies(q, workload):
            notes.append(f"{key} does not apply to {workload}; ignored")
            continue
        (cost if q["rule"]["kind"] in COST_KINDS else decided)[key] = value
        caution = q.get("cautions", {}).get(value) if isinstance(value, str) else None
        if caution:
            notes.append(f"{key}={value}: {caution}")
    return decided, cost, notes


def evaluate(index: CatalogIndex, checks: list[Check]):
    """Each pattern's status on each check: rows[i] is pattern i's tuple of statuses."""
    columns = []
    by_check = []
    for decided in checks:
        column = index.column(decided.column)
        extra = index.column(decided.extra) if decided.extra else None
        columns.append((decided, column, extra))
        if extra is None:
            table = [decided.status(cell, None) for cell in column.cells]
            by_check.append([table[code] for code in column.codes])
        else:
            memo: dict[tuple[int, int], str] = {}
            out = []
            for code, extra_code in zip(column.codes, extra.codes):
                found = memo.get((code, extra_code))
                if found is None:
                    found = memo[(code, extra_code)] = decided.status(column.cells[code], extra.cells[extra_code])
                out.append(found)
            by_check.append(out)
    rows = list(zip(*by_check)) if by_check else [()] * len(index.ids)
    return columns, rows


def recommend(requirements: dict, catalog, rules: Rules | None = None, pattern_data=None) -> Result:
    """Evaluate every pattern of the catalog (a Catalog, an index, or an iterable of objects with .id
    and .data). pattern_data(id) gives a pattern's full data for the cost step; without it, the
    catalog's own patterns are used when it has them."""
    rules = rules or load_rules()
    index = index_of(catalog)
    decided, cost, notes = split_requirements(requirements, rules)
    result = Result(dict(requirements), notes=notes)
    checks = [compile_check(rules.question(k), v, decided, rules.beyond_catalog) for k, v in decided.items()]
    columns, rows = evaluate(index, checks)
    writers = [_writer(d, c, e) for d, c, e in columns]
    fits = []
    for i, row in enumerate(rows):
        if FAILS in row:
            reasons = [write(FAILS, i) for write, status in zip(writers, row) if status is FAILS]
            result.ruled_out.append(RuledOut(index.ids[i], index.names[i], reasons))
        else:
            fits.append(i)
    costs = _costs(cost, fits, index, catalog, pattern_data, result) if cost else {}
    if cost.get("monthly_budget_usd") is not None:
        fits = [i for i in fits if i not in costs or costs[i] is None or costs[i].usd <= cost["monthly_budget_usd"]]
    ranked = rank(fits, rows, columns, index, decided, rules, costs)
    for entry in ranked:
        i = entry.i
        why, partial = [], []
        for write, status in zip(writers, rows[i]):
            (partial if status in PARTIAL else why).append(write(status, i))
        usd = costs.get(i)
        result.recommended.append(Recommendation(index.ids[i], index.names[i], entry.score, [entry.summary] + why,
                                                 list(index.cons[i]), partial, None if usd is None else usd.usd,
                                                 entry.versus_next, None if usd is None else cost_summary(usd)))
    result.ruled_out.sort(key=lambda r: r.id)
    result.conflicts = pointers(decided, rules)
    if not result.recommended:
        result.conflicts = conflicts(decided, rules, index, columns, rows, result.conflicts)
        if index.composed is not None and checks:
            result.compositions = _compositions(index.composed, index.composed_info, checks, decided, rules)
    return result


def _compositions(composed: CatalogIndex, info: list[dict], checks: list[Check], decided: dict, rules: Rules) -> list[Composition]:
    """Pairs of patterns that together meet every requirement, best first."""
    columns, rows = evaluate(composed, checks)
    fits = [i for i, row in enumerate(rows) if FAILS not in row]
    out = []
    for entry in rank(fits, rows, columns, composed, decided, rules, {}):
        i = entry.i
        why, partial = [], []
        for (d, c, e), status in zip(columns, rows[i]):
            (partial if status in PARTIAL else why).append(_sentence(d, c, e, status, i))
        meta = info[i]
        out.append(Composition(composed.ids[i], composed.names[i], list(meta["parts"]), meta["solves"], meta["source"],
                               entry.score, [entry.summary] + why, partial))
    return out


def _costs(cost: dict, fits: list[int], index: CatalogIndex, catalog, pattern_data, result: Result) -> dict:
    """Each fitting pattern's monthly cost at the user's volume (advisor.cost, when present); a
    pattern above the budget is ruled out with both numbers. Only patterns still in the running
    are priced."""
    try:
        from advisor.cost.patterns import pattern_monthly_usd
    except ImportError:
        result.notes.append("cost: the cost model is not installed; monthly_events and monthly_budget_usd were not used")
        return {}
    if pattern_data is None:
        get = getattr(catalog, "get", None)
        if get is None:
            result.notes.append("cost: no pattern data was given to price patterns with; the cost keys were not used")
            return {}
        pattern_data = lambda pid: get(pid).data  # noqa: E731
    budget = cost.get("monthly_budget_usd")
    out = {}
    for i in fits:
        estimate = pattern_monthly_usd(pattern_data(index.ids[i]), cost.get("monthly_events"))
        out[i] = estimate
        if estimate is not None and budget is not None and estimate.usd > budget:
            volume = "its default volume of " if estimate.default_volume else ""
            result.ruled_out.append(RuledOut(index.ids[i], index.names[i], [
                f"monthly budget: {cost_phrase(estimate)} at {volume}{fmt(estimate.monthly_events)} "
                f"events, above the budget of ${fmt(budget)} (prices {estimate.verification})"]))
    return out
