"""JSON Schema validation with errors that name the file, line, column and what is expected."""

from __future__ import annotations

import json
from functools import lru_cache

from advisor.catalog import paths
from advisor.errors import DataError
from advisor.catalog.safe_yaml import Document

_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer",
               float: "number", type(None): "null"}


def json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def show(value: object) -> str:
    """A short rendering of a value for an error message."""
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return json.dumps(text)
    if isinstance(value, (dict, list)):
        return "an " + json_type(value) if json_type(value) in ("object", "array") else json_type(value)
    return json.dumps(value)


def dotted(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    with open(paths.schemas_dir() / name, encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def validator(name: str):
    import jsonschema

    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _describe(error) -> tuple[list, str, bool]:
    """Return (path, message, at_key) for one jsonschema error."""
    path = list(error.absolute_path)
    v = error.validator
    inst = error.instance
    if v == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return path, f"expected {expected}, got {show(inst)}", False
    if v == "enum":
        allowed = ", ".join(str(x) for x in error.validator_value)
        return path, f"expected one of {allowed}; got {show(inst)}", False
    if v == "const":
        return path, f"expected {show(error.validator_value)}, got {show(inst)}", False
    if v == "required":
        missing = error.message.split("'")[1]
        return path, f'missing required property "{missing}"', False
    if v == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(inst) - set(allowed))
        name = extra[0] if extra else "?"
        hint = "; the id is the folder name and never appears inside the file" if name == "id" and not path else ""
        return path + [name], f'unknown property "{name}" (allowed: {", ".join(allowed)}){hint}', True
    if v == "pattern":
        return path, f"expected text matching {error.validator_value}, got {show(inst)}", False
    if v == "minLength":
        return path, f"expected at least {error.validator_value} characters, got {len(inst)}", False
    if v == "minItems":
        return path, f"expected at least {error.validator_value} item(s), got {len(inst)}", False
    if v == "uniqueItems":
        return path, "expected unique items, got duplicates", False
    if v in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {"minimum": ">=", "exclusiveMinimum": ">", "maximum": "<=", "exclusiveMaximum": "<"}[v]
        return path, f"expected a number {words} {error.validator_value}, got {show(inst)}", False
    if v == "format":
        return path, f"expected a {error.validator_value}, got {show(inst)}", False
    if v == "oneOf":
        # Report the alternative that got furthest: the error with the deepest path.
        best = max(error.context, key=lambda e: len(list(e.absolute_path)), default=None) if error.context else None
        if best is not None and len(list(best.absolute_path)) > len(path):
            return _describe(best)
        return path, "does not match any of the allowed shapes", False
    return path, error.message, False


def validate(doc: Document, schema_name: str) -> list[DataError]:
    """All schema errors of a document, in document order."""
    errors = []
    for error in validator(schema_name).iter_errors(doc.data):
        path, message, at_key = _describe(error)
        errors.append(doc.error(tuple(path), f"{dotted(path)}: {message}", key=at_key))
    errors.sort(key=lambda e: (e.line or 0, e.column or 0))
    return errors
