"""The bundled catalog: every pattern passes every validation step, every run (never only the changed ones)."""

from __future__ import annotations

import pytest

from advisor.catalog.load import load_catalog
from advisor.verify.pipeline import FAIL, validate_pattern

CATALOG = load_catalog()
IDS = sorted(set(CATALOG.patterns) | set(CATALOG.invalid))

FIRST_SIX = ["sqs-queue-lambda", "sns-sqs-fanout", "kinesis-stream-lambda", "lambda-direct-fanout",
             "s3-cloudfront-spa", "rest-api-lambda-dynamodb"]


def test_catalog_loads_without_errors():
    assert [str(e) for e in CATALOG.errors] == []


def test_first_six_patterns_are_present():
    assert set(FIRST_SIX) <= set(CATALOG.patterns)


@pytest.mark.parametrize("pattern_id", IDS)
def test_pattern_passes_every_step(pattern_id):
    pattern = CATALOG.get(pattern_id)
    report = validate_pattern(pattern, CATALOG, lambda *a: None)
    failed = {s.step: s.problems for s in report.steps.values() if s.status == FAIL}
    assert not failed, "\n".join(p for problems in failed.values() for p in problems)
    assert report.steps["deploy"].status in ("pass", "not verifiable offline")


def test_every_service_in_a_template_is_declared():
    """The services list is the pattern's one spelling of what its template uses."""
    prefixes = {"AWS::SQS::": "sqs", "AWS::SNS::": "sns", "AWS::Kinesis::": "kinesis-data-streams",
                "AWS::DynamoDB::": "dynamodb", "AWS::S3::": "s3", "AWS::CloudFront::": "cloudfront",
                "AWS::ApiGateway": "api-gateway", "AWS::Serverless::Api": "api-gateway", "AWS::Serverless::HttpApi": "api-gateway",
                "AWS::Serverless::Function": "lambda", "AWS::Lambda::": "lambda", "AWS::Events::": "eventbridge",
                "AWS::Scheduler::": "eventbridge-scheduler", "AWS::StepFunctions::": "step-functions",
                "AWS::Serverless::StateMachine": "step-functions", "AWS::CloudWatch::": "cloudwatch",
                "AWS::Cognito::": "cognito", "AWS::Route53::": "route53", "AWS::ECS::": "ecs-fargate",
                "AWS::Athena::": "athena", "AWS::Glue::": "glue", "AWS::KMS::": "kms"}
    problems = []
    for pattern in CATALOG:
        declared = set(pattern.data["services"])
        for name, body in pattern.template.data["Resources"].items():
            for prefix, service in prefixes.items():
                if body["Type"].startswith(prefix) and service not in declared:
                    problems.append(f"{pattern.id}: {name} ({body['Type']}) uses {service}, not in services")
    assert not problems, "\n".join(problems)
