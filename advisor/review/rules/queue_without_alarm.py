"""An SQS queue with no CloudWatch alarm on its backlog.

Why: A queue hides failure: when its consumer stops, is throttled or keeps failing, messages
pile up silently until they expire. Only an alarm on the age of the oldest message (or on the
number of visible messages, for a dead-letter queue) tells someone in time.

Fix: Add an AWS::CloudWatch::Alarm on the queue's ApproximateAgeOfOldestMessage (for a
dead-letter queue, ApproximateNumberOfMessagesVisible >= 1) with AlarmActions that notify
someone, e.g. an SNS topic.
"""

from advisor.review import kit
from advisor.review.safeguards import metric_names

BACKLOG_METRICS = {"ApproximateAgeOfOldestMessage", "ApproximateNumberOfMessagesVisible"}


def check(template, graph):
    watched = set()
    for alarm in graph.of_family("AWS::CloudWatch::Alarm"):
        props = graph.props(alarm)
        if BACKLOG_METRICS & set(metric_names(props)):
            watched.update(graph.refs(props))
    for queue in graph.of_family("AWS::SQS::Queue"):
        if queue not in watched:
            yield kit.Hit(("Resources", queue),
                          f"queue {queue} has no CloudWatch alarm on ApproximateAgeOfOldestMessage or "
                          f"ApproximateNumberOfMessagesVisible; a stuck consumer would go unnoticed")


RULE = kit.Rule(
    id="PA1001", name="queue-without-alarm", title="SQS queue without a backlog alarm", severity="warning",
    tags=("sqs", "observability"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html",
)


class QueueWithoutAlarm(kit.CfnLintAdapter):
    rule = RULE
