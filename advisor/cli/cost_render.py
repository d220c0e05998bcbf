"""Text output of `advisor cost`: money as money, every line with its verification level."""

from __future__ import annotations

from advisor.cost.calculators import money
from advisor.cost.pricing import CROSS_CHECKED_WORDING, price_text as unit_price


def _qty(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 or float(value).is_integer() else f"{value:,.4g}"


def _lines(lines: list[dict]) -> None:
    width = max((len(line["meter"]) for line in lines), default=0)
    for line in lines:
        price = unit_price(line["unit_price_usd"])
        print(f"  {line['meter']:<{width}}  {_qty(line['quantity']):>16} x {price} {line['unit']:<18} "
              f"{money(line['usd']):>12}  {line['verification']}")


def _unpriced(items: list[dict]) -> None:
    if items:
        print("unpriced, not in the total (run `advisor prices update` to read them from the AWS Price List):")
        for item in items:
            print(f"  {item['meter']}: {_qty(item['quantity'])} ({item['unit']}) - {item['why']}")


def _verification(level: str | None) -> None:
    if level == "cross-checked":
        print(f"verification: cross-checked - {CROSS_CHECKED_WORDING}")
    elif level:
        print(f"verification: {level}")


def print_service(result: dict) -> None:
    as_of = f" as of {result['prices_as_of']}" if result["prices_as_of"] else ""
    incomplete = "" if result["complete"] else ", incomplete: see unpriced"
    if not result["lines"] and result["unpriced"]:
        print(f"{result['service']}: no line has a verified price yet; the quantities below are what would be billed")
    else:
        print(f"{result['service']}: {money(result['monthly_usd'])} per month (us-east-1 list prices{as_of}"
              f"{', free tier applied' if result['free_tier'] else ''}{incomplete})")
    _lines(result["lines"])
    if result["assumed"]:
        print("assumed: " + ", ".join(result["assumed"]))
    _unpriced(result["unpriced"])
    _verification(result["verification"])
    if result["sources"]:
        print("sources: " + ", ".join(result["sources"]))


def print_pattern(result: dict) -> None:
    volume = f"{result['monthly_events']:,.0f} events/month" + (" (the pattern's default volume)" if result["default_volume"] else "")
    incomplete = "" if result["complete"] else " (incomplete: see unpriced)"
    if not result["lines"] and result["unpriced"]:
        print(f"{result['pattern']}: no line has a verified price yet at {volume}; the quantities below are what would be billed")
    else:
        print(f"{result['pattern']}: {money(result['monthly_usd'])} per month at {volume}{incomplete}")
    _lines(result["lines"])
    dominant = max(result["lines"], key=lambda line: line["usd"], default=None)
    if dominant and result["monthly_usd"] > 0:
        print(f"dominant: {dominant['meter']} ({money(dominant['usd'])}, {dominant['usd'] / result['monthly_usd']:.0%} of the total)")
    if result["assumed"]:
        print("assumed: " + ", ".join(result["assumed"]))
    _unpriced(result["unpriced"])
    w = result["waste"]
    parts = [f"{w['failure_rate']:.0%} of events failing and retried {w['retry_attempts']} times: {money(w['failures_usd'])}"]
    if w["extra_100ms_usd"] is not None:
        parts.append(f"each extra 100 ms of function duration: {money(w['extra_100ms_usd'])}")
    print("waste per month: " + "; ".join(parts))
    for note in result["notes"]:
        print(f"note: {note}")
    _verification(result["verification"])


def print_compare(result: dict) -> None:
    a, b = result["patterns"]
    wa, wb = max(len(a), 12), max(len(b), 12)
    print(f"{'events/month':>14}  {a:>{wa}}  {b:>{wb}}  cheaper")
    for point in result["points"]:
        usd = point["usd"]
        cheaper = a if usd[a] < usd[b] else b if usd[b] < usd[a] else "same"
        print(f"{point['monthly_events']:>14,.0f}  {money(usd[a]):>{wa}}  {money(usd[b]):>{wb}}  {cheaper}")
    if result["break_even"]:
        for be in result["break_even"]:
            print(f"break-even at about {be['monthly_events']:,.0f} events/month: {be['cheaper_below']} is cheaper below, "
                  f"{be['cheaper_above']} above")
    else:
        print("no break-even in this range")
    for pid, meters in result["unpriced"].items():
        print(f"{pid} excludes unpriced meters: {', '.join(meters)}")
