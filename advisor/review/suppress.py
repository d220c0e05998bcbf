"""Suppressions, each with a required reason: per resource in the template's Metadata
(`pattern-advisor: {suppress: [{rule, reason}]}`) and per project in a config file
(`.pattern-advisor.yaml`: `suppress: [{rule, reason, resource?, files?}]`)."""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from advisor.catalog.document import Document
from advisor.errors import DataError, UsageError

from advisor.review import registry

CONFIG_FILE = ".pattern-advisor.yaml"
METADATA_KEY = "pattern-advisor"
REASON_REQUIRED = '"reason" is required; say why the rule does not apply here'


@dataclass(frozen=True)
class Suppression:
    rule: str  # our id or name, or a cfn-lint id
    reason: str
    resource: str | None = None
    files: str | None = None  # glob on the file path as given

    def covers(self, finding, file: str) -> bool:
        if self.rule not in (finding.rule, finding.name, finding.lint_id):
            return False
        if self.resource is not None and self.resource != finding.resource:
            return False
        return self.files is None or fnmatch(file, self.files) or fnmatch(Path(file).name, self.files)


def _entries(doc: Document, items, path: tuple, label: str, allowed: set[str]):
    """Yield (Suppression fields, error) for each suppress entry; errors carry file:line:col."""
    if not isinstance(items, list):
        yield None, doc.error(path, f"{label}: expected a list of {{rule, reason}} entries")
        return
    for i, item in enumerate(items):
        where, here = path + (i,), f"{label}[{i}]"
        if not isinstance(item, dict):
            yield None, doc.error(where, f"{here}: expected a mapping with rule and reason")
            continue
        unknown = sorted(set(item) - allowed)
        if unknown:
            yield None, doc.error(where + (unknown[0],), f'{here}: unknown key "{unknown[0]}"; allowed: {", ".join(sorted(allowed))}', key=True)
            continue
        rule = item.get("rule")
        if not isinstance(rule, str) or not rule:
            yield None, doc.error(where, f'{here}: "rule" is required (a rule name or id)')
            continue
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            yield None, doc.error(where, f"{here}: {REASON_REQUIRED}")
            continue
        try:
            registry.require(rule, here)
        except UsageError as exc:
            yield None, doc.error(where + ("rule",), str(exc))
            continue
        yield item, None


def load_config(path: str | None) -> list[Suppression]:
    """Project suppressions; an explicit --config must exist, the default file is optional."""
    from advisor.catalog.safe_yaml import load_file

    explicit = path is not None
    path = path or CONFIG_FILE
    if not explicit and not Path(path).is_file():
        return []
    try:
        doc = load_file(path, path)
    except DataError as exc:
        raise UsageError(str(exc)) from None
    data = doc.data
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) - {"suppress"}:
        raise UsageError(str(doc.error((), "expected a mapping with one key, suppress")))
    found = []
    for item, error in _entries(doc, data.get("suppress", []), ("suppress",), "suppress", {"rule", "reason", "resource", "files"}):
        if error:
            raise UsageError(str(error))
        found.append(Suppression(item["rule"], item["reason"].strip(), item.get("resource"), item.get("files")))
    return found


def from_template(doc: Document) -> tuple[list[Suppression], list[DataError]]:
    """Per-resource suppressions in a template, and the errors of malformed ones."""
    found, errors = [], []
    resources = doc.data.get("Resources") if isinstance(doc.data, dict) else None
    for name, body in (resources or {}).items():
        meta = body.get("Metadata") if isinstance(body, dict) else None
        ours = meta.get(METADATA_KEY) if isinstance(meta, dict) else None
        if ours is None:
            continue
        path = ("Resources", name, "Metadata", METADATA_KEY)
        label = f"Resources.{name}.Metadata.{METADATA_KEY}"
        if not isinstance(ours, dict) or set(ours) - {"suppress"}:
            errors.append(doc.error(path, f"{label}: expected a mapping with one key, suppress"))
            continue
        for item, error in _entries(doc, ours.get("suppress", []), path + ("suppress",), f"{label}.suppress", {"rule", "reason"}):
            if error:
                errors.append(error)
            else:
                found.append(Suppression(item["rule"], item["reason"].strip(), resource=name))
    return found, errors
