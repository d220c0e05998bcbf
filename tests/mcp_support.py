"""Drive `advisor mcp` as an assistant would: the installed command started as a subprocess, spoken
to with the MCP SDK's own client (stdio_client + ClientSession), from synchronous tests."""

from __future__ import annotations

import os
import sys
from contextlib import ExitStack
from pathlib import Path


def server_command(*args: str) -> tuple[str, list[str]]:
    """The installed `advisor` script beside this interpreter (as users start it), else `python -m advisor.cli`."""
    script = Path(sys.executable).parent / "advisor"
    if script.is_file():
        return str(script), [*args, "mcp"]
    return sys.executable, ["-m", "advisor.cli", *args, "mcp"]


class McpServer:
    """One running server and an initialized client session, with blocking calls."""

    def __init__(self, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
        from anyio.from_thread import start_blocking_portal
        from mcp import ClientSession, StdioServerParameters, stdio_client

        command, argv = server_command(*args)
        # the SDK passes a minimal environment on; the tests' private cache must reach the server
        environment = {"XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"], **(env or {})}
        self.cwd = cwd
        params = StdioServerParameters(command=command, args=argv, env=environment, cwd=cwd)
        self._stack = ExitStack()
        self.stderr = self._stack.enter_context(open(os.devnull if cwd is None else cwd / "server-stderr.txt", "w+"))
        self.portal = self._stack.enter_context(start_blocking_portal())
        read, write = self._stack.enter_context(self.portal.wrap_async_context_manager(stdio_client(params, errlog=self.stderr)))
        self.session = self._stack.enter_context(self.portal.wrap_async_context_manager(ClientSession(read, write)))
        self.initialized = self.portal.call(self.session.initialize)

    def call(self, tool: str, arguments: dict | None = None):
        return self.portal.call(self.session.call_tool, tool, arguments)

    def list_tools(self):
        return self.portal.call(self.session.list_tools).tools

    def list_resources(self):
        return self.portal.call(self.session.list_resources).resources

    def list_resource_templates(self):
        return self.portal.call(self.session.list_resource_templates).resource_templates

    def read(self, uri: str):
        return self.portal.call(self.session.read_resource, uri)

    def close(self) -> None:
        self._stack.close()


def error_text(result) -> str:
    """The one-line message of a tool error."""
    assert result.is_error, f"expected a tool error, got {result.content[0].text[:200]!r}"
    return result.content[0].text


def answer(result):
    """The structured answer of a successful call."""
    assert not result.is_error, result.content[0].text
    return result.structured_content
