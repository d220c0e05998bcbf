"""Shared test helpers.

Tests that need something outside Python (Chromium, the shared corpus) skip with a clear reason
on a developer machine; in CI (PATTERN_ADVISOR_STRICT=1, set by .ci/run) those skips become failures.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
STRICT = os.environ.get("PATTERN_ADVISOR_STRICT") == "1"
SCENARIOS_FILE = ROOT / "tests" / "advise" / "scenarios.yaml"


def load_scenarios() -> list[dict]:
    """The advisor's scenario table, shared by the engine tests and the browser parity test."""
    import yaml

    return yaml.safe_load(SCENARIOS_FILE.read_text(encoding="utf-8"))["scenarios"]


def require(condition: bool, reason: str) -> None:
    """Skip (or, in CI, fail) when a test's outside requirement is missing."""
    if condition:
        return
    if STRICT:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Tests never read or write the developer's own cache (~/.cache/pattern-advisor)."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture
def fixture_pattern(tmp_path):
    """Copy the valid fixture pattern under a new id, apply text edits, return its catalog dir."""

    def make(name: str = "mini-queue", edits: dict[str, dict[str, str]] | None = None, files: dict[str, bytes | str] | None = None) -> Path:
        catalog = tmp_path / "catalog"
        target = catalog / name
        shutil.copytree(FIXTURES / "catalog" / "mini-queue", target)
        for file, replacements in (edits or {}).items():
            path = target / file
            text = path.read_text(encoding="utf-8")
            for old, new in replacements.items():
                assert old in text, f"fixture edit: {old!r} not found in {file}"
                text = text.replace(old, new)
            path.write_text(text, encoding="utf-8")
        for file, content in (files or {}).items():
            path = target / file
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return catalog

    return make


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run the advisor CLI in-process from a given working directory; returns (exit, stdout, stderr)."""
    from advisor.cli.main import main

    def run(*args: str, cwd: Path | None = None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return run
