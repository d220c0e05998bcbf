"""CloudWatch: metric alarms (created through the API)."""

from __future__ import annotations

from advisor.verify.api.common import REGION, client


def _alarm(name, p, ctx):
    args = {k: p[k] for k in ("AlarmDescription", "ActionsEnabled", "OKActions", "AlarmActions", "InsufficientDataActions",
                              "MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Dimensions", "Period", "Unit",
                              "EvaluationPeriods", "DatapointsToAlarm", "Threshold", "ComparisonOperator", "TreatMissingData",
                              "EvaluateLowSampleCountPercentile", "Metrics", "ThresholdMetricId") if k in p}
    for key in ("Period", "EvaluationPeriods", "DatapointsToAlarm"):
        if key in args:
            args[key] = int(args[key])
    if "Threshold" in args:
        args["Threshold"] = float(args["Threshold"])
    alarm_name = p.get("AlarmName", f"pattern-advisor-{name}")
    client("cloudwatch").put_metric_alarm(AlarmName=alarm_name, **args)
    return alarm_name, {"Arn": f"arn:aws:cloudwatch:{REGION}:123456789012:alarm:{alarm_name}"}


def _verify_alarm(p, alarm_name):
    found = client("cloudwatch").describe_alarms(AlarmNames=[alarm_name])["MetricAlarms"]
    if not found:
        return "alarm not found after creation"
    if "MetricName" in p and found[0].get("MetricName") != p["MetricName"]:
        return f'alarm metric is {found[0].get("MetricName")}, expected {p["MetricName"]}'
    return None


CREATED_BY_API = {"AWS::CloudWatch::Alarm": (_alarm, _verify_alarm)}

STACK_VERIFIERS: dict = {}
