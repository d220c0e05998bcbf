"""The advisor's rules (rules.yaml) and requirement parsing against them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from advisor.errors import UsageError

RULES_FILE = Path(__file__).resolve().parent / "rules.yaml"


@dataclass(frozen=True)
class Rules:
    questions: tuple[dict, ...]
    beyond_catalog: tuple[dict, ...]
    ranking: dict
    preferences: tuple[dict, ...]

    def question(self, key: str) -> dict:
        for q in self.questions:
            if q["key"] == key:
                return q
        raise KeyError(key)

    @property
    def keys(self) -> list[str]:
        return [q["key"] for q in self.questions]


@lru_cache(maxsize=None)
def load_rules() -> Rules:
    """rules.yaml, schema-checked; served from the cache while the file is unchanged."""
    from advisor.catalog.json_cache import cached_json, file_stamp

    def build() -> dict:
        from advisor.catalog.schema import validate
        from advisor.catalog.safe_yaml import load_file

        doc = load_file(RULES_FILE, "advisor/advise/rules.yaml")
        errors = validate(doc, "rules.schema.json")
        if errors:
            raise errors[0]
        return doc.data

    return cached_json("rules", file_stamp([RULES_FILE]), build,
                       lambda data: Rules(tuple(data["questions"]), tuple(data["beyond_catalog"]), dict(data["ranking"]),
                                          tuple(data["preferences"])))


def _allowed(q: dict) -> str:
    if q["type"] == "list":
        return ", ".join(q["answers"]) + " (comma-separated), or none"
    if q["type"] == "enum":
        return ", ".join(q["answers"])
    if q["type"] == "boolean":
        return "true, false"
    return f"a {'whole ' if q['type'] == 'integer' else ''}number >= {q.get('minimum', 0)}"


def coerce(key: str, value, rules: Rules, source: str = "--require"):
    """Turn a raw answer (text from the command line, or YAML data) into a typed requirement."""
    if not isinstance(key, str):
        raise UsageError(f'{source}: requirement keys are words; got {key!r}; allowed: {", ".join(rules.keys)}')
    try:
        q = rules.question(key)
    except KeyError:
        raise UsageError(f'{source}: unknown requirement "{key}"; allowed: {", ".join(rules.keys)}') from None
    bad = UsageError(f'{source}: {key}: invalid value {value!r}; allowed: {_allowed(q)}')
    kind = q["type"]
    if isinstance(value, dict) or (isinstance(value, list) and kind != "list"):
        raise bad  # a mapping or list where one answer belongs
    if kind == "enum":
        if not isinstance(value, str) or value not in q["answers"]:
            raise bad
        return value
    if kind == "list":
        if isinstance(value, list):
            items = value
        elif str(value).strip().lower() in ("", "none"):  # "don't need any": an empty list
            items = []
        else:
            items = [v.strip() for v in str(value).split(",") if v.strip()]
        if any(not isinstance(i, str) or i not in q["answers"] for i in items):
            raise bad
        return sorted(set(items), key=list(q["answers"]).index)
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "yes", "1"):
            return True
        if text in ("false", "no", "0"):
            return False
        raise bad
    try:
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else float(str(value).replace("_", ""))
    except ValueError:
        raise bad from None
    if kind == "integer" or float(number).is_integer():  # echoed as typed: 45, not 45.0
        if float(number) != int(float(number)):
            raise bad
        number = int(float(number))
    if number < q.get("minimum", 0) or (kind == "number" and number <= 0):
        raise bad
    return number


def parse_pairs(pairs: list[str], rules: Rules) -> dict:
    from advisor.options import key_values

    seen: dict[str, str] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        key, value = key.strip(), value.strip()
        if key in seen and "=" in pair:
            raise UsageError(f'--require: "{key}" given twice ({key}={seen[key]} and {key}={value}); give it once')
        seen[key] = value
    return {key: coerce(key, value, rules) for key, value in key_values(pairs, "--require").items()}


def parse_mapping(data, rules: Rules, source: str, document=None) -> dict:
    """An answers mapping (as `advisor ask --save` writes it). Every bad entry is reported, each
    with file:line:column when the document's positions are known."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{source}: expected a mapping of requirement keys to answers")
    out, problems = {}, []
    for key, value in data.items():
        try:
            out[key] = coerce(key, value, rules, source)
        except UsageError as exc:
            message = str(exc).removeprefix(f"{source}: ")
            if document is None:
                problems.append(f"{source}: {message}")
            else:
                line, column = document.where((key,), key=not str(message).startswith(f"{key}: invalid"))
                problems.append(f"{source}:{line}:{column}: {message}")
    if len(problems) == 1:
        raise UsageError(problems[0])
    if problems:
        raise UsageError("\n".join([f"{source}: {len(problems)} problems:"] + problems))
    return out
