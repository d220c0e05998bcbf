"""The architecture review that travels with a generated project.

Every rule module in advisor/review/rules (whatever is there, found by listing the folder) is
copied to architecture-review/rules/, which `cfn-lint --append-rules` loads. The advisor modules
those rules import, followed import by import, are copied into a small local package,
architecture-review/pattern_advisor_review/, installed from the project's requirements-dev.txt;
imports of `advisor.` are renamed to `pattern_advisor_review.` so the copy cannot clash with an
installed Pattern Advisor. Nothing has to be published for the project to install.
"""

from __future__ import annotations

import ast
import hashlib
import re
import sys
from functools import lru_cache
from pathlib import Path

import advisor
from advisor.errors import AdvisorError

FOLDER = "architecture-review"
PACKAGE = "pattern_advisor_review"
DIST = "pattern-advisor-review"
ADVISOR_ROOT = Path(advisor.__file__).resolve().parent
RULES_DIR = ADVISOR_ROOT / "review" / "rules"
_IMPORT_LINE = re.compile(r"^(\s*)(from|import)(\s+)advisor(?=[.\s])", re.M)


def advisor_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pattern-advisor")
    except PackageNotFoundError:
        return "0+unknown"


def _all_rule_files() -> list[Path]:
    """The rule modules cfn-lint would load from advisor/review/rules (it skips names starting with _)."""
    return sorted(p for p in RULES_DIR.glob("*.py") if re.match(r"[A-Za-z1-9]", p.name))


def _needs_catalog(path: Path) -> bool:
    return any(m.startswith("advisor.catalog.") for m in _closure_of((path,))[0])


def rule_files() -> list[Path]:
    """The rules that travel: all but those that compare the template with the catalog's patterns,
    which need the catalog itself (`advisor review` runs those)."""
    return [p for p in _all_rule_files() if not _needs_catalog(p)]


def left_behind() -> list[str]:
    """Rule modules that stay with Pattern Advisor because they need its catalog."""
    return [p.stem.replace("_", "-") for p in _all_rule_files() if _needs_catalog(p)]


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """(advisor modules, other top-level modules) imported anywhere in a file, lazy imports included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    ours, others = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from advisor.review import kit` imports the module advisor.review.kit.
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            (ours if name.split(".")[0] == "advisor" else others).add(name)
    return {n for n in ours if _module_file(n)}, {n.split(".")[0] for n in others}


def _module_file(module: str) -> Path | None:
    base = ADVISOR_ROOT.parent.joinpath(*module.split("."))
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


@lru_cache(maxsize=1)
def closure() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(advisor modules the travelling rules need, other top-level modules they all import)."""
    return _closure_of(tuple(rule_files()))


@lru_cache(maxsize=None)
def _closure_of(paths: tuple[Path, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    todo = list(paths)
    seen_files: set[Path] = set()
    modules: set[str] = set()
    others: set[str] = set()
    while todo:
        path = todo.pop()
        if path in seen_files:
            continue
        seen_files.add(path)
        ours, theirs = _imports(path)
        others |= theirs
        for module in ours:
            if module.startswith("advisor.review.rules."):
                continue  # a rule importing a sibling: the sibling is copied with the rules
            modules.add(module)
            todo.append(_module_file(module))
    modules = {m for m in modules if _module_file(m).name != "__init__.py"}
    third_party = sorted(m for m in others if m not in sys.stdlib_module_names and m not in ("advisor", "__future__"))
    return tuple(sorted(modules)), tuple(third_party)


def _rename(text: str) -> str:
    return _IMPORT_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}{PACKAGE}", text)


def fingerprint(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for rel in sorted(files):
        digest.update(rel.encode() + b"\0" + files[rel] + b"\0")
    return digest.hexdigest()[:16]


def _rule_rows() -> list[str]:
    from advisor.review import registry

    stay = set(left_behind())
    return [f"| {r.lint_id} | {r.id} | `{r.name}` | {r.severity} | {r.title} |" for r in registry.all_rules() if r.name not in stay]


def files() -> dict[str, bytes]:
    """The architecture-review/ folder of a project: relative path -> content."""
    out: dict[str, bytes] = {}
    for path in rule_files():
        out[f"{FOLDER}/rules/{path.name}"] = _rename(path.read_text(encoding="utf-8")).encode()
    modules, third_party = closure()
    packages = {PACKAGE}
    for module in modules:
        parts = module.split(".")[1:]
        rel = "/".join([PACKAGE, *parts]) + ".py"
        out[f"{FOLDER}/{rel}"] = _rename(_module_file(module).read_text(encoding="utf-8")).encode()
        packages.update("/".join([PACKAGE, *parts[:i]]) for i in range(1, len(parts)))
    for package in sorted(packages):
        out[f"{FOLDER}/{package}/__init__.py"] = b'"""Copied from Pattern Advisor for the rules in ../rules; see ../README.md."""\n'
    unknown = [m for m in third_party if m not in IMPORT_TO_DIST]
    if unknown:
        raise AdvisorError(f"review rules import {', '.join(unknown)}, which init does not know how to install; "
                           "add it to advisor/scaffold/requirements-dev.txt and IMPORT_TO_DIST")
    version, stamp = advisor_version(), fingerprint(out)
    deps = ", ".join(f'"{IMPORT_TO_DIST[m]}"' for m in third_party)
    out[f"{FOLDER}/pyproject.toml"] = (
        f'# The modules the review rules import, installed by requirements-dev.txt (`./{FOLDER}`).\n'
        f'[project]\nname = "{DIST}"\nversion = "{version}"\n'
        f'description = "Pattern Advisor {version} review rules for cfn-lint (copy {stamp})"\n'
        f'requires-python = ">=3.11"\ndependencies = [{deps}]\n\n'
        f'[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
        f'[tool.hatch.build.targets.wheel]\npackages = ["{PACKAGE}"]\n').encode()
    out[f"{FOLDER}/README.md"] = "\n".join([
        "# Architecture review rules", "",
        f"Copied by `advisor init` from Pattern Advisor {version} (copy `{stamp}`, a hash of the copied files).",
        "They are ordinary cfn-lint rules; nothing here needs Pattern Advisor installed:", "",
        "```sh", f"cfn-lint --append-rules {FOLDER}/rules -- template.yaml", "```", "",
        f"`rules/` holds one module per rule. `{PACKAGE}/` holds the Pattern Advisor modules they import",
        f"(with `advisor.` renamed to `{PACKAGE}.`); `pip install -r requirements-dev.txt` installs it",
        f"from this folder. Informational rules (I9xxx) run only with `--include-checks I9`.", "",
        *([f"Left with Pattern Advisor, because they compare the template with its catalog of patterns: "
           f"{', '.join(left_behind())}; run `advisor review template.yaml` for those.", ""] if left_behind() else []),
        "To update the rules, run `advisor init --force` with a newer Pattern Advisor: it replaces",
        "these files unless you changed them.", "",
        "| cfn-lint id | id | name | severity | title |", "|---|---|---|---|---|", *_rule_rows(), ""]).encode()
    return out


# Import name -> PyPI distribution, for what the copied modules import; pinned in requirements-dev.txt.
IMPORT_TO_DIST = {"cfnlint": "cfn-lint", "networkx": "networkx", "yaml": "pyyaml", "boto3": "boto3", "botocore": "botocore"}
