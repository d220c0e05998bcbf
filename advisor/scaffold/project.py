"""`advisor init`: a pattern copied into a new service project, with the user's values applied.

Everything is rendered in memory first and checked (parameters against the template's bounds,
the resolved target folder, files the user changed), and only then written. Secrets are checked
but never reach a renderer: no file, plan or manifest holds them. A manifest of what was written
(digests, the pattern, the non-secret values) lets a later `--force` update files still as
generated, keep the values given before, and never overwrite a file the user changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from advisor.catalog.load import Pattern
from advisor.errors import AdvisorError, UsageError
from advisor.scaffold import project_files, review_rules
from advisor.scaffold.params import Param, parameters, public_values, resolve_params, secret_names
from advisor.scaffold.render import render_template
from advisor.scaffold.target import MANIFEST, PlannedFile, digest, display, plan_writes, preflight, resolve_target, write

__all__ = ["MANIFEST", "Param", "Plan", "PlannedFile", "parameters", "plan_init", "plan_project", "resolve_params",
           "write_plan", "write_project"]


def plan_project(pattern: Pattern, values: dict[str, str]) -> dict[str, bytes]:
    """Every file of the new project, relative path -> content. Secret values are dropped here,
    whatever the caller passes. Pattern files must stay inside the pattern."""
    secrets = secret_names(pattern)
    values = public_values(pattern, values)
    files: dict[str, bytes] = {"template.yaml": render_template(pattern, values, secrets).encode()}
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
    generated = {
        "README.md": project_files.readme(pattern, values, secrets).encode(),
        "samconfig.toml": project_files.samconfig(values).encode(),
        ".github/workflows/ci.yml": project_files.workflow().encode(),
        "requirements-dev.txt": project_files.requirements().encode(),
        project_files.HANDLER_TEST_FILE: project_files.HANDLER_TEST.encode(),
        **review_rules.files(),
    }
    clash = sorted(set(generated) & set(files))
    if clash:
        raise AdvisorError(f"{pattern.dir}: the pattern has its own {clash[0]}, which init also writes")
    files.update(generated)
    return files


@dataclass
class Plan:
    """What init would do: the resolved folder, each file's action, and the manifest to record."""

    root: Path
    files: list[PlannedFile]
    manifest: dict
    secrets: list[str]  # names only: set at deploy, never written

    @property
    def display_root(self) -> str:
        return display(self.root)


def plan_init(pattern: Pattern, directory, given: dict[str, str], force: bool = False, interactive_ask=None) -> Plan:
    """Resolve the folder, check it and the parameters, render every file; write nothing.
    The MCP server's dry run and the CLI share this."""
    root = resolve_target(directory)
    earlier = preflight(root, force)
    if earlier and earlier.get("pattern") not in (None, pattern.id):
        raise UsageError(f"{display(root)}: was created from {earlier['pattern']}, not {pattern.id}; "
                         "init another folder or remove it")
    values = resolve_params(pattern, given, interactive_ask, earlier=earlier.get("parameters") or {})
    files = plan_project(pattern, values)
    planned = plan_writes(files, root, earlier)
    manifest = {"pattern": pattern.id, "advisor_version": review_rules.advisor_version(),
                "parameters": public_values(pattern, values), "files": {rel: digest(c) for rel, c in files.items()}}
    return Plan(root, planned, manifest, secret_names(pattern))


def write_plan(plan: Plan) -> None:
    write(plan.root, plan.files, plan.manifest)


def write_project(files: dict[str, bytes], directory, force: bool = False) -> list[PlannedFile]:
    """Write already-rendered files into directory (resolved first), with the same checks as init."""
    root = resolve_target(directory)
    earlier = preflight(root, force)
    planned = plan_writes(files, root, earlier)
    write(root, planned, {**earlier, "files": {rel: digest(c) for rel, c in files.items()}})
    return planned
