"""Each tool answers with the JSON of the matching CLI command (`--json`) for the same input, and
refuses bad input with the CLI's one-line message. Where the CLI names an option (--service, --set,
--answers FILE) the tool names its own argument instead; the rest of the message is the same."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from mcp_support import answer, error_text

REVIEW_FIXTURES = ROOT / "advisor" / "review" / "rules" / "fixtures"


def cli_json(run_cli, *args: str, cwd=None):
    code, out, err = run_cli(*args, cwd=cwd)
    assert code == 0, err
    return json.loads(out)


def same_message(tool_message: str, cli_stderr: str, tool_label: str = "", cli_label: str = "") -> None:
    assert tool_message.startswith(tool_label), tool_message
    assert "\n" not in tool_message
    assert cli_stderr == f"advisor: error: {cli_label}{tool_message[len(tool_label):]}\n"


# --- catalog -------------------------------------------------------------------------------------

@pytest.mark.parametrize("filters", [{}, {"service": "sqs"}, {"category": "api"}, {"workload": "messaging", "service": "lambda"}])
def test_list_patterns_is_advisor_list(mcp_server, run_cli, filters):
    args = [f"--{k}={v}" for k, v in filters.items()]
    expected = cli_json(run_cli, "list", "--json", *args)
    result = mcp_server.call("list_patterns", filters)
    assert answer(result) == {"patterns": expected}
    assert result.content[0].text.startswith(f"{len(expected)} pattern(s)")
    assert json.loads(result.content[1].text) == {"patterns": expected}


def test_list_patterns_refuses_an_unknown_filter_value(mcp_server, run_cli):
    _, _, err = run_cli("list", "--service", "rabbitmq")
    same_message(error_text(mcp_server.call("list_patterns", {"service": "rabbitmq"})), err, "service: ", "--service: ")


def test_show_pattern_is_advisor_show(mcp_server, run_cli):
    expected = cli_json(run_cli, "show", "kinesis-stream-lambda", "--json")
    result = mcp_server.call("show_pattern", {"id": "kinesis-stream-lambda"})
    assert answer(result) == expected
    assert result.content[0].text.startswith("kinesis-stream-lambda: ")


def test_show_pattern_refuses_an_unknown_id_as_the_cli_does(mcp_server, run_cli):
    code, _, err = run_cli("show", "sqs-lambda")
    assert code == 2
    same_message(error_text(mcp_server.call("show_pattern", {"id": "sqs-lambda"})), err)


@pytest.mark.parametrize("text", ["queue", "fan out", "kinesis replay", "no such thing here"])
def test_search_patterns_is_advisor_search(mcp_server, run_cli, text):
    code, out, _ = run_cli("search", *text.split(), "--json")
    result = mcp_server.call("search_patterns", {"text": text})
    assert answer(result) == json.loads(out)
    if code == 1:  # no hits: the CLI exits 1, the tool answers with an empty list and says so
        assert result.structured_content["hits"] == [] and result.content[0].text == f'no pattern matches "{text}"'


def test_compare_patterns_is_advisor_compare(mcp_server, run_cli):
    ids = ["sqs-queue-lambda", "sqs-fifo-lambda", "kinesis-stream-lambda"]
    result = mcp_server.call("compare_patterns", {"ids": ids})
    assert answer(result) == cli_json(run_cli, "compare", *ids, "--json")
    assert result.content[0].text.startswith("compared sqs-queue-lambda, sqs-fifo-lambda, kinesis-stream-lambda; traits that differ: ordering")


@pytest.mark.parametrize("ids", [["sqs-queue-lambda"], ["sqs-queue-lambda", "rabbitmq-lambda"]])
def test_compare_patterns_refuses_as_the_cli_does(mcp_server, run_cli, ids):
    _, _, err = run_cli("compare", *ids)
    same_message(error_text(mcp_server.call("compare_patterns", {"ids": ids})), err)


# --- recommend (the whole scenario table is in test_recommend_parity.py) ----------------------------

def test_recommend_without_requirements_is_advisor_recommend(mcp_server, run_cli):
    assert answer(mcp_server.call("recommend", {})) == cli_json(run_cli, "recommend", "--json")


@pytest.mark.parametrize("requirements", [{"colour": "blue"}, {"ordering": "sorted"}, {"max_message_kb": 0},
                                          {"api_features": ["waf", "graphql"]}, {"replay": "maybe"}])
def test_recommend_refuses_bad_requirements_as_the_cli_does(mcp_server, run_cli, tmp_path, requirements):
    answers = tmp_path / "answers.yaml"
    answers.write_text(json.dumps(requirements), encoding="utf-8")
    code, _, err = run_cli("recommend", "--answers", str(answers))
    assert code == 2
    err = re.sub(rf"^advisor: error: {re.escape(str(answers))}:\d+:\d+: ", f"advisor: error: {answers}: ", err)  # a file has lines
    same_message(error_text(mcp_server.call("recommend", {"requirements": requirements})), err,
                 "requirements: ", f"{answers}: ")


# --- review ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("source", [ROOT / "patterns" / "sqs-queue-lambda" / "template.yaml",
                                    REVIEW_FIXTURES / "queue-without-alarm" / "bad.yaml",
                                    REVIEW_FIXTURES / "public-bucket" / "bad.yaml"], ids=["pattern", "no-alarm", "public-bucket"])
def test_review_template_is_advisor_review(mcp_server, run_cli, tmp_path, source):
    (tmp_path / "mine.yaml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run_cli("review", "--format", "json", "mine.yaml", cwd=tmp_path)
    result = mcp_server.call("review_template", {"template": source.read_text(encoding="utf-8"), "filename": "mine.yaml"})
    assert answer(result) == json.loads(out)
    verdict = "fail" if code == 1 else "pass"
    assert result.content[0].text.endswith(f"verdict: {verdict} (fail_on warning)")


def test_review_template_fail_on_sets_the_verdict(mcp_server):
    text = (REVIEW_FIXTURES / "queue-without-alarm" / "bad.yaml").read_text(encoding="utf-8")
    for fail_on, verdict in (("warning", "fail"), ("error", "pass"), ("info", "fail")):
        result = mcp_server.call("review_template", {"template": text, "fail_on": fail_on})
        assert result.content[0].text.endswith(f"verdict: {verdict} (fail_on {fail_on})")
    assert error_text(mcp_server.call("review_template", {"template": text, "fail_on": "fatal"})) == \
        'fail_on: invalid choice "fatal"; allowed: info, warning, error'


@pytest.mark.parametrize("text", ["Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {a: 1\n",
                                  "Resources:\n  Queue: {Type: AWS::SQS::Queue}\n  Queue: {Type: AWS::SNS::Topic}\n",
                                  "Resources: [a, b]\n", "Transform: AWS::Serverless-2016-10-31\n"],
                         ids=["unparsable", "duplicate-key", "resources-a-list", "no-resources"])
def test_review_template_refuses_a_broken_template_as_the_cli_does(mcp_server, run_cli, tmp_path, text):
    (tmp_path / "template.yaml").write_text(text, encoding="utf-8")
    code, out, err = run_cli("review", "--format", "json", "template.yaml", cwd=tmp_path)
    result = mcp_server.call("review_template", {"template": text})
    assert code == 2
    same_message(error_text(result), err)
    assert result.structured_content == json.loads(out)


def test_review_template_over_the_size_limit_is_refused_as_the_cli_does(mcp_server, run_cli, tmp_path):
    text = "Resources: {}\n" + "# padding\n" * 600_000  # 6 MB
    (tmp_path / "big.yaml").write_text(text, encoding="utf-8")
    _, _, err = run_cli("review", "--format", "json", "big.yaml", cwd=tmp_path)  # json keeps errors on stderr
    message = error_text(mcp_server.call("review_template", {"template": text, "filename": "big.yaml"}))
    assert message == "big.yaml: file is 5.7 MB; the limit is 5 MB"
    same_message(message, err)


def test_review_template_reads_only_the_text_it_is_given(mcp_server):
    """A path is just text: YAML reads it as a string, which is not a template; nothing is opened."""
    result = mcp_server.call("review_template", {"template": "/etc/passwd"})
    assert error_text(result) == "template.yaml:1:1: not a CloudFormation or SAM template (no Resources section)"
    assert "root:" not in json.dumps(result.model_dump())
    result = mcp_server.call("review_template", {"template": "Resources: {}\n", "filename": "/etc/passwd"})
    assert answer(result)["files"][0]["file"] == "/etc/passwd" and answer(result)["files"][0]["findings"] == []


# --- cost ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("service, inputs", [("lambda", {"requests": 3_000_000, "memory_mb": 512, "architecture": "arm64"}),
                                             ("apigateway", {"api_type": "rest", "requests": 50_000_000}),
                                             ("stepfunctions", {"executions": 100_000, "transitions_per_execution": 10, "free_tier": True})])
def test_estimate_cost_for_a_service_is_advisor_cost(mcp_server, run_cli, service, inputs):
    sets = [f"--set={k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in inputs.items()]
    expected = cli_json(run_cli, "cost", "--service", service, *sets, "--json")
    result = mcp_server.call("estimate_cost", {"service": service, "inputs": inputs})
    assert answer(result) == expected
    assert result.content[0].text.startswith(f"{service}: ${expected['monthly_usd']:,.2f} per month")


@pytest.mark.parametrize("service, inputs", [("sqs", {}), ("lambda", {"requests": "lots"}), ("lambda", {"cold_starts": 3}),
                                             ("lambda", {}), ("apigateway", {"requests": 1, "api_type": "websocket"})])
def test_estimate_cost_refuses_as_the_cli_does(mcp_server, run_cli, service, inputs):
    _, _, err = run_cli("cost", "--service", service, *[f"--set={k}={v}" for k, v in inputs.items()])
    message = error_text(mcp_server.call("estimate_cost", {"service": service, "inputs": inputs}))
    if message.startswith("inputs: "):
        same_message(message, err, "inputs: ", "--set: ")
    else:
        same_message(message, err)


def test_estimate_cost_for_a_pattern_is_advisor_cost_pattern(mcp_server, run_cli):
    expected = cli_json(run_cli, "cost", "sqs-queue-lambda", "--set", "events_per_month=5e7", "--json")
    result = mcp_server.call("estimate_cost", {"pattern": "sqs-queue-lambda", "inputs": {"events_per_month": 5e7}})
    assert answer(result) == expected
    assert result.content[0].text.startswith(f"sqs-queue-lambda: ${expected['monthly_usd']:,.2f} per month")
    _, _, err = run_cli("cost", "sqs-queue-lambda", "--set", "frobs=3")
    same_message(error_text(mcp_server.call("estimate_cost", {"pattern": "sqs-queue-lambda", "inputs": {"frobs": 3}})),
                 err, "inputs: ", "--set: ")
    assert error_text(mcp_server.call("estimate_cost", {"pattern": "nope"})).startswith('unknown pattern "nope"; known patterns: ')
    assert error_text(mcp_server.call("estimate_cost", {})) == "estimate_cost: give either service or pattern"
    assert error_text(mcp_server.call("estimate_cost", {"service": "lambda", "pattern": "sns-lambda"})) == \
        "estimate_cost: give either service or pattern"


# --- scaffold --------------------------------------------------------------------------------------

def test_scaffold_plan_lists_what_advisor_init_would_write_and_writes_nothing(mcp_server, run_cli, tmp_path):
    params = {"ServiceName": "hooks", "SigningSecret": "s" * 40, "SignatureHeader": "x-hub-signature-256"}
    code, out, err = run_cli("init", "webhook-ingest-enrich", str(tmp_path / "new"), "--dry-run",
                             *[f"--param={k}={v}" for k, v in params.items()])
    assert code == 0, err
    would_write = [line.split("/new/", 1)[1] for line in out.splitlines() if line.startswith("would write ")]
    rules_line = next(line for line in would_write if line.startswith("architecture-review/ ("))
    rules_count = int(rules_line.split("(", 1)[1].split()[0])  # init folds the copied review rules into one line
    before = sorted(p.name for p in mcp_server.cwd.iterdir())
    plan = answer(mcp_server.call("scaffold_plan", {"pattern": "webhook-ingest-enrich", "parameters": params}))
    paths = [f["path"] for f in plan["files"]]
    assert [p for p in paths if not p.startswith("architecture-review/")] == [line for line in would_write if line != rules_line]
    assert len([p for p in paths if p.startswith("architecture-review/")]) == rules_count
    assert all(f["bytes"] > 0 for f in plan["files"])
    assert plan["parameters"]["ServiceName"] == "hooks"
    assert plan["parameters"]["SigningSecret"] == "********"  # NoEcho in the template
    assert plan["parameters"]["Runtime"] == "python3.13"  # the default, since none was given
    assert "s" * 40 not in json.dumps(plan)
    assert sorted(p.name for p in mcp_server.cwd.iterdir()) == before and not (tmp_path / "new").exists()


def test_scaffold_plan_masks_secret_looking_names(mcp_server, fixture_pattern, start_server):
    catalog = fixture_pattern("keyed-queue", edits={"template.yaml": {
        "\nResources:\n": "\nParameters:\n  ServiceName:\n    Type: String\n    Default: keyed\n"
                          "  ApiToken:\n    Type: String\n    Default: abc\n\nResources:\n"}})
    server = start_server("--catalog", str(catalog))
    plan = answer(server.call("scaffold_plan", {"pattern": "keyed-queue", "parameters": {"ServiceName": "keyed", "ApiToken": "t0ps3cret"}}))
    assert plan["parameters"]["ApiToken"] == "********"
    assert "t0ps3cret" not in json.dumps(plan)


@pytest.mark.parametrize("params", [{"ServiceName": "hooks", "Colour": "blue"}, {}, {"ServiceName": "Hooks!"},
                                    {"ServiceName": "hooks", "MemorySize": "64"}])
def test_scaffold_plan_refuses_as_advisor_init_does(mcp_server, run_cli, tmp_path, params):
    _, _, err = run_cli("init", "sqs-queue-lambda", str(tmp_path / "new"), "--dry-run", *[f"--param={k}={v}" for k, v in params.items()])
    same_message(error_text(mcp_server.call("scaffold_plan", {"pattern": "sqs-queue-lambda", "parameters": params})), err)
