"""The `advisor` command: argument parsing and the one place where errors become exit codes.

Exit codes: 0 ok; 1 findings or invalid data; 2 usage (bad arguments, unknown ids or values);
130 interrupted. Subcommands live in advisor/cli/commands/ and import their heavy dependencies lazily,
so that `advisor list` does not pay for cfn-lint or moto.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from advisor.errors import AdvisorError

# subcommand -> module in advisor.cli.commands that defines add_arguments(parser) and run(args)
COMMANDS = {
    "list": ("catalog_cmds", "list the patterns in the catalog"),
    "show": ("catalog_cmds", "show one pattern"),
    "search": ("advise_cmds", "find patterns by words in their names, tags, services and trade-offs"),
    "compare": ("advise_cmds", "compare patterns side by side: traits, limits, pros and cons"),
    "recommend": ("advise_cmds", "rank the patterns that meet your requirements; explain every one ruled out"),
    "cost": ("cost_cmd", "monthly cost of a service or a pattern at your volume, line by line, with each price's provenance"),
    "prices": ("prices_cmd", "refresh the price lists from the AWS Price List offer files and report what changed"),
    "ask": ("ask_cmd", "answer questions interactively and get a recommendation"),
    "init": ("init_cmd", "copy a validated pattern into a new project with your names applied"),
    "site": ("site_cmd", "build or serve the docs site generated from the catalog"),
    "validate": ("validate_cmd", "prove every pattern: schema, consistency, cfn-lint, moto deploy, end-to-end run"),
    "review": ("review_cmd", "review your own CloudFormation/SAM templates: pattern detection and checks"),
    "mcp": ("mcp_cmd", "serve the catalog, advisor, review and cost to coding assistants (MCP over stdio)"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, as for every usage error
        self.exit(2, f"advisor: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="advisor", description="Serverless architecture patterns for AWS: verified catalog and advisor.")
    parser.add_argument("--catalog", action="append", metavar="DIR", default=[],
                        help="add a folder of team patterns (repeatable; also PATTERN_ADVISOR_CATALOG)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, (module, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        importlib.import_module(f"advisor.cli.commands.{module}").add_arguments(name, cmd)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    module = importlib.import_module(f"advisor.cli.commands.{COMMANDS[args.command][0]}")
    try:
        return module.run(args.command, args)
    except AdvisorError as exc:
        print(f"advisor: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("advisor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
