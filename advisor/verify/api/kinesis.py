"""Kinesis Data Streams: streams (verified in the stack)."""

from __future__ import annotations

from advisor.verify.api.common import client

CREATED_BY_API: dict = {}

STACK_VERIFIERS = {
    "AWS::Kinesis::Stream": lambda ref, p, c: client("kinesis").describe_stream_summary(StreamName=ref) and None,
}
