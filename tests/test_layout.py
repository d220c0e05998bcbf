"""The layout is the architecture: these checks keep it readable from `ls advisor/`.

Every module under advisor/ is parsed (never imported) and its imports, including those inside
functions, are checked against the layers below. A module may import from its own top-level
package or from a lower layer; never sideways (verify from review) and never upwards.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "advisor"

# Top-level package (or root module) -> layer. Lower layers never import higher or sibling ones.
LAYERS = {
    "advisor": 0, "errors": 0, "humanize": 0,
    "options": 1, "catalog": 1,
    "cfn": 2,
    "verify": 3, "cost": 3, "review": 3,
    "advise": 4,  # ranks by cost at the user's volume, so it sits above cost
    "site": 5, "scaffold": 5,
    "mcp": 6,  # the MCP server: a front end over the subsystems, never importing the CLI
    "cli": 7,  # the `advisor` command, which also starts the MCP server (`advisor mcp`)
}
MAX_LINES = 400
MAX_ROOT_MODULES = 6


def _top(module: str) -> str:
    """advisor.verify.api.sns -> verify; advisor.errors -> errors; advisor -> advisor."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "advisor"


def _module_name(root: Path, path: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
    return [(line, name) for line, name in found if name == "advisor" or name.startswith("advisor.")]


def layout_problems(root: Path) -> list[str]:
    """Every way the package at root breaks the layout, as 'path:line: problem' lines."""
    problems = []
    root_modules = sorted(p.name for p in root.glob("*.py"))
    if len(root_modules) > MAX_ROOT_MODULES:
        problems.append(f"{root.name}/: {len(root_modules)} modules at the package root ({', '.join(root_modules)}); "
                        f"at most {MAX_ROOT_MODULES}")
    for path in sorted(root.rglob("*.py")):
        shown = path.relative_to(root.parent).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MAX_LINES:
            problems.append(f"{shown}: {lines} lines; split it (at most {MAX_LINES})")
        tree = ast.parse(text, filename=shown)
        if path.name == "__init__.py" and not ast.get_docstring(tree):
            problems.append(f"{shown}: a package needs a docstring saying what it owns")
        module = _module_name(root, path)
        own = _top(module)
        if own not in LAYERS:
            problems.append(f"{shown}: {own} is not a known layer; add it to LAYERS in tests/test_layout.py")
            continue
        for line, target in _imports(tree, module, path.name == "__init__.py"):
            other = _top(target)
            if other == own:
                continue
            if other not in LAYERS:
                problems.append(f"{shown}:{line}: imports {target}, which is not a known layer")
            elif LAYERS[other] >= LAYERS[own] and other != "advisor":
                direction = "sideways" if LAYERS[other] == LAYERS[own] else "upwards"
                problems.append(f"{shown}:{line}: imports {target} ({direction}: {own} is layer {LAYERS[own]}, "
                                f"{other} is layer {LAYERS[other]})")
    return problems


def test_the_package_keeps_its_layout():
    assert layout_problems(PACKAGE) == []


def test_ls_shows_the_subsystems():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert {"catalog", "cfn", "verify", "advise", "cost", "review", "site", "scaffold", "cli"} <= packages
    assert packages <= set(LAYERS)


def test_tests_mirror_the_packages():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    test_folders = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and list(p.glob("test_*.py"))}
    assert test_folders <= packages, f"test folders with no package: {sorted(test_folders - packages)}"


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "advisor"
    _write(root, "__init__.py", '"""Top."""\n')
    for pkg in ("catalog", "cfn", "verify", "review", "cli"):
        _write(root, f"{pkg}/__init__.py", f'"""{pkg}."""\n')
    return root


def test_the_checker_accepts_downward_imports(tree):
    _write(tree, "verify/step.py", "from advisor.cfn import x\nfrom advisor.catalog.load import y\nfrom . import z\n")
    _write(tree, "cli/main.py", "import advisor.verify.step\nfrom advisor.cli import render\n")
    assert layout_problems(tree) == []


def test_the_checker_names_each_way_the_layout_breaks(tree):
    _write(tree, "catalog/load.py", "def f():\n    from advisor.cli.render import show\n")
    _write(tree, "verify/step.py", "from ..review import rules\n")
    _write(tree, "cfn/big.py", "x = 1\n" * 401)
    _write(tree, "cost/__init__.py", "X = 1\n")
    for i in range(6):
        _write(tree, f"root{i}.py", "")
    assert layout_problems(tree) == [
        "advisor/: 7 modules at the package root (__init__.py, root0.py, root1.py, root2.py, root3.py, root4.py, root5.py); at most 6",
        "advisor/catalog/load.py:2: imports advisor.cli.render (upwards: catalog is layer 1, cli is layer 7)",
        "advisor/cfn/big.py: 401 lines; split it (at most 400)",
        "advisor/cost/__init__.py: a package needs a docstring saying what it owns",
        "advisor/root0.py: root0 is not a known layer; add it to LAYERS in tests/test_layout.py",
        "advisor/root1.py: root1 is not a known layer; add it to LAYERS in tests/test_layout.py",
        "advisor/root2.py: root2 is not a known layer; add it to LAYERS in tests/test_layout.py",
        "advisor/root3.py: root3 is not a known layer; add it to LAYERS in tests/test_layout.py",
        "advisor/root4.py: root4 is not a known layer; add it to LAYERS in tests/test_layout.py",
        "advisor/root5.py: root5 is not a known layer; add it to LAYERS in tests/test_layout.py",
        "advisor/verify/step.py:1: imports advisor.review (sideways: verify is layer 3, review is layer 3)",
    ]
