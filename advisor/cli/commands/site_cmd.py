"""`advisor site build` and `advisor site serve`: mkdocs-material, strict, from a source checkout."""

from __future__ import annotations

import os


def add_arguments(name: str, parser) -> None:
    parser.add_argument("action", choices=["build", "serve"], help="build the site, or serve it with live reload")
    parser.add_argument("--output", default="build/site", help="where to build (default: build/site, git-ignored)")
    parser.add_argument("--address", default="127.0.0.1:8000", help="host:port for serve")


def _listen_address(address: str) -> tuple[str, int]:
    """HOST:PORT checked before the (slow) build: mkdocs only binds the port after building."""
    import errno
    import socket

    from advisor.errors import UsageError

    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f'site serve: --address: expected HOST:PORT, e.g. 127.0.0.1:8000, got "{address}"')
    try:
        family, kind, proto, _, sockaddr = socket.getaddrinfo(host.strip("[]"), int(port), type=socket.SOCK_STREAM)[0]
    except socket.gaierror:
        raise UsageError(f'site serve: --address: unknown host "{host}"') from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as mkdocs' server does
        try:
            probe.bind(sockaddr)
        except OSError as exc:
            raise UsageError(_cannot_listen(address, exc, errno)) from None
    return host, int(port)


def _cannot_listen(address: str, exc: OSError, errno) -> str:
    if exc.errno == errno.EADDRINUSE:
        host, _, port = address.rpartition(":")
        return (f"site serve: {address} is already in use; stop what is listening there or pass "
                f"--address {host}:{int(port) + 1}")
    if exc.errno == errno.EACCES:
        return f"site serve: not allowed to listen on {address} (ports below 1024 need privileges); pass --address with another port"
    return f"site serve: cannot listen on {address}: {exc.strerror}"


def _writable_output(output: str) -> None:
    """Refuse an --output that cannot be written before the (slow) build, not after it."""
    from pathlib import Path

    from advisor.errors import UsageError

    path = Path(output).absolute()
    existing = next(p for p in (path, *path.parents) if p.exists())
    if not existing.is_dir():
        raise UsageError(f"site build: cannot write {output}: {existing} is a file, not a folder; pass --output with a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"site build: cannot write {output}: {existing} is not writable; pass --output with a folder you can write")


def run(name: str, args) -> int:
    import errno

    from advisor.errors import AdvisorError, UsageError
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

            _writable_output(args.output)
            config = load_config(str(config_file), strict=True, site_dir=os.path.abspath(args.output))
            try:
                build(config)
            except OSError as exc:
                where = exc.filename or args.output
                raise UsageError(f"site build: cannot write {where}: {exc.strerror}; pass --output with a folder you can write") from None
            print(f"site built in {args.output}")
        else:
            from mkdocs.commands.serve import serve

            _listen_address(args.address)
            try:
                serve(str(config_file), dev_addr=args.address, strict=True)
            except OSError as exc:  # taken between the check and mkdocs binding it
                if exc.errno not in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
                    raise
                raise UsageError(_cannot_listen(args.address, exc, errno)) from None
    except MkDocsException as exc:
        raise AdvisorError(f"site: {exc}") from None
    return 0
