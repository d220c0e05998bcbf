"""What a rule module is made of: its metadata (Rule), what its check returns (Hit), and the
cfn-lint adapter that lets the same check run inside cfn-lint.

Rule modules import this module as `from advisor.review import kit` and subclass
`kit.CfnLintAdapter` through the module attribute: cfn-lint instantiates every
CloudFormationLintRule subclass it finds in a rule file's namespace, so the base class must not
be imported into that namespace by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from cfnlint.rules import CloudFormationLintRule, RuleMatch

SEVERITIES = ("info", "warning", "error")
_LINT_LETTER = {"info": "I", "warning": "W", "error": "E"}
ID_RE = re.compile(r"^PA1\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SECTION_RE = re.compile(r"^(Why|Fix):\s*", re.MULTILINE)


@dataclass(frozen=True)
class Hit:
    """One problem a check found: where in the template (a path of keys) and what is wrong."""

    path: tuple
    message: str


@dataclass(frozen=True)
class Rule:
    id: str  # PA1001...
    name: str  # kebab-case, stable, used in suppressions
    title: str
    severity: str  # info | warning | error
    tags: tuple[str, ...]
    docs: str  # AWS documentation that backs the rule
    doc: str  # the module docstring, with "Why:" and "Fix:" sections
    check: Callable[[dict, object], Iterable[Hit]]
    supersedes: tuple[str, ...] = field(default=())  # cfn-lint rule ids this rule reports better

    @property
    def lint_id(self) -> str:
        """cfn-lint's id for this rule: its severity letter, then 9 and our number (PA1012 -> W9012)."""
        return f"{_LINT_LETTER[self.severity]}9{self.id[-3:]}"

    def section(self, name: str) -> str:
        parts = _SECTION_RE.split(self.doc or "")
        for i in range(1, len(parts) - 1, 2):
            if parts[i] == name:
                return " ".join(parts[i + 1].split())
        return ""

    @property
    def why(self) -> str:
        return self.section("Why")

    @property
    def fix(self) -> str:
        return self.section("Fix")

    @property
    def lint_suffix(self) -> str:
        return f" ({self.id} {self.name})"


_GLOBALS_SECTION = {"AWS::Serverless::Function": "Function", "AWS::Serverless::Api": "Api",
                    "AWS::Serverless::HttpApi": "HttpApi", "AWS::Serverless::SimpleTable": "SimpleTable",
                    "AWS::Serverless::StateMachine": "StateMachine"}


def setting(graph, name: str, key: str):
    """A resource's property, or for a SAM resource the value its Globals section gives it."""
    props = graph.props(name)
    if key in props:
        return props[key]
    section = _GLOBALS_SECTION.get(graph.resources.get(name, {}).get("Type"))
    if name in ("ServerlessRestApi", "ServerlessHttpApi"):  # SAM's implicit APIs
        section = "Api" if name == "ServerlessRestApi" else "HttpApi"
    globals_ = graph.template.get("Globals") if isinstance(graph.template, dict) else None
    values = globals_.get(section) if isinstance(globals_, dict) and section else None
    return values.get(key) if isinstance(values, dict) else None


def is_true(value) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def hidden_definition(props: dict) -> str | None:
    """Where an API's or state machine's definition lives when the template does not hold it."""
    if not isinstance(props, dict):
        return None
    for key in ("DefinitionUri", "BodyS3Location", "DefinitionS3Location"):
        if props.get(key):
            return key
    for key in ("DefinitionBody", "Body", "Definition", "DefinitionString"):
        value = props.get(key)
        transform = value.get("Fn::Transform") if isinstance(value, dict) else None
        if isinstance(transform, dict) and transform.get("Name") == "AWS::Include":
            return "AWS::Include"
    return None


# Resources the AWS CDK adds for its own machinery (bucket notifications, log retention, custom
# resources): the user does not write them, and notes about their hygiene are noise.
_CDK_FRAMEWORK = re.compile(r"^(BucketNotificationsHandler[0-9a-f]{32}|LogRetention[0-9a-f]{32}|AWS[0-9a-f]{32}|"
                            r"Custom[A-Za-z0-9]*CustomResourceProvider|CustomCDKBucketDeployment[0-9A-F]{32})")


def cdk_framework(template, logical_id) -> bool:
    body = template.get("Resources", {}).get(logical_id) if isinstance(template, dict) and isinstance(logical_id, str) else None
    metadata = body.get("Metadata") if isinstance(body, dict) else None
    path = metadata.get("aws:cdk:path") if isinstance(metadata, dict) else None
    parts = path.split("/") if isinstance(path, str) else []
    return bool(_CDK_FRAMEWORK.match(parts[1] if len(parts) > 1 else logical_id))


def graph_for(cfn) -> object:
    """The review graph of a cfn-lint Template, built once per template for all our rules."""
    from advisor.review.graph import ReviewGraph

    cached = getattr(cfn, "_pattern_advisor_graph", None)
    if cached is None or cached[0] is not cfn.template:
        cached = (cfn.template, ReviewGraph.build(cfn.template))
        cfn._pattern_advisor_graph = cached
    return cached[1]


class CfnLintAdapter(CloudFormationLintRule):
    """A cfn-lint rule running one of our checks; subclasses set `rule`."""

    rule: Rule

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        rule = cls.rule
        cls.id = rule.lint_id
        cls.shortdesc = rule.title
        cls.description = f"{rule.name} ({rule.id}): {rule.why} Fix: {rule.fix}"
        cls.source_url = rule.docs
        cls.tags = ["pattern-advisor", *rule.tags]

    def match(self, cfn):
        if not isinstance(cfn.template.get("Resources"), dict):
            return []
        graph = graph_for(cfn)
        matches = []
        for hit in self.rule.check(cfn.template, graph):
            if self.rule.severity == "info" and len(hit.path) > 1 and cdk_framework(cfn.template, hit.path[1]):
                continue
            location = _scalar_location(cfn.template, hit.path)
            extra = {"location": location} if location else {}
            matches.append(RuleMatch(list(hit.path), hit.message + self.rule.lint_suffix, **extra))
        return matches


def _scalar_location(template, path) -> tuple | None:
    """Where a string value itself is, rather than its key: after SAM Globals are merged, a key
    can keep the Globals position while its value comes from the resource."""
    value = template
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
    start, end = getattr(value, "start_mark", None), getattr(value, "end_mark", None)
    if not isinstance(value, str) or start is None or end is None:
        return None
    return (start.line, start.column, end.line, end.column)
