"""Price lists (advisor/cost/prices/<service>.yaml): meters with unit prices, tiers, free tiers and
their provenance (verification level and sources), plus the meters that have no verified price yet.

A meter turns a monthly quantity into charge lines: one line per price tier used, after the free
tier when the caller asks for it. Quantities are in the meter's counted unit; prices are per `per`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from advisor.errors import DataError, UsageError

PRICING_DIR = Path(__file__).resolve().parent / "prices"
NOT_PRICE_LISTS = {"worked_examples"}
# Strongest first: the weakest level among the prices used is what a total can claim.
VERIFICATION_ORDER = ("aws-offer-file", "aws-page", "cross-checked")
CROSS_CHECKED_WORDING = ("list price as published by AWS, cross-checked, not yet read from the AWS Price List; "
                         "run `advisor prices update`")


def price_text(usd: float) -> str:
    """A unit price in plain decimals, as AWS prints them: $0.40, $0.0000166667 (never 1.7e-05)."""
    if usd >= 0.01:
        return f"${usd:,.2f}" if round(usd, 2) == usd else "$" + f"{usd:.6f}".rstrip("0")
    return "$" + (f"{usd:.12f}".rstrip("0").rstrip(".") or "0")


def weakest(levels) -> str | None:
    levels = [lvl for lvl in levels if lvl]
    return max(levels, key=VERIFICATION_ORDER.index) if levels else None


class UnpricedMeter(UsageError):
    """A calculator needs a meter whose price could not be verified yet."""

    def __init__(self, service: str, meter_id: str, description: str, why: str):
        self.service, self.meter_id, self.description, self.why = service, meter_id, description, why
        super().__init__(f"{service} {meter_id} ({description}) has no verified price yet ({why}); "
                         f"run `advisor prices update` to read it from the AWS Price List")


@dataclass(frozen=True)
class Line:
    meter: str
    quantity: float
    unit: str
    unit_price_usd: float
    usd: float
    verification: str = ""

    def to_json(self) -> dict:
        return {"meter": self.meter, "quantity": self.quantity, "unit": self.unit,
                "unit_price_usd": self.unit_price_usd, "usd": round(self.usd, 6), "verification": self.verification}


@dataclass(frozen=True)
class Meter:
    id: str
    description: str
    unit: str
    per: float
    price_usd: float
    tiers: tuple
    free_quantity: float
    verification: str
    sources: tuple
    as_of: str

    def lines(self, quantity: float, free_tier: bool = False, label: str | None = None) -> list[Line]:
        """Charge lines for a monthly quantity (in counted things, not in `per` units)."""
        label = label or self.id
        billable = max(0.0, quantity - (self.free_quantity if free_tier else 0.0))
        unit_name = f"per {self.unit}" if self.per == 1 else f"{self.unit}"
        if not self.tiers:
            return [Line(label, billable, unit_name, self.price_usd, billable / self.per * self.price_usd, self.verification)]
        out, lower = [], 0.0
        for tier in self.tiers:
            upper = tier["up_to"] if tier["up_to"] is not None else float("inf")
            in_tier = max(0.0, min(billable, upper) - lower)
            if in_tier > 0 or not out:
                suffix = "" if len(self.tiers) == 1 or lower == 0 else f" (above {lower:,.0f})"
                out.append(Line(label + suffix, in_tier, unit_name, tier["price_usd"],
                                in_tier / self.per * tier["price_usd"], self.verification))
            lower = upper
            if billable <= upper:
                break
        return out


@dataclass(frozen=True)
class PriceList:
    service: str
    name: str
    meters: dict[str, Meter]
    unpriced: dict[str, dict]
    notes: tuple

    def meter(self, meter_id: str) -> Meter:
        if meter_id in self.meters:
            return self.meters[meter_id]
        if meter_id in self.unpriced:
            item = self.unpriced[meter_id]
            raise UnpricedMeter(self.service, meter_id, item["description"], item["why"])
        raise DataError(f"advisor/cost/prices/{self.service}.yaml", f'no meter "{meter_id}"')

    @property
    def sources(self) -> list[str]:
        return sorted({s["url"] for m in self.meters.values() for s in m.sources})

    @property
    def as_of(self) -> str | None:
        return max((m.as_of for m in self.meters.values()), default=None)


def known_services() -> list[str]:
    return sorted(p.stem for p in PRICING_DIR.glob("*.yaml") if p.stem not in NOT_PRICE_LISTS)


@lru_cache(maxsize=None)
def price_list(service: str, directory: Path = PRICING_DIR) -> PriceList:
    from advisor.catalog.schema import validate
    from advisor.catalog.safe_yaml import load_file

    path = directory / f"{service}.yaml"
    if not path.is_file():
        raise UsageError(f'no price list for service "{service}"; known: {", ".join(known_services())}')
    doc = load_file(path, f"advisor/cost/prices/{service}.yaml")
    errors = validate(doc, "pricing.schema.json")
    if errors:
        raise errors[0]
    meters = {}
    for m in doc.data["meters"]:
        free = m.get("free_tier", {}).get("quantity", 0)
        meters[m["id"]] = Meter(m["id"], m["description"], m["unit"], float(m.get("per", 1)), float(m["price_usd"]),
                                tuple(m.get("tiers", ())), float(free), m["verification"], tuple(m["sources"]), m["as_of"])
    unpriced = {u["id"]: u for u in doc.data.get("unpriced", ())}
    return PriceList(doc.data["service"], doc.data["name"], meters, unpriced, tuple(doc.data.get("notes", ())))
