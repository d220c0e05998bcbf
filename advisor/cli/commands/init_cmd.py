"""`advisor init PATTERN DIR`: copy a validated pattern into a new project."""

from __future__ import annotations

import sys
from pathlib import Path


def add_arguments(name: str, parser) -> None:
    parser.add_argument("pattern", nargs="?", help="pattern id, e.g. sqs-queue-lambda")
    parser.add_argument("dir", nargs="?", help="directory of the new project")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a template parameter (repeatable)")
    parser.add_argument("--dry-run", action="store_true", help="list what would be written; write nothing")
    parser.add_argument("--force", action="store_true", help="update a project created by advisor init (never overwrites files you changed)")
    parser.add_argument("--list", action="store_true", help="list the patterns and their parameters")


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


def run(name: str, args) -> int:
    from advisor.catalog.cached import load_cached
    from advisor.errors import UsageError
    from advisor.scaffold.project import parameters, plan_project, resolve_params, write_project

    catalog = load_cached(args.catalog)
    if args.list:
        for pattern in catalog.query():
            params = ", ".join(f"{p.name}{'*' if p.required else ''}" + (f"={p.default}" if p.default is not None else "")
                               for p in parameters(pattern))
            print(f"{pattern.id}\t{params}")
        print("(* = required)")
        return 0
    if not args.pattern or not args.dir:
        raise UsageError("init: name a pattern and a directory, e.g. advisor init sqs-queue-lambda my-service (or --list)")
    pattern = catalog.get(args.pattern)
    from advisor.options import key_values

    given = key_values(args.param, "--param", "NAME=VALUE")
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    values = resolve_params(pattern, given, _ask_missing if interactive else None)
    files = plan_project(pattern, values)
    outcome = write_project(files, Path(args.dir), force=args.force, dry_run=args.dry_run)
    verb = "would write" if args.dry_run else "wrote"
    for rel in outcome.written:
        print(f"{verb} {args.dir.rstrip('/')}/{rel}")
    for rel in outcome.unchanged:
        print(f"unchanged {args.dir.rstrip('/')}/{rel}")
    if not args.dry_run:
        print(f"\nNext: cd {args.dir} && sam build && sam deploy --guided")
    return 0
