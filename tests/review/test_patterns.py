"""Pattern recognition as a reviewer sees it: the core of a catalog pattern is named with what it
lacks, roles go to resources of the right kind, and real template shapes (implicit SAM APIs,
SimpleTable, enhanced fan-out, CDK output) are recognised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.review import engine
from advisor.review.patterns import catalog_topologies

from conftest import ROOT

CDK = Path(__file__).parent / "fixtures" / "cdk"
SAM = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n'
FUNCTION = """  {name}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.13
{extra}"""


@pytest.fixture(scope="module")
def topologies():
    return catalog_topologies()


def review(text: str, topologies, name: str = "t.yaml"):
    result = engine.review_text(text, name, topologies)
    assert not result.errors, [str(e) for e in result.errors]
    return result


def patterns(result) -> dict[str, dict]:
    return {m.id: m for m in result.patterns}


def test_a_queue_feeding_a_function_is_the_queue_pattern_with_its_missing_safeguards(topologies):
    text = SAM + """  OrdersQueue:
    Type: AWS::SQS::Queue
""" + FUNCTION.format(name="OrdersFunction", extra="""      Events:
        Orders: {Type: SQS, Properties: {Queue: !GetAtt OrdersQueue.Arn}}
""")
    result = review(text, topologies)
    match = patterns(result)["sqs-queue-lambda"]
    assert match.resources == {"queue": "OrdersQueue", "writer": "OrdersFunction"}
    assert [(m.role, m.what, m.guards) for m in match.missing] == [
        ("dlq", "dead-letter queue", "OrdersQueue"),
        ("alarms", "alarm on ApproximateAgeOfOldestMessage (AWS/SQS)", "OrdersQueue"),
        ("alarms", "alarm on Errors (AWS/Lambda)", "OrdersFunction"),
        ("alarms", "alarm on Throttles (AWS/Lambda)", "OrdersFunction")]
    notes = [f.message for f in result.findings if f.rule == "PA1020"]
    assert ("OrdersQueue plays the queue role of pattern sqs-queue-lambda, whose safeguard for it, dead-letter queue (dlq), "
            "this template lacks. See 'advisor show sqs-queue-lambda'") in notes


def test_the_dead_letter_queue_is_the_redrive_target_never_the_main_queue(topologies):
    # The DLQ is declared first and named like a work queue; only the redrive policy says which is which.
    text = SAM + """  AQueue:
    Type: AWS::SQS::Queue
  WorkQueue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: {deadLetterTargetArn: !GetAtt AQueue.Arn, maxReceiveCount: 5}
""" + FUNCTION.format(name="Worker", extra="""      Environment:
        Variables: {PARKING: !Ref AQueue}
      Events:
        Work: {Type: SQS, Properties: {Queue: !GetAtt WorkQueue.Arn}}
""")
    match = patterns(review(text, topologies))["sqs-queue-lambda"]
    assert match.resources == {"queue": "WorkQueue", "writer": "Worker", "dlq": "AQueue"}
    assert [m.role for m in match.missing if m.role != "alarms"] == []


def test_implicit_sam_api_and_simple_table_make_the_rest_api_pattern(topologies):
    text = SAM + """  Items:
    Type: AWS::Serverless::SimpleTable
""" + FUNCTION.format(name="ItemsFunction", extra="""      Policies:
        - DynamoDBCrudPolicy: {TableName: !Ref Items}
      Events:
        List: {Type: Api, Properties: {Path: /items, Method: get}}
""")
    match = patterns(review(text, topologies))["rest-api-lambda-dynamodb"]
    assert match.resources == {"api": "ServerlessRestApi", "function": "ItemsFunction", "table": "Items"}
    assert ("user_pool", "ServerlessRestApi") in {(m.role, m.guards) for m in match.missing}


def test_a_websocket_api_is_not_the_http_api_pattern_and_log_groups_are_not_access_logs(topologies):
    text = SAM + """  ChatApi:
    Type: AWS::ApiGatewayV2::Api
    Properties: {Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}
  ChatIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref ChatApi
      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ChatFunction.Arn}/invocations
""" + FUNCTION.format(name="ChatFunction", extra="") + """  ChatFunctionLogs:
    Type: AWS::Logs::LogGroup
    Properties: {LogGroupName: !Sub "/aws/lambda/${ChatFunction}", RetentionInDays: 7}
  NotesFunctionLogs:
    Type: AWS::Logs::LogGroup
    Properties: {LogGroupName: !Sub "/aws/lambda/${NotesFunction}", RetentionInDays: 7}
""" + FUNCTION.format(name="NotesFunction", extra="""      Events:
        Get: {Type: HttpApi, Properties: {Path: /notes, Method: get}}
""")
    found = [m for m in review(text, topologies).patterns if m.id == "http-api-lambda"]
    assert [m.resources for m in found] == [{"api": "ServerlessHttpApi", "handler": "NotesFunction"}]
    assert {m.role for m in found[0].missing} >= {"users", "access_logs"}


def test_enhanced_fan_out_consumer_keeps_the_stream_to_function_link(topologies):
    text = SAM + """  Clicks:
    Type: AWS::Kinesis::Stream
    Properties: {ShardCount: 1}
  ClicksConsumer:
    Type: AWS::Kinesis::StreamConsumer
    Properties: {StreamARN: !GetAtt Clicks.Arn, ConsumerName: aggregator}
""" + FUNCTION.format(name="Aggregator", extra="""      Events:
        Records:
          Type: Kinesis
          Properties: {Stream: !GetAtt ClicksConsumer.ConsumerARN, StartingPosition: LATEST}
""")
    match = patterns(review(text, topologies))["kinesis-stream-lambda"]
    assert match.resources == {"stream": "Clicks", "aggregator": "Aggregator"}
    assert ("failures", "Aggregator") in {(m.role, m.guards) for m in match.missing}


def test_change_capture_publishing_to_eventbridge_is_the_streams_pattern(topologies):
    text = SAM + """  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      StreamSpecification: {StreamViewType: NEW_IMAGE}
  Events:
    Type: AWS::Events::EventBus
    Properties: {Name: orders}
""" + FUNCTION.format(name="Publisher", extra="""      Policies:
        - EventBridgePutEventsPolicy: {EventBusName: !Ref Events}
      Events:
        Changes:
          Type: DynamoDB
          Properties: {Stream: !GetAtt Orders.StreamArn, StartingPosition: LATEST}
""")
    match = patterns(review(text, topologies))["dynamodb-streams-processing"]
    assert match.resources == {"table": "Orders", "publisher": "Publisher"}


def test_custom_bus_with_rule_and_archive_is_the_routing_pattern(topologies):
    text = SAM + """  OrdersBus:
    Type: AWS::Events::EventBus
    Properties: {Name: orders}
  OrdersArchive:
    Type: AWS::Events::Archive
    Properties: {SourceArn: !GetAtt OrdersBus.Arn}
  Fulfilment:
    Type: AWS::SQS::Queue
  Undelivered:
    Type: AWS::SQS::Queue
  PlacedRule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Ref OrdersBus
      EventPattern: {detail-type: [OrderPlaced]}
      Targets:
        - {Id: fulfil, Arn: !GetAtt Fulfilment.Arn, DeadLetterConfig: {Arn: !GetAtt Undelivered.Arn}}
"""
    match = patterns(review(text, topologies))["eventbridge-bus-routing"]
    assert match.resources["bus"] == "OrdersBus" and match.resources["archive"] == "OrdersArchive"
    assert match.resources["undelivered"] == "Undelivered"
    assert [m.role for m in match.missing if m.role != "alarms"] == []


def test_a_fan_out_is_not_also_reported_as_its_queue_patterns(topologies):
    template = ROOT / "patterns" / "sns-sqs-fanout" / "template.yaml"
    result = engine.review_file(template, "template.yaml", topologies)
    assert [m.id for m in result.patterns] == ["sns-sqs-fanout"]


@pytest.mark.parametrize("stack, expected", [
    ("OrdersStack", {"sqs-queue-lambda": {"queue": "OrdersQueue3DFA1D51", "writer": "OrderWriter19BEC3EC",
                                          "table": "OrdersTable315BB997"}}),
    ("UploadsStack", {"s3-event-processing": {"bucket": "Uploads4F6EB0FD", "processor": "Thumbnailer5F8B738E"}}),
    ("WorkflowStack", {"eventbridge-bus-routing": {"bus": "OrdersBus68D47F66", "archive": "OrdersBusOrdersArchiveB29045C3"},
                       "step-functions-workflow": {"workflow": "OrderWorkflow0015CDD9", "inventory": "CheckStock806327E0",
                                                   "payment": "ChargeCard3ED9622A"}}),
])
def test_cdk_synthesized_templates_are_recognised(topologies, stack, expected):
    path = CDK / f"{stack}.template.json"
    result = engine.review_file(path, path.name, topologies)
    assert not result.errors
    # the two functions the workflow calls may take either role; which one is which is not the point
    found = {m.id: {role: res for role, res in m.resources.items()} for m in result.patterns}
    assert found.keys() == expected.keys()
    for pattern_id, roles in expected.items():
        assert sorted(found[pattern_id].values()) == sorted(roles.values())


def test_cdk_bucket_notification_makes_the_recursive_trigger_visible_and_names_the_construct(topologies):
    path = CDK / "UploadsStack.template.json"
    result = engine.review_file(path, path.name, topologies)
    loop = [f for f in result.findings if f.rule == "PA1006"]
    assert [(f.resource, f.construct, f.message) for f in loop] == [
        ("Thumbnailer5F8B738E", "Thumbnailer",
         "function Thumbnailer5F8B738E triggers itself: Thumbnailer5F8B738E -> Uploads4F6EB0FD -> Thumbnailer5F8B738E")]
    # the CDK's own notification handler gets no hygiene notes (log retention, tracing)
    assert not [f for f in result.findings if f.rule.startswith("PA") and f.resource
                and f.resource.startswith("BucketNotificationsHandler")]


def test_text_output_lists_patterns_with_construct_paths_and_what_they_miss(run_cli):
    code, out, _ = run_cli("review", "OrdersStack.template.json", cwd=CDK)
    assert code == 1
    assert ("OrdersStack.template.json: pattern sqs-queue-lambda (SQS queue buffering writes to DynamoDB): "
            "queue=OrdersQueue3DFA1D51 (OrdersQueue), table=OrdersTable315BB997 (OrdersTable), "
            "writer=OrderWriter19BEC3EC (OrderWriter); see 'advisor show sqs-queue-lambda' or patterns/sqs-queue-lambda/") in out
    assert ("    missing against the pattern: dead-letter queue (dlq); alarm on ApproximateAgeOfOldestMessage (AWS/SQS); "
            "alarm on Errors (AWS/Lambda); alarm on Throttles (AWS/Lambda)") in out
    assert "warning PA1001 queue-without-alarm [OrdersQueue3DFA1D51 (OrdersQueue)]" in out
    code, out, _ = run_cli("review", "--format", "json", "OrdersStack.template.json", cwd=CDK)
    entry = json.loads(out)["files"][0]
    assert entry["patterns"][0]["missing"][0] == {"role": "dlq", "what": "dead-letter queue", "protects": "OrdersQueue3DFA1D51"}
    assert {f["construct"] for f in entry["findings"] if f["resource"] == "OrdersQueue3DFA1D51"} == {"OrdersQueue"}


def test_a_duplicate_key_is_an_error_and_the_rest_is_still_reviewed(topologies):
    text = """Resources:
  WorkQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
      VisibilityTimeout: 60
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
"""
    result = engine.review_text(text, "dup.yaml", topologies)
    assert [str(e) for e in result.errors] == ['dup.yaml:6:7: duplicate key "VisibilityTimeout" (first defined at line 5)']
    assert {("PA1001", 2), ("PA1008", 10)} <= {(f.rule, f.line) for f in result.findings}


def test_review_text_reads_no_file_and_names_the_display_name(topologies, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing named "my-stack.yaml" exists anywhere here
    result = engine.review_text(SAM + "  Q:\n    Type: AWS::SQS::Queue\n", "my-stack.yaml", topologies)
    assert result.file == "my-stack.yaml" and result.reviewed and not result.errors
    assert any(f.rule == "PA1001" for f in result.findings)


def test_fix_text_is_specific_to_the_resource_type(topologies):
    text = SAM + """  Q:
    Type: AWS::SQS::Queue
  T:
    Type: AWS::SNS::Topic
""" + FUNCTION.format(name="F", extra="""      Events:
        Work: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn}}
        Note: {Type: SNS, Properties: {Topic: !Ref T}}
""")
    fixes = {(f.resource, f.fix) for f in review(text, topologies).findings if f.rule in ("PA1002", "PA1011")}
    assert ("Q", "Add RedrivePolicy: {deadLetterTargetArn: !GetAtt DeadLetterQueue.Arn, maxReceiveCount: 5} with a second "
                 "AWS::SQS::Queue as DeadLetterQueue, and alarm on its depth.") in fixes
    assert ("F", "Add DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt FailedQueue.Arn}, or EventInvokeConfig: "
                 "{DestinationConfig: {OnFailure: {Type: SQS, Destination: ...}}}.") in fixes
    assert ("T", "Set KmsMasterKeyId: alias/aws/sns (or a customer managed key the publishers may use).") in fixes


def test_messages_name_what_caps_the_write_rate_and_the_function_timeout(topologies):
    text = SAM + """  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      BillingMode: PAY_PER_REQUEST
  Q:
    Type: AWS::SQS::Queue
    Properties: {VisibilityTimeout: 60}
""" + FUNCTION.format(name="F", extra="""      Timeout: 20
      Policies:
        - DynamoDBWritePolicy: {TableName: !Ref Table}
      Events:
        Work: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn}}
        Orders: {Type: EventBridgeRule, Properties: {Pattern: {source: [orders]}}}
""")
    messages = {f.rule: f.message for f in review(text, topologies).findings}
    assert messages["PA1003"] == ("queue Q has a visibility timeout of 60 s, below six times the 20 s timeout of F (120 s); "
                                  "messages can be processed twice")
    assert messages["PA1004"] == ("EventBridge rule invokes F, which writes to DynamoDB table Table, and nothing caps how "
                                  "many copies write at once (no reserved concurrency, no queue with a maximum concurrency); "
                                  "a burst can throttle the store")
