"""Text output reads like prose: no Python literals, no float noise, no doubled full stops, for
every pattern in the catalog and every cost calculator."""

from __future__ import annotations

import re

import pytest

from advisor.catalog.load import load_catalog
from advisor.cost.services import CALCULATORS

IDS = sorted(load_catalog().patterns)

LEAKS = {
    "a Python literal": re.compile(r"\b(True|False|None)\b"),
    "float noise": re.compile(r"\d\.\d{10,}"),
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


@pytest.mark.parametrize("service", sorted(CALCULATORS))
@pytest.mark.parametrize("settings", [
    ["requests=3000", "transitions=7", "duration_ms=1"],  # fractions of a cent
    ["requests=12500000000", "transitions=12500000000", "duration_ms=899999"],  # billions
])
def test_cost_text_reads_like_prose(run_cli, service, settings):
    inputs = {i.name for i in CALCULATORS[service].inputs}
    given = [arg for setting in settings if setting.split("=")[0] in inputs for arg in ("--set", setting)]
    code, out, err = run_cli("cost", "--service", service, *given)
    assert code == 0, err
    assert leaks(out) == []


def test_search_reads_like_prose_for_every_tag(run_cli):
    tags = sorted({t for pid in IDS for t in load_catalog().get(pid).data.get("tags", [])})
    for tag in tags:
        code, out, err = run_cli("search", tag)
        assert code == 0, f"{tag}: {err}"
        assert leaks(out) == [], tag
