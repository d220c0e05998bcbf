"""DynamoDB: tables (verified in the stack)."""

from __future__ import annotations

from advisor.verify.api.common import client

CREATED_BY_API: dict = {}

STACK_VERIFIERS = {
    "AWS::DynamoDB::Table": lambda ref, p, c: client("dynamodb").describe_table(TableName=ref) and None,
}
