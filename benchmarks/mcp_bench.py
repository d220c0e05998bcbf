"""`advisor mcp` as an assistant meets it: start-up, each tool's round trip, and hostile templates.

Run on demand:  uv run python benchmarks/mcp_bench.py
Target (issue 17): a hostile template (alias bomb, 50 MB, deep nesting) sent to review_template is
refused in under a second and the next call is answered. Also times safe_yaml alone on the same
hostile inputs, since that is the server's share; the rest of a 50 MB round trip is the SDK's
transport (JSON encoding, the pipe, JSON parsing). Read the machine's load with the numbers.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

ALIAS_BOMB = "Resources:\n  Q: {Type: AWS::SQS::Queue}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9))
HOSTILE = {
    "alias bomb": ALIAS_BOMB,
    "50 MB": "Resources:\n" + "#" * (50 * 1024 * 1024) + "\n",
    "deep flow nesting": "Resources: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "deep block nesting": "Resources:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1000)),
}
CALLS = {
    "list_patterns": {},
    "show_pattern": {"id": "sqs-queue-lambda"},
    "search_patterns": {"text": "queue"},
    "compare_patterns": {"ids": ["sqs-queue-lambda", "sqs-fifo-lambda", "kinesis-stream-lambda"]},
    "recommend": {"requirements": {"workload": "messaging", "ordering": "per-key", "write_rate_control": True}},
    "review_template": {"template": (ROOT / "patterns" / "sqs-queue-lambda" / "template.yaml").read_text(encoding="utf-8")},
    "estimate_cost": {"service": "lambda", "inputs": {"requests": 3_000_000}},
    "scaffold_plan": {"pattern": "sqs-queue-lambda", "parameters": {"ServiceName": "intake"}},
}


def timed(fn, *args):
    started = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - started, result


def main() -> None:
    import tempfile

    from advisor.catalog.safe_yaml import load_text
    from advisor.errors import DataError
    from mcp_support import McpServer

    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="mcp-bench-cache-"))
    seconds, server = timed(McpServer)
    print(f"start and initialize: {seconds:.2f} s")
    try:
        seconds, _ = timed(server.call, "review_template", CALLS["review_template"])
        print(f"first call (waits for the warm-up: catalog, cfn-lint): {seconds:.2f} s")
        for name, args in CALLS.items():
            runs = [timed(server.call, name, args)[0] for _ in range(5)]
            print(f"{name:<18} median {statistics.median(runs) * 1000:7.1f} ms over 5")
        for name, text in HOSTILE.items():
            seconds, result = timed(server.call, "review_template", {"template": text})
            after, _ = timed(server.call, "list_patterns", {})
            start = time.perf_counter()
            try:
                load_text(text, "t.yaml", cfn_tags=True) if len(text) < 5 * 1024 * 1024 else None
            except DataError:
                pass
            parse = time.perf_counter() - start
            print(f"{name:<19} round trip {seconds:5.2f} s (error: {result.is_error}); next call {after * 1000:.0f} ms; "
                  f"safe_yaml alone {parse * 1000:.0f} ms")
    finally:
        server.close()


if __name__ == "__main__":
    main()
