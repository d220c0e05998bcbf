"""Cost versus volume for two patterns, and the volumes where the cheaper one changes (break-even)."""

from __future__ import annotations

import math

from advisor.cost.patterns import VOLUME, evaluate
from advisor.errors import UsageError

DEFAULT_RANGE = (1e5, 1e11)
MAX_EVENTS = 1e13
POINTS_PER_DECADE = 4


def parse_range(text: str) -> tuple[float, float]:
    """'1e5..1e11' -> (1e5, 1e11); both ends positive numbers, the first smaller."""
    parts = text.split("..")
    try:
        low, high = (float(p.replace("_", "")) for p in parts) if len(parts) == 2 else (None, None)
    except ValueError:
        low = high = None
    if low is None or not (0 < low < high <= MAX_EVENTS):
        raise UsageError(f"--range: expected LOW..HIGH events per month with 0 < LOW < HIGH <= 1e13, "
                         f"e.g. 1e5..1e11, got {text!r}")
    return low, high


def volumes(low: float, high: float, per_decade: int = POINTS_PER_DECADE) -> list[float]:
    steps = max(1, round(math.log10(high / low) * per_decade))
    return [float(f"{low * (high / low) ** (i / steps):.6g}") for i in range(steps + 1)]


def cost_at(section: dict, events: float) -> float:
    return evaluate(section, {VOLUME: events}).usd


def compare(sections: dict[str, dict], low: float, high: float) -> dict:
    """`sections` maps two pattern ids to their cost sections."""
    (a, sec_a), (b, sec_b) = sections.items()
    points = [{"monthly_events": v, "usd": {a: round(cost_at(sec_a, v), 6), b: round(cost_at(sec_b, v), 6)}}
              for v in volumes(low, high)]
    break_even = []
    for left, right in zip(points, points[1:]):
        d_left = left["usd"][a] - left["usd"][b]
        d_right = right["usd"][a] - right["usd"][b]
        if d_left == 0 or d_left * d_right > 0 or d_right == 0 and d_left == 0:
            continue
        crossing = _bisect(sec_a, sec_b, left["monthly_events"], right["monthly_events"])
        break_even.append({"monthly_events": float(f"{crossing:.4g}"),
                           "cheaper_below": a if d_left < 0 else b, "cheaper_above": b if d_left < 0 else a})
    incomplete = {pid: sorted({u["meter"] for u in evaluate(sec, {VOLUME: low}).unpriced})
                  for pid, sec in sections.items()}
    return {"patterns": [a, b], "range": [low, high], "points": points, "break_even": break_even,
            "unpriced": {pid: meters for pid, meters in incomplete.items() if meters}}


def _bisect(sec_a: dict, sec_b: dict, low: float, high: float) -> float:
    """The volume where the two costs meet, found in log space (costs are monotone between samples)."""
    diff = lambda v: cost_at(sec_a, v) - cost_at(sec_b, v)  # noqa: E731
    sign_low = diff(low) < 0
    for _ in range(60):
        mid = math.sqrt(low * high)
        if (diff(mid) < 0) == sign_low:
            low = mid
        else:
            high = mid
    return math.sqrt(low * high)
