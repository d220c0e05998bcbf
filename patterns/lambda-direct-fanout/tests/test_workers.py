"""Unit tests of the three workers against DynamoDB in moto, and of the fan-out end to end."""

import importlib.util
import json
from decimal import Decimal
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parents[1] / "src"
TABLE = "order-postprocessing-results"
ORDER = {"order_id": "ord-1001", "customer_id": "c-314", "currency": "EUR",
         "lines": [{"sku": "SKU-1", "qty": 2, "unit_price": 12.5}, {"sku": "SKU-7", "qty": 1, "unit_price": 17.5},
                   {"sku": "SKU-1", "qty": 1, "unit_price": 0.99}]}


def _load(module_name):
    spec = importlib.util.spec_from_file_location(f"lambda_direct_fanout_{module_name}_under_test", SRC / f"{module_name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def table(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing")
    monkeypatch.setenv("RESULTS_TABLE", TABLE)
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName=TABLE,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "order_id", "AttributeType": "S"},
                                  {"AttributeName": "worker", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "order_id", "KeyType": "HASH"}, {"AttributeName": "worker", "KeyType": "RANGE"}],
        )
        yield boto3.resource("dynamodb").Table(TABLE)


def _item(table, worker):
    return table.get_item(Key={"order_id": "ord-1001", "worker": worker}).get("Item")


def test_invoice_worker_records_the_total(table):
    _load("invoice_worker").handler(ORDER, None)
    item = _item(table, "invoice")
    assert item["total"] == Decimal("43.49")
    assert item["currency"] == "EUR"
    assert item["line_count"] == 3


def test_loyalty_worker_awards_whole_units(table):
    _load("loyalty_worker").handler(ORDER, None)
    item = _item(table, "loyalty")
    assert item["points"] == 43
    assert item["customer_id"] == "c-314"


def test_stock_worker_sums_quantities_per_sku(table):
    _load("stock_worker").handler(ORDER, None)
    item = _item(table, "stock")
    assert item["reservations"] == {"SKU-1": 3, "SKU-7": 1}
    assert item["units"] == 4


@pytest.mark.parametrize("module_name", ["invoice_worker", "loyalty_worker", "stock_worker"])
def test_running_an_event_twice_stores_the_same_single_item(table, module_name):
    worker = _load(module_name)
    worker.handler(ORDER, None)
    first = table.scan()["Items"]
    worker.handler(ORDER, None)
    assert table.scan()["Items"] == first
    assert len(first) == 1


@pytest.mark.parametrize("module_name", ["invoice_worker", "loyalty_worker", "stock_worker"])
def test_a_malformed_event_raises_so_lambda_retries_then_dead_letters_it(table, module_name):
    with pytest.raises((KeyError, TypeError)):
        _load(module_name).handler({"order_id": "ord-1001"}, None)
    assert table.scan()["Count"] == 0


def test_dispatch_reaches_every_worker(table, monkeypatch):
    """The dispatcher's asynchronous invokes, delivered in-process, leave one item per worker."""
    workers = {f"order-postprocessing-{name}-worker": _load(f"{name}_worker") for name in ("invoice", "loyalty", "stock")}
    for name in ("invoice", "loyalty", "stock"):
        monkeypatch.setenv(f"{name.upper()}_WORKER_FUNCTION", f"order-postprocessing-{name}-worker")
    dispatcher = _load("dispatcher")
    queued = []

    class _AsyncLambda:
        def invoke(self, FunctionName, InvocationType, Payload):
            assert InvocationType == "Event"
            queued.append((FunctionName, json.loads(Payload)))
            return {"StatusCode": 202}

    dispatcher._lambda = _AsyncLambda()
    dispatcher.handler(ORDER, None)
    for function_name, event in queued:
        workers[function_name].handler(event, None)
    assert {i["worker"] for i in table.scan()["Items"]} == {"invoice", "loyalty", "stock"}
