"""`advisor mcp`: what an assistant sees when it connects (tools with their schemas, resources),
the catalog options, and errors that leave the server serving."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT
from mcp.shared.exceptions import MCPError

from mcp_support import answer, error_text, server_command

TOOLS = {"list_patterns", "show_pattern", "search_patterns", "compare_patterns", "recommend", "review_template",
         "estimate_cost", "scaffold_plan"}


def _schema(name: str) -> dict:
    return json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))


def _properties_described(schema: dict, where: str) -> None:
    for name, prop in schema.get("properties", {}).items():
        assert prop.get("description"), f"{where}.{name} has no description"
        _properties_described(prop, f"{where}.{name}")


def test_server_introduces_itself(mcp_server):
    info = mcp_server.initialized
    assert info.server_info.name == "pattern-advisor"
    assert "recommend" in info.instructions and "pattern://ID/template.yaml" in info.instructions


def test_every_tool_is_listed_read_only_with_described_arguments(mcp_server):
    tools = {t.name: t for t in mcp_server.list_tools()}
    assert set(tools) == TOOLS
    for tool in tools.values():
        assert tool.description and tool.input_schema["type"] == "object"
        assert tool.annotations.read_only_hint is True
        _properties_described(tool.input_schema, tool.name)


def test_recommend_schema_is_the_requirements_schema(mcp_server):
    recommend = next(t for t in mcp_server.list_tools() if t.name == "recommend")
    expected = {k: v for k, v in _schema("requirements.schema.json").items() if k not in ("$schema", "$id", "title")}
    assert recommend.input_schema["properties"]["requirements"] == expected
    assert recommend.input_schema["properties"]["requirements"]["properties"]["ordering"]["enum"] == ["none", "per-key", "strict"]


def test_list_filters_carry_the_pattern_schema_values(mcp_server):
    pattern_schema = _schema("pattern.schema.json")
    props = next(t for t in mcp_server.list_tools() if t.name == "list_patterns").input_schema["properties"]
    assert props["service"]["enum"] == pattern_schema["$defs"]["service"]["enum"]
    assert props["workload"]["enum"] == pattern_schema["$defs"]["workload"]["enum"]
    assert props["category"]["enum"] == pattern_schema["properties"]["category"]["enum"]


def test_cost_and_review_schemas_name_their_choices(mcp_server):
    tools = {t.name: t.input_schema for t in mcp_server.list_tools()}
    assert tools["estimate_cost"]["properties"]["service"]["enum"] == [
        "lambda", "sqs", "sns", "kinesis", "apigateway", "dynamodb", "eventbridge", "scheduler", "stepfunctions", "s3",
        "cloudfront", "cloudwatch", "fargate"]
    assert "duration_ms (average billed duration per invocation; default 100)" in tools["estimate_cost"]["properties"]["inputs"]["description"]
    assert tools["review_template"]["properties"]["fail_on"]["enum"] == ["info", "warning", "error"]
    assert tools["review_template"]["required"] == ["template"]


def test_every_pattern_has_a_page_and_a_template_resource(mcp_server, run_cli):
    ids = [p["id"] for p in json.loads(run_cli("list", "--json")[1])]
    uris = [r.uri for r in mcp_server.list_resources()]
    assert uris == [u for pid in ids for u in (f"pattern://{pid}", f"pattern://{pid}/template.yaml")]
    templates = [t.uri_template for t in mcp_server.list_resource_templates()]
    assert templates == ["pattern://{id}", "pattern://{id}/template.yaml"]


def test_template_resource_is_the_verified_file(mcp_server):
    result = mcp_server.read("pattern://sqs-queue-lambda/template.yaml")
    assert result.contents[0].text == (ROOT / "patterns" / "sqs-queue-lambda" / "template.yaml").read_text(encoding="utf-8")
    assert result.contents[0].mime_type == "application/yaml"


def test_page_resource_is_the_pattern_page(mcp_server):
    text = mcp_server.read("pattern://sqs-fifo-lambda").contents[0].text
    assert "# SQS FIFO queue applying ordered, deduplicated events" in text
    for heading in ("## Traits", "## Limits", "## Trade-offs", "## Operations", "## Template and code", "## References"):
        assert heading in text
    assert "Topology: " in text and "FifoQueue: true" in text


def test_unknown_resource_is_an_error_with_the_cli_message(mcp_server, run_cli):
    code, _, err = run_cli("show", "no-such-pattern")
    with pytest.raises(MCPError) as caught:
        mcp_server.read("pattern://no-such-pattern")
    assert code == 2 and err == f"advisor: error: {caught.value.message}\n"
    with pytest.raises(MCPError) as caught:
        mcp_server.read("pattern://sqs-queue-lambda/src/handler.py")
    assert caught.value.message == 'unknown resource "pattern://sqs-queue-lambda/src/handler.py"; expected pattern://ID or pattern://ID/template.yaml'


@pytest.mark.parametrize("tool, arguments, message", [
    ("no_such_tool", {}, 'unknown tool "no_such_tool"; tools: list_patterns, show_pattern, search_patterns, compare_patterns, '
                         "recommend, review_template, estimate_cost, scaffold_plan"),
    ("show_pattern", {}, 'show_pattern: missing argument "id"'),
    ("show_pattern", {"id": "sqs-queue-lambda", "verbose": True}, 'show_pattern: unknown argument "verbose"; allowed: id'),
    ("compare_patterns", {"ids": "sqs-queue-lambda,sns-lambda"}, "compare_patterns: ids: expected an array, got string"),
    ("recommend", {"requirements": "workload=messaging"}, "recommend: requirements: expected an object, got string"),
    ("review_template", {"template": {"Resources": {}}}, "review_template: template: expected a string, got object"),
])
def test_malformed_calls_get_one_line_errors_and_the_server_keeps_serving(mcp_server, tool, arguments, message):
    assert error_text(mcp_server.call(tool, arguments)) == message
    assert answer(mcp_server.call("list_patterns", {}))["patterns"]


def test_catalog_option_and_environment_add_team_patterns(start_server, fixture_pattern):
    catalog = fixture_pattern("team-queue")
    by_option = start_server("--catalog", str(catalog))
    assert "team-queue" in [p["id"] for p in answer(by_option.call("list_patterns", {}))["patterns"]]
    assert any(r.uri == "pattern://team-queue" for r in by_option.list_resources())
    by_env = start_server(env={"PATTERN_ADVISOR_CATALOG": str(catalog)})
    assert answer(by_env.call("show_pattern", {"id": "team-queue"}))["id"] == "team-queue"


def test_invalid_team_pattern_is_named_in_the_summary(start_server, fixture_pattern):
    catalog = fixture_pattern("broken-queue", edits={"pattern.yaml": {"category: messaging": "category: nonsense"}})
    server = start_server("--catalog", str(catalog))
    result = server.call("list_patterns", {})
    assert not result.is_error
    assert "broken-queue" not in [p["id"] for p in result.structured_content["patterns"]]
    assert "(pattern skipped; run 'advisor validate')" in result.content[0].text
    assert "broken-queue/pattern.yaml" in result.content[0].text


def test_a_team_pattern_without_its_template_is_an_error_not_a_crash(start_server, fixture_pattern):
    catalog = fixture_pattern("lost-template")
    (catalog / "lost-template" / "template.yaml").unlink()
    server = start_server("--catalog", str(catalog))
    for uri in ("pattern://lost-template/template.yaml", "pattern://lost-template"):
        with pytest.raises(MCPError) as caught:
            server.read(uri)
        assert caught.value.message == f"{catalog / 'lost-template' / 'template.yaml'}: file not found"
    message = error_text(server.call("scaffold_plan", {"pattern": "lost-template", "parameters": {"ServiceName": "lost"}}))
    assert message == f"{catalog / 'lost-template' / 'template.yaml'}: file not found"
    assert server.read("pattern://sqs-queue-lambda/template.yaml").contents[0].text.startswith("AWSTemplateFormatVersion")


def test_missing_catalog_folder_stops_the_command_with_one_line(tmp_path):
    command, argv = server_command("--catalog", str(tmp_path / "nope"))
    proc = subprocess.run([command, *argv], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 2  # a folder the user named that is not there is a usage error
    assert proc.stderr == f"advisor: error: {tmp_path / 'nope'}: catalog directory not found\n"
    assert proc.stdout == ""
