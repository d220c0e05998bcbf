"""`advisor ask`: the interactive questionnaire."""

from __future__ import annotations

import sys


def add_arguments(name: str, parser) -> None:
    parser.add_argument("--save", metavar="FILE", help="save the answers to this YAML file without asking")


def run(name: str, args) -> int:
    from advisor.errors import UsageError

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("ask needs a terminal; in scripts use 'advisor recommend --require KEY=VALUE' or '--answers FILE'")
    from advisor.cli.questionnaire import run_questionnaire

    return run_questionnaire(args.catalog, save_to=args.save)
