"""`advisor init PATTERN DIR`: copy a validated pattern into a new project."""

from __future__ import annotations

import sys


def add_arguments(name: str, parser) -> None:
    parser.add_argument("pattern", nargs="?", help="pattern id, e.g. sqs-queue-lambda")
    parser.add_argument("dir", nargs="?", help="directory of the new project")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="a template parameter (repeatable); checked against the template's bounds. "
                             "Secret parameters are checked, never written: the deploy step reads them")
    parser.add_argument("--dry-run", action="store_true", help="list what would be written; write nothing")
    parser.add_argument("--force", action="store_true", help="update a project created by advisor init (never overwrites files you changed)")
    parser.add_argument("--list", action="store_true", help="list the patterns and their parameters (secret defaults masked)")


def _ask_missing(params):
    import questionary

    values = {}
    for p in params:
        answer = questionary.text(f"{p.name} ({p.description or 'required'}):",
                                  validate=lambda text, p=p: (p.check(text) or True) if text else "required").ask()
        if answer is None:
            raise KeyboardInterrupt
        values[p.name] = answer
    return values


def _listed(p) -> str:
    text = p.name + ("*" if p.required else "")
    if p.secret:
        return text + "=(secret)"
    return text + (f"={p.default}" if p.default is not None else "")


def run(name: str, args) -> int:
    from advisor.catalog.cached import load_cached
    from advisor.errors import UsageError
    from advisor.options import key_values
    from advisor.scaffold.project import parameters, plan_init, write_plan
    from advisor.scaffold.review_rules import FOLDER as RULES_FOLDER

    catalog = load_cached(args.catalog)
    if args.list:
        for pattern in catalog.query():
            print(f"{pattern.id}\t{', '.join(_listed(p) for p in parameters(pattern))}")
        print("(* = required; (secret) = never written to a file, supplied at deploy)")
        return 0
    if not args.pattern or not args.dir:
        raise UsageError("init: name a pattern and a directory, e.g. advisor init sqs-queue-lambda my-service (or --list)")
    pattern = catalog.get(args.pattern)
    given = key_values(args.param, "--param", "NAME=VALUE")
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    plan = plan_init(pattern, args.dir, given, force=args.force, interactive_ask=_ask_missing if interactive else None)
    if not args.dry_run:
        write_plan(plan)
    root = plan.display_root.rstrip("/")
    verbs = {"create": "would write" if args.dry_run else "wrote", "update": "would update" if args.dry_run else "updated",
             "unchanged": "unchanged"}
    folded: dict[str, int] = {}
    for item in plan.files:
        # The copied review rules are one thing to a user: one line per action, not twenty.
        if item.path.startswith(f"{RULES_FOLDER}/"):
            folded[item.action] = folded.get(item.action, 0) + 1
            continue
        print(f"{verbs[item.action]} {root}/{item.path}")
    for action, count in folded.items():
        print(f"{verbs[action]} {root}/{RULES_FOLDER}/ ({count} files: the review rules for cfn-lint --append-rules)")
    for secret in plan.secrets:
        note = "checked, not written" if secret in given else "not set"
        print(f"secret {secret}: {note}; the deploy step in README.md reads it from the environment")
    if not args.dry_run:
        print(f"\nNext: cd {root} && see README.md (install, test, deploy)")
    return 0
