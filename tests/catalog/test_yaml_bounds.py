"""The alias-expansion bound is checked before any value is built (linear in the text, so an alias
bomb is refused in milliseconds) and stops at the same value, with the same message, as building would.
Deep flow nesting no longer makes the scanner quadratic; keys inside the allowed depth still parse.
benchmarks/mcp_bench.py times both."""

from __future__ import annotations

import pytest

from advisor.catalog import safe_yaml
from advisor.errors import DataError

DOC = "a: &a [x, y, z]\nb: [*a, *a]\n"  # 14 values once aliases are expanded: 1 + 4 + (1 + 4 + 4)


@pytest.mark.parametrize("precheck", [True, False], ids=["checked-first", "while-building"])
def test_expansion_limit_stops_at_the_same_value_either_way(monkeypatch, precheck):
    if not precheck:
        monkeypatch.setattr(safe_yaml, "_refuse_alias_bomb", lambda builder, node: None)
    monkeypatch.setattr(safe_yaml, "MAX_NODES", 14)
    assert safe_yaml.load_text(DOC, "doc.yaml").data == {"a": ["x", "y", "z"], "b": [["x", "y", "z"], ["x", "y", "z"]]}
    monkeypatch.setattr(safe_yaml, "MAX_NODES", 13)
    with pytest.raises(DataError) as caught:
        safe_yaml.load_text(DOC, "doc.yaml")
    assert str(caught.value) == "doc.yaml:1:14: document expands to more than 13 values (alias bomb?); refusing to load it"


def test_an_alias_bomb_is_refused_before_any_value_is_built(monkeypatch):
    def build(*args):
        raise AssertionError("a value was built")

    monkeypatch.setattr(safe_yaml._Builder, "build", build)
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 30))  # 10**30 values
    with pytest.raises(DataError, match="^bomb.yaml:1:34: document expands to more than 200,000 values"):
        safe_yaml.load_text(bomb, "bomb.yaml")


def test_flow_collections_up_to_the_limit_still_parse_keys():
    text = "a: " + "[" * 150 + "{k: v}" + "]" * 150
    value = safe_yaml.load_text(text, "ok.yaml").data["a"]
    for _ in range(150):
        value = value[0]
    assert value == {"k": "v"}
