"""Price lists (advisor/cost/prices/<service>.yaml): meters with unit prices, tiers and free tiers.

A meter turns a monthly quantity into charge lines: one line per price tier used, after the free
tier when the caller asks for it. Quantities are in the meter's counted unit; prices are per `per`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from advisor.errors import DataError, UsageError

PRICING_DIR = Path(__file__).resolve().parent / "prices"


@dataclass(frozen=True)
class Line:
    meter: str
    quantity: float
    unit: str
    unit_price_usd: float
    usd: float

    def to_json(self) -> dict:
        return {"meter": self.meter, "quantity": self.quantity, "unit": self.unit,
                "unit_price_usd": self.unit_price_usd, "usd": round(self.usd, 6)}


@dataclass(frozen=True)
class Meter:
    id: str
    description: str
    unit: str
    per: float
    price_usd: float
    tiers: tuple
    free_quantity: float
    source: str
    as_of: str

    def lines(self, quantity: float, free_tier: bool = False, label: str | None = None) -> list[Line]:
        """Charge lines for a monthly quantity (in counted things, not in `per` units)."""
        label = label or self.id
        billable = max(0.0, quantity - (self.free_quantity if free_tier else 0.0))
        unit_name = f"per {self.unit}" if self.per == 1 else f"{self.unit}"
        if not self.tiers:
            return [Line(label, billable, unit_name, self.price_usd, billable / self.per * self.price_usd)]
        out, lower = [], 0.0
        for tier in self.tiers:
            upper = tier["up_to"] if tier["up_to"] is not None else float("inf")
            in_tier = max(0.0, min(billable, upper) - lower)
            if in_tier > 0 or not out:
                suffix = "" if len(self.tiers) == 1 or lower == 0 else f" (above {lower:,.0f})"
                out.append(Line(label + suffix, in_tier, unit_name, tier["price_usd"], in_tier / self.per * tier["price_usd"]))
            lower = upper
            if billable <= upper:
                break
        return out


@dataclass(frozen=True)
class PriceList:
    service: str
    name: str
    meters: dict[str, Meter]
    notes: tuple

    def meter(self, meter_id: str) -> Meter:
        try:
            return self.meters[meter_id]
        except KeyError:
            raise DataError(f"advisor/cost/prices/{self.service}.yaml", f'no meter "{meter_id}"') from None

    @property
    def sources(self) -> list[str]:
        return sorted({m.source for m in self.meters.values()})

    @property
    def as_of(self) -> str:
        return max(m.as_of for m in self.meters.values())


@lru_cache(maxsize=None)
def price_list(service: str) -> PriceList:
    from advisor.catalog.schema import validate
    from advisor.catalog.safe_yaml import load_file

    path = PRICING_DIR / f"{service}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in PRICING_DIR.glob("*.yaml") if p.stem != "worked_examples"))
        raise UsageError(f'no price list for service "{service}"; known: {known}')
    doc = load_file(path, f"advisor/cost/prices/{service}.yaml")
    errors = validate(doc, "pricing.schema.json")
    if errors:
        raise errors[0]
    meters = {}
    for m in doc.data["meters"]:
        free = m.get("free_tier", {}).get("quantity", 0)
        meters[m["id"]] = Meter(m["id"], m["description"], m["unit"], float(m.get("per", 1)), float(m["price_usd"]),
                                tuple(m.get("tiers", ())), float(free), m["source"], m["as_of"])
    return PriceList(doc.data["service"], doc.data["name"], meters, tuple(doc.data.get("notes", ())))
