"""`advisor prices update` against hand-made offer files in the AWS Price List format
(https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-service-price-list-file-for-services.html)."""

from __future__ import annotations

import shutil
import urllib.error
from pathlib import Path

import pytest

from advisor.cost.pricing import PRICING_DIR, price_list

OFFERS = Path(__file__).parent / "fixtures" / "offers"


@pytest.fixture
def prices(tmp_path) -> Path:
    folder = tmp_path / "prices"
    shutil.copytree(PRICING_DIR, folder)
    return folder


def test_update_rewrites_prices_as_read_from_the_offer_files_and_reports_the_diff(run_cli, prices):
    code, out, err = run_cli("prices", "update", "--offers", str(OFFERS), "--prices-dir", str(prices))
    assert (code, err) == (0, "")
    assert ("changed: sqs fifo_requests: $0.50 (cross-checked) -> $0.55 per 1M requests (aws-offer-file; "
            "AWSQueueService 20261101000000, published 2026-11-01T00:00:00Z)\n") in out
    assert "changed: sns publish_requests: unpriced -> $0.50 per 1M requests (aws-offer-file; AmazonSNS 20261015000000" in out
    assert "changed: lambda ephemeral_storage_gb_seconds: unpriced -> $0.0000000309 per GB-second" in out
    assert ("not found: kinesis put_payload_units: 2 us-east-1 products in AmazonKinesis have group=Kinesis-PUT-Payload-Unit "
            "(KINPUT0001, KINPUT0002, ...); add an attribute to offer_match\n") in out
    assert out.endswith("5 changed, 0 unchanged, 6 not found; rewrote 4 price list(s)\n")
    fifo = price_list("sqs", prices).meters["fifo_requests"]
    assert (fifo.price_usd, fifo.verification) == (0.55, "aws-offer-file")
    assert fifo.sources[0]["url"] == "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AWSQueueService/current/us-east-1/index.json"
    sns = price_list("sns", prices)
    assert sns.meters["publish_requests"].price_usd == 0.5 and "publish_requests" not in sns.unpriced
    # the EU product with the same attributes was not taken
    assert price_list("sqs", prices).meters["standard_requests"].price_usd == 0.4


def test_update_round_trips(run_cli, prices):
    run_cli("prices", "update", "--offers", str(OFFERS), "--prices-dir", str(prices))
    before = {p.name: p.read_text() for p in prices.glob("*.yaml")}
    code, out, _ = run_cli("prices", "update", "--offers", str(OFFERS), "--prices-dir", str(prices))
    assert code == 0 and out.endswith("0 changed, 5 unchanged, 6 not found; rewrote 0 price list(s)\n")
    assert {p.name: p.read_text() for p in prices.glob("*.yaml")} == before


def test_dry_run_writes_nothing(run_cli, prices):
    before = {p.name: p.read_text() for p in prices.glob("*.yaml")}
    code, out, _ = run_cli("prices", "update", "--offers", str(OFFERS), "--prices-dir", str(prices), "--dry-run")
    assert code == 0 and out.endswith("5 changed, 0 unchanged, 6 not found (dry run: nothing written)\n")
    assert {p.name: p.read_text() for p in prices.glob("*.yaml")} == before


def test_offline_without_offers_fails_with_one_line_and_writes_nothing(run_cli, prices, monkeypatch):
    def unreachable(url, timeout):
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr("urllib.request.urlopen", unreachable)
    before = {p.name: p.read_text() for p in prices.glob("*.yaml")}
    code, out, err = run_cli("prices", "update", "--prices-dir", str(prices))
    assert (code, out) == (1, "")
    assert err == ("advisor: error: prices update: cannot reach the AWS Price List "
                   "(https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonApiGateway/current/us-east-1/index.json: "
                   "Name or service not known); download the offer files elsewhere and pass --offers DIR\n")
    assert {p.name: p.read_text() for p in prices.glob("*.yaml")} == before


def test_a_file_that_is_not_an_offer_file_is_named(run_cli, prices, tmp_path):
    offers = tmp_path / "offers"
    offers.mkdir()
    (offers / "AWSQueueService.json").write_text('{"formatVersion": "v1.0"}')
    code, _, err = run_cli("prices", "update", "--offers", str(offers), "--prices-dir", str(prices))
    assert code == 1
    assert err == (f'advisor: error: {offers / "AWSQueueService.json"}: not an AWS Price List offer file: no "offerCode" '
                   "(format: https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-service-price-list-file-for-services.html)\n")


def test_offers_must_be_a_folder(run_cli, tmp_path):
    code, _, err = run_cli("prices", "update", "--offers", str(tmp_path / "missing"))
    assert (code, err) == (2, f"advisor: error: --offers: {tmp_path / 'missing'} is not a folder\n")
