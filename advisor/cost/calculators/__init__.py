"""Per-service calculators: documented inputs with real bounds in, charge lines out, each priced
from the service's price list. Input names and defaults are the contract of `advisor cost --service`."""

from __future__ import annotations

from advisor.cost.calculators.base import Calculator, money, run
from advisor.cost.calculators.compute import FARGATE, LAMBDA, STEPFUNCTIONS
from advisor.cost.calculators.data import APIGATEWAY, CLOUDFRONT, CLOUDWATCH, DYNAMODB, S3
from advisor.cost.calculators.messaging import EVENTBRIDGE, KINESIS, SCHEDULER, SNS, SQS
from advisor.errors import UsageError

CALCULATORS: dict[str, Calculator] = {c.service: c for c in (
    LAMBDA, SQS, SNS, KINESIS, APIGATEWAY, DYNAMODB, EVENTBRIDGE, SCHEDULER, STEPFUNCTIONS, S3, CLOUDFRONT,
    CLOUDWATCH, FARGATE)}


def calculator(service: str) -> Calculator:
    try:
        return CALCULATORS[service]
    except KeyError:
        raise UsageError(f'unknown service "{service}"; known: {", ".join(sorted(CALCULATORS))}') from None


def cost_of_service(service: str, given: dict) -> dict:
    return run(calculator(service), given)


__all__ = ["CALCULATORS", "calculator", "cost_of_service", "money"]
