"""`advisor validate [PATTERN...]`."""

from __future__ import annotations

import sys


def add_arguments(name: str, parser) -> None:
    parser.add_argument("ids", nargs="*", metavar="PATTERN", help="pattern ids (default: every pattern)")
    parser.add_argument("--verbose", "-v", action="store_true", help="also list every resource's deploy status")


def run(name: str, args) -> int:
    from advisor.cli.render import ValidateProgress, validate_summary
    from advisor.verify.pipeline import validate

    progress = ValidateProgress(sys.stderr)
    with progress:
        report = validate(args.ids or None, args.catalog, progress.update)
    validate_summary(report, verbose=args.verbose)
    for problem in report.problems:
        print(problem)
    return 0 if report.ok else 1
