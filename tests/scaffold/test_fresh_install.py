"""For every pattern: the generated project's own README install and test commands succeed in a
fresh virtual environment holding only what they install from the package registry (no Pattern
Advisor), and a secret passed with --param appears in no generated file.

One virtual environment serves every project (`uv venv` once, then each project's own install
command, which finds everything already there), and two projects run at once: this bounds the
time while still running every project's commands. `python -m pip install` becomes
`uv pip install`, which reads uv's cache. `pytest -s` prints each step's time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time

import pytest

from advisor.catalog.load import load_catalog
from advisor.scaffold.params import parameters
from advisor.scaffold.project import plan_init, write_plan
from advisor.scaffold.project_files import INSTALL
from conftest import ROOT, require

CATALOG = load_catalog()
SECRET = "pa-fresh-install-secret-7c1e9a40d2b85f36e01b"
TIMES: dict[str, float] = {}
# Every project is checked in the fixture the first test sets up: allow for a busy machine.
pytestmark = pytest.mark.timeout(3600)


def values_for(pattern) -> dict[str, str]:
    values = {}
    for p in parameters(pattern):
        if p.name == "ServiceName":
            values[p.name] = "fresh-" + pattern.id.split("-")[0][:8]
        elif p.secret:
            assert p.check(SECRET) is None, f"{pattern.id}: {p.name} refuses the test secret: {p.check(SECRET)}"
            values[p.name] = SECRET
    return values


def readme_commands(project) -> list[str]:
    readme = (project / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^## Test\n.*?^```sh\n(.*?)^```", readme, re.M | re.S)
    assert block, "README has no ## Test block of sh commands"
    return block.group(1).strip().split("\n")


def run(command: str, cwd, env, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    require(shutil.which("uv") is not None, "uv is needed to build the fresh virtual environment")
    folder = tmp_path_factory.mktemp("fresh") / "venv"
    started = time.monotonic()
    proc = subprocess.run(["uv", "venv", "-q", "--python", "3.12", str(folder)], capture_output=True, text=True)
    if proc.returncode != 0:  # 3.12 is what the generated CI uses; fall back to whichever uv finds
        proc = subprocess.run(["uv", "venv", "-q", str(folder)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    TIMES["venv"] = time.monotonic() - started
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTEST_ADDOPTS", "UV_PROJECT_ENVIRONMENT")}
    env.update(PATH=f"{folder / 'bin'}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(folder))
    check = subprocess.run([str(folder / "bin" / "python"), "-c", "import advisor"], capture_output=True, env=env, cwd=folder)
    assert check.returncode != 0, "the fresh environment must not see Pattern Advisor"
    return folder, env


def check_project(pattern_id: str, venv, root, install_lock) -> list[str]:
    """Init the pattern with a secret passed, then run the README's commands; the problems found."""
    folder, env = venv
    pattern = CATALOG.get(pattern_id)
    project = root / pattern_id
    write_plan(plan_init(pattern, project, values_for(pattern)))
    problems = [f"secret in {p.relative_to(project)}" for p in sorted(project.rglob("*"))
                if p.is_file() and SECRET.encode() in p.read_bytes()]
    commands = readme_commands(project)
    if commands[:2] != ["python -m venv .venv && . .venv/bin/activate", INSTALL]:
        problems.append(f"README's commands start {commands[:2]}")
    workflow = (project / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    if re.findall(r"^      - run: (.*)$", workflow, re.M) != commands[1:]:
        problems.append("the CI workflow does not run the README's commands")
    if not list(project.glob("tests/test_*.py")):
        problems.append("no tests for pytest to run")
    for command in commands[1:]:
        started = time.monotonic()
        if command == INSTALL:
            with install_lock:  # one installer at a time in the shared environment
                proc = run(command.replace("python -m pip install", f"uv pip install -q --python {folder / 'bin' / 'python'}"),
                           project, env)
        else:
            proc = run(command, project, env)
        TIMES[f"{pattern_id}: {command.split()[0]}"] = time.monotonic() - started
        if proc.returncode != 0:
            problems.append(f"{command} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
            break
    return problems


@pytest.fixture(scope="module")
def outcomes(venv, tmp_path_factory):
    """Every pattern's project checked, two at a time (projects are independent; installs take turns)."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    root, lock = tmp_path_factory.mktemp("projects"), threading.Lock()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {pid: pool.submit(check_project, pid, venv, root, lock) for pid in CATALOG.ids()}
        results = {pid: future.result() for pid, future in futures.items()}
    TIMES["all projects (wall clock)"] = time.monotonic() - started
    return results


@pytest.mark.parametrize("pattern_id", CATALOG.ids())
def test_generated_project_installs_and_passes_its_own_checks(pattern_id, outcomes):
    assert outcomes[pattern_id] == []


def test_the_copied_rules_report_a_bad_template(venv, tmp_path):
    """The cfn-lint step can fail: the copied rules load and flag a queue without an alarm."""
    folder, env = venv
    pattern = CATALOG.get("sqs-queue-lambda")
    project = tmp_path / "proj"
    write_plan(plan_init(pattern, project, values_for(pattern)))
    proc = run(INSTALL.replace("python -m pip install", f"uv pip install -q --python {folder / 'bin' / 'python'}"), project, env)
    assert proc.returncode == 0, proc.stderr
    shutil.copy(ROOT / "advisor" / "review" / "rules" / "fixtures" / "queue-without-alarm" / "bad.yaml", project / "bad.yaml")
    proc = run("cfn-lint --append-rules architecture-review/rules -- bad.yaml", project, env)
    assert proc.returncode != 0
    assert "(PA1001 queue-without-alarm)" in proc.stdout


def test_report_times():
    """Prints the time of each step (pytest -s shows it); the numbers go in the report."""
    if TIMES:
        print("\n" + "\n".join(f"{k}: {v:.1f}s" for k, v in sorted(TIMES.items())))
