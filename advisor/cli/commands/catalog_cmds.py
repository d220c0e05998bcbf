"""`advisor list` and `advisor show`."""

from __future__ import annotations

import json


def add_arguments(name: str, parser) -> None:
    if name == "list":
        parser.add_argument("--service", help="only patterns using this service id (e.g. sqs)")
        parser.add_argument("--category", help="only patterns in this category")
        parser.add_argument("--workload", help="only patterns for this workload")
        parser.add_argument("--json", action="store_true", help="print JSON")
    else:
        parser.add_argument("id", help="pattern id, e.g. sqs-queue-lambda")
        parser.add_argument("--json", action="store_true", help="print the pattern's data as JSON")


def run(name: str, args) -> int:
    from advisor.catalog.cached import load_cached
    from advisor.catalog.load import check_filter
    from advisor.cli.commands import warn_skipped

    catalog = load_cached(args.catalog)
    warn_skipped(catalog.errors)
    if name == "show":
        pattern = catalog.get(args.id)
        if args.json:
            print(json.dumps(pattern.to_json(), indent=2))
        else:
            from advisor.cli.render import show_pattern
            show_pattern(pattern)
        return 0
    for key in ("service", "category", "workload"):
        check_filter(key, getattr(args, key), f"--{key}")
    patterns = catalog.query(args.service, args.category, args.workload)
    if args.json:
        print(json.dumps([p.listing() for p in patterns], indent=2))
        return 0
    from advisor.cli.render import pattern_table
    pattern_table(patterns)
    return 0
