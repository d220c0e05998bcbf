"""What every service calculator shares: inputs with real bounds, the parse that rejects unknown,
ignored and missing inputs, and the bill that collects charge lines (and unpriced meters)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

from advisor.cost.pricing import Line, PriceList, UnpricedMeter, price_list, weakest
from advisor.errors import UsageError
from advisor.humanize import number

HOURS_PER_MONTH = 730  # AWS's pricing examples and calculator use 730 hours a month
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600


@dataclass(frozen=True)
class Input:
    name: str
    description: str
    default: object = None          # None: required (when it applies)
    choices: tuple = ()
    kind: str = "number"            # number | choice | bool
    minimum: float | None = 0
    maximum: float | None = None
    integer: bool = False
    bound_source: str = ""          # where the bounds come from
    when: tuple | None = None       # (other input, allowed values): the input applies only then
    unit: str = ""
    optional: bool = False          # no default and not required: the calculator derives it

    def applies(self, values: dict) -> bool:
        return self.when is None or values.get(self.when[0]) in self.when[1]


@dataclass
class Bill:
    """Charge lines of one calculation, plus the meters it needed that have no verified price."""
    prices: PriceList
    free_tier: bool = False
    lines: list[Line] = field(default_factory=list)
    unpriced: list[dict] = field(default_factory=list)
    used: set = field(default_factory=set)
    derived: list[str] = field(default_factory=list)   # values the calculator chose, echoed as assumptions

    def charge(self, meter_id: str, quantity: float, label: str, free_tier: bool | None = None) -> None:
        if quantity <= 0:
            return
        try:
            meter = self.prices.meter(meter_id)
        except UnpricedMeter as exc:
            self.unpriced.append({"meter": label, "service": self.prices.service, "meter_id": meter_id,
                                  "quantity": quantity, "unit": self.prices.unpriced[meter_id]["unit"], "why": exc.why})
            return
        self.used.add(meter_id)
        self.lines.extend(meter.lines(quantity, self.free_tier if free_tier is None else free_tier, label))


@dataclass(frozen=True)
class Calculator:
    service: str
    description: str
    inputs: tuple[Input, ...]
    compute: Callable[[dict, Bill], None]
    needs_one_of: tuple = ()        # quantities that all default to 0: at least one must be given

    def parse(self, given: dict) -> tuple[dict, list[str]]:
        """Typed values and the assumptions (defaults used). Unknown, ignored and missing inputs are errors."""
        spec = {i.name: i for i in self.inputs}
        unknown = sorted(set(given) - set(spec))
        if unknown:
            raise UsageError(f'--set: unknown input "{unknown[0]}" for {self.service}; inputs: {", ".join(spec)}')
        values, assumed = {}, []
        for item in self.inputs:  # choices come first in each calculator, so `when` can look them up
            if not item.applies(values):
                if item.name in given:
                    other, allowed = item.when
                    raise UsageError(f"--set: {item.name} applies only when {other} is {' or '.join(allowed)} "
                                     f"(here {other}={values[other]}); it would be ignored")
                continue
            if item.name in given:
                values[item.name] = _coerce(self.service, item, given[item.name])
            elif item.default is None and item.optional:
                pass  # the calculator derives it and echoes the value it chose (Bill.derived)
            elif item.default is None:
                raise UsageError(f"--set: {self.service} needs {item.name} ({item.description})")
            else:
                values[item.name] = _coerce(self.service, item, item.default)
                assumed.append(f"{item.name}={_show(values[item.name])}{(' ' + item.unit) if item.unit else ''}")
        if self.needs_one_of and not any(values.get(name) for name in self.needs_one_of):
            raise UsageError(f"--set: {self.service} needs at least one of {', '.join(self.needs_one_of)} above 0")
        return values, assumed


def _show(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}".replace(",", "_") if abs(value) >= 10000 else f"{value:.0f}"
    return str(value)


def _coerce(service: str, item: Input, raw):
    if item.kind == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).lower()
        if text in ("true", "yes", "1"):
            return True
        if text in ("false", "no", "0"):
            return False
        raise UsageError(f"--set: {item.name}: expected true or false, got {raw!r}")
    if item.kind == "choice":
        if str(raw) not in item.choices:
            raise UsageError(f"--set: {item.name}: expected one of {', '.join(item.choices)}, got {raw!r}")
        return str(raw)
    try:
        value = float(str(raw).replace("_", ""))
    except ValueError:
        raise UsageError(f"--set: {item.name}: expected a number, got {raw!r}") from None
    if math.isnan(value) or math.isinf(value):
        raise UsageError(f"--set: {item.name}: expected a finite number, got {raw!r}")
    low, high = item.minimum, item.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"{_bound(low)} to {_bound(high)}" if high is not None else f"at least {_bound(low)}"
        where = f" ({item.bound_source})" if item.bound_source else ""
        raise UsageError(f"--set: {item.name}: expected {span}{(' ' + item.unit) if item.unit else ''}{where}, got {raw}")
    if item.integer and not value.is_integer():
        raise UsageError(f"--set: {item.name}: expected a whole number, got {raw}")
    return value


def _bound(value: float) -> str:
    return number(value)


def run(calc: Calculator, given: dict) -> dict:
    values, assumed = calc.parse(given)
    bill = Bill(price_list(calc.service), bool(values.get("free_tier", False)))
    calc.compute(values, bill)
    total = sum(line.usd for line in bill.lines)
    return {"service": calc.service, "inputs": values, "assumed": assumed + bill.derived, "monthly_usd": round(total, 6),
            "complete": not bill.unpriced, "lines": [line.to_json() for line in bill.lines], "unpriced": bill.unpriced,
            "verification": weakest(line.verification for line in bill.lines),
            "free_tier": bool(values.get("free_tier", False)), "prices_as_of": bill.prices.as_of,
            "sources": sorted({s["url"] for meter_id in bill.used for s in bill.prices.meters[meter_id].sources})}


def money(usd: float) -> str:
    """Amounts as money, as every other text output writes them (advisor.humanize)."""
    from advisor.humanize import money as human_money

    return human_money(usd)


def chunks(size_kb: float, chunk_kb: float) -> int:
    """Billed chunks for a payload: every started chunk counts, and an empty payload still counts once."""
    return max(1, math.ceil(size_kb / chunk_kb - 1e-9))


FREE_TIER = Input("free_tier", "apply the monthly free tier (off by default, as in AWS's own calculator)", False, kind="bool")
