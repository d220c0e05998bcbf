"""init resolves the target folder (.., symlinks, relative to the working directory) before any
check, creates nothing until every check passed, and writes nothing on a refusal."""

from __future__ import annotations

import os

import pytest

from scaffold_support import SERVICE_PARAM, listing, snapshot


@pytest.fixture
def catalog(fixture_pattern):
    return fixture_pattern(edits=SERVICE_PARAM)


@pytest.fixture
def users_project(tmp_path):
    """A folder holding the user's own edited work."""
    proj = tmp_path / "work" / "proj1"
    (proj / "src").mkdir(parents=True)
    (proj / "README.md").write_text("my notes\n")
    (proj / "src" / "writer.py").write_text("# my edits\n")
    return proj


def test_dotdot_through_missing_folders_resolves_to_the_non_empty_folder(run_cli, catalog, users_project):
    work = users_project.parent
    before = snapshot(work)
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", "some/other/../../proj1",
                           "--param", "ServiceName=other-svc", cwd=work)
    assert code == 1
    assert err == "advisor: error: proj1: directory is not empty; use --force to update a project created by advisor init\n"
    assert snapshot(work) == before  # no some/other created, nothing replaced


def test_dotdot_with_force_still_never_replaces_the_users_files(run_cli, catalog, users_project):
    work = users_project.parent
    before = snapshot(work)
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", "some/other/../../proj1",
                           "--param", "ServiceName=other-svc", "--force", cwd=work)
    assert code == 1
    assert err == "advisor: error: proj1: not overwriting files you changed: README.md, src/writer.py; move them away first\n"
    assert snapshot(work) == before


def test_symlinked_parent_is_followed_to_the_real_folder(run_cli, catalog, users_project, tmp_path):
    link = tmp_path / "shortcut"
    os.symlink(users_project.parent, link)
    before = snapshot(users_project.parent)
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(link / "proj1"),
                           "--param", "ServiceName=other-svc")
    assert code == 1
    assert err == f"advisor: error: {users_project}: directory is not empty; use --force to update a project created by advisor init\n"
    assert snapshot(users_project.parent) == before


def test_symlink_to_a_folder_through_dotdot_lands_where_the_link_points(run_cli, catalog, tmp_path):
    """`link/../new` is new beside the link's target, not beside the link (as the kernel resolves it)."""
    real = tmp_path / "deep" / "real"
    real.mkdir(parents=True)
    os.symlink(real, tmp_path / "link")
    code, out, err = run_cli("--catalog", str(catalog), "init", "mini-queue", "link/../new", "--param", "ServiceName=billing",
                             cwd=tmp_path)
    assert code == 0, err
    assert (tmp_path / "deep" / "new" / "template.yaml").is_file()
    assert not (tmp_path / "new").exists()
    assert "wrote deep/new/template.yaml" in out


def test_relative_path_is_resolved_from_the_working_directory(run_cli, catalog, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code, out, err = run_cli("--catalog", str(catalog), "init", "mini-queue", "svc", "--param", "ServiceName=billing",
                             cwd=elsewhere)
    assert code == 0, err
    assert (elsewhere / "svc" / "template.yaml").is_file()
    assert "wrote svc/template.yaml" in out and out.endswith("Next: cd svc && see README.md (install, test, deploy)\n")


def test_a_file_as_target_is_refused(run_cli, catalog, tmp_path):
    (tmp_path / "taken").write_text("x")
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(tmp_path / "taken"), "--param", "ServiceName=billing")
    assert (code, err) == (1, f"advisor: error: {tmp_path / 'taken'}: exists and is not a directory\n")
    assert (tmp_path / "taken").read_text() == "x"


def test_no_folder_is_created_when_a_parameter_is_refused(run_cli, catalog, tmp_path):
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", "a/b/c", "--param", "ServiceName=Bad_Name",
                           cwd=tmp_path)
    assert code == 2
    assert listing(tmp_path) == ["catalog"] + [p for p in listing(tmp_path) if p.startswith("catalog/")]


def test_a_failed_write_removes_what_it_created(run_cli, catalog, tmp_path, monkeypatch):
    """A disk error midway leaves no half project behind: files and folders this run made go."""
    import advisor.scaffold.target as target_module

    real_replace = os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(target_module.os, "replace", failing_replace)
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(tmp_path / "new" / "svc"),
                           "--param", "ServiceName=billing")
    assert code == 1
    assert err == (f"advisor: error: {tmp_path / 'new' / 'svc'}: could not write the project (No space left on device); "
                   "the files and folders this run created were removed\n")
    assert not (tmp_path / "new").exists()


def test_force_keeps_the_values_given_before(run_cli, catalog, tmp_path):
    target = tmp_path / "proj"
    run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "ServiceName=billing",
            "--param", "MemorySize=512")
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "Runtime=python3.12", "--force")
    assert code == 0, err
    template = (target / "template.yaml").read_text()
    assert "Default: billing" in template and "MemorySize: 512" in template and "Runtime: python3.12" in template


def test_force_refuses_a_project_made_from_another_pattern(run_cli, fixture_pattern, tmp_path):
    catalog = fixture_pattern(edits=SERVICE_PARAM)
    fixture_pattern(name="other-queue", edits=SERVICE_PARAM)
    target = tmp_path / "proj"
    run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "ServiceName=billing")
    before = snapshot(target)
    code, _, err = run_cli("--catalog", str(catalog), "init", "other-queue", str(target), "--param", "ServiceName=billing", "--force")
    assert (code, err) == (2, f"advisor: error: {target}: was created from mini-queue, not other-queue; init another folder or remove it\n")
    assert snapshot(target) == before
