"""Step Functions: state machines (verified in the stack)."""

from __future__ import annotations

from advisor.verify.api.common import client

CREATED_BY_API: dict = {}

STACK_VERIFIERS = {
    "AWS::StepFunctions::StateMachine":
        lambda ref, p, c: client("stepfunctions").describe_state_machine(stateMachineArn=ref) and None,
}
