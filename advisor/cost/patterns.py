"""A pattern's monthly cost: its `cost:` section (pattern.yaml) names the service calculators it
uses and how the workload inputs (events per month, payload size, duration, ...) become each
calculator's inputs, as formulas in the safe expression language (advisor/cost/expr.py).

    cost:
      default_events_per_month: 10000000
      retry_attempts: 4            # extra attempts a failing event gets (for the waste numbers)
      inputs:
        payload_kb: {default: 1, description: average message size, unit: KB}
      lines:
        - service: sqs
          set: {messages: events_per_month, payload_kb: payload_kb}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from advisor.cost import expr
from advisor.cost.calculators import calculator, run
from advisor.cost.pricing import weakest
from advisor.errors import UsageError
from advisor.humanize import number

VOLUME = "events_per_month"
WASTE_FAILURE_RATE = 0.01


@dataclass
class PatternCost:
    usd: float
    monthly_events: float
    default_volume: bool
    verification: str | None
    lines: list[dict] = field(default_factory=list)
    unpriced: list[dict] = field(default_factory=list)
    inputs: dict = field(default_factory=dict)
    assumed: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.unpriced

    @property
    def dominant(self) -> dict | None:
        return max(self.lines, key=lambda line: line["usd"], default=None)

    def to_json(self) -> dict:
        return {"monthly_usd": round(self.usd, 6), "monthly_events": self.monthly_events,
                "default_volume": self.default_volume, "verification": self.verification, "complete": self.complete,
                "dominant": self.dominant["meter"] if self.dominant and self.dominant["usd"] > 0 else None,
                "inputs": self.inputs, "assumed": self.assumed, "lines": self.lines, "unpriced": self.unpriced}


def model_inputs(section: dict) -> dict[str, dict]:
    """The pattern's workload inputs with their defaults, events per month first."""
    inputs = {VOLUME: {"default": section["default_events_per_month"], "description": "events per month", "unit": "events"}}
    inputs.update(section.get("inputs", {}))
    return inputs


def evaluate(section: dict, given: dict | None = None) -> PatternCost:
    """Cost at the given workload inputs (the rest at their defaults). Unknown inputs are errors."""
    given = dict(given or {})
    spec = model_inputs(section)
    unknown = sorted(set(given) - set(spec))
    if unknown:
        raise UsageError(f'--set: unknown input "{unknown[0]}" for this pattern; inputs: {", ".join(spec)}')
    env, assumed = {}, []
    for name, item in spec.items():
        if name in given:
            env[name] = _number(name, given[name], item)
        else:
            env[name] = float(item["default"])
            if name != VOLUME:
                assumed.append(f"{name}={number(env[name])}{(' ' + item['unit']) if item.get('unit') else ''}")
    lines, unpriced, levels = [], [], []
    for entry in section["lines"]:
        calc = calculator(entry["service"])
        kinds = {i.name: i.kind for i in calc.inputs}
        values = {}
        for key, raw in entry["set"].items():
            if kinds.get(key) == "number" and isinstance(raw, str):
                values[key] = expr.evaluate(_parsed(raw), env)
            else:
                values[key] = raw
        result = run(calc, values)
        label = entry.get("label", entry["service"])
        for line in result["lines"]:
            lines.append({**line, "service": entry["service"], "meter": f"{label}: {line['meter']}"})
        for item in result["unpriced"]:
            unpriced.append({**item, "meter": f"{label}: {item['meter']}"})
        levels.append(result["verification"])
        # Calculator defaults that change nothing (zero extras, free tier off) would only be noise here.
        assumed.extend(f"{entry['service']} {a}" for a in result["assumed"]
                       if not a.startswith("free_tier") and not a.split("=", 1)[-1].startswith("0"))
    total = sum(line["usd"] for line in lines)
    return PatternCost(total, env[VOLUME], VOLUME not in given, weakest(levels), lines, unpriced, env, assumed)


@lru_cache(maxsize=1024)
def _parsed(formula: str):
    return expr.parse(formula)


def _number(name: str, raw, item: dict) -> float:
    try:
        value = float(str(raw).replace("_", ""))
    except ValueError:
        raise UsageError(f"--set: {name}: expected a number, got {raw!r}") from None
    low, high = item.get("minimum", 0), item.get("maximum")
    if value != value or value < low or (high is not None and value > high):
        bound = f"{low:,g} to {high:,g}" if high is not None else f"at least {low:,g}"
        unit = f" {item['unit']}" if item.get("unit") else ""
        raise UsageError(f"--set: {name}: expected {bound}{unit}, got {raw}")
    return value


def pattern_monthly_usd(pattern_data: dict, monthly_events: float | None) -> PatternCost | None:
    """The advisor's entry point: cost at `monthly_events`, or at the pattern's default volume when None."""
    section = pattern_data.get("cost")
    if not section:
        return None
    return evaluate(section, {} if monthly_events is None else {VOLUME: monthly_events})


def default_monthly_cost(pattern_data: dict) -> PatternCost | None:
    """Cost at the pattern's own default volume (for the site's at-a-glance box)."""
    return pattern_monthly_usd(pattern_data, None)


def waste(section: dict, given: dict | None = None) -> dict:
    """What waste costs at the given volume: a 1 % failure rate retried `retry_attempts` times, and
    each extra 100 ms of function duration (when the model has a duration input)."""
    given = dict(given or {})
    base = evaluate(section, given)
    out = {"monthly_events": base.monthly_events, "failure_rate": WASTE_FAILURE_RATE,
           "retry_attempts": section.get("retry_attempts", 0)}
    retried = base.monthly_events * (1 + WASTE_FAILURE_RATE * out["retry_attempts"])
    out["failures_usd"] = round(evaluate(section, {**given, VOLUME: retried}).usd - base.usd, 6)
    if "duration_ms" in model_inputs(section):
        slower = base.inputs["duration_ms"] + 100
        out["extra_100ms_usd"] = round(evaluate(section, {**given, "duration_ms": slower}).usd - base.usd, 6)
    else:
        out["extra_100ms_usd"] = None
    return out


def check_section(section: dict) -> list[str]:
    """Problems in a cost section that the JSON Schema cannot see: formulas and calculator inputs."""
    problems = []
    names = set(model_inputs(section))
    for number, entry in enumerate(section.get("lines", ()), 1):
        try:
            calc = calculator(entry["service"])
        except UsageError as exc:
            problems.append(f"cost.lines[{number}]: {exc}")
            continue
        kinds = {i.name: i.kind for i in calc.inputs}
        for key, raw in entry["set"].items():
            if key not in kinds:
                problems.append(f'cost.lines[{number}].set: {entry["service"]} has no input "{key}"')
            elif kinds[key] == "number" and isinstance(raw, str):
                try:
                    missing = expr.names(expr.parse(raw)) - names
                except expr.ExprError as exc:
                    problems.append(f"cost.lines[{number}].set.{key}: {exc} in {raw!r}")
                    continue
                if missing:
                    problems.append(f"cost.lines[{number}].set.{key}: unknown input {sorted(missing)[0]!r} in {raw!r}")
    if not problems:  # the model must hold at its defaults and across the whole charted range
        for volume in (None, 1e5, 1e11):
            try:
                evaluate(section, {} if volume is None else {VOLUME: volume})
            except UsageError as exc:
                where = "the default inputs" if volume is None else f"{number(volume)} events per month"
                problems.append(f"cost: at {where}: {exc}")
    return problems


def cost_section(pattern) -> dict:
    """The pattern's `cost:` section; a usage error naming the pattern when it has none."""
    section = pattern.data.get("cost")
    if not section:
        raise UsageError(f"{pattern.id} has no cost section in its pattern.yaml")
    return section


def pattern_report(pattern, given: dict | None = None) -> dict:
    """`advisor cost PATTERN --json`: every meter line, the assumptions, waste and the pattern's notes."""
    from advisor.errors import UsageError

    section = cost_section(pattern)
    return {"pattern": pattern.id, **evaluate(section, given).to_json(), "waste": waste(section, given),
            "notes": section.get("notes", [])}
