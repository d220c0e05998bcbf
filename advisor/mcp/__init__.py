"""`advisor mcp`: the catalog, advisor, review, cost and scaffold plan as Model Context Protocol
tools and resources, served over stdio with the official MCP Python SDK.

A front end like advisor.cli: it may import every subsystem; nothing imports it (the CLI command
only starts it). Calls into subsystems that other work is reshaping go through adapters.py.
"""
