"""ECS: clusters and task definitions (verified in the stack)."""

from __future__ import annotations

from advisor.verify.api.common import client

CREATED_BY_API: dict = {}

STACK_VERIFIERS = {
    "AWS::ECS::Cluster": lambda ref, p, c: None if client("ecs").describe_clusters(clusters=[ref])["clusters"] else "cluster not found",
    "AWS::ECS::TaskDefinition": lambda ref, p, c: client("ecs").describe_task_definition(taskDefinition=ref) and None,
}
