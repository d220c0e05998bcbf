"""Text output reads like prose: no Python literals, no float noise, no doubled full stops, for
every pattern in the catalog and every cost calculator."""

from __future__ import annotations

import re

import pytest

from advisor.catalog.load import load_catalog
from advisor.cost.calculators import CALCULATORS

IDS = sorted(load_catalog().patterns)

LEAKS = {
    "a Python literal": re.compile(r"\b(True|False|None)\b"),
    # AWS itself prices Lambda at $0.0000166667 per GB-second (10 decimals); noise runs longer
    "float noise": re.compile(r"\d\.\d{12,}"),
    "e-notation": re.compile(r"\d[eE][+-]?\d"),
    "a doubled full stop": re.compile(r"(?<!\.)\.\.(?!\.)"),
}


def leaks(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        for what, pattern in LEAKS.items():
            if pattern.search(line):
                found.append(f"{what}: {line.strip()}")
    return found


def test_the_leak_check_can_fail():
    assert leaks("write_rate_control: True\nmax_task_minutes: 0.48333333333333334\n1.25e+07 count\nworth it..\n"
                 "and so on...") == [
        "a Python literal: write_rate_control: True", "float noise: max_task_minutes: 0.48333333333333334",
        "e-notation: 1.25e+07 count", "a doubled full stop: worth it.."]


@pytest.mark.parametrize("pattern_id", IDS)
def test_show_reads_like_prose(run_cli, pattern_id):
    code, out, err = run_cli("show", pattern_id)
    assert code == 0, err
    assert leaks(out) == []


def test_compare_every_pattern_reads_like_prose(run_cli):
    code, out, err = run_cli("compare", *IDS)
    assert code == 0, err
    assert leaks(out) == []


@pytest.mark.parametrize("pattern_id", IDS)
def test_compare_with_its_alternatives_reads_like_prose(run_cli, pattern_id):
    alternatives = [a["id"] for a in load_catalog().get(pattern_id).data["alternatives"]] or ["sqs-queue-lambda"]
    code, out, err = run_cli("compare", pattern_id, *alternatives)
    assert code == 0, err
    assert leaks(out) == []


def test_compare_states_values_as_a_person_would(run_cli):
    code, out, _ = run_cli("compare", "sqs-queue-lambda", "fargate-task", "rest-api-lambda-dynamodb")
    rows = {line.split()[0]: line.split(None, 1)[1].split("  ") for line in out.splitlines()[:12] if line.strip()}
    cells = {key: [c.strip() for c in values if c.strip()] for key, values in rows.items()}
    assert cells["write_rate_control"][0] == "yes"
    assert cells["max_events_per_s"][0] == "no documented limit"
    assert cells["max_message_kb"][0] == "1 MiB"
    assert cells["max_task_minutes"] == ["15 min", "7 days", "29 s"]


def _settings(service: str, size: str) -> list[str]:
    """Every quantity the calculator takes set small (fractions of a cent) or huge (billions), within its bounds."""
    args, defaults = [], {i.name: i.default for i in CALCULATORS[service].inputs}
    for item in CALCULATORS[service].inputs:
        if item.kind != "number" or not item.applies(defaults) or item.default not in (None, 0):
            continue  # quantities only; sizes and shapes keep their defaults
        low = max(item.minimum or 0, 1)
        high = item.maximum if item.maximum is not None else 12_500_000_000
        value = low if size == "small" else high
        args += ["--set", f"{item.name}={int(value) if item.integer or float(value).is_integer() else value}"]
    return args


@pytest.mark.parametrize("service", sorted(CALCULATORS))
@pytest.mark.parametrize("size", ["small", "huge"])
def test_cost_text_reads_like_prose(run_cli, service, size):
    code, out, err = run_cli("cost", "--service", service, *_settings(service, size))
    assert code == 0, err
    assert leaks(out) == []


@pytest.mark.parametrize("pattern_id", IDS)
def test_pattern_cost_text_reads_like_prose(run_cli, pattern_id):
    code, out, err = run_cli("cost", pattern_id, "--set", "events_per_month=123456789")
    assert code == 0, err
    assert leaks(out) == []


def test_search_reads_like_prose_for_every_tag(run_cli):
    tags = sorted({t for pid in IDS for t in load_catalog().get(pid).data.get("tags", [])})
    for tag in tags:
        code, out, err = run_cli("search", tag)
        assert code == 0, f"{tag}: {err}"
        assert leaks(out) == [], tag


def test_recommend_reads_like_prose_on_every_scenario(run_cli):
    from conftest import load_scenarios

    for scenario in load_scenarios():
        args = [a for key, value in scenario["requirements"].items()
                for a in ("--require", f"{key}={','.join(value) if isinstance(value, list) else str(value).lower() if isinstance(value, bool) else value}")]
        code, out, err = run_cli("recommend", *args)
        assert code == 0, f"{scenario['name']}: {err}"
        assert leaks(out) == [], scenario["name"]
