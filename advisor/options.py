"""The NAME=VALUE option form shared by the CLI and the library (--require, --set, --param)."""

from __future__ import annotations

from advisor.errors import UsageError


def key_values(pairs: list[str], option: str, form: str = "KEY=VALUE") -> dict[str, str]:
    """Parse repeated NAME=VALUE options (--set, --param, --require) into a mapping."""
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise UsageError(f'{option}: expected {form}, got "{pair}"')
        key, value = pair.split("=", 1)
        out[key.strip()] = value.strip()
    return out
