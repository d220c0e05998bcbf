"""The project's template.yaml: the pattern's template text with the user's values applied, secret
defaults removed, and its pattern-advisor suppressions repeated for plain cfn-lint.

Edits are made on the text (by line and column from the safe loader), so the pattern's comments
and layout survive; after every structural edit the text is parsed again.
"""

from __future__ import annotations

import json
import re

from advisor.catalog.load import Pattern
from advisor.errors import AdvisorError

FUNCTION_TYPES = ("AWS::Serverless::Function", "AWS::Lambda::Function")
_SCALAR_RE = re.compile(r"""("[^"]*"|'[^']*'|[^\s#,\]}]+)""")


def function_positions(doc, prop: str) -> list[tuple[int, int]]:
    """Where prop is set on each function and in SAM Globals."""
    spots = []
    for name, body in (doc.data.get("Resources") or {}).items():
        if isinstance(body, dict) and body.get("Type") in FUNCTION_TYPES and prop in (body.get("Properties") or {}):
            spots.append(doc.positions[("Resources", name, "Properties", prop)])
    glob = (doc.data.get("Globals") or {}).get("Function") or {}
    if prop in glob:
        spots.append(doc.positions[("Globals", "Function", prop)])
    return spots


def _reload(text: str, pattern: Pattern):
    from advisor.catalog.safe_yaml import load_text

    return load_text(text, str(pattern.template_file), cfn_tags=True)


def _replace_scalar(lines: list[str], line: int, col: int, value: str) -> None:
    """Replace the plain or quoted scalar starting at (line, column) with value."""
    row = lines[line - 1]
    start = col - 1
    m = _SCALAR_RE.match(row, start)
    if m is None:
        raise AdvisorError(f"cannot apply parameter at line {line}")
    quoted = row[start] in "\"'"
    new = json.dumps(value) if quoted or not re.fullmatch(r"[A-Za-z0-9._/-]+", value) else value
    lines[line - 1] = row[:start] + new + row[m.end():]


def _block_end(lines: list[str], key_line: int, key_col: int) -> int:
    """The last line (1-based) of the key at key_line: its value may continue on more-indented lines."""
    end = key_line
    for i in range(key_line, len(lines)):
        row = lines[i]
        if not row.strip():
            continue
        if len(row) - len(row.lstrip(" ")) <= key_col - 1:
            break
        end = i + 1
    return end


def strip_secret_defaults(text: str, pattern: Pattern, secrets: list[str]) -> str:
    """Remove the Default of every secret parameter (a test value at best; never a real secret in a file)."""
    doc = pattern.template
    params = doc.data.get("Parameters") or {}
    spans = []
    for name in secrets:
        if isinstance(params.get(name), dict) and "Default" in params[name]:
            line, col = doc.key_positions[("Parameters", name, "Default")]
            spans.append((line, _block_end(text.split("\n"), line, col)))
    lines = text.split("\n")
    for start, end in sorted(spans, reverse=True):
        del lines[start - 1:end]
    return "\n".join(lines)


def _suppressed_lint_ids(entries) -> list[str]:
    from advisor.review import registry

    ids = []
    for entry in entries if isinstance(entries, list) else []:
        key = entry.get("rule") if isinstance(entry, dict) else None
        rule = registry.find(key) if isinstance(key, str) else None
        lint_id = rule.lint_id if rule else key if isinstance(key, str) and re.fullmatch(r"[EWI]\d{4}", key) else None
        if lint_id and lint_id not in ids:
            ids.append(lint_id)
    return ids


def add_lint_suppressions(text: str, pattern: Pattern) -> str:
    """Repeat each resource's `pattern-advisor: suppress` as cfn-lint's own `ignore_checks`, so the
    project's plain `cfn-lint --append-rules` run agrees with `advisor review` (the reasons stay
    in the pattern-advisor entries)."""
    doc = _reload(text, pattern)
    inserts = []
    for name, body in (doc.data.get("Resources") or {}).items():
        metadata = body.get("Metadata") if isinstance(body, dict) else None
        if not isinstance(metadata, dict) or not isinstance(metadata.get("pattern-advisor"), dict):
            continue
        ids = _suppressed_lint_ids(metadata["pattern-advisor"].get("suppress"))
        if not ids:
            continue
        if "cfn-lint" in metadata:
            raise AdvisorError(f"{pattern.template_file}: {name} has both cfn-lint and pattern-advisor Metadata; "
                               "init cannot merge them")
        line, col = doc.key_positions[("Resources", name, "Metadata", "pattern-advisor")]
        pad = " " * (col - 1)
        inserts.append((line, [f"{pad}cfn-lint:  # added by advisor init: the suppressions below, for plain cfn-lint",
                               f"{pad}  config:", f"{pad}    ignore_checks: [{', '.join(ids)}]"]))
    lines = text.split("\n")
    for line, block in sorted(inserts, reverse=True):
        lines[line - 1:line - 1] = block
    return "\n".join(lines)


def render_template(pattern: Pattern, values: dict[str, str], secrets: list[str]) -> str:
    """The template with values applied (values must hold no secret) and secret defaults removed."""
    text = pattern.template_file.read_text(encoding="utf-8")
    text = strip_secret_defaults(text, pattern, secrets)
    doc = _reload(text, pattern)
    params = doc.data.get("Parameters") or {}
    # Parameters without a default get one, inserted under their Type line (bottom-up keeps lines valid).
    inserts = sorted(((doc.positions[("Parameters", n, "Type")][0], doc.key_positions[("Parameters", n, "Type")][1], v)
                      for n, v in values.items() if n in params and "Default" not in params[n]), reverse=True)
    if inserts:
        lines = text.split("\n")
        for line, col, value in inserts:
            lines.insert(line, " " * (col - 1) + f"Default: {json.dumps(value)}")
        text = "\n".join(lines)
        doc = _reload(text, pattern)
        params = doc.data.get("Parameters") or {}
    spots = []
    for name, value in values.items():
        if name in ("Runtime", "MemorySize"):
            spots += [(pos, value) for pos in function_positions(doc, name)]
        elif name in params and "Default" in params[name]:
            spots.append((doc.positions[("Parameters", name, "Default")], value))
    lines = text.split("\n")
    for (line, col), value in sorted(spots, reverse=True):
        _replace_scalar(lines, line, col, value)
    return add_lint_suppressions("\n".join(lines), pattern)
