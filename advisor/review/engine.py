"""Review one template or many: parse safely, run cfn-lint with our rules, detect patterns,
apply suppressions. A file that cannot be reviewed gets an error; the others are still reviewed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from advisor.errors import DataError

from advisor.review import lint_run, registry, suppress
from advisor.review.graph import ReviewGraph, family
from advisor.review import patterns as pattern_matching
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
    construct: str | None = None  # the AWS CDK construct path of the resource, when the template says it


@dataclass
class FileReview:
    file: str
    patterns: list[PatternMatch] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[tuple[Finding, suppress.Suppression]] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)  # the file could not be (fully) reviewed
    skipped: str | None = None  # not a template at all
    reviewed: bool = False  # the checks ran (perhaps on the rest of a template with a duplicate key)
    constructs: dict[str, str] = field(default_factory=dict)  # logical id -> AWS CDK construct path


def construct_path(resources: dict, logical_id: str | None) -> str | None:
    """The CDK construct path a synthesized resource carries (aws:cdk:path), without the stack and /Resource."""
    body = resources.get(logical_id) if isinstance(resources, dict) and logical_id else None
    metadata = body.get("Metadata") if isinstance(body, dict) else None
    path = metadata.get("aws:cdk:path") if isinstance(metadata, dict) else None
    if not isinstance(path, str):
        return None
    parts = path.split("/")[1:] or [path]  # the first part is the stack
    if len(parts) > 1 and parts[-1] in ("Resource", "Default"):
        parts = parts[:-1]
    return "/".join(parts) or None


def _finding(match, resources: dict) -> Finding:
    path = list(getattr(match, "path", None) or [])
    resource = path[1] if len(path) > 1 and path[0] == "Resources" and isinstance(path[1], str) else None
    construct = construct_path(resources, resource)
    ours = getattr(match.rule, "rule", None)
    if ours is not None:
        return Finding(ours.id, ours.name, ours.severity, resource, match.linenumber, match.columnnumber,
                       match.message.removesuffix(ours.lint_suffix), fix_for(ours, resources, resource, path),
                       ours.docs, ours.lint_id, construct)
    rule = match.rule
    return Finding(rule.id, f"cfn-lint-{rule.id.lower()}", _LINT_SEVERITY.get(rule.severity.lower(), "warning"), resource,
                   match.linenumber, match.columnnumber, match.message, rule.description, rule.source_url or "", rule.id,
                   construct)


def fix_for(rule, resources: dict, resource: str | None, path: list = ()) -> str:
    """The rule's fix for the resource at hand when the rule has one in FIXES (keyed by type, or by
    type and the property the finding is under, e.g. "AWS::Serverless::Function.Events"), else its Fix."""
    import importlib

    body = resources.get(resource) if isinstance(resources, dict) and resource else None
    rtype = body.get("Type") if isinstance(body, dict) else None
    fixes = getattr(importlib.import_module(rule.check.__module__), "FIXES", {})
    under = str(path[3]) if len(path) > 3 else None
    return (fixes.get(f"{rtype}.{under}") or fixes.get(f"{family(rtype)}.{under}") or fixes.get(rtype)
            or fixes.get(family(rtype)) or rule.fix)


def _template_shape(doc, file: str) -> str | None:
    """None when doc is a template; the reason to skip it when it is not one. Raises on broken templates."""
    data = doc.data
    if not isinstance(data, dict) or not any(k in data for k in TEMPLATE_KEYS):
        return "not a CloudFormation or SAM template (no Resources section)"
    if "Resources" not in data:
        raise DataError(file, "template has no Resources section", 1, 1)
    if not isinstance(data["Resources"], dict):
        kind = {list: "a list", str: "a string", type(None): "empty"}.get(type(data["Resources"]), "not a mapping")
        line, col = doc.where(("Resources",), key=True)
        raise DataError(file, f"Resources must be a mapping of logical ids to resources, but it is {kind}", line, col)
    return None


def review_file(path: str | Path, display: str, topologies: list[Topology],
                project: list[suppress.Suppression] = (), skip_non_templates: bool = False) -> FileReview:
    from advisor.catalog.safe_yaml import read_text

    try:
        text = read_text(path, display)
    except DataError as exc:
        return FileReview(display, errors=[exc])
    return review_text(text, display, topologies, project, skip_non_templates)


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span blanked (line breaks kept, so every position stays where it was)."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def review_text(text: str, display: str, topologies: list[Topology],
                project: list[suppress.Suppression] = (), skip_non_templates: bool = False) -> FileReview:
    """Review a template given as text; `display` names it in every message. Reads no file.
    A document that is not a template is an error, or (skip_non_templates) skipped with a note."""
    from advisor.catalog.safe_yaml import load_text

    result = FileReview(display)
    duplicates: list = []
    try:
        doc = load_text(text, display, cfn_tags=True, duplicates=duplicates)
        result.skipped = _template_shape(doc, display)
    except DataError as exc:
        result.errors.append(exc)
        return result
    if result.skipped:
        if not skip_non_templates:
            result.errors.append(DataError(display, result.skipped, 1, 1))
            result.skipped = None
        return result
    # A duplicate key is an error at its position; the rest of the template (first value kept) is reviewed.
    result.errors += [error for error, _, _ in duplicates]
    if duplicates:
        text = _without(text, [(start, end) for _, start, end in duplicates])
    resources = doc.data.get("Resources")
    result.constructs = {name: path for name in resources if (path := construct_path(resources, name))}
    in_template, suppression_errors = suppress.from_template(doc)
    result.errors += suppression_errors
    active, found = pattern_matching.ACTIVE.set(topologies), pattern_matching.FOUND.set(None)
    try:
        try:
            matches = lint_run.lint(text)
        except Exception as exc:  # cfn-lint itself failed: report it for this file, keep going
            result.errors.append(DataError(display, f"cfn-lint could not check this template ({type(exc).__name__}: {exc})"))
            matches = []
        result.reviewed = True
        # The safeguard rule detected the patterns inside cfn-lint; detect here only if it did not run.
        detected = pattern_matching.FOUND.get()
        result.patterns = detected if detected is not None else detect(ReviewGraph.build(doc.data), topologies)
    finally:
        pattern_matching.ACTIVE.reset(active)
        pattern_matching.FOUND.reset(found)
    superseded = {lint_id for rule in registry.all_rules() for lint_id in rule.supersedes}
    findings = sorted({_finding(m, doc.data.get("Resources")) for m in matches if m.rule.id not in superseded},
                      key=lambda f: (f.line, f.column, f.rule, f.message))
    for finding in findings:
        rule = next((s for s in [*in_template, *project] if s.covers(finding, display)), None)
        if rule:
            result.suppressed.append((finding, rule))
        else:
            result.findings.append(finding)
    return result


def review(paths: list[str], topologies: list[Topology], project: list[suppress.Suppression] = (),
           skip_non_templates: bool = False) -> list[FileReview]:
    return [review_file(p, p, topologies, project, skip_non_templates) for p in paths]


def worst(reviews: list[FileReview]) -> str | None:
    levels = [f.severity for r in reviews for f in r.findings]
    return max(levels, key=SEVERITY_ORDER.__getitem__) if levels else None
