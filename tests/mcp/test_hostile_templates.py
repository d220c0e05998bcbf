"""A hostile template sent to review_template is refused with the CLI's one-line error in under a
second, and the server answers the next call. Timed from the client, after the server has warmed up
(its first call loads the catalog and cfn-lint). The SDK's transport (JSON encoding, the pipe, JSON
parsing) of a 50 MB request is not the server's work and depends on the machine's load, so it is
measured with the same bytes on a call refused before any work (an unknown argument) and taken off;
benchmarks/mcp_bench.py reports the whole round trips."""

from __future__ import annotations

import time

import pytest

from mcp_support import answer, error_text

ALIAS_BOMB = "Resources:\n  Q: {Type: AWS::SQS::Queue}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9))
HOSTILE = {
    "alias-bomb": (ALIAS_BOMB, "template.yaml:3:25: document expands to more than 200,000 values (alias bomb?); refusing to load it"),
    "50-mb": ("Resources:\n" + "#" * (50 * 1024 * 1024) + "\n", "template.yaml: file is 50.0 MB; the limit is 5 MB"),
    "deep-flow": ("Resources: " + "[" * 100_000 + "]" * 100_000 + "\n", "template.yaml:1:211: nesting deeper than 200 levels; refusing to load it"),
    "deep-block": ("Resources:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1000)),
                   "template.yaml:200:200: nesting deeper than 200 levels; refusing to load it"),
}


@pytest.fixture(scope="module")
def warm_server(mcp_server):
    answer(mcp_server.call("review_template", {"template": "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"}))
    return mcp_server


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_template_is_refused_within_a_second(warm_server, run_cli, tmp_path, name):
    text, expected = HOSTILE[name]
    started = time.perf_counter()
    refused = warm_server.call("show_pattern", {"id": "sqs-queue-lambda", "padding": text})
    transport = time.perf_counter() - started
    assert error_text(refused).startswith('show_pattern: unknown argument "padding"')
    started = time.perf_counter()
    result = warm_server.call("review_template", {"template": text})
    elapsed = time.perf_counter() - started
    assert error_text(result) == expected
    assert elapsed - transport < 1.0, f"took {elapsed:.2f}s, of which {transport:.2f}s moving the request"
    assert elapsed < 10, f"took {elapsed:.2f}s"
    started = time.perf_counter()
    assert answer(warm_server.call("show_pattern", {"id": "sqs-queue-lambda"}))["id"] == "sqs-queue-lambda"
    assert time.perf_counter() - started < 1.0
    if name != "50-mb":  # the CLI says the same (the 50 MB case is pinned above and in test_tool_parity)
        (tmp_path / "template.yaml").write_text(text, encoding="utf-8")
        assert run_cli("review", "--format", "json", "template.yaml", cwd=tmp_path)[2] == f"advisor: error: {expected}\n"
