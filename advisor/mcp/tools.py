"""The tools: each takes the arguments an assistant sends and returns the JSON that the matching
CLI command prints with --json, plus a short summary. Bad input raises the CLI's one-line error."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from advisor.catalog.schema import json_type
from advisor.errors import UsageError
from advisor.mcp import adapters
from advisor.mcp.schemas import FAIL_LEVELS


@dataclass
class Answer:
    data: object  # what the CLI prints with --json
    summary: str
    errors: list[str] = field(default_factory=list)  # one line each: the answer is an error that still carries data


@dataclass
class Context:
    """What every call needs: the catalog folders the server was started with (plus PATTERN_ADVISOR_CATALOG)."""

    catalog_dirs: list[str]
    warnings: list[str] = field(default_factory=list)

    def catalog(self):
        from advisor.catalog.cached import load_cached

        catalog = load_cached(self.catalog_dirs)
        self.warnings = [f"warning: {e} (pattern skipped; run 'advisor validate')" for e in catalog.errors]
        return catalog


_TYPES = {"string": str, "array": list, "object": dict}


def check_arguments(tool: str, schema: dict, args: dict) -> None:
    """Unknown, missing and mistyped arguments; allowed values are checked where the CLI checks them."""
    allowed = schema["properties"]
    unknown = sorted(set(args) - set(allowed))
    if unknown:
        raise UsageError(f'{tool}: unknown argument "{unknown[0]}"; allowed: {", ".join(allowed) or "none"}')
    for name in schema.get("required", []):
        if name not in args:
            raise UsageError(f'{tool}: missing argument "{name}"')
    for name, value in args.items():
        expected = allowed[name].get("type")
        if expected in _TYPES and not isinstance(value, _TYPES[expected]):
            raise UsageError(f"{tool}: {name}: expected {'an' if expected[0] in 'ao' else 'a'} {expected}, got {json_type(value)}")


def _names(items: list[str], limit: int = 8) -> str:
    return ", ".join(items[:limit]) + (f" and {len(items) - limit} more" if len(items) > limit else "")


def list_patterns(ctx: Context, args: dict) -> Answer:
    from advisor.catalog.load import check_filter

    for key in ("service", "category", "workload"):
        check_filter(key, args.get(key), key)
    patterns = ctx.catalog().query(args.get("service"), args.get("category"), args.get("workload"))
    filters = ", ".join(f"{k}={args[k]}" for k in ("service", "category", "workload") if k in args)
    summary = f"{len(patterns)} pattern(s)" + (f" with {filters}" if filters else "") + (": " + ", ".join(p.id for p in patterns) if patterns else "")
    return Answer({"patterns": [p.listing() for p in patterns]}, summary)


def show_pattern(ctx: Context, args: dict) -> Answer:
    pattern = ctx.catalog().get(args["id"])
    d = pattern.data
    return Answer(pattern.to_json(), f"{pattern.id}: {pattern.name} ({d['category']}; services: {', '.join(d['services'])}). "
                                     f"Full page: resource pattern://{pattern.id}; template: pattern://{pattern.id}/template.yaml")


def search_patterns(ctx: Context, args: dict) -> Answer:
    text = args["text"]
    result = adapters.search_patterns(ctx.catalog(), text)
    ids = [h["id"] for h in result["hits"]]
    summary = f'{len(ids)} pattern(s) match "{text}", best first: {_names(ids)}' if ids else f'no pattern matches "{text}"'
    return Answer(result, summary)


def compare_patterns(ctx: Context, args: dict) -> Answer:
    if not all(isinstance(i, str) for i in args["ids"]):
        raise UsageError("compare_patterns: ids: expected a list of pattern ids (strings)")
    table = adapters.compare_patterns(ctx.catalog(), args["ids"])
    patterns = table["patterns"]
    differ = [k for k in table["trait_keys"] if len({repr(p["traits"].get(k, {}).get("value")) for p in patterns}) > 1]
    summary = f"compared {', '.join(p['id'] for p in patterns)}; traits that differ: {', '.join(differ) or 'none'}"
    return Answer(table, summary)


def recommend(ctx: Context, args: dict) -> Answer:
    from advisor.advise.engine import recommend as run
    from advisor.advise.rules import load_rules, parse_mapping
    from advisor.catalog.cached import load_cached_index

    requirements = parse_mapping(args.get("requirements") or {}, load_rules(), "requirements")
    index, errors = load_cached_index(ctx.catalog_dirs)
    ctx.warnings = [f"warning: {e} (pattern skipped; run 'advisor validate')" for e in errors]
    result = run(requirements, index).to_json()
    fits = [f"{r['id']} (score {r['score']})" for r in result["recommended"]]
    summary = ("Recommended, best first: " + ", ".join(fits) if fits else "Nothing in the catalog meets every requirement") + \
              f"; ruled out: {len(result['ruled_out'])} pattern(s), each with its reasons"
    if result["conflicts"]:
        summary += "; conflicts: " + " ".join(result["conflicts"])
    return Answer(result, summary)


def review_template(ctx: Context, args: dict) -> Answer:
    fail_on = args.get("fail_on", "warning")
    if fail_on not in FAIL_LEVELS:
        raise UsageError(f'fail_on: invalid choice "{fail_on}"; allowed: {", ".join(FAIL_LEVELS)}')
    filename = args.get("filename") or "template.yaml"
    if "\n" in filename or len(filename) > 255:
        raise UsageError("filename: expected a file name on one line, at most 255 characters")
    data, summary, errors = adapters.review_template(args["template"], filename, ctx.catalog_dirs, fail_on)
    return Answer(data, summary, errors)


def estimate_cost(ctx: Context, args: dict) -> Answer:
    inputs = args.get("inputs") or {}
    if ("service" in args) == ("pattern" in args):
        raise UsageError("estimate_cost: give either service or pattern")
    if "pattern" in args:
        result = adapters.estimate_pattern_cost(ctx.catalog(), args["pattern"], inputs)
        incomplete = "" if result["complete"] else f"; incomplete: {len(result['unpriced'])} meter(s) have no verified price"
        return Answer(result, f"{args['pattern']}: ${result['monthly_usd']:,.2f} per month at {result['monthly_events']:,.0f} "
                              f"events (prices {result['verification'] or 'none verified'}){incomplete}; dominant line: "
                              f"{result['dominant']}")
    result = adapters.estimate_service_cost(args["service"], inputs)
    return Answer(result, f"{result['service']}: ${result['monthly_usd']:,.2f} per month (us-east-1 list prices as of "
                          f"{result['prices_as_of']}{', free tier applied' if result['free_tier'] else ''}); "
                          f"{len(result['lines'])} charge line(s), sources cited")


def scaffold_plan(ctx: Context, args: dict) -> Answer:
    given = {}
    for name, value in (args.get("parameters") or {}).items():
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise UsageError(f"parameters: {name}: expected a string or a number, got {json_type(value)}")
        given[name] = str(value)
    plan = adapters.scaffold_plan(ctx.catalog().get(args["pattern"]), given)
    summary = (f"advisor init {plan['pattern']} DIR would write {len(plan['files'])} files: "
               f"{_names([f['path'] for f in plan['files']], 12)}. Dry run: nothing was written; run advisor init to write them.")
    return Answer(plan, summary)


@dataclass(frozen=True)
class Tool:
    name: str
    title: str
    description: str
    run: Callable[[Context, dict], Answer]


TOOLS = [
    Tool("list_patterns", "List patterns",
         "The catalog's verified AWS serverless patterns, optionally filtered by service, category or workload "
         "(as `advisor list --json`, under patterns).", list_patterns),
    Tool("show_pattern", "Show a pattern",
         "One pattern's full data: traits with their reasons, limits with AWS sources and as-of dates, trade-offs, "
         "alarms, IAM scope, topology (as `advisor show ID --json`).", show_pattern),
    Tool("search_patterns", "Search patterns",
         "Patterns whose names, tags, services, summaries or trade-offs contain every word, best first "
         "(as `advisor search TEXT --json`).", search_patterns),
    Tool("compare_patterns", "Compare patterns",
         "Two or more patterns side by side: traits, moving parts, sourced limits, pros and cons "
         "(as `advisor compare ID ID --json`).", compare_patterns),
    Tool("recommend", "Recommend a pattern",
         "Rank the patterns that meet the requirements, with why each fits and its trade-offs; every other pattern "
         "ruled out with each reason; conflicts when nothing fits (as `advisor recommend --json`). "
         "Omit a requirement for no preference.", recommend),
    Tool("review_template", "Review a template",
         "Review CloudFormation/SAM template text: which catalog patterns it contains and which resource plays which "
         "role, plus cfn-lint with the advisor's architecture rules (as `advisor review --format json`). "
         "Send the text itself; the server never reads a path.", review_template),
    Tool("estimate_cost", "Estimate monthly cost",
         "Monthly cost at us-east-1 list prices, one line per meter and price tier, with sources and as-of dates "
         "(as `advisor cost --service S --json`), or a pattern's monthly cost at your volume (as `advisor cost PATTERN --json`). "
         "Every price carries its verification level (aws-offer-file, aws-page or cross-checked); meters without a verified "
         "price are listed apart and make the total incomplete.",
         estimate_cost),
    Tool("scaffold_plan", "Plan a project (dry run)",
         "The files `advisor init PATTERN DIR` would write with these parameters, as a dry run; nothing is written "
         "(writing stays a CLI action). Secret-looking parameter values are masked.", scaffold_plan),
]


def call(tool: Tool, schema: dict, ctx: Context, args: dict | None) -> Answer:
    """Run one tool; AdvisorError escapes with its one-line message."""
    args = dict(args or {})
    check_arguments(tool.name, schema, args)
    return tool.run(ctx, args)
