"""End-to-end run inside moto: send one event at the pattern's entry and follow it to its sinks.

moto stores queues, topics, streams and tables but runs no Lambda code without Docker. The
runner plays the part of the Lambda service: it polls the event sources wired to each function
(SQS and Kinesis event source mappings), takes the deliveries moto pushes to functions (SNS, S3
notifications, DynamoDB Streams, EventBridge rules; see capture), intercepts Lambda Invoke calls,
and runs the pattern's real handler code in-process with the function's deployed environment
variables. SNS-to-SQS delivery and filter policies are moto's own.

Modules: capture (patches moto so deliveries reach us), handlers (functions and running their
code), one module per event source (sqs, kinesis, http, pushed), expect (the expectations) and
runner (the run itself).
"""

from advisor.verify.e2e.capture import moto_lambda_capture
from advisor.verify.e2e.runner import Runner, run

__all__ = ["Runner", "moto_lambda_capture", "run"]
