"""`advisor prices update [--offers DIR]`: refresh the price lists from the AWS Price List."""

from __future__ import annotations


def add_arguments(name: str, parser) -> None:
    parser.add_argument("action", choices=["update"], help="update: re-read prices from AWS Price List offer files")
    parser.add_argument("--offers", metavar="DIR", help="folder of already downloaded us-east-1 offer files named "
                        "<offerCode>.json (default: download them from the public AWS Price List, no credentials needed)")
    parser.add_argument("--prices-dir", metavar="DIR", help="price lists to rewrite (default: the bundled advisor/cost/prices)")
    parser.add_argument("--dry-run", action="store_true", help="report the changes without writing anything")


def run(name: str, args) -> int:
    from pathlib import Path

    from advisor.cost.pricing import PRICING_DIR
    from advisor.cost.update import update
    from advisor.errors import UsageError

    offers_dir = Path(args.offers) if args.offers else None
    if offers_dir is not None and not offers_dir.is_dir():
        raise UsageError(f"--offers: {args.offers} is not a folder")
    prices_dir = Path(args.prices_dir) if args.prices_dir else PRICING_DIR
    if not prices_dir.is_dir():
        raise UsageError(f"--prices-dir: {args.prices_dir} is not a folder")
    report = update(offers_dir, prices_dir, write=not args.dry_run)
    for line in report.changes:
        print(f"changed: {line}")
    for problem in report.problems:
        print(f"not found: {problem}")
    if report.missing_offers:
        print(f"skipped, no offer file in {args.offers}: {', '.join(sorted(report.missing_offers))}")
    print(f"{len(report.changes)} changed, {len(report.unchanged)} unchanged, {len(report.problems)} not found"
          + (" (dry run: nothing written)" if args.dry_run else f"; rewrote {len(report.written)} price list(s)"))
    return 0
