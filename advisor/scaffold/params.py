"""What a user can set on `advisor init`, checked against the template's own bounds.

Every --param is checked before anything is written, against the parameter's Type, MinValue,
MaxValue, AllowedValues, AllowedPattern, MinLength and MaxLength, as CloudFormation would at
deploy; each error is one line that quotes the bound. Secret parameters (NoEcho, or a name with
the word secret, token, password or key) are checked too, but their values are never shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from advisor.catalog.load import Pattern
from advisor.errors import UsageError

RUNTIMES = ("python3.12", "python3.13", "python3.14")
SERVICE_NAME_RE = re.compile(r"^[a-z][a-z0-9-]{1,30}$")
SECRET_WORDS = {"secret", "secrets", "token", "tokens", "password", "passwords", "passphrase", "key", "keys"}
HIDDEN = "(secret, not shown)"
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
# Parameters init adds beside the template's own: they edit every function's properties.
FUNCTION_SETTINGS = ("Runtime", "MemorySize")


def name_words(name: str) -> list[str]:
    """ApiKeyValue -> [api, key, value]; SIGNING_SECRET -> [signing, secret]."""
    return [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", name)]


def looks_secret(name: str) -> bool:
    return any(word in SECRET_WORDS for word in name_words(name))


@dataclass
class Param:
    name: str
    description: str = ""
    default: str | None = None
    required: bool = False
    type: str = "String"
    secret: bool = False
    allowed_pattern: str | None = None
    allowed_values: list[str] = field(default_factory=list)
    min_value: str | None = None
    max_value: str | None = None
    min_length: int | None = None
    max_length: int | None = None

    @property
    def is_list(self) -> bool:
        return self.type.startswith("List<") or self.type == "CommaDelimitedList"

    @property
    def is_number(self) -> bool:
        return self.type in ("Number", "List<Number>")

    def shown(self, value: str) -> str:
        return HIDDEN if self.secret else repr(value)

    def check(self, value: str) -> str | None:
        """None when value is acceptable; otherwise what is wrong, quoting the bound (no value if secret)."""
        items = [v.strip() for v in value.split(",")] if self.is_list else [value]
        for item in items:
            problem = self._check_one(item)
            if problem:
                return f"{self.name}: {problem}"
        return None

    def _check_one(self, value: str) -> str | None:
        shown = self.shown(value)
        if self.allowed_values and value not in self.allowed_values:
            return f"{shown} is not one of AllowedValues: {', '.join(self.allowed_values)}"
        if self.is_number:
            if not _NUMBER_RE.match(value):
                return f"{shown} is not a number (Type: {self.type})"
            try:
                number = Decimal(value)
            except InvalidOperation:
                return f"{shown} is not a number (Type: {self.type})"
            if self.min_value is not None and number < Decimal(self.min_value):
                return f"{HIDDEN if self.secret else value} is below MinValue {self.min_value}"
            if self.max_value is not None and number > Decimal(self.max_value):
                return f"{HIDDEN if self.secret else value} is above MaxValue {self.max_value}"
            return None
        if self.min_length is not None and len(value) < self.min_length:
            return f"{shown} is {len(value)} characters, below MinLength {self.min_length}"
        if self.max_length is not None and len(value) > self.max_length:
            return f"{shown} is {len(value)} characters, above MaxLength {self.max_length}"
        # CloudFormation matches AllowedPattern against the whole value.
        if self.allowed_pattern and not re.fullmatch(self.allowed_pattern, value):
            return f"{shown} does not match AllowedPattern {self.allowed_pattern}"
        return None


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(_text(v) or "" for v in value)
    return str(value)


def template_param(name: str, spec: dict) -> Param:
    default = _text(spec.get("Default"))
    no_echo = str(spec.get("NoEcho", "")).lower() == "true"
    secret = no_echo or looks_secret(name)

    def length(key):
        value = spec.get(key)
        return int(value) if value is not None and str(value).isdigit() else None

    return Param(
        name, str(spec.get("Description") or "").strip(), None if secret else default,
        # A secret is never written, so init does not need it: the deploy step supplies it.
        required=not secret and (name == "ServiceName" or default is None),
        type=str(spec.get("Type", "String")), secret=secret,
        allowed_pattern=spec.get("AllowedPattern"), allowed_values=[_text(v) for v in spec.get("AllowedValues", [])],
        min_value=_text(spec.get("MinValue")), max_value=_text(spec.get("MaxValue")),
        min_length=length("MinLength"), max_length=length("MaxLength"))


def parameters(pattern: Pattern) -> list[Param]:
    """What a user can set: the template's parameters, plus runtime and memory of its functions."""
    from advisor.scaffold.render import function_positions

    specs = pattern.template.data.get("Parameters") or {}
    out = [template_param(name, spec) for name, spec in specs.items() if isinstance(spec, dict)]
    if function_positions(pattern.template, "Runtime"):
        out.append(Param("Runtime", "Lambda runtime of every function", "python3.13", allowed_values=list(RUNTIMES)))
    if function_positions(pattern.template, "MemorySize"):
        # Lambda's memory range: https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html
        out.append(Param("MemorySize", "Memory (MB) of every function, 128 to 10240", type="Number",
                         min_value="128", max_value="10240"))
    return out


def secret_names(pattern: Pattern) -> list[str]:
    return [p.name for p in parameters(pattern) if p.secret]


def resolve_params(pattern: Pattern, given: dict[str, str], interactive_ask=None, earlier: dict[str, str] | None = None) -> dict[str, str]:
    """The values to apply: earlier ones (from the project's manifest), then the given ones, then
    answers to questions for what is still missing. Raises UsageError naming the first problem."""
    known = {p.name: p for p in parameters(pattern)}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise UsageError(f'unknown parameter "{unknown[0]}" for {pattern.id}; valid parameters: {", ".join(known)}')
    values = {k: v for k, v in (earlier or {}).items() if k in known and not known[k].secret}
    values.update(given)
    _check_all(known, values)  # a wrong value is reported before a missing one, and before any question
    missing = [p.name for p in known.values() if p.required and p.name not in values]
    if missing and interactive_ask:
        values.update(interactive_ask([known[m] for m in missing]))
        missing = [m for m in missing if m not in values]
    if missing:
        raise UsageError(f"missing parameters: {', '.join(missing)}; pass them with --param NAME=VALUE")
    _check_all(known, values)
    if "ServiceName" in values and not SERVICE_NAME_RE.match(values["ServiceName"]):
        raise UsageError(f"invalid parameter ServiceName: {values['ServiceName']!r}; use 2 to 31 lower-case letters, "
                         "digits or hyphens, starting with a letter")
    return values


def _check_all(known: dict[str, Param], values: dict[str, str]) -> None:
    for name, value in values.items():
        problem = known[name].check(value)
        if problem:
            raise UsageError(f"invalid parameter {problem}")


def public_values(pattern: Pattern, values: dict[str, str]) -> dict[str, str]:
    """The values that may be written to files: every secret left out."""
    secret = set(secret_names(pattern))
    return {k: v for k, v in values.items() if k not in secret}
