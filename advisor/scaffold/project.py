"""`advisor init`: copy a validated pattern into a new service project, with the user's names applied.

Everything is rendered in memory first, checked (names, paths), and only then written, each file
atomically; on any error nothing is left half-written. A manifest of what was written lets a later
`--force` tell files the user changed (never overwritten) from files still as generated.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from advisor import humanize
from advisor.catalog.load import Pattern
from advisor.errors import AdvisorError, UsageError

MANIFEST = ".pattern-advisor.json"
RUNTIMES = ("python3.12", "python3.13", "python3.14")
SERVICE_NAME_RE = re.compile(r"^[a-z][a-z0-9-]{1,30}$")


@dataclass
class Param:
    name: str
    description: str
    default: str | None
    required: bool
    allowed_pattern: str | None = None
    allowed_values: list[str] = field(default_factory=list)

    def check(self, value: str) -> str | None:
        if self.allowed_values and value not in self.allowed_values:
            return f"{self.name}: {value!r} is not allowed; expected one of {', '.join(self.allowed_values)}"
        if self.allowed_pattern and not re.fullmatch(self.allowed_pattern, value):
            return f"{self.name}: {value!r} does not match {self.allowed_pattern}"
        return None


def parameters(pattern: Pattern) -> list[Param]:
    """What a user can set: the template's parameters, plus runtime and memory of its functions."""
    out = []
    for name, spec in (pattern.template.data.get("Parameters") or {}).items():
        default = spec.get("Default")
        required = name == "ServiceName" or default is None
        out.append(Param(name, spec.get("Description", ""), None if default is None else str(default), required,
                         spec.get("AllowedPattern"), [str(v) for v in spec.get("AllowedValues", [])]))
    if _function_positions(pattern, "Runtime"):
        out.append(Param("Runtime", "Lambda runtime of every function", "python3.13", False, None, list(RUNTIMES)))
    if _function_positions(pattern, "MemorySize"):
        out.append(Param("MemorySize", "Memory (MB) of every function, 128 to 10240", None, False, r"^\d{3,5}$"))
    return out


def _function_positions(pattern: Pattern, prop: str) -> list[tuple[int, int]]:
    return _function_positions_in(pattern.template, prop)


def _function_positions_in(doc, prop: str) -> list[tuple[int, int]]:
    spots = []
    for name, body in (doc.data.get("Resources") or {}).items():
        if body.get("Type") in ("AWS::Serverless::Function", "AWS::Lambda::Function") and prop in body.get("Properties", {}):
            spots.append(doc.positions[("Resources", name, "Properties", prop)])
    glob = (doc.data.get("Globals") or {}).get("Function") or {}
    if prop in glob:
        spots.append(doc.positions[("Globals", "Function", prop)])
    return spots


def resolve_params(pattern: Pattern, given: dict[str, str], interactive_ask=None) -> dict[str, str]:
    known = {p.name: p for p in parameters(pattern)}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise UsageError(f'unknown parameter "{unknown[0]}" for {pattern.id}; valid parameters: {", ".join(known)}')
    values = dict(given)
    missing = [p.name for p in known.values() if p.required and p.name not in values]
    if missing and interactive_ask:
        values.update(interactive_ask([known[m] for m in missing]))
        missing = [m for m in missing if m not in values]
    if missing:
        raise UsageError(f"missing parameters: {', '.join(missing)}; pass them with --param NAME=VALUE")
    for name, value in values.items():
        problem = known[name].check(value)
        if problem:
            raise UsageError(f"invalid parameter {problem}")
    if "ServiceName" in values and not SERVICE_NAME_RE.match(values["ServiceName"]):
        raise UsageError(f"invalid parameter ServiceName: {values['ServiceName']!r}; use 2 to 31 lower-case letters, digits or hyphens, starting with a letter")
    if "MemorySize" in values and not 128 <= int(values["MemorySize"]) <= 10240:
        raise UsageError(f"invalid parameter MemorySize: {values['MemorySize']}; Lambda allows 128 to 10240 MB")
    return values


def _replace_scalars(text: str, spots: list[tuple[int, int]], value: str) -> str:
    """Replace the plain scalar starting at each (line, column) with value, keeping the rest of the file."""
    lines = text.split("\n")
    for line, col in sorted(spots, reverse=True):
        row = lines[line - 1]
        start = col - 1
        m = re.compile(r"""("[^"]*"|'[^']*'|[^\s#,\]}]+)""").match(row, start)
        if m is None:
            raise AdvisorError(f"cannot apply parameter at line {line}")
        quoted = row[start] in "\"'"
        new = json.dumps(value) if quoted else value
        lines[line - 1] = row[:start] + new + row[m.end():]
    return "\n".join(lines)


def render_template(pattern: Pattern, values: dict[str, str]) -> str:
    from advisor.catalog.safe_yaml import load_text

    text = pattern.template_file.read_text(encoding="utf-8")
    doc = pattern.template
    params = doc.data.get("Parameters") or {}
    # Parameters without a default get one, inserted under their Type line (bottom-up keeps lines valid).
    inserts = sorted(((doc.positions[("Parameters", n, "Type")][0], doc.key_positions[("Parameters", n, "Type")][1], v)
                      for n, v in values.items() if n in params and "Default" not in params[n]), reverse=True)
    if inserts:
        lines = text.split("\n")
        for line, col, value in inserts:
            lines.insert(line, " " * (col - 1) + f"Default: {json.dumps(value)}")
        text = "\n".join(lines)
        doc = load_text(text, str(pattern.template_file), cfn_tags=True)
    spots = []
    for name, value in values.items():
        if name in ("Runtime", "MemorySize"):
            spots += [(pos, value) for pos in _function_positions_in(doc, name)]
        elif name in params and "Default" in params[name]:
            spots.append((doc.positions[("Parameters", name, "Default")], value))
    for pos, value in sorted(spots, reverse=True):
        text = _replace_scalars(text, [pos], value)
    return text


# --- the project ------------------------------------------------------------------------------------

def _readme(pattern: Pattern, values: dict[str, str]) -> str:
    d = pattern.data
    service = values.get("ServiceName", pattern.id)
    out = [f"# {service}", "", f"Generated by Pattern Advisor from the **{d['name']}** pattern (`{pattern.id}`).", "",
           d["summary"], "", "## Deploy", "", "```sh", "sam build && sam deploy --guided", "```", "",
           "`sam deploy --guided` asks for the stack name and Region and saves them to `samconfig.toml`.", "",
           "## Test", "", "```sh", "pip install -r requirements-dev.txt", "pytest", "cfn-lint template.yaml",
           "advisor review template.yaml", "```", "", "The CI workflow in `.github/workflows/ci.yml` runs the same checks on every change.",
           "", "## Trade-offs", ""]
    out += [f"- Pro: {x}" for x in d["pros"]] + [f"- Con: {x}" for x in d["cons"]] + ["", "## Alarms", ""]
    out += [f"- `{a['resource']}` ({a['namespace']} {a['metric']} >= {humanize.number(a['threshold'])}): {a['why']}" for a in d["operations"]["alarms"]]
    out += ["", "## Dead-letter handling", ""] + [f"- `{x['for']}` -> `{x['target']}`: {x['how']}" for x in d["operations"]["dead_letter"]]
    return "\n".join(out) + "\n"


def _samconfig(values: dict[str, str]) -> str:
    service = values.get("ServiceName", "service")
    overrides = " ".join(f"{k}={json.dumps(v)}" for k, v in values.items() if k not in ("Runtime", "MemorySize"))
    return (f'version = 0.1\n\n[default.deploy.parameters]\nstack_name = "{service}"\nresolve_s3 = true\n'
            f'capabilities = "CAPABILITY_IAM"\nconfirm_changeset = true\nparameter_overrides = {json.dumps(overrides)}\n')


_WORKFLOW = """name: ci
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install -r requirements-dev.txt
      - run: pytest
      - run: cfn-lint template.yaml
      - run: advisor review template.yaml --fail-on warning
"""

_REQUIREMENTS = "pytest\nmoto[all]\nboto3\ncfn-lint\npattern-advisor\n"


def plan_project(pattern: Pattern, values: dict[str, str]) -> dict[str, bytes]:
    """Every file of the new project, relative path -> content. Pattern files must stay inside the pattern."""
    files: dict[str, bytes] = {"template.yaml": render_template(pattern, values).encode()}
    root = pattern.dir.resolve()
    for folder in ("src", "tests"):
        base = pattern.dir / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if "__pycache__" in path.parts or path.is_dir():
                continue
            if path.is_symlink() or not path.resolve().is_relative_to(root):
                raise AdvisorError(f"{path}: pattern file leads outside the pattern folder; refusing to copy it")
            files[str(path.relative_to(pattern.dir))] = path.read_bytes()
    files["README.md"] = _readme(pattern, values).encode()
    files["samconfig.toml"] = _samconfig(values).encode()
    files[".github/workflows/ci.yml"] = _WORKFLOW.encode()
    files["requirements-dev.txt"] = _REQUIREMENTS.encode()
    return files


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _safe_target(root: Path, relative: str) -> Path:
    if os.path.isabs(relative) or ".." in Path(relative).parts:
        raise AdvisorError(f"{relative}: path leads outside the project; refusing to write it")
    target = root / relative
    # Resolve symlinks already inside the project: a link pointing out must not be written through.
    if not target.resolve().is_relative_to(root.resolve()):
        raise AdvisorError(f"{relative}: a symlink in the target directory leads outside it; refusing to write through it")
    return target


@dataclass
class Outcome:
    written: list[str]
    unchanged: list[str]


def write_project(files: dict[str, bytes], directory: Path, force: bool = False, dry_run: bool = False) -> Outcome:
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise AdvisorError(f"{directory}: exists and is not a directory")
    targets = {rel: _safe_target(directory, rel) for rel in sorted(files)}
    existing = [p for p in directory.iterdir()] if directory.is_dir() else []
    if existing and not force:
        raise AdvisorError(f"{directory}: directory is not empty; use --force to update a project created by advisor init")
    manifest = {}
    if existing:
        try:
            manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError):
            manifest = {}
        changed = []
        for rel, target in targets.items():
            if target.is_file():
                current = _digest(target.read_bytes())
                if current != _digest(files[rel]) and manifest.get(rel) != current:
                    changed.append(rel)
        if changed:
            raise AdvisorError(f"{directory}: not overwriting files you changed: {', '.join(changed)}; move them away first")
    unchanged = [rel for rel, t in targets.items() if t.is_file() and t.read_bytes() == files[rel]]
    to_write = [rel for rel in targets if rel not in unchanged]
    if dry_run:
        return Outcome(to_write, unchanged)
    created: list[Path] = []
    try:
        for rel in to_write:
            target = targets[rel]
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".advisor-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(files[rel])
            os.chmod(tmp, 0o666 & ~_umask())
            if not target.exists():
                created.append(target)
            os.replace(tmp, target)
        manifest_body = json.dumps({"files": {rel: _digest(c) for rel, c in files.items()}}, indent=1).encode()
        (directory / MANIFEST).write_bytes(manifest_body)
    except OSError as exc:
        for path in created:
            path.unlink(missing_ok=True)
        raise AdvisorError(f"{directory}: could not write the project ({exc.strerror}); nothing was kept") from None
    return Outcome(to_write, unchanged)
