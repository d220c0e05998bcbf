"""`advisor mcp`: serve the catalog, advisor, review, cost and scaffold plan to coding assistants
over the Model Context Protocol (stdio). The server itself lives in advisor/mcp/."""

from __future__ import annotations

import sys


def add_arguments(name: str, parser) -> None:
    parser.epilog = "Register it with an MCP client as the command `advisor mcp` (see README: 'advisor mcp')."


def run(name: str, args) -> int:
    from advisor.catalog.load import catalog_dirs, pattern_folders

    pattern_folders(catalog_dirs(args.catalog))  # a missing --catalog folder fails here, before any client connects
    if sys.stdin.isatty():
        print("advisor mcp: serving the Model Context Protocol on stdin/stdout for an assistant to start; "
              "see README 'advisor mcp' to register it (Ctrl-D stops it)", file=sys.stderr)
    from advisor.mcp.server import serve

    serve(args.catalog)
    return 0
