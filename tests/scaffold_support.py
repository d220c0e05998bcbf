"""Helpers shared by the scaffold (advisor init) tests."""

from __future__ import annotations

# The fixture pattern with a ServiceName parameter that names its table.
SERVICE_PARAM = {"template.yaml": {"Resources:\n": (
    "Parameters:\n  ServiceName:\n    Type: String\n    AllowedPattern: '^[a-z][a-z0-9-]{1,30}$'\n    Default: orders\n\nResources:\n"),
    "      BillingMode: PAY_PER_REQUEST": "      TableName: !Sub '${ServiceName}-items'\n      BillingMode: PAY_PER_REQUEST"}}


def listing(path):
    """Every path under path, relative and sorted ([] when path does not exist)."""
    return sorted(str(p.relative_to(path)) for p in path.rglob("*")) if path.exists() else []


def snapshot(root):
    """Every path under root with its bytes (None for folders): equal snapshots mean nothing changed."""
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))}
