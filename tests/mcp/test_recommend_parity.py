"""`recommend` through MCP gives what `advisor recommend --json` gives, ranking included, on every
scenario of the advisor's scenario table (tests/advise/scenarios.yaml)."""

from __future__ import annotations

import json

import pytest

from conftest import load_scenarios
from mcp_support import answer

SCENARIOS = load_scenarios()


def _cli_args(requirements: dict) -> list[str]:
    args = []
    for key, value in requirements.items():
        text = ",".join(value) if isinstance(value, list) else (str(value).lower() if isinstance(value, bool) else str(value))
        args += ["--require", f"{key}={text}"]
    return args


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_recommend_matches_the_cli(mcp_server, run_cli, scenario):
    code, out, err = run_cli("recommend", "--json", *_cli_args(scenario["requirements"]))
    assert code == 0, err
    expected = json.loads(out)
    result = mcp_server.call("recommend", {"requirements": scenario["requirements"]})
    got = answer(result)
    assert [r["id"] for r in got["recommended"]] == [r["id"] for r in expected["recommended"]]
    assert got == expected
    first = expected["recommended"][0]["id"] if expected["recommended"] else None
    summary = result.content[0].text
    assert summary.startswith(f"Recommended, best first: {first} (score " if first else "Nothing in the catalog meets every requirement")


def test_the_table_is_not_empty():
    assert len(SCENARIOS) >= 25
