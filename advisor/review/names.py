"""Resources named by string rather than by reference.

SAM users often name a bucket with `BucketName: !Sub "${AWS::StackName}-uploads"` and grant a
function `S3CrudPolicy: {BucketName: !Sub "${AWS::StackName}-uploads"}`: a `!Ref` there would be a
circular dependency (the bucket's notification already refers to the function). The same literal
or `!Sub` text on both sides is the same resource, and counts as a reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The property that names each kind of resource a function may read, write or publish to.
NAME_PROPERTIES = {
    "AWS::S3::Bucket": "BucketName", "AWS::DynamoDB::Table": "TableName", "AWS::SQS::Queue": "QueueName",
    "AWS::SNS::Topic": "TopicName", "AWS::Kinesis::Stream": "Name", "AWS::Events::EventBus": "Name",
    "AWS::Serverless::SimpleTable": "TableName", "AWS::StepFunctions::StateMachine": "StateMachineName",
    "AWS::Serverless::StateMachine": "Name",
}
_MIN_LENGTH = 4  # shorter names ("a", "tmp") would match inside unrelated strings


def name_text(value) -> str | None:
    """A literal string, or the text of a !Sub without its own variables; None for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and len(value) == 1 and "Fn::Sub" in value:
        arg = value["Fn::Sub"]
        if isinstance(arg, str):
            return arg
        if isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str) and not arg[1]:
            return arg[0]
    return None


def _strings(value):
    if isinstance(value, dict):
        text = name_text(value)
        if text is not None:
            yield text
            return
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


@dataclass
class NameIndex:
    by_name: dict[str, str] = field(default_factory=dict)  # name text -> logical id
    _pattern: re.Pattern | None = None

    @classmethod
    def build(cls, resources: dict[str, dict]) -> "NameIndex":
        index = cls()
        for logical_id, body in resources.items():
            prop = NAME_PROPERTIES.get(body.get("Type"))
            props = body.get("Properties") if isinstance(body.get("Properties"), dict) else {}
            text = name_text(props.get(prop)) if prop else None
            if text and len(text) >= _MIN_LENGTH and text not in index.by_name:
                index.by_name[text] = logical_id
        if index.by_name:
            # The name alone, or as the last part of an ARN or URL ("arn:aws:s3:::NAME/*", ".../table/NAME").
            names = "|".join(re.escape(n) for n in sorted(index.by_name, key=len, reverse=True))
            index._pattern = re.compile(rf"(?:^|[:/])({names})(?:$|/)")
        return index

    def mentions(self, value) -> list[str]:
        if self._pattern is None or value is None:
            return []
        found: list[str] = []
        for text in _strings(value):
            for match in self._pattern.finditer(text):
                target = self.by_name[match.group(1)]
                if target not in found:
                    found.append(target)
        return found
