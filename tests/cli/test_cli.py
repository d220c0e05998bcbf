"""Usage errors are one line and exit 2, for every command that takes NAME=VALUE options."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("args,message", [
    (["recommend", "--require", "bad"], 'advisor: error: --require: expected KEY=VALUE, got "bad"\n'),
    (["cost", "--service", "lambda", "--set", "x"], 'advisor: error: --set: expected INPUT=VALUE, got "x"\n'),
    (["init", "sqs-queue-lambda", "proj", "--param", "y"], 'advisor: error: --param: expected NAME=VALUE, got "y"\n'),
    (["list", "--service", "sqs-queue"], "advisor: error: --service: unknown value \"sqs-queue\"; allowed: "),
])
def test_malformed_options_are_usage_errors(run_cli, tmp_path, args, message):
    code, out, err = run_cli(*args, cwd=tmp_path)
    assert code == 2
    assert err.startswith(message)
    assert list(tmp_path.iterdir()) == []


def test_unknown_command_exits_2_with_one_line():
    proc = subprocess.run([sys.executable, "-m", "advisor.cli", "frobnicate"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.startswith("advisor: error: argument COMMAND: invalid choice: 'frobnicate' (choose from 'list', ")
    assert proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr


def test_list_and_show(run_cli):
    code, out, _ = run_cli("list", "--workload", "static-website")
    assert code == 0 and out.split("\t")[0] == "s3-cloudfront-spa"
    code, out, _ = run_cli("show", "sqs-fifo-lambda")
    assert code == 0 and out.startswith("sqs-fifo-lambda: SQS FIFO queue applying ordered, deduplicated events")
    code, out, _ = run_cli("search", "kinesis")
    assert code == 0 and out.split("\t")[0] == "kinesis-stream-lambda"
    code, out, _ = run_cli("compare", "sqs-queue-lambda", "sqs-fifo-lambda")
    assert code == 0 and "ordering" in out and "per-key" in out
