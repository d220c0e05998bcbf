"""Every review rule, found by importing each module of advisor.review.rules."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from advisor.errors import UsageError

from advisor.review import kit, rules as rules_package


@lru_cache(maxsize=None)
def all_rules() -> tuple[kit.Rule, ...]:
    found = []
    for info in sorted(pkgutil.iter_modules(rules_package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{rules_package.__name__}.{info.name}")
        rule = getattr(module, "RULE", None)
        if isinstance(rule, kit.Rule):
            found.append(rule)
    return tuple(sorted(found, key=lambda r: r.id))


def adapters() -> list:
    """One cfn-lint rule instance per review rule (the classes declared beside each check)."""
    out = []
    for rule in all_rules():
        module = importlib.import_module(rule.check.__module__)
        classes = [v for v in vars(module).values()
                   if isinstance(v, type) and issubclass(v, kit.CfnLintAdapter) and v is not kit.CfnLintAdapter]
        out += [cls() for cls in classes]
    return out


def find(key: str) -> kit.Rule | None:
    """A rule by our id, its name or its cfn-lint id."""
    for rule in all_rules():
        if key in (rule.id, rule.name, rule.lint_id):
            return rule
    return None


def by_lint_id() -> dict[str, kit.Rule]:
    return {rule.lint_id: rule for rule in all_rules()}


def require(key: str, where: str) -> None:
    """A suppression must name a rule that exists (ours, or a cfn-lint id such as W3005)."""
    import re

    if find(key) is None and not re.fullmatch(r"[EWI]\d{4}", key):
        known = ", ".join(r.name for r in all_rules())
        raise UsageError(f'{where}: unknown rule "{key}"; use a rule name or id ({known}) or a cfn-lint rule id')
