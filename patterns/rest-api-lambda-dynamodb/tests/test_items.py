import importlib.util
import json
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SRC = Path(__file__).resolve().parent.parent / "src" / "items.py"
CLAIMS = {"sub": "user-7f3a", "email": "ana@pattern-advisor.test"}


@pytest.fixture
def items(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("TABLE_NAME", "orders-items")
    with mock_aws():
        boto3.client("dynamodb").create_table(
            TableName="orders-items", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
        spec = importlib.util.spec_from_file_location("rest_api_lambda_dynamodb_items", SRC)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def request(method, path, body=None, path_id=None, claims=CLAIMS):
    """The proxy event API Gateway sends after the Cognito authorizer accepted the token."""
    return {
        "resource": "/items/{id}" if path_id else path, "path": path, "httpMethod": method,
        "headers": {"content-type": "application/json"}, "queryStringParameters": None,
        "pathParameters": {"id": path_id} if path_id else None, "isBase64Encoded": False,
        "body": None if body is None else (body if isinstance(body, str) else json.dumps(body)),
        "requestContext": {"stage": "prod", "authorizer": {"claims": claims} if claims else None},
    }


def stored(item_id):
    return boto3.resource("dynamodb").Table("orders-items").get_item(Key={"id": item_id}).get("Item")


def test_post_stores_item_with_caller_and_returns_201(items):
    response = items.handler(request("POST", "/items", {"id": "order-1001", "total": 42.5, "lines": 3}), None)
    assert response["statusCode"] == 201
    assert response["headers"]["Location"] == "/items/order-1001"
    item = stored("order-1001")
    assert item["total"] == items.Decimal("42.5") and item["lines"] == 3
    assert item["created_by"] == "user-7f3a"
    assert json.loads(response["body"])["total"] == 42.5


def test_post_ignores_client_supplied_owner(items):
    items.handler(request("POST", "/items", {"id": "order-1", "created_by": "someone-else"}), None)
    assert stored("order-1")["created_by"] == "user-7f3a"


def test_second_post_with_same_id_is_409_and_keeps_first(items):
    items.handler(request("POST", "/items", {"id": "order-2", "total": 1}), None)
    response = items.handler(request("POST", "/items", {"id": "order-2", "total": 999}), None)
    assert response["statusCode"] == 409
    assert stored("order-2")["total"] == 1


@pytest.mark.parametrize("body", ["not json", "[1, 2]", {"total": 3}, {"id": ""}, {"id": "a/b"}, {"id": 12},
                                  '{"id": "x", "v": NaN}'])
def test_invalid_bodies_are_400_and_store_nothing(items, body):
    response = items.handler(request("POST", "/items", body), None)
    assert response["statusCode"] == 400
    assert boto3.client("dynamodb").scan(TableName="orders-items")["Count"] == 0


def test_oversized_body_is_413(items):
    response = items.handler(request("POST", "/items", {"id": "big", "blob": "x" * (401 * 1024)}), None)
    assert response["statusCode"] == 413
    assert stored("big") is None


def test_item_over_dynamodb_limit_is_413(items):
    # Under the body cap as JSON, but the metadata pushes the item past 400 KB.
    response = items.handler(request("POST", "/items", {"id": "edge", "blob": "x" * (400 * 1024 - 40)}), None)
    assert response["statusCode"] == 413
    assert stored("edge") is None


def test_get_returns_stored_item(items):
    items.handler(request("POST", "/items", {"id": "order-3", "note": "fragile"}), None)
    response = items.handler(request("GET", "/items/order-3", path_id="order-3"), None)
    assert response["statusCode"] == 200
    assert json.loads(response["body"])["note"] == "fragile"


def test_get_unknown_id_is_404(items):
    response = items.handler(request("GET", "/items/nope", path_id="nope"), None)
    assert response["statusCode"] == 404


def test_request_without_claims_is_401(items):
    response = items.handler(request("POST", "/items", {"id": "order-4"}, claims=None), None)
    assert response["statusCode"] == 401
    assert stored("order-4") is None


def test_unknown_route_is_404(items):
    assert items.handler(request("DELETE", "/items/order-3", path_id="order-3"), None)["statusCode"] == 404


def test_throttled_table_returns_503(items, monkeypatch):
    from botocore.exceptions import ClientError

    class Throttled:
        def put_item(self, **_):
            raise ClientError({"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "slow down"}}, "PutItem")

    monkeypatch.setattr(items, "table", lambda: Throttled())
    response = items.handler(request("POST", "/items", {"id": "order-5"}), None)
    assert response["statusCode"] == 503 and response["headers"]["Retry-After"] == "1"
