"""cfn-lint, in-process: one rules collection loaded once, reused for every template."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

REGION = "us-east-1"


@dataclass(frozen=True)
class LintFinding:
    rule: str
    severity: str  # error | warning | informational
    line: int
    column: int
    message: str
    path: tuple = ()

    @property
    def resource(self) -> str | None:
        """Logical id of the resource the finding is about, when it is about one."""
        return self.path[1] if len(self.path) > 1 and self.path[0] == "Resources" else None

    def describe(self, file: str) -> str:
        return f"{file}:{self.line}:{self.column}: cfn-lint {self.rule} ({self.severity}): {self.message}"


@lru_cache(maxsize=None)
def _config():
    from cfnlint.config import ConfigMixIn

    return ConfigMixIn(regions=[REGION])


@lru_cache(maxsize=None)
def _rules():
    from cfnlint.runner.cli import Runner

    return Runner(_config()).rules


def lint_text(text: str) -> list[LintFinding]:
    """Lint a template given as YAML or JSON text."""
    from cfnlint.decode.decode import decode_str
    from cfnlint.runner.template.runner import run_template_by_data

    template, matches = decode_str(text)
    if not matches and template is not None:
        matches = list(run_template_by_data(template, _config(), _rules()))
    return [LintFinding(m.rule.id, m.rule.severity.lower(), m.linenumber, m.columnnumber, m.message,
                        tuple(getattr(m, "path", None) or ())) for m in matches or []]


def lint_data(template: dict) -> list[LintFinding]:
    """Lint a template given as data (e.g. the SAM-transformed one), rendered as JSON."""
    return lint_text(json.dumps(template, indent=1, default=str))
