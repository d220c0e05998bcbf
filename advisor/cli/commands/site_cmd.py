"""`advisor site build` and `advisor site serve`: mkdocs-material, strict, from a source checkout."""

from __future__ import annotations

import os


def add_arguments(name: str, parser) -> None:
    parser.add_argument("action", choices=["build", "serve"], help="build the site, or serve it with live reload")
    parser.add_argument("--output", default="build/site", help="where to build (default: build/site, git-ignored)")
    parser.add_argument("--address", default="127.0.0.1:8000", help="host:port for serve")


def run(name: str, args) -> int:
    from advisor.errors import AdvisorError
    from advisor.catalog.paths import site_config

    config_file = site_config()
    if config_file is None:
        raise AdvisorError("site: mkdocs.yml not found; run this from a Pattern Advisor source checkout")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.catalog:
        os.environ["PATTERN_ADVISOR_CATALOG"] = os.pathsep.join(args.catalog)
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        if args.action == "build":
            from mkdocs.commands.build import build

            config = load_config(str(config_file), strict=True, site_dir=os.path.abspath(args.output))
            build(config)
            print(f"site built in {args.output}")
        else:
            from mkdocs.commands.serve import serve

            serve(str(config_file), dev_addr=args.address, strict=True)
    except MkDocsException as exc:
        raise AdvisorError(f"site: {exc}") from None
    return 0
