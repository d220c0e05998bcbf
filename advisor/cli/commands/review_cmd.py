"""`advisor review FILE...`: pattern detection and checks on your own templates."""

from __future__ import annotations

import sys

FAIL_LEVELS = ("info", "warning", "error")


def add_arguments(name: str, parser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE", help="CloudFormation or SAM templates (YAML or JSON)")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="output format (default: text)")
    parser.add_argument("--fail-on", choices=FAIL_LEVELS, default="warning",
                        help="exit 1 when a finding has at least this severity (default: warning)")
    parser.add_argument("--list-rules", action="store_true", help="list the review rules and exit")
    parser.add_argument("--json", action="store_true", help="with --list-rules: print JSON")
    parser.add_argument("--skip-non-templates", action="store_true",
                        help="skip files without a Resources section with a note instead of an error "
                             "(for pre-commit hooks that pass every YAML and JSON file)")
    parser.add_argument("--config", metavar="FILE",
                        help="project suppressions (default: .pattern-advisor.yaml in the current directory, if present)")


def run(name: str, args) -> int:
    from advisor.errors import UsageError
    from advisor.review import output

    if args.list_rules:
        print(output.rules_table(args.json))
        return 0
    if args.json:
        raise UsageError("--json only applies to --list-rules; use --format json for review results")
    if not args.files:
        raise UsageError("review: name at least one template FILE (or use --list-rules)")
    from advisor.review import engine, suppress
    from advisor.review.patterns import catalog_topologies

    project = suppress.load_config(args.config)
    reviews = engine.review(args.files, catalog_topologies(args.catalog), project, args.skip_non_templates)
    render = {"text": output.text, "json": output.as_json, "sarif": output.sarif}[args.format]
    print(render(reviews))
    if args.format != "text":  # the text report already lists each error; print it once
        for review in reviews:
            for error in review.errors:
                print(f"advisor: error: {error}", file=sys.stderr)
    if any(review.errors for review in reviews):
        return 2
    worst = engine.worst(reviews)
    return 1 if worst and engine.SEVERITY_ORDER[worst] >= engine.SEVERITY_ORDER[args.fail_on] else 0
