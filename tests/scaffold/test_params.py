"""Every --param is checked against the template's own bounds before anything is written, with a
one-line error quoting the bound; a secret's value is never repeated in an error."""

from __future__ import annotations

import pytest

from scaffold_support import listing

BOUNDED = {"template.yaml": {"Resources:\n": """Parameters:
  ServiceName:
    Type: String
    AllowedPattern: '^[a-z][a-z0-9-]{1,30}$'
    Default: orders
  WriterMaxConcurrency:
    Type: Number
    Default: 5
    MinValue: 2
    MaxValue: 1000
  WriterBatchSize:
    Type: Number
    Default: 10
    MinValue: 1
    MaxValue: 10000
  RetentionRatio:
    Type: Number
    Default: 0.5
    MinValue: 0.1
    MaxValue: 1
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  Prefix:
    Type: String
    Default: abc
    MinLength: 2
    MaxLength: 5
  Ports:
    Type: List<Number>
    Default: "80,443"
  Subnets:
    Type: CommaDelimitedList
    Default: "a,b"
  ApiToken:
    Type: String
    MinLength: 8
    Default: test-token-value

Resources:
"""}}


@pytest.fixture
def catalog(fixture_pattern):
    return fixture_pattern(edits=BOUNDED)


@pytest.mark.parametrize("param,message", [
    ("WriterMaxConcurrency=1", "WriterMaxConcurrency: 1 is below MinValue 2"),
    ("WriterMaxConcurrency=abc", "WriterMaxConcurrency: 'abc' is not a number (Type: Number)"),
    ("WriterMaxConcurrency=", "WriterMaxConcurrency: '' is not a number (Type: Number)"),
    ("WriterBatchSize=100000", "WriterBatchSize: 100000 is above MaxValue 10000"),
    ("RetentionRatio=0.05", "RetentionRatio: 0.05 is below MinValue 0.1"),
    ("RetentionRatio=1.5", "RetentionRatio: 1.5 is above MaxValue 1"),
    ("Stage=staging", "Stage: 'staging' is not one of AllowedValues: dev, prod"),
    ("Prefix=a", "Prefix: 'a' is 1 characters, below MinLength 2"),
    ("Prefix=abcdef", "Prefix: 'abcdef' is 6 characters, above MaxLength 5"),
    ("ServiceName=Orders", "ServiceName: 'Orders' does not match AllowedPattern ^[a-z][a-z0-9-]{1,30}$"),
    ("Ports=80,http", "Ports: 'http' is not a number (Type: List<Number>)"),
    ("ApiToken=short", "ApiToken: (secret, not shown) is 5 characters, below MinLength 8"),
])
def test_out_of_bounds_values_are_refused_quoting_the_bound(run_cli, catalog, tmp_path, param, message):
    target = tmp_path / "proj"
    code, out, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(target), "--param", param)
    assert (code, out, err) == (2, "", f"advisor: error: invalid parameter {message}\n")
    assert listing(target) == []


@pytest.mark.parametrize("param", ["WriterMaxConcurrency=2", "WriterMaxConcurrency=1000", "WriterBatchSize=10000",
                                   "RetentionRatio=0.1", "Stage=prod", "Prefix=ab", "Prefix=abcde", "Ports=80, 8080",
                                   "Subnets=x,y,z", "ApiToken=12345678"])
def test_values_on_the_bounds_are_accepted(run_cli, catalog, tmp_path, param):
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(tmp_path / "proj"), "--param", param,
                           "--param", "ServiceName=orders", "--dry-run")
    assert code == 0, err


def test_an_accepted_number_lands_in_the_template(run_cli, catalog, tmp_path):
    code, _, err = run_cli("--catalog", str(catalog), "init", "mini-queue", str(tmp_path / "p"), "--param", "WriterBatchSize=250",
                           "--param", "ServiceName=orders")
    assert code == 0, err
    assert "    Default: 250\n    MinValue: 1\n    MaxValue: 10000\n" in (tmp_path / "p" / "template.yaml").read_text()


def test_secret_words_in_names():
    from advisor.scaffold.params import looks_secret

    assert [n for n in ("ApiToken", "DbPassword", "SigningSecret", "ApiKey", "SIGNING_KEY", "KeyName",
                        "Monkey", "KeyboardLayout", "ServiceName", "TokenizerMode") if looks_secret(n)] == [
        "ApiToken", "DbPassword", "SigningSecret", "ApiKey", "SIGNING_KEY", "KeyName"]
