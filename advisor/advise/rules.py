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
                       lambda data: Rules(tuple(data["questions"]), tuple(data["beyond_catalog"])))


def _allowed(q: dict) -> str:
    if q["type"] in ("enum", "list"):
        return ", ".join(q["answers"])
    if q["type"] == "boolean":
        return "true, false"
    return f"a {'whole ' if q['type'] == 'integer' else ''}number >= {q.get('minimum', 0)}"


def coerce(key: str, value, rules: Rules, source: str = "--require"):
    """Turn a raw answer (text from the command line, or YAML data) into a typed requirement."""
    try:
        q = rules.question(key)
    except KeyError:
        raise UsageError(f'{source}: unknown requirement "{key}"; allowed: {", ".join(rules.keys)}') from None
    bad = UsageError(f'{source}: {key}: invalid value {value!r}; allowed: {_allowed(q)}')
    kind = q["type"]
    if kind == "enum":
        if value not in q["answers"]:
            raise bad
        return value
    if kind == "list":
        items = value if isinstance(value, list) else [v.strip() for v in str(value).split(",") if v.strip()]
        if not items or any(i not in q["answers"] for i in items):
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
    if kind == "integer":
        if float(number) != int(float(number)):
            raise bad
        number = int(float(number))
    if number < q.get("minimum", 0) or (kind == "number" and number <= 0):
        raise bad
    return number


def parse_pairs(pairs: list[str], rules: Rules) -> dict:
    from advisor.options import key_values

    return {key: coerce(key, value, rules) for key, value in key_values(pairs, "--require").items()}


def parse_mapping(data, rules: Rules, source: str) -> dict:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{source}: expected a mapping of requirement keys to answers")
    return {key: coerce(key, value, rules, source) for key, value in data.items()}
