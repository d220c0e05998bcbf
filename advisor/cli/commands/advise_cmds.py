"""`advisor recommend`, `advisor search` and `advisor compare`."""

from __future__ import annotations

import json
import sys


def add_arguments(name: str, parser) -> None:
    if name == "recommend":
        parser.add_argument("--require", action="append", default=[], metavar="KEY=VALUE",
                            help="a requirement, e.g. ordering=per-key (repeatable; lists comma-separated)")
        parser.add_argument("--answers", metavar="FILE", help="a YAML mapping of requirements, as saved by 'advisor ask'")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
    elif name == "search":
        parser.add_argument("text", nargs="+", help="words to look for in names, tags, services, workloads, summaries "
                                                   "and trade-offs (whole words; synonyms such as nightly or SPA work)")
        parser.add_argument("--json", action="store_true", help="print the ranked hits as JSON")
    else:
        parser.add_argument("ids", nargs="+", metavar="ID", help="two or more pattern ids")
        parser.add_argument("--json", action="store_true", help="print the comparison as JSON")


def load_requirements(args) -> dict:
    from advisor.errors import DataError, UsageError
    from advisor.advise.rules import load_rules, parse_mapping, parse_pairs

    rules = load_rules()
    requirements = {}
    if args.answers:
        from advisor.catalog.safe_yaml import load_file  # only answer files need the YAML parser

        try:
            doc = load_file(args.answers)
        except DataError as exc:
            raise UsageError(str(exc)) from None
        requirements.update(parse_mapping(doc.data, rules, args.answers, doc))
    requirements.update(parse_pairs(args.require, rules))
    return requirements


def run(name: str, args) -> int:
    from advisor.catalog.cached import load_cached, load_cached_index
    from advisor.cli.commands import warn_skipped

    if name == "recommend":
        from advisor.advise.engine import recommend

        requirements = load_requirements(args)
        if "monthly_events" in requirements or "monthly_budget_usd" in requirements:
            catalog = load_cached(args.catalog)  # the cost step prices patterns from their full data
            warn_skipped(catalog.errors)
            result = recommend(requirements, catalog.index, pattern_data=lambda pid: catalog.get(pid).data)
        else:
            index, errors = load_cached_index(args.catalog)
            warn_skipped(errors)
            result = recommend(requirements, index)
        if args.json:
            json.dump(result.to_json(), sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            from advisor.cli.render import recommendation
            recommendation(result)
        return 0
    catalog = load_cached(args.catalog)
    warn_skipped(catalog.errors)
    if name == "search":
        from advisor.catalog.search import search_patterns, search_result

        query = " ".join(args.text)
        hits = search_patterns(catalog, query)
        if args.json:
            print(json.dumps(search_result(catalog, query, hits), indent=2))
            return 0 if hits else 1
        if not hits:
            print(f'no pattern matches "{query}"', file=sys.stderr)
            return 1
        from advisor.cli.render import search_hits
        search_hits(hits, query)
        return 0
    from advisor.catalog.compare import compare_patterns

    comparison = compare_patterns(catalog, args.ids)
    if args.json:
        print(json.dumps(comparison, indent=2))
        return 0
    from advisor.cli.render import compare
    compare(comparison)
    return 0
