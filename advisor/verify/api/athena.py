"""Athena: workgroups (created through the API)."""

from __future__ import annotations

from advisor.verify.api.common import client


def _workgroup(name, p, ctx):
    args = {"Name": p["Name"]}
    if "WorkGroupConfiguration" in p:
        cfg = dict(p["WorkGroupConfiguration"])
        cfg.pop("AdditionalConfiguration", None)
        args["Configuration"] = cfg
    if "Description" in p:
        args["Description"] = p["Description"]
    client("athena").create_work_group(**args)
    return p["Name"], {}


def _verify_workgroup(p, wg_name):
    client("athena").get_work_group(WorkGroup=wg_name)
    return None


CREATED_BY_API = {"AWS::Athena::WorkGroup": (_workgroup, _verify_workgroup)}

STACK_VERIFIERS: dict = {}
