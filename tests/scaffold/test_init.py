"""`advisor init`: what it writes, and every way it refuses, with exact messages and nothing written."""

from __future__ import annotations

import os

import pytest

from conftest import ROOT
from scaffold_support import SERVICE_PARAM, listing

@pytest.fixture
def catalog(fixture_pattern):
    return fixture_pattern(edits=SERVICE_PARAM)


def test_init_writes_a_complete_project_with_the_users_names(run_cli, catalog, tmp_path):
    target = tmp_path / "billing"
    code, out, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(target),
                             "--param", "ServiceName=billing", "--param", "MemorySize=512", "--param", "Runtime=python3.12")
    assert code == 0, err
    assert [p for p in listing(target) if not p.startswith("architecture-review/")] == [
        ".github", ".github/workflows", ".github/workflows/ci.yml", ".pattern-advisor.json", "README.md", "architecture-review",
        "requirements-dev.txt", "samconfig.toml", "src", "src/writer.py", "template.yaml", "tests", "tests/test_handlers_exist.py"]
    # every rule travels but the one that compares with the catalog's patterns, which needs the catalog
    rules = {p.name for p in (ROOT / "advisor" / "review" / "rules").glob("[a-z]*.py")} - {"pattern_safeguard_missing.py"}
    assert {p.name for p in (target / "architecture-review" / "rules").iterdir()} == rules
    template = (target / "template.yaml").read_text()
    assert "    Default: billing\n" in template
    assert "      Runtime: python3.12\n" in template and "      MemorySize: 512\n" in template
    assert "sam build && sam deploy --guided" in (target / "README.md").read_text()
    assert 'stack_name = "billing"' in (target / "samconfig.toml").read_text()
    workflow = (target / ".github/workflows/ci.yml").read_text()
    assert workflow.endswith("      - run: python -m pip install -r requirements-dev.txt\n      - run: pytest\n"
                             "      - run: cfn-lint --append-rules architecture-review/rules -- template.yaml\n")
    assert "pattern-advisor" not in (target / "requirements-dev.txt").read_text().replace("pattern-advisor-review", "")
    assert out.endswith(f"Next: cd {target} && see README.md (install, test, deploy)\n")
    assert oct((target / "template.yaml").stat().st_mode & 0o777) != "0o600"


def test_generated_template_passes_cfn_lint_and_validation(run_cli, catalog, tmp_path):
    """The project stays correct after the parameters are applied."""
    import shutil

    target = tmp_path / "proj" / "mini-queue"
    run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "ServiceName=billing", "--param", "MemorySize=512")
    shutil.copy(catalog / "mini-queue" / "pattern.yaml", target / "pattern.yaml")
    (target / ".pattern-advisor.json").unlink()
    code, out, err = run_cli("--catalog", str(target.parent), "validate", "mini-queue")
    assert code == 0, out + err


def test_non_empty_target_is_refused(run_cli, catalog, tmp_path):
    target = tmp_path / "existing"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "ServiceName=billing")
    assert code == 1
    assert err == f"advisor: error: {target}: directory is not empty; use --force to update a project created by advisor init\n"
    assert listing(target) == ["notes.txt"]


def test_force_never_overwrites_a_file_the_user_changed(run_cli, catalog, tmp_path):
    target = tmp_path / "proj"
    run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "ServiceName=billing")
    (target / "src" / "writer.py").write_text("# my changes\n")
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "ServiceName=other", "--force")
    assert code == 1
    assert err == f"advisor: error: {target}: not overwriting files you changed: src/writer.py; move them away first\n"
    assert (target / "src" / "writer.py").read_text() == "# my changes\n"
    assert "Default: billing" in (target / "template.yaml").read_text()


def test_force_updates_files_still_as_generated(run_cli, catalog, tmp_path):
    target = tmp_path / "proj"
    run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "ServiceName=billing")
    code, out, _ = run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "ServiceName=other", "--force")
    assert code == 0
    assert f"updated {target}/template.yaml" in out and f"unchanged {target}/src/writer.py" in out
    assert "Default: other" in (target / "template.yaml").read_text()


def test_dry_run_writes_nothing(run_cli, catalog, tmp_path):
    target = tmp_path / "dry"
    code, out, _ = run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "ServiceName=billing", "--dry-run")
    assert code == 0
    assert f"would write {target}/template.yaml" in out
    assert not target.exists()


@pytest.mark.parametrize("value,message", [
    ("../escape", "invalid parameter ServiceName: '../escape' does not match AllowedPattern ^[a-z][a-z0-9-]{1,30}$"),
    ("/etc/passwd", "invalid parameter ServiceName: '/etc/passwd' does not match AllowedPattern ^[a-z][a-z0-9-]{1,30}$"),
    ("Billing_Service", "invalid parameter ServiceName: 'Billing_Service' does not match AllowedPattern ^[a-z][a-z0-9-]{1,30}$"),
])
def test_invalid_and_traversing_names_are_refused(run_cli, catalog, tmp_path, value, message):
    target = tmp_path / "proj"
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", f"ServiceName={value}")
    assert code == 2
    assert err == f"advisor: error: {message}\n"
    assert not target.exists()


def test_invalid_memory_and_runtime(run_cli, catalog, tmp_path):
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(tmp_path / "p"), "--param", "ServiceName=ok",
                           "--param", "MemorySize=64")
    assert (code, err) == (2, "advisor: error: invalid parameter MemorySize: 64 is below MinValue 128\n")
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(tmp_path / "p"), "--param", "ServiceName=ok",
                           "--param", "Runtime=python2.7")
    assert (code, err) == (2, "advisor: error: invalid parameter Runtime: 'python2.7' is not one of AllowedValues: python3.12, python3.13, python3.14\n")
    assert not (tmp_path / "p").exists()


def test_unknown_parameter_lists_the_valid_ones(run_cli, catalog, tmp_path):
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(tmp_path / "p"), "--param", "Colour=blue")
    assert code == 2
    assert err == 'advisor: error: unknown parameter "Colour" for mini-queue; valid parameters: ServiceName, Runtime, MemorySize\n'


def test_pipe_without_parameters_fails_with_the_missing_list(run_cli, catalog, tmp_path):
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(tmp_path / "p"))
    assert code == 2
    assert err == "advisor: error: missing parameters: ServiceName; pass them with --param NAME=VALUE\n"
    assert not (tmp_path / "p").exists()


def test_symlink_inside_the_target_pointing_out_is_refused(run_cli, catalog, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "proj"
    target.mkdir()
    os.symlink(outside, target / "src")
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "ServiceName=billing", "--force")
    assert code == 1
    assert err == "advisor: error: src/writer.py: a symlink in the target directory leads outside it; refusing to write through it\n"
    assert listing(outside) == [] and listing(target) == ["src"]


def test_pattern_file_leading_outside_the_pattern_is_refused(run_cli, fixture_pattern, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not copy")
    catalog = fixture_pattern(edits=SERVICE_PARAM)
    os.symlink(secret, catalog / "mini-queue" / "src" / "leak.py")
    target = tmp_path / "proj"
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "ServiceName=billing")
    assert code == 1
    assert err == f"advisor: error: {catalog / 'mini-queue' / 'src' / 'leak.py'}: pattern file leads outside the pattern folder; refusing to copy it\n"
    assert not target.exists()
