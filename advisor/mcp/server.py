"""The stdio MCP server: the official SDK's low-level Server, with tools, resources and their
schemas built from the project's data at start-up. Each call runs in a worker thread, one at a
time, so the server keeps answering (pings, cancellations) while a review runs; any error in a
call becomes that call's error and the server goes on serving."""

from __future__ import annotations

import json
import logging
import sys

import anyio
import mcp.types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from mcp.shared.exceptions import MCPError

from advisor.errors import AdvisorError
from advisor.mcp import resources
from advisor.mcp.schemas import input_schemas
from advisor.mcp.tools import TOOLS, Answer, Context, call

INSTRUCTIONS = (
    "Pattern Advisor: a catalog of verified AWS serverless patterns (each with sourced limits, honest trade-offs "
    "and a SAM template proven to lint, deploy and carry alarms) and an advisor over it. Use recommend with the "
    "user's requirements to choose a pattern (it explains every pattern it rules out), show_pattern or the "
    "pattern://ID resource for details, pattern://ID/template.yaml to quote the verified template instead of "
    "writing one, review_template on any template you write, estimate_cost for list-price costs, and "
    "scaffold_plan to see what `advisor init` would create."
)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pattern-advisor")
    except PackageNotFoundError:
        return "0"


def _result(answer: Answer) -> types.CallToolResult:
    summary = answer.summary
    content = [types.TextContent(text=summary), types.TextContent(text=json.dumps(answer.data, indent=2))]
    if answer.errors:
        return types.CallToolResult(content=[types.TextContent(text="\n".join(answer.errors))] + content,
                                    structured_content=answer.data, is_error=True)
    return types.CallToolResult(content=content, structured_content=answer.data)


def _error(message: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(text=message)], is_error=True)


def build_server(catalog_dirs: list[str]):
    """(server, warm_up): the SDK server with its handlers, and a coroutine that preloads what calls need."""
    schemas = input_schemas()
    by_name = {tool.name: tool for tool in TOOLS}
    listed = [types.Tool(name=t.name, title=t.title, description=t.description, input_schema=schemas[t.name],
                         annotations=types.ToolAnnotations(read_only_hint=True, open_world_hint=False))
              for t in TOOLS]
    one_at_a_time = anyio.CapacityLimiter(1)  # the catalog cache and cfn-lint are not shared between threads

    def catalog():
        from advisor.catalog.cached import load_cached

        return load_cached(catalog_dirs)

    async def in_worker(function, *args):
        return await anyio.to_thread.run_sync(function, *args, limiter=one_at_a_time)

    async def list_tools(ctx, params) -> types.ListToolsResult:
        return types.ListToolsResult(tools=listed)

    async def call_tool(ctx, params: types.CallToolRequestParams) -> types.CallToolResult:
        tool = by_name.get(params.name)
        if tool is None:
            return _error(f'unknown tool "{params.name}"; tools: {", ".join(by_name)}')
        context = Context(catalog_dirs)
        try:
            answer = await in_worker(call, tool, schemas[tool.name], context, params.arguments)
        except AdvisorError as exc:
            return _error(str(exc))
        except Exception as exc:  # a defect, not the user's input: say so, keep serving
            logging.getLogger("advisor.mcp").exception("tool %s failed", tool.name)
            return _error(f"internal error in {tool.name} ({type(exc).__name__}: {exc}); please report it")
        if context.warnings:
            answer.summary += "\n" + "\n".join(context.warnings)
        return _result(answer)

    async def list_resources(ctx, params) -> types.ListResourcesResult:
        found = await in_worker(lambda: resources.entries(catalog()))
        return types.ListResourcesResult(resources=[
            types.Resource(uri=e.uri, name=e.name, title=e.title, description=e.description, mime_type=e.mime_type)
            for e in found])

    async def list_templates(ctx, params) -> types.ListResourceTemplatesResult:
        return types.ListResourceTemplatesResult(resource_templates=[
            types.ResourceTemplate(uri_template=e.uri, name=e.name, title=e.title, description=e.description,
                                   mime_type=e.mime_type) for e in resources.TEMPLATES])

    async def read_resource(ctx, params: types.ReadResourceRequestParams) -> types.ReadResourceResult:
        uri = str(params.uri)
        try:
            text, mime = await in_worker(lambda: resources.read(catalog(), uri))
        except AdvisorError as exc:
            raise MCPError(types.INVALID_PARAMS, str(exc)) from None
        return types.ReadResourceResult(contents=[types.TextResourceContents(uri=uri, mime_type=mime, text=text)])

    server = Server("pattern-advisor", version=_version(), title="Pattern Advisor", instructions=INSTRUCTIONS,
                    on_list_tools=list_tools, on_call_tool=call_tool, on_list_resources=list_resources,
                    on_list_resource_templates=list_templates, on_read_resource=read_resource)

    async def warm_up() -> None:
        """Load the catalog, the review engine and cfn-lint once, while the client is still starting up,
        so that the first answers take what later ones take (calls wait for it, one at a time)."""
        try:
            await in_worker(_warm, catalog_dirs)
        except Exception:  # a call will report the same problem as a one-line error
            logging.getLogger("advisor.mcp").debug("warm-up failed", exc_info=True)

    return server, warm_up


def _warm(catalog_dirs: list[str]) -> None:
    from advisor.catalog.cached import load_cached_index
    from advisor.mcp.adapters import CatalogTopologies, review_text

    load_cached_index(catalog_dirs)
    topologies = CatalogTopologies(catalog_dirs)
    len(topologies)
    review_text("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n", "warm-up.yaml", topologies)


def serve(catalog_dirs: list[str]) -> None:
    """Serve on stdin/stdout until the client closes the connection."""
    server, warm_up = build_server(catalog_dirs)

    async def run() -> None:
        async with stdio_server() as (read_stream, write_stream), anyio.create_task_group() as tasks:
            tasks.start_soon(warm_up)
            await server.run(read_stream, write_stream, server.create_initialization_options())
            tasks.cancel_scope.cancel()

    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="advisor mcp: %(levelname)s: %(message)s")
    anyio.run(run)
