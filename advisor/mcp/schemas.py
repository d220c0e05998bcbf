"""The tools' input schemas, built at start-up from the project's own schemas and data (never
copied): requirements from schemas/requirements.schema.json, list filters from
schemas/pattern.schema.json, cost inputs from the calculators, review levels from the engine."""

from __future__ import annotations

from advisor.mcp import adapters

FAIL_LEVELS = ("info", "warning", "error")  # as `advisor review --fail-on`
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def _object(properties: dict, required: tuple[str, ...] = ()) -> dict:
    return {"type": "object", "properties": properties, "required": list(required), "additionalProperties": False}


def _pattern_id(description: str) -> dict:
    return {"type": "string", "pattern": ID_PATTERN, "description": description}


def requirements_schema() -> dict:
    """schemas/requirements.schema.json as a nested object schema (its enums and descriptions kept)."""
    from advisor.catalog.schema import load_schema

    schema = {k: v for k, v in load_schema("requirements.schema.json").items() if k not in ("$schema", "$id", "title")}
    return schema


def _filters() -> dict:
    from advisor.catalog.load import filter_schemas

    out = {}
    for key, spec in filter_schemas().items():
        out[key] = {"type": "string", "enum": list(spec["enum"]),
                    "description": f"Only patterns with this {key}. " + spec.get("description", "")}
    return out


def _shown(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _cost_inputs_description() -> str:
    lines = ["Calculator inputs by name (numbers, true/false, or one of the listed choices); an omitted input takes its default."]
    for service, spec in adapters.cost_services().items():
        parts = [f"{name} ({i['description']}" + (f"; default {_shown(i['default'])}" if i["default"] is not None else "; required")
                 + (f"; one of {', '.join(i['choices'])}" if i["choices"] else "") + ")" for name, i in spec["inputs"].items()]
        lines.append(f"{service}: " + ", ".join(parts) + ".")
    return " ".join(lines)


def input_schemas() -> dict[str, dict]:
    """Tool name -> JSON Schema of its arguments."""
    from advisor.catalog.safe_yaml import MAX_FILE_BYTES

    services = list(adapters.cost_services())
    return {
        "list_patterns": _object(_filters()),
        "show_pattern": _object({"id": _pattern_id("Pattern id, e.g. sqs-queue-lambda (list_patterns gives them all).")}, ("id",)),
        "search_patterns": _object({"text": {"type": "string", "minLength": 1,
                                             "description": "Words that must all appear in a pattern's name, tags, services, summary or trade-offs."}},
                                   ("text",)),
        "compare_patterns": _object({"ids": {"type": "array", "minItems": 2, "items": _pattern_id("A pattern id."),
                                             "description": "Two or more pattern ids, in the order of the columns."}}, ("ids",)),
        "recommend": _object({"requirements": requirements_schema()}),
        "review_template": _object({
            "template": {"type": "string", "maxLength": MAX_FILE_BYTES,
                         "description": f"The CloudFormation or SAM template itself, YAML or JSON text (at most {MAX_FILE_BYTES // 1048576} MB). "
                                        "Never a path: the server reads nothing but this text."},
            "filename": {"type": "string", "default": "template.yaml",
                         "description": "Name shown in findings and errors (file:line:column); nothing is read from it."},
            "fail_on": {"type": "string", "enum": list(FAIL_LEVELS), "default": "warning",
                        "description": "The verdict is 'fail' when a finding has at least this severity (as advisor review --fail-on)."},
        }, ("template",)),
        "estimate_cost": _object({
            "service": {"type": "string", "enum": services, "description": "A service with a cost model (give this or pattern)."},
            "pattern": _pattern_id("A pattern id, for the monthly cost of the whole pattern (give this or service)."),
            "inputs": {"type": "object", "additionalProperties": {"type": ["number", "string", "boolean"]},
                       "description": _cost_inputs_description()},
        }),
        "scaffold_plan": _object({
            "pattern": _pattern_id("The pattern to scaffold a project from."),
            "parameters": {"type": "object", "additionalProperties": {"type": ["string", "number"]},
                           "description": "Template parameters by name (as advisor init --param NAME=VALUE); "
                                          "ServiceName and parameters without a default are required."},
        }, ("pattern",)),
    }
