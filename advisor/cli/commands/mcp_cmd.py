"""`advisor mcp`: serve the catalog, advisor, review, cost and scaffold plan to coding assistants
over the Model Context Protocol (stdio). The server itself lives in advisor/mcp/."""

from __future__ import annotations


def add_arguments(name: str, parser) -> None:
    parser.epilog = "Register it with an MCP client as the command `advisor mcp` (see README: 'advisor mcp')."


def run(name: str, args) -> int:
    from advisor.catalog.cached import load_cached
    from advisor.cli.commands import warn_skipped

    warn_skipped(load_cached(args.catalog).errors)  # a bad --catalog fails here, before any client connects
    from advisor.mcp.server import serve

    serve(args.catalog)
    return 0
