"""The run: deploy-time functions become Handlers, the step in verification.e2e is sent to the
pattern's entry, deliveries are drained until nothing moves, and the expectations are checked."""

from __future__ import annotations

import json
from pathlib import Path

import boto3

from advisor.cfn.template_graph import resources_of
from advisor.verify.deploy import REGION, Deployment
from advisor.verify.e2e import expect, http, kinesis, pushed, sqs
from advisor.verify.e2e.capture import PUSHED
from advisor.verify.e2e.handlers import Function, Handlers

MAX_ROUNDS = 25


class Runner(Handlers):
    def __init__(self, pattern_id: str, code_folders: dict[str, Path], transformed: dict, deployment: Deployment):
        super().__init__(pattern_id)
        self.code_folders, self.deployment = code_folders, deployment
        self.resources = resources_of(transformed)
        self.http_status: int | None = None
        self.lambda_client = boto3.client("lambda", region_name=REGION)
        for name, body in self.resources.items():
            if body["Type"] == "AWS::Lambda::Function" and name in deployment.ctx.refs:
                self.functions[name] = self._function(name, body)

    def _function(self, logical_id: str, body: dict) -> Function:
        physical = self.deployment.ctx.refs[logical_id]
        config = self.lambda_client.get_function_configuration(FunctionName=physical)
        # Run the source the package step zipped for this function.
        code_dir = self.code_folders[body["Properties"].get("Code", {}).get("S3Key", "")]
        module, _, func = body["Properties"]["Handler"].rpartition(".")
        return Function(logical_id, config["FunctionName"], config["FunctionArn"],
                        code_dir / (module.replace(".", "/") + ".py"), func,
                        config.get("Environment", {}).get("Variables", {}))

    def _mappings(self):
        for m in self.lambda_client.list_event_source_mappings()["EventSourceMappings"]:
            fn = self.by_reference(m["FunctionArn"])
            if fn is not None:
                yield m, fn

    def drain(self) -> None:
        """Deliver until nothing moves: event source mappings and queued async invocations."""
        stream_state: dict = {}
        for _ in range(MAX_ROUNDS):
            moved = False
            while PUSHED:
                arn, event = PUSHED.pop(0)
                fn = self.by_reference(arn)
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
                    moved |= sqs.poll(self, arn, fn, mapping.get("BatchSize", 10))
                elif ":kinesis:" in arn:
                    moved |= kinesis.poll(self, arn, fn, stream_state)
                # DynamoDB Streams records are pushed by moto itself and arrive through PUSHED.
            if not moved:
                return

    def send(self, step: dict, physical: str, node_type: str) -> None:
        kind, body = step["kind"], step.get("body", {})
        text = body if isinstance(body, str) else json.dumps(body)
        if kind == "sqs-message":
            sqs.send(step, physical, text)
        elif kind == "sns-publish":
            pushed.sns_publish(step, physical, text)
        elif kind == "kinesis-record":
            kinesis.send(step, physical, text)
        elif kind == "invoke":
            self.invoke(self.by_reference(physical) or self.functions[physical], body)
        elif kind == "http-request":
            self.http_status = http.request(self, self.resources, step, physical, node_type)
        elif kind == "s3-put":
            pushed.s3_put(step, physical, text)
        elif kind == "dynamodb-put":
            pushed.dynamodb_put(step, physical, body)
        elif kind == "eventbridge-event":
            pushed.eventbridge_event(step, physical, text)
        elif kind == "schedule-fire":
            pushed.schedule_fire(self, physical)
        else:
            raise NotImplementedError(f"send kind {kind} is not supported by the offline runner yet")


def run(pattern, code_folders: dict[str, Path], transformed: dict, deployment: Deployment) -> list[str]:
    """Run the pattern's verification.e2e; returns problems (empty when the event reached every sink)."""
    e2e = pattern.data["verification"]["e2e"]
    nodes = {n["id"]: n for n in pattern.data["topology"]["nodes"]}
    runner = Runner(pattern.id, code_folders, transformed, deployment)
    events = boto3.DEFAULT_SESSION.events if boto3.DEFAULT_SESSION else None
    if events is None:
        boto3.setup_default_session(region_name=REGION)
        events = boto3.DEFAULT_SESSION.events
    events.register("before-call.lambda.Invoke", runner.intercept_invoke, unique_id="pattern-advisor-e2e")
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
        for expectation in e2e["expect"]:
            problem = expect.check(expectation, nodes[expectation["node"]], deployment, runner)
            if problem:
                problems.append(problem)
    finally:
        events.unregister("before-call.lambda.Invoke", unique_id="pattern-advisor-e2e")
    return problems
