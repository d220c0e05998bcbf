"""Secrets (NoEcho, or a name saying secret/token/password/key) never reach a file, a plan, the
manifest or the listing; the copied template loses their defaults; the README says where the
deploy step takes them from."""

from __future__ import annotations

import pytest

from scaffold_support import SERVICE_PARAM, listing

TEST_VALUE = "whsec-test-only-0000000000000000000000000000"
USER_SECRET = "s3cr3t-from-the-provider-9f8e7d6c5b4a39281706"
SECRET_PARAMS = {"template.yaml": {**SERVICE_PARAM["template.yaml"], "Resources:\n": (
    SERVICE_PARAM["template.yaml"]["Resources:\n"].replace("\nResources:\n", "")
    + f"""  SigningSecret:
    Type: String
    NoEcho: true
    MinLength: 32
    Description: >-
      The provider's signing secret.
    Default: >-
      {TEST_VALUE}
  DbPassword:
    Type: String
    Default: hunter2-test
  AlarmEmail:
    Type: String
    Default: ""

Resources:
""")}}


@pytest.fixture
def catalog(fixture_pattern):
    return fixture_pattern(edits=SECRET_PARAMS)


def every_file(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_secret_passed_with_param_is_written_nowhere(run_cli, catalog, tmp_path):
    target = tmp_path / "proj"
    code, out, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "ServiceName=billing",
                             "--param", f"SigningSecret={USER_SECRET}", "--param", "DbPassword=correct-horse-battery")
    assert code == 0, err
    files = every_file(target)
    assert [rel for rel, body in files.items() if USER_SECRET.encode() in body or b"correct-horse" in body] == []
    assert USER_SECRET not in out + err
    assert out.count("secret SigningSecret: checked, not written; the deploy step in README.md reads it from the environment") == 1
    assert "secret DbPassword: checked, not written" in out


def test_secret_defaults_are_stripped_from_the_copied_template(run_cli, catalog, tmp_path):
    target = tmp_path / "proj"
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "ServiceName=billing")
    assert code == 0, err
    template = (target / "template.yaml").read_text()
    assert TEST_VALUE not in template and "hunter2-test" not in template
    assert ("  SigningSecret:\n    Type: String\n    NoEcho: true\n    MinLength: 32\n    Description: >-\n"
            "      The provider's signing secret.\n  DbPassword:\n    Type: String\n  AlarmEmail:\n") in template
    assert 'parameter_overrides = "ServiceName=\\"billing\\""' in (target / "samconfig.toml").read_text()


def test_readme_deploys_secrets_from_the_environment_filled_from_parameter_store(run_cli, catalog, tmp_path):
    target = tmp_path / "proj"
    run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", "ServiceName=billing",
            "--param", "AlarmEmail=ops@example.com")
    readme = (target / "README.md").read_text()
    assert ('export SIGNING_SECRET="$(aws ssm get-parameter --name /billing/SigningSecret --with-decryption '
            '--query Parameter.Value --output text)"\n') in readme
    assert ("sam build\nsam deploy --parameter-overrides \\\n  ServiceName=billing \\\n  AlarmEmail=ops@example.com \\\n"
            '  "SigningSecret=$SIGNING_SECRET" \\\n  "DbPassword=$DB_PASSWORD"\n') in readme
    assert "AWS Systems Manager Parameter Store" in readme


def test_list_masks_secret_defaults(run_cli, catalog):
    code, out, _ = run_cli("--catalog", str(catalog), "init", "--list")
    assert code == 0
    assert [line for line in out.splitlines() if line.startswith("mini-queue")] == [
        "mini-queue\tServiceName*=orders, SigningSecret=(secret), DbPassword=(secret), AlarmEmail=, Runtime=python3.13, MemorySize"]
    assert out.endswith("\n(* = required; (secret) = never written to a file, supplied at deploy)\n")


def test_bundled_catalog_listing_shows_no_secret_default(run_cli):
    from advisor.catalog.load import load_catalog
    from advisor.scaffold.params import parameters

    secrets = [(p.name, spec["Default"]) for pattern in load_catalog().query() for p in parameters(pattern) if p.secret
               for name, spec in pattern.template.data["Parameters"].items() if name == p.name and spec.get("Default")]
    assert secrets, "the catalog has a secret with a default (webhook-ingest-enrich); this test needs one"
    code, out, _ = run_cli("init", "--list")
    assert code == 0
    assert [value for _, value in secrets if str(value) in out] == []
    assert "SigningSecret=(secret)" in out


def test_plan_never_holds_a_secret_whatever_the_caller_passes(catalog, tmp_path):
    """The library the MCP server calls for its dry run."""
    from advisor.catalog.load import load_catalog
    from advisor.scaffold.project import plan_init, plan_project

    pattern = load_catalog([str(catalog)], include_bundled=False).get("mini-queue")
    plan = plan_init(pattern, tmp_path / "proj", {"ServiceName": "billing", "SigningSecret": USER_SECRET})
    assert plan.secrets == ["SigningSecret", "DbPassword"]
    assert [f.path for f in plan.files if USER_SECRET.encode() in f.content] == []
    assert USER_SECRET not in repr(plan.manifest)
    assert {f.action for f in plan.files} == {"create"} and listing(tmp_path / "proj") == []
    assert all(f.size == len(f.content) for f in plan.files)
    files = plan_project(pattern, {"ServiceName": "billing", "SigningSecret": USER_SECRET})
    assert [rel for rel, body in files.items() if USER_SECRET.encode() in body] == []


def test_a_refused_secret_is_not_echoed(run_cli, catalog, tmp_path):
    code, out, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(tmp_path / "p"), "--param", "ServiceName=billing",
                             "--param", "SigningSecret=tooshort-but-private")
    assert (code, out) == (2, "")
    assert err == "advisor: error: invalid parameter SigningSecret: (secret, not shown) is 20 characters, below MinLength 32\n"
    assert not (tmp_path / "p").exists()
