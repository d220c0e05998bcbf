"""SNS: subscriptions and topic policies (created through the API), topics (verified in the stack)."""

from __future__ import annotations

import json

from advisor.verify.api.common import as_json, client


def _subscription(name, p, ctx):
    attrs = {}
    for key in ("FilterPolicy", "RedrivePolicy", "DeliveryPolicy"):
        if key in p:
            attrs[key] = as_json(p[key])
    for key in ("FilterPolicyScope",):
        if key in p:
            attrs[key] = p[key]
    if "RawMessageDelivery" in p:
        attrs["RawMessageDelivery"] = str(p["RawMessageDelivery"]).lower()
    arn = client("sns").subscribe(TopicArn=p["TopicArn"], Protocol=p["Protocol"], Endpoint=p.get("Endpoint", ""),
                                  Attributes=attrs, ReturnSubscriptionArn=True)["SubscriptionArn"]
    return arn, {"Arn": arn}


def _verify_subscription(p, arn):
    got = client("sns").get_subscription_attributes(SubscriptionArn=arn)["Attributes"]
    if got.get("Endpoint") != p.get("Endpoint"):
        return f'subscription endpoint is {got.get("Endpoint")!r}, expected {p.get("Endpoint")!r}'
    if "FilterPolicy" in p and json.loads(got.get("FilterPolicy", "{}")) != json.loads(as_json(p["FilterPolicy"])):
        return "filter policy was not applied"
    return None


def _topic_policy(name, p, ctx):
    for arn in p["Topics"]:
        client("sns").set_topic_attributes(TopicArn=arn, AttributeName="Policy", AttributeValue=as_json(p["PolicyDocument"]))
    return name, {}


def _verify_topic_policy(p, _ref):
    for arn in p["Topics"]:
        if "Policy" not in client("sns").get_topic_attributes(TopicArn=arn)["Attributes"]:
            return f"topic {arn} has no policy"
    return None


CREATED_BY_API = {
    "AWS::SNS::Subscription": (_subscription, _verify_subscription),
    "AWS::SNS::TopicPolicy": (_topic_policy, _verify_topic_policy),
}

STACK_VERIFIERS = {
    "AWS::SNS::Topic": lambda ref, p, c: client("sns").get_topic_attributes(TopicArn=ref) and None,
}
