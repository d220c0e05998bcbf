"""Fixtures for the MCP server tests: a shared server per module, and servers started per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcp_support import McpServer


@pytest.fixture(scope="module")
def mcp_server(private_cache, tmp_path_factory):
    """A server on the bundled catalog, shared by a module's tests (it keeps serving after errors)."""
    server = McpServer(cwd=tmp_path_factory.mktemp("mcp-cwd"))
    yield server
    server.close()


@pytest.fixture
def start_server():
    """Start servers with other arguments or environment; each is closed after the test."""
    started = []

    def start(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> McpServer:
        started.append(McpServer(*args, env=env, cwd=cwd))
        return started[-1]

    yield start
    for server in started:
        server.close()
