"""Meta-tests: the README documents every command; every schema property is described."""

from __future__ import annotations

import json
import re

from advisor.cli.main import COMMANDS
from conftest import ROOT


def test_readme_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"`advisor {command}" in readme, f"README's CLI reference lacks `advisor {command}`"


def test_readme_states_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "uv run advisor validate" in readme
    assert "uv run pytest" in readme


def test_ci_runs_exactly_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^uv run pytest$", script, re.M)
    assert "PATTERN_ADVISOR_STRICT=1" in script


def _undescribed(node, path="#"):
    if isinstance(node, dict):
        props = node.get("properties", {})
        for name, sub in props.items():
            if isinstance(sub, dict) and "description" not in sub and "$ref" not in sub:
                yield f"{path}/properties/{name}"
        for key, value in node.items():
            yield from _undescribed(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _undescribed(value, f"{path}/{i}")


def test_every_schema_property_has_a_description():
    for schema_file in sorted((ROOT / "schemas").glob("*.schema.json")):
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        missing = list(_undescribed(schema))
        assert not missing, f"{schema_file.name}: properties without description: {missing}"


def test_schemas_are_valid_draft_2020_12():
    import jsonschema

    for schema_file in sorted((ROOT / "schemas").glob("*.schema.json")):
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)
