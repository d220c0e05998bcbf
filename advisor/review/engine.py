"""Review one template or many: parse safely, run cfn-lint with our rules, detect patterns,
apply suppressions. A file that cannot be reviewed gets an error; the others are still reviewed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from advisor.errors import DataError

from advisor.review import lint_run, registry, suppress
from advisor.review.graph import ReviewGraph
from advisor.review.patterns import PatternMatch, Topology, detect

SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}
_LINT_SEVERITY = {"informational": "info", "warning": "warning", "error": "error"}
TEMPLATE_KEYS = ("Resources", "AWSTemplateFormatVersion", "Transform")


@dataclass(frozen=True)
class Finding:
    rule: str  # PA1001..., or a cfn-lint id for cfn-lint's own rules
    name: str
    severity: str  # info | warning | error
    resource: str | None
    line: int
    column: int
    message: str
    fix: str
    docs: str
    lint_id: str


@dataclass
class FileReview:
    file: str
    patterns: list[PatternMatch] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[tuple[Finding, suppress.Suppression]] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)  # the file could not be (fully) reviewed
    skipped: str | None = None  # not a template at all


def _finding(match) -> Finding:
    path = list(getattr(match, "path", None) or [])
    resource = path[1] if len(path) > 1 and path[0] == "Resources" and isinstance(path[1], str) else None
    ours = getattr(match.rule, "rule", None)
    if ours is not None:
        return Finding(ours.id, ours.name, ours.severity, resource, match.linenumber, match.columnnumber,
                       match.message.removesuffix(ours.lint_suffix), ours.fix, ours.docs, ours.lint_id)
    rule = match.rule
    return Finding(rule.id, f"cfn-lint-{rule.id.lower()}", _LINT_SEVERITY.get(rule.severity.lower(), "warning"), resource,
                   match.linenumber, match.columnnumber, match.message, rule.description, rule.source_url or "", rule.id)


def _template_shape(doc, file: str) -> str | None:
    """None when doc is a template; the reason to skip it when it is not one. Raises on broken templates."""
    data = doc.data
    if not isinstance(data, dict) or not any(k in data for k in TEMPLATE_KEYS):
        return "not a CloudFormation or SAM template (no Resources section); skipped"
    if "Resources" not in data:
        raise DataError(file, "template has no Resources section", 1, 1)
    if not isinstance(data["Resources"], dict):
        kind = {list: "a list", str: "a string", type(None): "empty"}.get(type(data["Resources"]), "not a mapping")
        line, col = doc.where(("Resources",), key=True)
        raise DataError(file, f"Resources must be a mapping of logical ids to resources, but it is {kind}", line, col)
    return None


def review_file(path: str | Path, display: str, topologies: list[Topology],
                project: list[suppress.Suppression] = ()) -> FileReview:
    from advisor.catalog.safe_yaml import load_text, read_text

    result = FileReview(display)
    try:
        text = read_text(path, display)
        doc = load_text(text, display, cfn_tags=True)
        result.skipped = _template_shape(doc, display)
    except DataError as exc:
        result.errors.append(exc)
        return result
    if result.skipped:
        return result
    in_template, result.errors = suppress.from_template(doc)
    try:
        matches = lint_run.lint(text)
    except Exception as exc:  # cfn-lint itself failed: report it for this file, keep going
        result.errors.append(DataError(display, f"cfn-lint could not check this template ({type(exc).__name__}: {exc})"))
        matches = []
    superseded = {lint_id for rule in registry.all_rules() for lint_id in rule.supersedes}
    findings = sorted({_finding(m) for m in matches if m.rule.id not in superseded},
                      key=lambda f: (f.line, f.column, f.rule, f.message))
    for finding in findings:
        rule = next((s for s in [*in_template, *project] if s.covers(finding, display)), None)
        if rule:
            result.suppressed.append((finding, rule))
        else:
            result.findings.append(finding)
    result.patterns = detect(ReviewGraph.build(doc.data), topologies)
    return result


def review(paths: list[str], topologies: list[Topology], project: list[suppress.Suppression] = ()) -> list[FileReview]:
    return [review_file(p, p, topologies, project) for p in paths]


def worst(reviews: list[FileReview]) -> str | None:
    levels = [f.severity for r in reviews for f in r.findings]
    return max(levels, key=SEVERITY_ORDER.__getitem__) if levels else None
