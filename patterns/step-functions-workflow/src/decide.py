"""Human approval, part two: an approver's decision resumes the paused workflow.

Called through an IAM-authenticated function URL (or invoked directly) with
{"order_id", "decision": "approve" | "reject", "approver", "reason"}. The pending approval is
marked decided with a conditional write, so only the first decision counts; then the stored task
token is returned to Step Functions with SendTaskSuccess or SendTaskFailure.
"""

import json
import os
import time

import boto3
from botocore.exceptions import ClientError

_table = _sfn = None


def clients():
    global _table, _sfn
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["APPROVALS_TABLE"])
        _sfn = boto3.client("stepfunctions")
    return _table, _sfn


def _response(status: int, body: dict, http: bool):
    return {"statusCode": status, "headers": {"content-type": "application/json"}, "body": json.dumps(body)} if http else body


def decide(request: dict) -> tuple[int, dict]:
    table, sfn = clients()
    order_id, decision = request.get("order_id"), request.get("decision")
    approver = request.get("approver") or "unknown"
    if not order_id or decision not in ("approve", "reject"):
        return 400, {"error": "order_id and decision (approve or reject) are required"}
    item = table.get_item(Key={"order_id": order_id}).get("Item")
    if item is None:
        return 404, {"error": f"no approval is pending for order {order_id}"}
    outcome = "APPROVED" if decision == "approve" else "REJECTED"
    try:
        table.update_item(Key={"order_id": order_id}, ConditionExpression="#s = :pending",
                          UpdateExpression="SET #s = :outcome, decided_by = :who, decided_at = :at",
                          ExpressionAttributeNames={"#s": "status"},
                          ExpressionAttributeValues={":pending": "PENDING", ":outcome": outcome, ":who": approver,
                                                     ":at": int(time.time())})
    except ClientError as error:
        if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        return 409, {"error": f"order {order_id} was already decided: {item['status']}"}
    if outcome == "APPROVED":
        sfn.send_task_success(taskToken=item["task_token"],
                              output=json.dumps({"approved": True, "approver": approver}))
    else:
        sfn.send_task_failure(taskToken=item["task_token"], error="OrderRejected",
                              cause=f"rejected by {approver}: {request.get('reason', 'no reason given')}"[:32768])
    return 200, {"order_id": order_id, "status": outcome}


def handler(event, context):
    http = isinstance(event, dict) and "requestContext" in event
    if http:
        try:
            request = json.loads(event.get("body") or "{}")
        except ValueError:
            return _response(400, {"error": "body must be JSON"}, http)
    else:
        request = event
    status, body = decide(request)
    if not http and status >= 400:
        raise ValueError(body["error"])
    return _response(status, body, http)
