"""Every price carries its verification level and sources; the schema refuses one without."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
import yaml

from advisor.catalog.safe_yaml import load_file
from advisor.catalog.schema import validate
from advisor.cost.pricing import known_services, price_list

SERVICES = ["apigateway", "cloudfront", "cloudwatch", "dynamodb", "eventbridge", "fargate", "kinesis", "lambda", "s3",
            "scheduler", "sns", "sqs", "stepfunctions"]


def test_there_is_a_price_list_for_every_service_of_the_issue():
    assert known_services() == SERVICES


@pytest.mark.parametrize("service", SERVICES)
def test_every_price_has_verification_and_sources(service):
    prices = price_list(service)
    for meter in prices.meters.values():
        assert meter.verification in ("aws-offer-file", "aws-page", "cross-checked"), meter.id
        assert meter.sources and all(s["url"].startswith("https://") and len(s["read"]) == 10 for s in meter.sources)
        if meter.verification == "cross-checked":
            hosts = {urlparse(s["url"]).hostname for s in meter.sources}
            assert len(hosts) >= 2, f"{service} {meter.id}: cross-checked needs two independent sources"
    for item in prices.unpriced.values():
        assert item["why"], item["id"]


def _meter_doc(tmp_path, **changes):
    meter = {"id": "requests", "description": "requests", "unit": "1M requests", "per": 1000000, "price_usd": 0.4,
             "verification": "cross-checked", "as_of": "2026-11-28",
             "sources": [{"url": "https://a.example/p", "read": "2026-11-28"}, {"url": "https://b.example/p", "read": "2026-11-28"}]}
    meter.update({k: v for k, v in changes.items() if v is not None})
    for key in [k for k, v in changes.items() if v is None]:
        del meter[key]
    path = tmp_path / "sqs.yaml"
    path.write_text(yaml.safe_dump({"service": "sqs", "name": "SQS", "region": "us-east-1", "currency": "USD", "meters": [meter]}))
    return validate(load_file(path), "pricing.schema.json")


def test_the_schema_refuses_a_price_without_verification(tmp_path):
    assert _meter_doc(tmp_path) == []
    errors = _meter_doc(tmp_path, verification=None)
    assert errors and "verification" in str(errors[0])


def test_the_schema_refuses_a_cross_checked_price_with_one_source(tmp_path):
    errors = _meter_doc(tmp_path, sources=[{"url": "https://a.example/p", "read": "2026-11-28"}])
    assert errors and "sources" in str(errors[0])


def test_the_schema_refuses_an_offer_file_price_without_its_offer(tmp_path):
    errors = _meter_doc(tmp_path, verification="aws-offer-file")
    assert errors and "offer" in str(errors[0])
    offer = {"code": "AWSQueueService", "version": "20261101000000", "publication_date": "2026-11-01T00:00:00Z", "sku": "X"}
    assert _meter_doc(tmp_path, verification="aws-offer-file", offer=offer) == []
