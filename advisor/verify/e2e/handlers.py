"""The pattern's functions as the runner sees them, and running their handler code in-process the
way the Lambda service would: deployed environment, a context object, one module load per function,
and Lambda Invoke calls made by handlers answered by running the target handler."""

from __future__ import annotations

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

from advisor.verify.deploy import REGION


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


class Handlers:
    """The functions of one pattern, by logical id, and what invoking them means."""

    def __init__(self, pattern_id: str):
        self.pattern_id = pattern_id
        self.functions: dict[str, Function] = {}
        self.pending_async: list[tuple[Function, object]] = []

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

    def by_reference(self, value: str) -> Function | None:
        for fn in self.functions.values():
            if value in (fn.name, fn.arn) or value.split(":")[-1] == fn.name:
                return fn
        return None

    def intercept_invoke(self, model=None, params=None, **_):
        """botocore's before-call hook: params is the serialized request (URL path, headers, body).
        Returning (http_response, parsed) short-circuits the call, as Lambda's answer would."""
        from urllib.parse import unquote

        from botocore.awsrequest import AWSResponse
        from botocore.response import StreamingBody

        name = unquote(params["url_path"].split("/functions/", 1)[1].split("/", 1)[0])
        fn = self.by_reference(name)
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

