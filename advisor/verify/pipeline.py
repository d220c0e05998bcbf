"""`advisor validate`: every check, for every pattern, every time.

Steps per pattern: schema, consistency, lint (cfn-lint on template.yaml), lint-transformed
(cfn-lint on the aws-sam-translator output), deploy (into moto, every resource verified through
its service API) and e2e (an event followed from entry to sinks with the handlers running).
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, field
from typing import Callable

from advisor.catalog import paths
from advisor.catalog.load import Catalog, Pattern, load_catalog
from advisor.errors import DataError

STEPS = ("schema", "consistency", "lint", "lint-transformed", "deploy", "e2e")
PASS, FAIL, OFFLINE, SKIP = "pass", "fail", "not verifiable offline", "skipped"


@dataclass
class StepResult:
    step: str
    status: str
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    details: list[str] = field(default_factory=list)


@dataclass
class PatternReport:
    id: str
    steps: dict[str, StepResult] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(s.status != FAIL for s in self.steps.values())

    @property
    def problems(self) -> list[str]:
        return [p for s in self.steps.values() for p in s.problems]


@dataclass
class Report:
    patterns: list[PatternReport] = field(default_factory=list)
    catalog_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.catalog_errors and all(p.ok for p in self.patterns)

    @property
    def problems(self) -> list[str]:
        return self.catalog_errors + [p for r in self.patterns for p in r.problems]


@contextlib.contextmanager
def offline_aws():
    """moto with fake credentials, restoring the caller's environment afterwards."""
    from moto import mock_aws

    saved = {k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                                            "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE")}
    os.environ.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
                       "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull})
    os.environ.pop("AWS_PROFILE", None)
    try:
        import boto3
        boto3.DEFAULT_SESSION = None
        from advisor.verify.e2e import moto_lambda_capture

        with mock_aws(), moto_lambda_capture():
            yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _lint_problems(findings, display: str, transformed: bool, locate: Callable | None = None) -> list[str]:
    problems = []
    for f in findings:
        if f.severity not in ("error", "warning"):
            continue
        if transformed:
            line, col = locate(f) if locate else (1, 1)
            problems.append(f"{display}:{line}:{col}: cfn-lint {f.rule} ({f.severity}) in the transformed template: {f.message}")
        else:
            problems.append(f.describe(display))
    return problems


def validate_pattern(pattern: Pattern, catalog: Catalog, progress: Callable[[str, str, StepResult | None], None]) -> PatternReport:
    from advisor.cfn import lint, sam
    from advisor.verify import consistency

    report = PatternReport(pattern.id)
    display = paths.display(pattern.template_file)

    def run(step: str, fn: Callable[[], list[str] | tuple[str, list[str], list[str]]]) -> StepResult:
        progress(pattern.id, step, None)
        started = time.perf_counter()
        try:
            out = fn()
            status, problems, details = out if isinstance(out, tuple) else (PASS if not out else FAIL, out, [])
        except DataError as exc:
            status, problems, details = FAIL, [str(exc)], []
        result = StepResult(step, status, problems, time.perf_counter() - started, details)
        report.steps[step] = result
        progress(pattern.id, step, result)
        return result

    def skip_rest(after: str) -> PatternReport:
        for step in STEPS[STEPS.index(after) + 1:]:
            report.steps[step] = StepResult(step, SKIP, [])
            progress(pattern.id, step, report.steps[step])
        return report

    run("schema", lambda: [])  # the catalog loader already schema-checked this pattern
    state: dict = {}
    offline_parameters = pattern.data["verification"].get("parameters", {})

    def check_consistency():
        problems = [str(e) for e in consistency.check_data(pattern, set(catalog.patterns))]
        template = pattern.template.data
        if not isinstance(template, dict) or not isinstance(template.get("Resources"), dict):
            return problems + [f"{display}:1:1: expected a CloudFormation template with a Resources mapping"]
        problems += [str(e) for e in consistency.check_template(pattern, template)]
        packaged = sam.package(template, pattern.dir, f"{pattern.id}", display)
        transformed = sam.transform(packaged.template, display, offline_parameters)
        state.update(packaged=packaged, transformed=transformed)
        problems += [str(e) for e in consistency.check_iam(pattern, transformed)]
        return problems

    if run("consistency", check_consistency).status == FAIL and "transformed" not in state:
        return skip_rest("consistency")

    run("lint", lambda: _lint_problems(lint.lint_text(pattern.template_file.read_text(encoding="utf-8")), display, False))

    def locate(finding):
        return _source_position(pattern, finding)

    run("lint-transformed", lambda: _lint_problems(lint.lint_data(state["transformed"]), display, True, locate))

    with offline_aws():
        from advisor.verify import deploy, e2e

        def do_deploy():
            deployment = deploy.deploy(state["packaged"], state["transformed"], offline_parameters)
            state["deployment"] = deployment
            details = [f"{r.logical_id} ({r.type}): {r.status}" + (f" - {r.detail}" if r.detail else "") for r in deployment.results]
            problems = [f"{display}: {r.logical_id} ({r.type}) {r.status}: {r.detail}" for r in deployment.failures]
            offline = any(r.status == deploy.NOT_VERIFIABLE for r in deployment.results)
            return (FAIL if problems else (OFFLINE if offline else PASS)), problems, details

        if run("deploy", do_deploy).status == FAIL:
            return skip_rest("deploy")

        def do_e2e():
            spec = pattern.data["verification"]["e2e"]
            if "not_verifiable_offline" in spec:
                return OFFLINE, [], [spec["not_verifiable_offline"]]
            problems = e2e.run(pattern, state["packaged"].folders, state["transformed"], state["deployment"])
            return (FAIL if problems else PASS), [f"{paths.display(pattern.pattern_file)}: e2e: {p}" for p in problems], []

        run("e2e", do_e2e)
    return report


def _source_position(pattern: Pattern, finding) -> tuple[int, int]:
    """Map a finding in the transformed template to the source entry that generated it.

    SAM names generated resources after their source (WriterFunctionRole from WriterFunction),
    so a resource maps to the longest source logical id it starts with.
    """
    path = tuple(getattr(finding, "path", ()) or ())
    if len(path) < 2 or not isinstance(path[1], str):
        return (1, 1)
    section = pattern.template.data.get(path[0])
    if not isinstance(section, dict):
        return (1, 1)
    candidates = sorted((name for name in section if path[1].startswith(name)), key=len, reverse=True)
    if not candidates:
        return (1, 1)
    return pattern.template.where((path[0], candidates[0]), key=True)


def validate(ids: list[str] | None = None, extra_dirs: list[str] | None = None,
             progress: Callable[[str, str, StepResult | None], None] | None = None) -> Report:
    catalog = load_catalog(extra_dirs)
    progress = progress or (lambda *a: None)
    report = Report(catalog_errors=[str(e) for e in catalog.errors if e.pattern_id is None])
    wanted = ids or sorted(set(catalog.patterns) | set(catalog.invalid))
    for pid in wanted:
        if pid in catalog.invalid:
            report.patterns.append(_invalid_report(pid, catalog.invalid[pid], progress))
        else:
            report.patterns.append(validate_pattern(catalog.get(pid), catalog, progress))
    return report


def _invalid_report(pid: str, errors: list[DataError], progress) -> PatternReport:
    report = PatternReport(pid)
    report.steps["schema"] = StepResult("schema", FAIL, [str(e) for e in errors])
    progress(pid, "schema", report.steps["schema"])
    for step in STEPS[1:]:
        report.steps[step] = StepResult(step, SKIP)
        progress(pid, step, report.steps[step])
    return report
