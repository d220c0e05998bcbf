"""Reading AWS Price List bulk offer files (the us-east-1 region file of one offer, JSON).

Format, as AWS documents it (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-service-price-list-file-for-services.html):
formatVersion, disclaimer, offerCode, version, publicationDate, `products` keyed by SKU (sku,
productFamily, attributes) and `terms.OnDemand[sku][offerTermCode].priceDimensions[rateCode]`
(rateCode, description, unit, beginRange/endRange, pricePerUnit.USD). A meter is found by the
product attributes in its price list's `offer_match`; it must select exactly one SKU.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from advisor.errors import AdvisorError, DataError

REGION = "us-east-1"
OFFER_URL = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/{code}/current/us-east-1/index.json"
DOC_URL = "https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-service-price-list-file-for-services.html"


class OfflineError(AdvisorError):
    """The AWS Price List cannot be reached and no --offers folder was given."""


@dataclass(frozen=True)
class Offer:
    code: str
    version: str
    publication_date: str
    url: str
    products: dict
    on_demand: dict


@dataclass(frozen=True)
class Found:
    sku: str
    rate_code: str
    tiers: tuple      # ((up_to or None, price per unit), ...) in counted things, cheapest last
    unit: str


def parse_offer(data: dict, where: str, url: str) -> Offer:
    for key in ("offerCode", "version", "publicationDate", "products", "terms"):
        if key not in data:
            raise DataError(where, f'not an AWS Price List offer file: no "{key}" (format: {DOC_URL})')
    return Offer(data["offerCode"], str(data["version"]), str(data["publicationDate"]), url,
                 data["products"], data["terms"].get("OnDemand", {}))


def load_offer_file(path: Path) -> Offer:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(str(path), f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except OSError as exc:
        raise DataError(str(path), f"cannot read: {exc.strerror}") from None
    if not isinstance(data, dict):
        raise DataError(str(path), f"not an AWS Price List offer file (format: {DOC_URL})")
    return parse_offer(data, str(path), path.resolve().as_uri())


def fetch_offer(code: str, timeout: float = 20) -> Offer:
    url = OFFER_URL.format(code=code)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - fixed https URL
            data = json.load(response)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise OfflineError(f"prices update: cannot reach the AWS Price List ({url}: {reason}); "
                           f"download the offer files elsewhere and pass --offers DIR") from None
    return parse_offer(data, url, url)


def find(offer: Offer, attributes: dict[str, str]) -> Found:
    """The one us-east-1 SKU whose attributes match, with its on-demand price dimensions."""
    wanted = dict(attributes)
    skus = [sku for sku, product in offer.products.items()
            if _in_region(product.get("attributes", {})) and all(product.get("attributes", {}).get(k) == v for k, v in wanted.items())]
    shown = ", ".join(f"{k}={v}" for k, v in wanted.items())
    if not skus:
        raise LookupError(f"no {REGION} product in {offer.code} {offer.version} has {shown}")
    if len(skus) > 1:
        raise LookupError(f"{len(skus)} {REGION} products in {offer.code} have {shown} ({', '.join(sorted(skus)[:3])}, ...); "
                          "add an attribute to offer_match")
    sku = skus[0]
    terms = offer.on_demand.get(sku, {})
    if len(terms) != 1:
        raise LookupError(f"{offer.code} SKU {sku} has {len(terms)} on-demand terms, expected 1")
    dimensions = list(next(iter(terms.values()))["priceDimensions"].values())
    dimensions.sort(key=lambda d: float(d.get("beginRange", d.get("startingRange", 0)) or 0))
    tiers = []
    for dim in dimensions:
        end = dim.get("endRange", dim.get("endingRange", "Inf"))
        tiers.append((None if end in ("Inf", "", None) else float(end), float(dim["pricePerUnit"]["USD"])))
    rate_codes = ",".join(d["rateCode"] for d in dimensions)
    return Found(sku, rate_codes, tuple(tiers), dimensions[0].get("unit", ""))


def _in_region(attributes: dict) -> bool:
    region = attributes.get("regionCode")
    return region is None or region == REGION
