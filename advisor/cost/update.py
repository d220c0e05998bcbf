"""`advisor prices update`: re-read every meter that has an `offer_match` from the AWS Price List
offer files, rewrite the price lists with `verification: aws-offer-file` (offer version and
publication date recorded) and report what changed. Unpriced meters found there become priced."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from advisor.catalog.safe_yaml import load_file
from advisor.cost import offers
from advisor.cost.pricing import NOT_PRICE_LISTS, PRICING_DIR, price_list, price_text


@dataclass
class Report:
    changes: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    missing_offers: set = field(default_factory=set)
    written: list[Path] = field(default_factory=list)


def update(offers_dir: Path | None, prices_dir: Path = PRICING_DIR, write: bool = True, today: str | None = None) -> Report:
    today = today or dt.date.today().isoformat()
    report, cache, pending = Report(), {}, []
    for path in sorted(prices_dir.glob("*.yaml")):
        if path.stem in NOT_PRICE_LISTS:
            continue
        doc = load_file(path, str(path)).data
        changed = False
        for meter in list(doc["meters"]) + list(doc.get("unpriced", [])):
            match = meter.get("offer_match")
            if not match:
                continue
            name = f"{doc['service']} {meter['id']}"
            offer = _offer(match["offer_code"], offers_dir, cache, report, name)
            if offer is None:
                continue
            try:
                found = offers.find(offer, match["attributes"])
            except LookupError as exc:
                report.problems.append(f"{name}: {exc}")
                continue
            if _apply(doc, meter, offer, found, today, report, name):
                changed = True
        if changed:
            pending.append((path, _dump(doc)))
    # Written only once every offer was read, so an error halfway leaves every price list as it was.
    if write:
        for path, text in pending:
            path.write_text(text, encoding="utf-8")
            report.written.append(path)
    price_list.cache_clear()
    return report


def _offer(code: str, offers_dir: Path | None, cache: dict, report: Report, name: str):
    if code not in cache:
        if offers_dir is None:
            cache[code] = offers.fetch_offer(code)  # raises OfflineError: one line, nothing written
        else:
            path = offers_dir / f"{code}.json"
            cache[code] = offers.load_offer_file(path) if path.is_file() else None
    if cache[code] is None:
        report.missing_offers.add(code)
    return cache[code]


def _apply(doc: dict, meter: dict, offer, found, today: str, report: Report, name: str) -> bool:
    per = float(meter.get("per", 1))
    factor = float(meter["offer_match"].get("per_unit_factor", per))
    tiers = [{"up_to": up_to, "price_usd": _round(price * factor)} for up_to, price in found.tiers]
    new_price = tiers[0]["price_usd"]
    record = {"code": offer.code, "version": offer.version, "publication_date": offer.publication_date,
              "sku": found.sku, "rate_code": found.rate_code}
    unit = meter["unit"]
    if meter in doc.get("unpriced", []):
        doc["unpriced"].remove(meter)
        if not doc["unpriced"]:
            del doc["unpriced"]
        priced = {k: meter[k] for k in ("id", "description", "unit", "per", "granularity") if k in meter}
        doc["meters"].append(priced)
        meter_out, old = priced, "unpriced"
    else:
        meter_out = meter
        old = f"{price_text(meter['price_usd'])} ({meter['verification']})"
        if (meter["price_usd"] == new_price and meter.get("offer") == record and
                _tiers_equal(meter.get("tiers"), tiers)):
            report.unchanged.append(name)
            return False
    meter_out["price_usd"] = new_price
    if len(tiers) > 1:
        meter_out["tiers"] = tiers
    else:
        meter_out.pop("tiers", None)
    meter_out["verification"] = "aws-offer-file"
    meter_out["offer"] = record
    # The offer's public address is the source even when read from a downloaded copy (--offers).
    meter_out["sources"] = [{"url": offers.OFFER_URL.format(code=offer.code), "read": today,
                             "says": f"{offer.code} version {offer.version}, SKU {found.sku}, {found.unit}"
                                     + ("" if offer.url.startswith("https://") else " (read from a downloaded copy)")}]
    meter_out["as_of"] = today
    meter_out["offer_match"] = meter["offer_match"]
    tier_note = f", {len(tiers)} tiers" if len(tiers) > 1 else ""
    report.changes.append(f"{name}: {old} -> {price_text(new_price)} per {unit} (aws-offer-file{tier_note}; "
                          f"{offer.code} {offer.version}, published {offer.publication_date})")
    return True


def _round(value: float) -> float:
    return float(f"{value:.10g}")


def _tiers_equal(old, new) -> bool:
    return (old or [{"up_to": None, "price_usd": None}])[: len(new)] == new if old else len(new) == 1


class _Dumper(yaml.SafeDumper):
    pass


def _dump(doc: dict) -> str:
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120, default_flow_style=False)
