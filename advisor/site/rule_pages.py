"""One page per review rule, generated from the rule modules (id, name, severity, Why, Fix, docs,
and the bad and good fixture templates beside each rule)."""

from __future__ import annotations

from pathlib import Path

from advisor.site.pages import cell


def _fixtures(rule) -> list[tuple[str, str]]:
    import importlib

    module = importlib.import_module(rule.check.__module__)
    folder = Path(module.__file__).parent / "fixtures" / rule.name
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.y*ml"))] if folder.is_dir() else []


def rule_page(rule) -> str:
    out = ["---", f"title: \"{rule.name}: {rule.title}\"", "tags:", "  - review-rule"] + [f"  - {t}" for t in rule.tags]
    out += ["---", "", f"# {rule.name}", "", f"**{rule.title}**", "",
            f"`{rule.id}` · severity **{rule.severity}** · cfn-lint id `{rule.lint_id}`", "",
            "## Why", "", rule.why, "", "## Fix", "", rule.fix, "", f"AWS documentation: <{rule.docs}>", "",
            "## Run it", "", "```sh", "advisor review template.yaml", "cfn-lint --append-rules advisor/review/rules template.yaml", "```", "",
            "Suppress it for one resource, with a reason, in the template:", "", "```yaml",
            "Metadata:", "  pattern-advisor:", "    suppress:", f"      - rule: {rule.name}", "        reason: why this is acceptable here",
            "```", ""]
    fixtures = _fixtures(rule)
    if fixtures:
        out += ["## Examples", ""]
        for name, text in fixtures:
            kind = "Flagged" if name.startswith("bad") else "Passes"
            out += [f'=== "{kind}: {name}"', "", "    ```yaml"] + [f"    {l}" if l else "" for l in text.rstrip().split("\n")] + ["    ```", ""]
    return "\n".join(out)


def rules_index(rules) -> str:
    out = ["# Review rules", "", "`advisor review` runs these checks on your CloudFormation and SAM templates, in-process "
           "with cfn-lint, and tells you which catalog patterns your template contains.", "",
           '<div class="sortable" markdown>', "", "| Rule | Id | Severity | Title |", "|---|---|---|---|"]
    out += [f"| [{r.name}]({r.name}.md) | {r.id} | {r.severity} | {cell(r.title)} |" for r in rules]
    out += ["", "</div>", ""]
    return "\n".join(out)


def generate() -> dict[str, str]:
    from advisor.review.registry import all_rules

    rules = all_rules()
    pages = {"rules/index.md": rules_index(rules)}
    pages.update({f"rules/{r.name}.md": rule_page(r) for r in rules})
    return pages
