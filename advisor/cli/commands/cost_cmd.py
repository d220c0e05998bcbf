"""`advisor cost --service S --set k=v ...`: what one service costs per month at list prices."""

from __future__ import annotations

import json


def add_arguments(name: str, parser) -> None:
    parser.add_argument("--service", required=True, help="calculator id: " + "lambda, stepfunctions, apigateway")
    parser.add_argument("--set", action="append", default=[], metavar="INPUT=VALUE", help="an input, e.g. requests=3000000 (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(name: str, args) -> int:
    from advisor.cost.services import cost_of_service
    from advisor.options import key_values

    result = cost_of_service(args.service, key_values(args.set, "--set", "INPUT=VALUE"))
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    from advisor import humanize as fmt

    print(f"{result['service']}: {fmt.money(result['monthly_usd'])} per month (us-east-1 list prices as of {result['prices_as_of']}"
          f"{', free tier applied' if result['free_tier'] else ''})")
    for line in result["lines"]:
        print(f"  {line['meter']}: {fmt.number(line['quantity'])} x {fmt.money(line['unit_price_usd'], cents=False)}"
              f" ({line['unit']}) = {fmt.money(line['usd'])}")
    print("sources: " + ", ".join(result["sources"]))
    return 0
