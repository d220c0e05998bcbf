"""`advisor search --json` and `advisor compare --json`: the data the text output is made from."""

from __future__ import annotations

import json


def test_search_json_lists_hits_best_first(run_cli):
    code, out, err = run_cli("search", "queue", "fifo", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["query"] == "queue fifo"
    assert result["hits"][0]["id"] == "sqs-fifo-lambda"
    scores = [h["score"] for h in result["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert set(result["hits"][0]) == {"id", "name", "score", "category", "summary"}


def test_search_json_without_hits_is_empty_and_exits_1(run_cli):
    code, out, err = run_cli("search", "zzzz", "--json")
    assert code == 1
    assert json.loads(out) == {"query": "zzzz", "hits": []}
    assert err == 'no pattern matches "zzzz"\n'


def test_compare_json_holds_traits_moving_parts_and_trade_offs(run_cli):
    code, out, err = run_cli("compare", "sqs-queue-lambda", "sqs-fifo-lambda", "--json")
    assert code == 0, err
    table = json.loads(out)
    assert table["ids"] == ["sqs-queue-lambda", "sqs-fifo-lambda"]
    assert [t["value"] for t in table["traits"]["ordering"]] == ["none", "per-key"]
    assert all(isinstance(n, int) and n > 0 for n in table["moving_parts"])
    assert [p["id"] for p in table["patterns"]] == table["ids"]
    assert table["patterns"][1]["limits"] and table["patterns"][1]["pros"] and table["patterns"][1]["cons"]


def test_compare_text_shows_a_missing_trait_as_a_dash(run_cli):
    code, out, _ = run_cli("compare", "sqs-queue-lambda", "s3-cloudfront-spa")
    table = json.loads(run_cli("compare", "sqs-queue-lambda", "s3-cloudfront-spa", "--json")[1])
    missing = next(k for k, ts in table["traits"].items() if None in ts)
    row = next(line for line in out.splitlines() if line.startswith(missing + " "))
    assert code == 0 and "-" in row.split()


def test_compare_errors_are_one_line(run_cli):
    assert run_cli("compare", "sqs-queue-lambda", "--json")[::2] == (2, "advisor: error: compare: name at least two patterns\n")
    code, out, err = run_cli("compare", "sqs-queue-lambda", "nope", "--json")
    assert code == 2 and out == "" and err.startswith('advisor: error: unknown pattern "nope"; known patterns: ')
