"""A Kinesis or DynamoDB stream consumer that retries a failing batch forever.

Why: By default Lambda retries a failing stream batch until its records expire, up to a day
for DynamoDB and up to a year for Kinesis, and the shard behind it stops: one bad record blocks
every record after it. Splitting the batch, limiting retries or record age lets the shard move
on; an on-failure destination keeps what was skipped.

Fix: On the stream event source set BisectBatchOnFunctionError: true and a finite
MaximumRetryAttempts (or MaximumRecordAgeInSeconds), with DestinationConfig.OnFailure pointing
at an SQS queue or SNS topic.
"""

from advisor.review import kit
from advisor.review.graph import STREAM_KINDS


def _unbounded(value) -> bool:
    return value is None or value == -1 or value == "-1"


def check(template, graph):
    for trigger in graph.triggers:
        if trigger.kind not in STREAM_KINDS:
            continue
        props = trigger.props
        bisect = props.get("BisectBatchOnFunctionError") in (True, "true", "True")
        bounded = not _unbounded(props.get("MaximumRetryAttempts")) or not _unbounded(props.get("MaximumRecordAgeInSeconds"))
        if not bisect and not bounded:
            yield kit.Hit(trigger.path, f"stream event source of {trigger.function} has no BisectBatchOnFunctionError and no "
                                        f"retry or record-age limit; one failing record blocks its shard until it expires")


RULE = kit.Rule(
    id="PA1009", name="stream-without-failure-handling", title="Stream consumer retrying failed batches forever",
    severity="warning", tags=("kinesis", "dynamodb", "lambda", "reliability"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html",
)


class StreamWithoutFailureHandling(kit.CfnLintAdapter):
    rule = RULE
