"""`advisor review`: output formats, exit codes, suppressions, hostile input, --list-rules."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from conftest import ROOT
FIXTURES = ROOT / "advisor" / "review" / "rules" / "fixtures"
GOOD = FIXTURES / "queue-without-alarm" / "good.yaml"
BAD = FIXTURES / "queue-without-alarm" / "bad.yaml"
PUBLIC = FIXTURES / "public-bucket" / "bad.yaml"

QUEUE = """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  WorkQueue:
    Type: AWS::SQS::Queue
{metadata}"""
REASONED = """    Metadata:
      pattern-advisor:
        suppress:
          - rule: queue-without-alarm
            reason: drained by the batch job, which pages on its own lag
"""
UNREASONED = """    Metadata:
      pattern-advisor:
        suppress:
          - rule: PA1001
"""
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return name


def test_text_output_names_file_line_column_severity_rule_message_and_fix(run_cli):
    code, out, _ = run_cli("review", str(BAD))
    assert code == 1
    assert f"{BAD}:12:3: warning PA1001 queue-without-alarm [WorkQueue]: queue WorkQueue has no CloudWatch alarm on " \
           f"ApproximateAgeOfOldestMessage or ApproximateNumberOfMessagesVisible; a stuck consumer would go unnoticed" in out
    assert "    fix: Add an AWS::CloudWatch::Alarm on the queue's ApproximateAgeOfOldestMessage" in out
    assert out.rstrip().endswith("1 file reviewed: 0 error(s), 1 warning(s), 0 info; 0 suppressed")


def test_json_output_shape(run_cli):
    code, out, _ = run_cli("review", "--format", "json", str(BAD), str(GOOD))
    assert code == 1
    data = json.loads(out)
    assert [f["file"] for f in data["files"]] == [str(BAD), str(GOOD)]
    first = data["files"][0]
    assert set(first) == {"file", "patterns", "findings"}
    assert first["findings"] == [{
        "rule": "PA1001", "name": "queue-without-alarm", "severity": "warning", "resource": "WorkQueue", "line": 12,
        "message": "queue WorkQueue has no CloudWatch alarm on ApproximateAgeOfOldestMessage or ApproximateNumberOfMessagesVisible; "
                   "a stuck consumer would go unnoticed",
        "fix": first["findings"][0]["fix"],
        "docs": "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html"}]
    assert data["files"][1]["findings"] == []


def test_json_reports_patterns_with_their_roles(run_cli):
    template = ROOT / "patterns" / "sqs-fifo-lambda" / "template.yaml"
    if not template.is_file():
        pytest.skip("the sqs-fifo-lambda pattern is not in this checkout")
    code, out, _ = run_cli("review", "--format", "json", str(template))
    patterns = json.loads(out)["files"][0]["patterns"]
    assert {"id": "sqs-fifo-lambda", "resources": {"consumer": "ApplyFunction", "dlq": "EventsDeadLetterQueue",
                                                   "queue": "EventsQueue", "table": "LedgerTable"},
            "page": "patterns/sqs-fifo-lambda/", "missing": []} in patterns


def test_sarif_output_is_sarif_2_1_0_with_rules_results_and_parse_errors(run_cli, tmp_path):
    broken = write(tmp_path, "broken.yaml", "Resources: [\n")
    code, out, _ = run_cli("review", "--format", "sarif", str(PUBLIC), str(tmp_path / broken), cwd=ROOT)
    assert code == 2
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0" and "sarif" in sarif["$schema"]
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {"PA1001", "PA1008", "PA1012"} <= {r["id"] for r in rules}
    result = next(r for r in run["results"] if r["ruleId"] == "PA1008")
    assert result["level"] == "error"
    assert rules[result["ruleIndex"]]["id"] == "PA1008"
    location = result["locations"][0]
    # relative to the working directory, so that code scanning finds the file in the checkout
    assert location["physicalLocation"]["artifactLocation"] == {
        "uri": "advisor/review/rules/fixtures/public-bucket/bad.yaml", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"
    assert location["physicalLocation"]["region"]["startLine"] == 7
    assert location["logicalLocations"] == [{"name": "AclBucket", "kind": "resource"}]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    outside = invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert outside == {"uri": (tmp_path / broken).as_uri()}  # outside the working directory: an absolute URI


@pytest.mark.parametrize("args, expected", [
    ((str(GOOD),), 0),
    ((str(BAD),), 1),
    (("--fail-on", "error", str(BAD)), 0),
    (("--fail-on", "info", str(GOOD)), 0),
    (("--fail-on", "error", str(PUBLIC)), 1),
])
def test_exit_codes_follow_fail_on(run_cli, args, expected):
    assert run_cli("review", *args)[0] == expected


def test_usage_errors_exit_2_with_exact_messages(run_cli):
    code, _, err = run_cli("review")
    assert (code, err.strip()) == (2, "advisor: error: review: name at least one template FILE (or use --list-rules)")
    code, _, err = run_cli("review", "--json", str(GOOD))
    assert (code, err.strip()) == (2, "advisor: error: --json only applies to --list-rules; use --format json for review results")
    code, _, err = run_cli("review", "--fail-on", "fatal", str(GOOD))
    assert code == 2 and "invalid choice: 'fatal'" in err


def test_unparseable_file_exits_2_but_other_files_are_still_reviewed(run_cli, tmp_path):
    broken = write(tmp_path, "broken.yaml", "Resources:\n  Queue: {Type: AWS::SQS::Queue\n")
    code, out, err = run_cli("review", "broken.yaml", str(BAD), cwd=tmp_path)
    assert code == 2
    assert "broken.yaml:3:1: error: invalid YAML: expected ',' or '}', but got '<stream end>'" in out
    assert "warning PA1001 queue-without-alarm [WorkQueue]" in out
    assert err == ""  # the text report lists each error once, on stdout
    code, out, err = run_cli("review", "--format", "json", "broken.yaml", cwd=tmp_path)
    assert code == 2 and err == "advisor: error: broken.yaml:3:1: invalid YAML: expected ',' or '}', but got '<stream end>'\n"


def test_a_file_that_is_not_a_template_is_an_error(run_cli, tmp_path):
    write(tmp_path, "mkdocs.yml", "site_name: docs\nnav: [index.md]\n")
    code, out, err = run_cli("review", "mkdocs.yml", cwd=tmp_path)
    assert code == 2
    assert out.splitlines() == ["mkdocs.yml:1:1: error: not a CloudFormation or SAM template (no Resources section)",
                                "0 files reviewed: 0 error(s), 0 warning(s), 0 info; 0 suppressed; 1 file with errors"]


def test_pre_commit_skips_files_that_are_not_templates(run_cli, tmp_path):
    write(tmp_path, "mkdocs.yml", "site_name: docs\nnav: [index.md]\n")
    code, out, _ = run_cli("review", "--skip-non-templates", "mkdocs.yml", str(GOOD), cwd=tmp_path)
    assert code == 0
    assert "mkdocs.yml: not a CloudFormation or SAM template (no Resources section); skipped" in out
    assert out.rstrip().endswith("1 file reviewed: 0 error(s), 0 warning(s), 0 info; 0 suppressed; 1 skipped (not templates)")


HOSTILE = {
    "alias-bomb.yaml": (ALIAS_BOMB.encode(), "alias-bomb.yaml:1:32: error: document expands to more than 200,000 values (alias bomb?); refusing to load it"),
    "huge.yaml": (b"Resources: {}\n# " + b"x" * (6 * 1024 * 1024) + b"\n", "huge.yaml: error: file is 6.0 MB; the limit is 5 MB"),
    "deep.yaml": (b"Resources: " + b"[" * 5000 + b"]" * 5000 + b"\n", "deep.yaml:1:211: error: nesting deeper than 200 levels; refusing to load it"),
    "binary.yaml": (b"\x00\x01\x02\xff" * 100, "binary.yaml:1:1: error: binary data, expected a YAML or JSON text file"),
    "latin1.yaml": ("Description: caf\u00e9\nResources: {}\n".encode("latin-1"), "latin1.yaml:1:17: error: not UTF-8 text (byte 0xe9); save the file as UTF-8"),
    "list-resources.yaml": (b"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  - Queue\n",
                            "list-resources.yaml:2:1: error: Resources must be a mapping of logical ids to resources, but it is a list"),
    "empty-resources.yaml": (b"Resources:\n", "empty-resources.yaml:1:1: error: Resources must be a mapping of logical ids to resources, but it is empty"),
    "no-resources.yaml": (b"AWSTemplateFormatVersion: '2010-09-09'\nDescription: nothing\n", "no-resources.yaml:1:1: error: template has no Resources section"),
    "python-tag.yaml": (b"Resources: !!python/object/apply:os.system [echo owned]\n",
                        "python-tag.yaml:1:12: error: unsupported YAML tag tag:yaml.org,2002:python/object/apply:os.system"),
}


def test_hostile_inputs_each_get_one_clear_line_quickly_and_the_good_file_is_still_reviewed(run_cli, tmp_path):
    for name, (content, _) in HOSTILE.items():
        write(tmp_path, name, content)
    started = time.perf_counter()
    code, out, err = run_cli("review", *HOSTILE, str(BAD), cwd=tmp_path)
    elapsed = time.perf_counter() - started
    assert code == 2
    for name, (_, message) in HOSTILE.items():
        assert message in out.splitlines(), f"{name}: {message!r} not in output"
    assert "warning PA1001 queue-without-alarm [WorkQueue]" in out
    assert "Traceback" not in out + err
    assert err == ""  # each error once: in the report
    assert elapsed < 30, f"took {elapsed:.1f}s"


def test_resource_suppression_with_reason_hides_the_finding(run_cli, tmp_path):
    write(tmp_path, "t.yaml", QUEUE.format(metadata=REASONED))
    code, out, _ = run_cli("review", "--format", "json", "t.yaml", cwd=tmp_path)
    assert code == 0
    entry = json.loads(out)["files"][0]
    assert entry["findings"] == []
    assert [(s["rule"], s["reason"]) for s in entry["suppressed"]] == [
        ("PA1001", "drained by the batch job, which pages on its own lag")]


def test_resource_suppression_without_reason_is_an_error_with_exact_message(run_cli, tmp_path):
    write(tmp_path, "t.yaml", QUEUE.format(metadata=UNREASONED))
    code, out, err = run_cli("review", "t.yaml", cwd=tmp_path)
    assert code == 2
    assert ('t.yaml:8:13: error: Resources.WorkQueue.Metadata.pattern-advisor.suppress[0]: '
            '"reason" is required; say why the rule does not apply here') in out.splitlines()
    assert "warning PA1001 queue-without-alarm [WorkQueue]" in out  # not suppressed without a reason


def test_project_suppression_with_reason(run_cli, tmp_path):
    write(tmp_path, "t.yaml", QUEUE.format(metadata=""))
    write(tmp_path, ".pattern-advisor.yaml", "suppress:\n  - rule: PA1001\n    resource: WorkQueue\n    reason: legacy queue, replaced in Q3\n")
    code, out, _ = run_cli("review", "t.yaml", cwd=tmp_path)
    assert code == 0
    assert out.strip().endswith("1 file reviewed: 0 error(s), 0 warning(s), 0 info; 1 suppressed")


def test_project_suppression_only_covers_its_resource(run_cli, tmp_path):
    write(tmp_path, "t.yaml", QUEUE.format(metadata=""))
    write(tmp_path, "cfg.yaml", "suppress:\n  - rule: queue-without-alarm\n    resource: OtherQueue\n    reason: not this one\n")
    assert run_cli("review", "--config", "cfg.yaml", "t.yaml", cwd=tmp_path)[0] == 1


@pytest.mark.parametrize("config, message", [
    ("suppress:\n  - rule: PA1001\n", 'cfg.yaml:2:5: suppress[0]: "reason" is required; say why the rule does not apply here'),
    ("suppress:\n  - rule: PA1001\n    reason: '  '\n", 'cfg.yaml:2:5: suppress[0]: "reason" is required; say why the rule does not apply here'),
    ("suppress:\n  - rule: queue-without-alarms\n    reason: typo\n",
     'cfg.yaml:2:11: suppress[0]: unknown rule "queue-without-alarms"; use a rule name or id'),
    ("suppress:\n  - rule: PA1001\n    reason: ok\n    resources: WorkQueue\n",
     'cfg.yaml:4:5: suppress[0]: unknown key "resources"; allowed: files, reason, resource, rule'),
    ("ignore: [PA1001]\n", "cfg.yaml:1:1: expected a mapping with one key, suppress"),
])
def test_bad_project_config_is_a_usage_error(run_cli, tmp_path, config, message):
    write(tmp_path, "t.yaml", QUEUE.format(metadata=""))
    write(tmp_path, "cfg.yaml", config)
    code, out, err = run_cli("review", "--config", "cfg.yaml", "t.yaml", cwd=tmp_path)
    assert code == 2 and out == ""
    assert err.startswith(f"advisor: error: {message}"), err


def test_missing_config_file_is_a_usage_error(run_cli, tmp_path):
    code, _, err = run_cli("review", "--config", "nope.yaml", str(GOOD), cwd=tmp_path)
    assert (code, err.strip()) == (2, "advisor: error: nope.yaml: file not found")


def test_list_rules_text_and_json(run_cli):
    code, out, _ = run_cli("review", "--list-rules")
    assert code == 0
    assert re.search(r"^PA1001\s+W9001\s+warning\s+queue-without-alarm\s+SQS queue without a backlog alarm$", out, re.M)
    code, out, _ = run_cli("review", "--list-rules", "--json")
    rules = json.loads(out)
    assert len(rules) >= 12
    assert set(rules[0]) == {"id", "name", "cfn_lint_id", "title", "severity", "tags", "why", "fix", "docs"}


def test_pre_commit_hook_manifest():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "pattern-advisor-review")
    assert (hook["entry"], hook["language"], hook["files"]) == ("advisor review --skip-non-templates", "python", r"\.(ya?ml|json)$")
