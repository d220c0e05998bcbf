"""End-to-end run inside moto: send one event at the pattern's entry and follow it to its sinks.

moto stores queues, topics, streams and tables but runs no Lambda code without Docker. This
runner plays the part of the Lambda service: it polls the event sources wired to each function
(SQS, Kinesis and DynamoDB Streams event source mappings, SNS subscriptions to functions) and
intercepts Lambda Invoke calls, and runs the pattern's real handler code in-process with the
function's deployed environment variables. SNS-to-SQS delivery and filter policies are moto's own.
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import io
import json
import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import boto3

from advisor.verify.deploy import REGION, Deployment
from advisor.cfn.template_graph import resources_of

MAX_ROUNDS = 25

# Deliveries moto pushes to a function (SNS, S3 notifications, DynamoDB Streams): (function ARN, event).
_pushed: list[tuple[str, dict]] = []


@contextlib.contextmanager
def moto_lambda_capture():
    """Make moto hand Lambda deliveries to us instead of trying to run them in Docker.

    SQS batches are left on the queue (returned as not processed) because the runner polls queues
    itself, honouring partial batch failures; every other push is captured for the runner.
    """
    from unittest import mock

    from moto.awslambda.models import LambdaBackend, LambdaFunction
    from moto.iam.access_control import IAMPolicy
    from moto.s3.models import FakeBucket

    def capture(function, body, request_headers, response_headers):
        _pushed.append((function.function_arn, json.loads(body)))
        return json.dumps(None)

    from moto.iam.policy_conditions import CONDITION_OPERATIONS

    def evaluable(statement: dict) -> bool:
        return all(op in CONDITION_OPERATIONS for op in (statement.get("Condition") or {}))

    def bucket_permission(bucket, action, resource):
        # moto treats a condition operator it cannot evaluate (such as Bool on aws:SecureTransport)
        # as always true, turning "deny unless TLS" into "deny everything". Such Deny statements
        # are left out of moto's evaluation; the stored policy itself is unchanged and verified.
        from moto.iam.access_control import PermissionResult

        if bucket.policy is None:
            return PermissionResult.NEUTRAL
        policy = json.loads(bucket.policy.decode())
        statements = policy["Statement"] if isinstance(policy["Statement"], list) else [policy["Statement"]]
        policy["Statement"] = [st for st in statements if st.get("Effect") != "Deny" or evaluable(st)]
        if not policy["Statement"]:
            return PermissionResult.NEUTRAL
        return IAMPolicy(json.dumps(policy)).is_action_permitted(action, resource)

    from moto.events.models import Rule
    from moto.utilities.arns import parse_arn

    original_send = Rule.send_to_targets

    def send_to_targets(rule, original_event, transform_input=True):
        # moto delivers rule targets to SQS, logs, archives and buses but raises on Lambda targets:
        # let moto deliver the others, and hand matching events for function targets to the runner.
        functions = [t for t in rule.targets if parse_arn(t["Arn"]).service == "lambda"]
        others = [t for t in rule.targets if t not in functions]
        saved = rule.targets
        rule.targets = others
        try:
            original_send(rule, original_event, transform_input)
        finally:
            rule.targets = saved
        if not rule.event_pattern.matches_event(original_event):
            return
        for target in functions:
            event = json.loads(target["Input"]) if target.get("Input") else dict(original_event)
            _pushed.append((target["Arn"], event))

    _pushed.clear()
    with mock.patch.object(Rule, "send_to_targets", send_to_targets), \
            mock.patch.object(LambdaBackend, "send_sqs_batch", lambda *a, **k: False), \
            mock.patch.object(LambdaFunction, "invoke", capture), \
            mock.patch.object(FakeBucket, "get_permission", bucket_permission):
        yield
    _pushed.clear()


@dataclass
class Function:
    logical_id: str
    name: str
    arn: str
    module_file: Path
    handler_name: str
    env: dict
    invocations: int = 0
    errors: list[str] = field(default_factory=list)
    _module: object = None


class _Context:
    def __init__(self, fn: Function):
        self.function_name = fn.name
        self.invoked_function_arn = fn.arn
        self.aws_request_id = str(uuid.uuid4())
        self.memory_limit_in_mb = 128
        self._deadline = time.monotonic() + 900

    def get_remaining_time_in_millis(self) -> int:
        return int((self._deadline - time.monotonic()) * 1000)


class Runner:
    def __init__(self, pattern_id: str, code_folders: dict[str, Path], transformed: dict, deployment: Deployment):
        self.pattern_id, self.code_folders, self.deployment = pattern_id, code_folders, deployment
        self.resources = resources_of(transformed)
        self.functions: dict[str, Function] = {}
        self.pending_async: list[tuple[Function, object]] = []
        self.http_status: int | None = None
        self.lambda_client = boto3.client("lambda", region_name=REGION)
        for name, body in self.resources.items():
            if body["Type"] == "AWS::Lambda::Function" and name in deployment.ctx.refs:
                self.functions[name] = self._function(name, body)

    def _function(self, logical_id: str, body: dict) -> Function:
        physical = self.deployment.ctx.refs[logical_id]
        config = self.lambda_client.get_function_configuration(FunctionName=physical)
        code_dir = self._code_dir(body)
        module, _, func = body["Properties"]["Handler"].rpartition(".")
        return Function(logical_id, config["FunctionName"], config["FunctionArn"],
                        code_dir / (module.replace(".", "/") + ".py"), func,
                        config.get("Environment", {}).get("Variables", {}))

    def _code_dir(self, body: dict) -> Path:
        # Run the source the package step zipped for this function.
        return self.code_folders[body["Properties"].get("Code", {}).get("S3Key", "")]

    # --- running handlers -------------------------------------------------------------------

    @contextlib.contextmanager
    def _environment(self, fn: Function):
        saved = dict(os.environ)
        os.environ.update({k: str(v) for k, v in fn.env.items()})
        os.environ.update({"AWS_LAMBDA_FUNCTION_NAME": fn.name, "AWS_REGION": REGION, "AWS_DEFAULT_REGION": REGION})
        try:
            yield
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def invoke(self, fn: Function, event):
        fn.invocations += 1
        with self._environment(fn):
            if fn._module is None:
                name = f"_pattern_advisor_e2e_{self.pattern_id.replace('-', '_')}_{fn.logical_id}"
                spec = importlib.util.spec_from_file_location(name, fn.module_file)
                module = importlib.util.module_from_spec(spec)
                sys.path.insert(0, str(fn.module_file.parent))
                try:
                    spec.loader.exec_module(module)
                finally:
                    sys.path.remove(str(fn.module_file.parent))
                fn._module = module
            return getattr(fn._module, fn.handler_name)(event, _Context(fn))

    def _by_reference(self, value: str) -> Function | None:
        for fn in self.functions.values():
            if value in (fn.name, fn.arn) or value.split(":")[-1] == fn.name:
                return fn
        return None

    def _intercept_invoke(self, model=None, params=None, **_):
        """botocore's before-call hook: params is the serialized request (URL path, headers, body).
        Returning (http_response, parsed) short-circuits the call, as Lambda's answer would."""
        from urllib.parse import unquote

        from botocore.awsrequest import AWSResponse
        from botocore.response import StreamingBody

        name = unquote(params["url_path"].split("/functions/", 1)[1].split("/", 1)[0])
        fn = self._by_reference(name)
        if fn is None:
            return None  # not ours: let moto answer
        raw = params.get("body") or b"{}"
        event = json.loads(raw if isinstance(raw, (bytes, str)) else raw.read())
        if params.get("headers", {}).get("X-Amz-Invocation-Type") == "Event":
            self.pending_async.append((fn, event))
            status, payload = 202, b""
        else:
            status, payload = 200, json.dumps(self.invoke(fn, event)).encode()
        http = AWSResponse(params.get("url", ""), status, {}, None)
        return http, {"ResponseMetadata": {"HTTPStatusCode": status}, "StatusCode": status,
                      "Payload": StreamingBody(io.BytesIO(payload), len(payload))}

    # --- event sources ------------------------------------------------------------------------

    def _mappings(self):
        for m in self.lambda_client.list_event_source_mappings()["EventSourceMappings"]:
            fn = self._by_reference(m["FunctionArn"])
            if fn is not None:
                yield m, fn

    def _poll_sqs(self, arn: str, fn: Function, batch: int) -> bool:
        sqs = boto3.client("sqs", region_name=REGION)
        url = sqs.get_queue_url(QueueName=arn.split(":")[-1])["QueueUrl"]
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=min(batch, 10), AttributeNames=["All"], WaitTimeSeconds=0,
                                  MessageAttributeNames=["All"]).get("Messages", [])
        if not got:
            return False
        records = [{"messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
                    "attributes": m.get("Attributes", {}), "messageAttributes": {
                        k: {"stringValue": v.get("StringValue"), "dataType": v.get("DataType")} for k, v in m.get("MessageAttributes", {}).items()},
                    "md5OfBody": m.get("MD5OfBody"), "eventSource": "aws:sqs", "eventSourceARN": arn, "awsRegion": REGION} for m in got]
        failed = set()
        try:
            result = self.invoke(fn, {"Records": records}) or {}
            failed = {f["itemIdentifier"] for f in result.get("batchItemFailures", [])} if isinstance(result, dict) else set()
        except Exception as exc:  # the handler failing is what we report
            fn.errors.append(f"{type(exc).__name__}: {exc}")
            failed = {r["messageId"] for r in records}
        for m in got:
            if m["MessageId"] not in failed:
                sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        return True

    def _poll_stream(self, arn: str, fn: Function, state: dict) -> bool:
        """Read new Kinesis records from every shard and hand them to the function, as Lambda's
        poller does. (DynamoDB Streams records are pushed by moto and arrive through _pushed.)"""
        client = boto3.client("kinesis", region_name=REGION)
        delivered = False
        for shard in client.list_shards(StreamARN=arn)["Shards"]:
            key = (arn, shard["ShardId"])
            if key not in state:
                state[key] = client.get_shard_iterator(StreamARN=arn, ShardId=shard["ShardId"],
                                                       ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            out = client.get_records(ShardIterator=state[key], StreamARN=arn)
            state[key] = out.get("NextShardIterator")
            if not out["Records"]:
                continue
            delivered = True
            records = [{"kinesis": {"partitionKey": r["PartitionKey"], "sequenceNumber": r["SequenceNumber"],
                                    "data": base64.b64encode(r["Data"]).decode(), "kinesisSchemaVersion": "1.0"},
                        "eventSource": "aws:kinesis", "eventSourceARN": arn, "eventID": f'{shard["ShardId"]}:{r["SequenceNumber"]}',
                        "awsRegion": REGION} for r in out["Records"]]
            try:
                self.invoke(fn, {"Records": records})
            except Exception as exc:  # the handler failing is what we report
                fn.errors.append(f"{type(exc).__name__}: {exc}")
        return delivered

    def drain(self) -> None:
        """Deliver until nothing moves: event source mappings and queued async invocations."""
        stream_state: dict = {}
        for _ in range(MAX_ROUNDS):
            moved = False
            while _pushed:
                arn, event = _pushed.pop(0)
                fn = self._by_reference(arn)
                if fn is not None:
                    self.pending_async.append((fn, event))
            while self.pending_async:
                fn, event = self.pending_async.pop(0)
                moved = True
                try:
                    self.invoke(fn, event)
                except Exception as exc:
                    fn.errors.append(f"{type(exc).__name__}: {exc}")
            for mapping, fn in self._mappings():
                arn = mapping["EventSourceArn"]
                if ":sqs:" in arn:
                    moved |= self._poll_sqs(arn, fn, mapping.get("BatchSize", 10))
                elif ":kinesis:" in arn:
                    moved |= self._poll_stream(arn, fn, stream_state)
                # DynamoDB Streams records are pushed by moto itself and arrive through _pushed.
            if not moved:
                return

    # --- the run ------------------------------------------------------------------------------

    def send(self, step: dict, physical: str, node_type: str) -> None:
        kind, body = step["kind"], step.get("body", {})
        text = body if isinstance(body, str) else json.dumps(body)
        if kind == "sqs-message":
            args = {"QueueUrl": physical, "MessageBody": text}
            if physical.endswith(".fifo"):
                args.update(MessageGroupId=step.get("partition_key", "group-1"), MessageDeduplicationId=str(uuid.uuid4()))
            if step.get("attributes"):
                args["MessageAttributes"] = {k: {"DataType": "String", "StringValue": v} for k, v in step["attributes"].items()}
            boto3.client("sqs", region_name=REGION).send_message(**args)
        elif kind == "sns-publish":
            args = {"TopicArn": physical, "Message": text}
            if step.get("attributes"):
                args["MessageAttributes"] = {k: {"DataType": "String", "StringValue": v} for k, v in step["attributes"].items()}
            boto3.client("sns", region_name=REGION).publish(**args)
        elif kind == "kinesis-record":
            boto3.client("kinesis", region_name=REGION).put_record(StreamName=physical, Data=text.encode(),
                                                                   PartitionKey=step.get("partition_key", "key-1"))
        elif kind == "invoke":
            self.invoke(self._by_reference(physical) or self.functions[physical], body)
        elif kind == "http-request":
            self._http(step, physical, node_type)
        elif kind == "s3-put":
            boto3.client("s3", region_name=REGION).put_object(Bucket=physical, Key=step.get("path", "input/object.json"), Body=text.encode())
        elif kind == "dynamodb-put":
            from boto3.dynamodb.types import TypeSerializer
            ser = TypeSerializer()
            boto3.client("dynamodb", region_name=REGION).put_item(TableName=physical, Item={k: ser.serialize(v) for k, v in body.items()})
        elif kind == "eventbridge-event":
            entry = {"EventBusName": physical, "Source": step.get("source", "pattern-advisor.e2e"),
                     "DetailType": step.get("detail_type", "E2E Event"), "Detail": text}
            failed = boto3.client("events", region_name=REGION).put_events(Entries=[entry])["FailedEntryCount"]
            if failed:
                raise RuntimeError("EventBridge rejected the event")
        elif kind == "schedule-fire":
            # What EventBridge Scheduler does at the scheduled time: deliver the target's Input.
            target = boto3.client("scheduler", region_name=REGION).get_schedule(Name=physical)["Target"]
            fn = self._by_reference(target["Arn"])
            if fn is None:
                raise RuntimeError(f"the schedule's target {target['Arn']} is not a function of this pattern")
            self.pending_async.append((fn, json.loads(target.get("Input") or "{}")))
        else:
            raise NotImplementedError(f"send kind {kind} is not supported by the offline runner yet")

    def _http(self, step: dict, physical: str, node_type: str) -> None:
        """Build the event API Gateway (REST: payload 1.0; HTTP API and function URLs: 2.0) would
        send for the request, and run the integrated function."""
        target, version = None, "2.0"
        if node_type in ("AWS::Serverless::Function", "AWS::Lambda::Function", "AWS::Lambda::Url"):
            target = self._by_reference(physical) or self.functions.get(physical)
        if target is None:
            version = "1.0" if node_type in ("AWS::Serverless::Api", "AWS::ApiGateway::RestApi") else "2.0"
            for body in self.resources.values():
                if body["Type"] == "AWS::Lambda::Permission" and "apigateway" in str(body["Properties"].get("Principal")):
                    fn_ref = body["Properties"]["FunctionName"]
                    logical = (fn_ref.get("Ref") or (fn_ref.get("Fn::GetAtt") or [None])[0]) if isinstance(fn_ref, dict) else None
                    target = self.functions.get(logical) or target
        if target is None:
            raise RuntimeError("no function is integrated with the API")
        body = step.get("body")
        raw = None if body is None else (body if isinstance(body, str) else json.dumps(body))
        headers = {"content-type": "application/json", **{k.lower(): v for k, v in step.get("headers", {}).items()}}
        method, path = step.get("method", "GET"), step.get("path", "/")
        claims = {"sub": "e2e-user", "email": "e2e-user@pattern-advisor.test"}
        if version == "1.0":
            event = {"resource": path, "path": path, "httpMethod": method, "headers": headers, "queryStringParameters": None,
                     "pathParameters": None, "isBase64Encoded": False, "body": raw,
                     "requestContext": {"requestId": str(uuid.uuid4()), "stage": "prod", "authorizer": {"claims": claims},
                                        "identity": {"sourceIp": "127.0.0.1"}}}
        else:
            event = {"version": "2.0", "routeKey": f"{method} {path}", "rawPath": path, "rawQueryString": "", "headers": headers,
                     "isBase64Encoded": False, "body": raw,
                     "requestContext": {"requestId": str(uuid.uuid4()), "stage": "$default", "timeEpoch": int(time.time() * 1000),
                                        "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1"},
                                        "authorizer": {"jwt": {"claims": claims, "scopes": None}}}}
        response = self.invoke(target, event) or {}
        self.http_status = int(response.get("statusCode", 200)) if isinstance(response, dict) else 200


class _Body(io.BytesIO):
    """Stands in for botocore's StreamingBody in intercepted Invoke responses."""


def run(pattern, code_folders: dict[str, Path], transformed: dict, deployment: Deployment) -> list[str]:
    """Run the pattern's verification.e2e; returns problems (empty when the event reached every sink)."""
    e2e = pattern.data["verification"]["e2e"]
    nodes = {n["id"]: n for n in pattern.data["topology"]["nodes"]}
    runner = Runner(pattern.id, code_folders, transformed, deployment)
    events = boto3.DEFAULT_SESSION.events if boto3.DEFAULT_SESSION else None
    if events is None:
        boto3.setup_default_session(region_name=REGION)
        events = boto3.DEFAULT_SESSION.events
    events.register("before-call.lambda.Invoke", runner._intercept_invoke, unique_id="pattern-advisor-e2e")
    problems = []
    try:
        send = e2e["send"]
        physical = deployment.physical(nodes[send["node"]]["resource"])
        if send["kind"] == "invoke" or (send["kind"] == "http-request" and "Function" in nodes[send["node"]]["type"]):
            physical = deployment.physical(nodes[send["node"]]["resource"]) or nodes[send["node"]]["resource"]
        try:
            runner.send(send, physical, nodes[send["node"]]["type"])
            runner.drain()
        except Exception as exc:
            problems.append(f'sending {send["kind"]} to {send["node"]} failed: {type(exc).__name__}: {exc}'.splitlines()[0])
        for fn in runner.functions.values():
            for error in fn.errors:
                problems.append(f"handler of {fn.logical_id} raised {error}".splitlines()[0])
        for expect in e2e["expect"]:
            problem = _check(expect, nodes[expect["node"]], deployment, runner)
            if problem:
                problems.append(problem)
    finally:
        events.unregister("before-call.lambda.Invoke", unique_id="pattern-advisor-e2e")
    return problems


def _check(expect: dict, node: dict, deployment: Deployment, runner: Runner) -> str | None:
    physical = deployment.physical(node["resource"])
    kind, label = expect["kind"], f'{expect["node"]} ({node["resource"]})'
    if kind == "dynamodb-item":
        key = {k: {"S": v} for k, v in expect.get("key", {}).items()}
        item = boto3.client("dynamodb", region_name=REGION).get_item(TableName=physical, Key=key).get("Item")
        return None if item else f"expected an item with key {expect.get('key')} in {label}; none arrived"
    if kind == "sqs-messages":
        attrs = boto3.client("sqs", region_name=REGION).get_queue_attributes(QueueUrl=physical, AttributeNames=["ApproximateNumberOfMessages"])
        count = int(attrs["Attributes"]["ApproximateNumberOfMessages"])
        want = expect.get("count", 1)
        return None if count == want else f"expected {want} message(s) on {label}; found {count}"
    if kind == "s3-object":
        listed = boto3.client("s3", region_name=REGION).list_objects_v2(Bucket=physical, Prefix=expect.get("prefix", ""))
        return None if listed.get("KeyCount", 0) else f"expected an object under {expect.get('prefix', '')!r} in {label}; none arrived"
    if kind == "invocations":
        fn = runner.functions.get(node["resource"])
        got = fn.invocations if fn else 0
        want = expect.get("count", 1)
        return None if got == want else f"expected {want} invocation(s) of {label}; got {got}"
    if kind == "http-status":
        want = expect.get("status", 200)
        return None if runner.http_status == want else f"expected HTTP {want} from {label}; got {runner.http_status}"
    return f"unsupported expectation {kind}"
