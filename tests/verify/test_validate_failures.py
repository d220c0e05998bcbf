"""Every validation step can fail, with an exact one-line message and exit 1 (never a traceback)."""

from __future__ import annotations

import pytest


def validate(run_cli, catalog, name="mini-queue"):
    return run_cli("--catalog", str(catalog), "validate", name, cwd=catalog)


def test_fixture_pattern_passes_every_step(run_cli, fixture_pattern):
    code, out, err = validate(run_cli, fixture_pattern())
    assert code == 0, out + err
    assert "mini-queue  pass              pass              pass              pass              pass              pass" in out
    assert "1 of 1 pattern passed every step" in out


def test_schema_error_names_file_line_column_and_expectation(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"pattern.yaml": {"max_message_kb: {value: 1024,": 'max_message_kb: {value: "ten",'}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert 'mini-queue/pattern.yaml:17:27: traits.max_message_kb.value: expected integer, got "ten"' in out


def test_id_inside_the_file_is_rejected(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"pattern.yaml": {"name: Mini": "id: mini-queue\nname: Mini"}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert "mini-queue/pattern.yaml:2:1: id: unknown property \"id\"" in out
    assert "the id is the folder name and never appears inside the file" in out


def test_duplicate_yaml_key(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"pattern.yaml": {"category: messaging": "category: messaging\ncategory: streaming"}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert 'mini-queue/pattern.yaml:7:1: duplicate key "category" (first defined at line 6)' in out


def test_placeholder_text_is_rejected(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"pattern.yaml": {"pros: [The queue": "pros: [TODO the queue"}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert 'mini-queue/pattern.yaml:36:8: pros[0]: placeholder text "TODO" is not allowed; write the real content' in out


def test_topology_edge_not_wired_in_template(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"pattern.yaml": {
        "    - {from: writer, to: table, kind: writes}": "    - {from: writer, to: table, kind: writes}\n    - {from: writer, to: queue, kind: publishes}"}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert ('mini-queue/pattern.yaml:52:7: topology.edges[2]: "writer publishes queue" is not wired in template.yaml '
            "(no event source, subscription, notification or Ref/GetAtt between WriterFunction and WorkQueue)") in out


def test_missing_alarm(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"pattern.yaml": {"- resource: QueueAgeAlarm": "- resource: DlqDepthAlarm"}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert 'mini-queue/pattern.yaml:54:17: operations.alarms[0].resource: no resource "DlqDepthAlarm" in template.yaml' in out


def test_alarm_topic_with_the_aws_managed_key_reaches_nobody(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"template.yaml": {"KmsMasterKeyId: !Ref AlarmKey": "KmsMasterKeyId: alias/aws/sns"}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert ("mini-queue/pattern.yaml:54:17: operations.alarms[0]: alarm QueueAgeAlarm notifies AlarmTopic, which is encrypted "
            "with alias/aws/sns; CloudWatch cannot publish to it, so the alarm would reach nobody. Use a customer managed key "
            "whose policy lets cloudwatch.amazonaws.com use it") in out


def test_iam_scope_must_match_what_the_template_grants(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"template.yaml": {"Action: dynamodb:PutItem": "Action: [dynamodb:PutItem, dynamodb:DeleteItem]"}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert ("mini-queue/pattern.yaml:65:16: operations.iam_scope[0].actions: WriterFunction is also granted "
            "dynamodb:DeleteItem on ItemsTable; list it here or remove it from the template") in out


def test_cfn_lint_warning_fails_validation(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"template.yaml": {"Resources:\n": "Parameters:\n  Unused:\n    Type: String\n    Default: unused\n\nResources:\n"}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert "mini-queue/template.yaml:6:3: cfn-lint W2001 (warning) in the transformed template: Parameter Unused not used." in out


def test_cfn_lint_on_the_transformed_template_catches_what_the_source_hides(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"template.yaml": {"VisibilityTimeout: 180": "VisibilityTimeout: 20"}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert ("mini-queue/template.yaml:17:3: cfn-lint E3505 (error) in the transformed template: "
            "Queue visibility timeout (20) is less than Function timeout (30) seconds") in out


def test_resource_moto_cannot_create_is_a_failure_not_a_pass(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"template.yaml": {"  AlarmTopic:\n": (
        "  ConfigApp:\n    Type: AWS::AppConfig::Application\n    Properties:\n      Name: fixture\n\n  AlarmTopic:\n")}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert ("mini-queue/template.yaml: ConfigApp (AWS::AppConfig::Application) failed: "
            "moto cannot create AWS::AppConfig::Application and no API step exists for it") in out


def test_e2e_fails_when_the_event_does_not_reach_the_sink(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"src/writer.py": {'"pk": body["id"]': '"pk": "other-" + body["id"]'}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert ("mini-queue/pattern.yaml: e2e: expected an item with key {'pk': 'item-42'} in table (ItemsTable); none arrived") in out


def test_e2e_reports_a_handler_that_raises(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"src/writer.py": {"    failures = []": "    failures = []\n    raise RuntimeError('boom')"}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert "mini-queue/pattern.yaml: e2e: handler of WriterFunction raised RuntimeError: boom" in out


def test_alternative_must_exist(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"pattern.yaml": {"alternatives: []": "alternatives:\n  - {id: no-such-pattern, when: Never in this test suite.}"}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert 'mini-queue/pattern.yaml:41:10: alternatives[0].id: no pattern "no-such-pattern" in the catalog' in out


def test_trait_citing_a_limit_must_equal_it(run_cli, fixture_pattern):
    catalog = fixture_pattern(edits={"pattern.yaml": {"max_message_kb: {value: 1024,": "max_message_kb: {value: 256,"}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert ('mini-queue/pattern.yaml:17:27: traits.max_message_kb.value: 256 disagrees with limit "sqs-max-message-size" (1024 KiB = 1024)') in out


def test_unknown_pattern_id_is_a_usage_error(run_cli):
    code, out, err = run_cli("validate", "no-such-pattern")
    assert code == 2
    assert err.startswith('advisor: error: unknown pattern "no-such-pattern"; known patterns: ')


@pytest.mark.parametrize("node, message", [
    ("part: safeguard}", 'mini-queue/pattern.yaml:48:7: topology.nodes[2]: missing required property "guards"'),
    ("part: safeguard, guards: nowhere}", 'mini-queue/pattern.yaml:48:116: topology.nodes[2].guards: "nowhere" is not a core or optional node of topology.nodes'),
])
def test_a_safeguard_must_guard_a_node_of_the_topology(run_cli, fixture_pattern, node, message):
    catalog = fixture_pattern(edits={"pattern.yaml": {
        "resource: ItemsTable, label: Items table}": f"resource: ItemsTable, label: Items table, {node}"}})
    code, out, _ = validate(run_cli, catalog)
    assert code == 1
    assert message in out, out
