"""Review results as text, JSON or SARIF 2.1.0, and the rule list."""

from __future__ import annotations

import json

from advisor.review.engine import FileReview, Finding
from advisor.review.registry import all_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"info": "note", "warning": "warning", "error": "error"}
TOOL_URI = "https://github.com/pattern-advisor/pattern-advisor"


def _pattern_lines(review: FileReview) -> list[str]:
    lines = []
    for match in review.patterns:
        roles = ", ".join(f"{role}={res}" + (f" ({review.constructs[res]})" if res in review.constructs else "")
                          for role, res in match.resources.items())
        lines.append(f"{review.file}: pattern {match.id} ({match.name}): {roles}; see 'advisor show {match.id}' or {match.page}")
        lacks = [m.what if m.role == "alarms" else f"{m.what} ({m.role})" for m in match.missing]
        if lacks:
            lines.append(f"    missing against the pattern: {'; '.join(dict.fromkeys(lacks))}")
    return lines


def text(reviews: list[FileReview]) -> str:
    lines, counts, suppressed, broken, skipped = [], {"error": 0, "warning": 0, "info": 0}, 0, 0, 0
    for review in reviews:
        for error in review.errors:
            where = error.file + (f":{error.line}:{error.column or 1}" if error.line else "")
            lines.append(f"{where}: error: {error.message}")
        if review.skipped:
            lines.append(f"{review.file}: {review.skipped}; skipped")
            skipped += 1
        lines += _pattern_lines(review)
        for f in review.findings:
            where = f" [{f.resource}{f' ({f.construct})' if f.construct else ''}]" if f.resource else ""
            lines.append(f"{review.file}:{f.line}:{f.column}: {f.severity} {f.rule} {f.name}{where}: {f.message}")
            if f.fix:
                lines.append(f"    fix: {f.fix}")
            counts[f.severity] += 1
        suppressed += len(review.suppressed)
        broken += bool(review.errors)
    reviewed = sum(r.reviewed for r in reviews)
    summary = (f"{reviewed} file{'s' if reviewed != 1 else ''} reviewed: {counts['error']} error(s), "
               f"{counts['warning']} warning(s), {counts['info']} info; {suppressed} suppressed")
    if skipped:
        summary += f"; {skipped} skipped (not templates)"
    if broken:
        summary += f"; {broken} file{'s' if broken != 1 else ''} with errors"
    return "\n".join(lines + [summary])


def _finding_json(f: Finding) -> dict:
    entry = {"rule": f.rule, "name": f.name, "severity": f.severity, "resource": f.resource, "line": f.line,
             "message": f.message, "fix": f.fix, "docs": f.docs}
    if f.construct:
        entry["construct"] = f.construct
    return entry


def as_json(reviews: list[FileReview]) -> str:
    files = []
    for review in reviews:
        entry = {"file": review.file,
                 "patterns": [{"id": m.id, "resources": m.resources, "page": m.page,
                               "missing": [{"role": x.role, "what": x.what, "protects": x.guards} for x in m.missing]}
                              for m in review.patterns],
                 "findings": [_finding_json(f) for f in review.findings]}
        if review.errors:
            entry["errors"] = [str(e) for e in review.errors]
        if review.skipped:
            entry["skipped"] = review.skipped
        if review.suppressed:
            entry["suppressed"] = [{**_finding_json(f), "reason": s.reason} for f, s in review.suppressed]
        files.append(entry)
    return json.dumps({"files": files}, indent=2)


def _sarif_rule(rule_id: str, name: str, title: str, text_: str, docs: str, severity: str, tags=()) -> dict:
    return {"id": rule_id, "name": name, "shortDescription": {"text": title}, "fullDescription": {"text": text_},
            "helpUri": docs, "help": {"text": text_}, "defaultConfiguration": {"level": _SARIF_LEVEL[severity]},
            "properties": {"tags": list(tags)}}


def _artifact(file: str) -> dict:
    """A file as SARIF wants it: relative to the working directory (code scanning resolves it from
    the checkout), or an absolute file URI when it lies outside."""
    import os
    from pathlib import Path

    path = Path(file)
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        relative = Path(os.path.normpath(absolute)).relative_to(Path.cwd())
    except ValueError:
        return {"uri": Path(os.path.normpath(absolute)).as_uri()}
    return {"uri": relative.as_posix(), "uriBaseId": "%SRCROOT%"}


def sarif(reviews: list[FileReview]) -> str:
    rules = {r.id: _sarif_rule(r.id, r.name, r.title, f"{r.why} Fix: {r.fix}", r.docs, r.severity, r.tags) for r in all_rules()}
    results, notifications = [], []
    for review in reviews:
        for f in review.findings:
            rules.setdefault(f.rule, _sarif_rule(f.rule, f.name, f.name, f.fix or f.name, f.docs, f.severity))
            location = {"physicalLocation": {"artifactLocation": _artifact(review.file),
                                             "region": {"startLine": f.line, "startColumn": f.column}}}
            if f.resource:
                location["logicalLocations"] = [{"name": f.resource, "kind": "resource"}]
            results.append({"ruleId": f.rule, "level": _SARIF_LEVEL[f.severity],
                            "message": {"text": f"{f.message}. Fix: {f.fix}" if f.fix else f.message},
                            "locations": [location]})
        for error in review.errors:
            region = {"startLine": error.line, **({"startColumn": error.column} if error.column else {})} if error.line else None
            physical = {"artifactLocation": _artifact(review.file), **({"region": region} if region else {})}
            notifications.append({"level": "error", "message": {"text": error.message},
                                  "locations": [{"physicalLocation": physical}]})
    ordered = sorted(rules.values(), key=lambda r: r["id"])
    index = {r["id"]: i for i, r in enumerate(ordered)}
    for result in results:
        result["ruleIndex"] = index[result["ruleId"]]
    from pathlib import Path

    run = {"tool": {"driver": {"name": "pattern-advisor", "informationUri": TOOL_URI, "rules": ordered}},
           "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
           "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
           "results": results}
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2)


def rules_table(as_json_: bool) -> str:
    rules = all_rules()
    if as_json_:
        return json.dumps([{"id": r.id, "name": r.name, "cfn_lint_id": r.lint_id, "title": r.title, "severity": r.severity,
                            "tags": list(r.tags), "why": r.why, "fix": r.fix, "docs": r.docs} for r in rules], indent=2)
    width = max(len(r.name) for r in rules)
    lines = [f"{'id':<7} {'cfn-lint':<8} {'severity':<8} {'name':<{width}} title"]
    lines += [f"{r.id:<7} {r.lint_id:<8} {r.severity:<8} {r.name:<{width}} {r.title}" for r in rules]
    return "\n".join(lines)
