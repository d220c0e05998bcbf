"""Unit tests of the dispatcher: validation, one asynchronous invoke per worker, failure handling."""

import importlib.util
import io
import json
from pathlib import Path

import boto3
import pytest
from botocore.stub import Stubber

HANDLER = Path(__file__).resolve().parents[1] / "src" / "dispatcher.py"
FUNCTIONS = {
    "INVOICE_WORKER_FUNCTION": "order-postprocessing-invoice-worker",
    "LOYALTY_WORKER_FUNCTION": "order-postprocessing-loyalty-worker",
    "STOCK_WORKER_FUNCTION": "order-postprocessing-stock-worker",
}
ORDER = {"order_id": "ord-1001", "customer_id": "c-314", "currency": "EUR",
         "lines": [{"sku": "SKU-1", "qty": 2, "unit_price": 12.5}, {"sku": "SKU-7", "qty": 1, "unit_price": 17.5}]}


class _Context:
    aws_request_id = "req-1"


@pytest.fixture
def dispatcher(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing")
    for name, value in FUNCTIONS.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("lambda_direct_fanout_dispatcher_under_test", HANDLER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    client = boto3.client("lambda")
    module._lambda = client
    with Stubber(client) as stubber:
        yield module, stubber


def _expect_invoke(stubber, function_name, status=202):
    stubber.add_response("invoke", {"StatusCode": status, "Payload": io.BytesIO(b"")},
                         {"FunctionName": function_name, "InvocationType": "Event",
                          "Payload": json.dumps(dict(ORDER, dispatch_request_id="req-1")).encode()})


def test_every_worker_is_invoked_asynchronously_once(dispatcher):
    module, stubber = dispatcher
    for name in FUNCTIONS.values():
        _expect_invoke(stubber, name)
    result = module.handler(ORDER, _Context())
    assert result == {"order_id": "ord-1001", "dispatched": ["invoice", "loyalty", "stock"]}
    stubber.assert_no_pending_responses()


def test_a_throttled_worker_fails_the_dispatch_after_trying_the_others(dispatcher):
    module, stubber = dispatcher
    _expect_invoke(stubber, FUNCTIONS["INVOICE_WORKER_FUNCTION"])
    stubber.add_client_error("invoke", service_error_code="TooManyRequestsException", http_status_code=429)
    _expect_invoke(stubber, FUNCTIONS["STOCK_WORKER_FUNCTION"])
    with pytest.raises(module.DispatchError, match="loyalty"):
        module.handler(ORDER, _Context())
    stubber.assert_no_pending_responses()  # the stock worker was still invoked


def test_an_unexpected_status_counts_as_a_failure(dispatcher):
    module, stubber = dispatcher
    _expect_invoke(stubber, FUNCTIONS["INVOICE_WORKER_FUNCTION"], status=200)
    _expect_invoke(stubber, FUNCTIONS["LOYALTY_WORKER_FUNCTION"])
    _expect_invoke(stubber, FUNCTIONS["STOCK_WORKER_FUNCTION"])
    with pytest.raises(module.DispatchError, match="invoice"):
        module.handler(ORDER, _Context())


@pytest.mark.parametrize("order, message", [
    ([1, 2], "JSON object"),
    ({**ORDER, "order_id": ""}, "order_id"),
    ({k: v for k, v in ORDER.items() if k != "customer_id"}, "customer_id"),
    ({**ORDER, "currency": "euro"}, "currency"),
    ({**ORDER, "lines": []}, "lines"),
    ({**ORDER, "lines": [{"sku": "SKU-1", "qty": 0, "unit_price": 1}]}, "qty"),
    ({**ORDER, "lines": [{"sku": "SKU-1", "qty": 1, "unit_price": "1"}]}, "unit_price"),
    ({**ORDER, "lines": [{"qty": 1, "unit_price": 1}]}, "sku"),
])
def test_invalid_orders_are_rejected_before_any_invoke(dispatcher, order, message):
    module, stubber = dispatcher
    with pytest.raises(ValueError, match=message):
        module.handler(order, _Context())
    stubber.assert_no_pending_responses()
