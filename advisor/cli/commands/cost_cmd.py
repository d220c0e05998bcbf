"""`advisor cost`: one service (`--service S`), one pattern (`PATTERN`), or two patterns over a
range of volumes (`--compare A B`), at us-east-1 list prices, line by line, with provenance."""

from __future__ import annotations

import json


def add_arguments(name: str, parser) -> None:
    parser.add_argument("pattern", nargs="?", metavar="PATTERN", help="pattern id, e.g. sqs-queue-lambda")
    parser.add_argument("--service", help="a service calculator: lambda, sqs, sns, kinesis, apigateway, dynamodb, "
                        "eventbridge, scheduler, stepfunctions, s3, cloudfront, cloudwatch, fargate")
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"), help="two pattern ids: cost versus volume and break-even")
    parser.add_argument("--range", metavar="LOW..HIGH", help="volumes for --compare in events per month (default 1e5..1e11)")
    parser.add_argument("--set", action="append", default=[], metavar="INPUT=VALUE",
                        help="an input, e.g. requests=3000000 or events_per_month=5e7 (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(name: str, args) -> int:
    from advisor.errors import UsageError
    from advisor.options import key_values

    chosen = [flag for flag, value in (("PATTERN", args.pattern), ("--service", args.service), ("--compare", args.compare)) if value]
    if len(chosen) != 1:
        raise UsageError("cost: give exactly one of PATTERN, --service S or --compare A B" +
                         (f" (got {' and '.join(chosen)})" if chosen else ""))
    if args.range and not args.compare:
        raise UsageError("--range applies only to --compare")
    given = key_values(args.set, "--set", "INPUT=VALUE")
    if args.compare:
        if given:
            raise UsageError("--set does not apply to --compare (each pattern uses its own defaults)")
        return _compare(args)
    if args.service:
        from advisor.cost.calculators import cost_of_service
        from advisor.cli.cost_render import print_service

        result = cost_of_service(args.service, given)
        print(json.dumps(result, indent=2)) if args.json else print_service(result)
        return 0
    return _pattern(args, given)


def _pattern(args, given: dict) -> int:
    from advisor.catalog.cached import load_cached
    from advisor.cli.cost_render import print_pattern
    from advisor.cost.patterns import pattern_report

    result = pattern_report(load_cached(args.catalog).get(args.pattern), given)
    print(json.dumps(result, indent=2)) if args.json else print_pattern(result)
    return 0


def _compare(args) -> int:
    from advisor.catalog.cached import load_cached
    from advisor.cli.cost_render import print_compare
    from advisor.cost.compare import DEFAULT_RANGE, compare, parse_range
    from advisor.cost.patterns import cost_section
    from advisor.errors import UsageError

    a, b = args.compare
    if a == b:
        raise UsageError(f"--compare: give two different patterns (got {a} twice)")
    low, high = parse_range(args.range) if args.range else DEFAULT_RANGE
    catalog = load_cached(args.catalog)
    result = compare({a: cost_section(catalog.get(a)), b: cost_section(catalog.get(b))}, low, high)
    print(json.dumps(result, indent=2)) if args.json else print_compare(result)
    return 0
