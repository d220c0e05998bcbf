"""Human approval, part one: called by the workflow with a task token (.waitForTaskToken).

Stores the token with the order so the decision can find it, then notifies the approvers. The
workflow stays paused, without cost, until someone decides or the task times out.
"""

import json
import os
import time

import boto3

_table = _sns = None


def clients():
    global _table, _sns
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["APPROVALS_TABLE"])
        _sns = boto3.client("sns")
    return _table, _sns


def handler(event, context):
    table, sns = clients()
    order = event["order"]
    days = int(os.environ.get("APPROVAL_DAYS", "3"))
    table.put_item(Item={
        "order_id": order["order_id"],
        "task_token": event["task_token"],
        "execution": event.get("execution", ""),
        "status": "PENDING",
        "amount": str(order["amount"]),
        "requested_at": int(time.time()),
        "expires_at": int(time.time()) + (days + 1) * 86400,
    })
    sns.publish(
        TopicArn=os.environ["APPROVAL_TOPIC_ARN"],
        Subject=f"Approval needed: order {order['order_id']}"[:100],
        Message=json.dumps({
            "order_id": order["order_id"], "amount": order["amount"], "sku": order.get("sku"),
            "how_to_decide": 'POST {"order_id": ..., "decision": "approve"|"reject", "approver": ...} to the decision URL',
        }),
    )
    return {"status": "PENDING", "order_id": order["order_id"]}
