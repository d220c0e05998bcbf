"""Building the site once per test session and serving it on 127.0.0.1 for browser tests."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"]
MISSING_CHROMIUM = ("Debian's Chromium is not installed at /usr/bin/chromium; install it with "
                    "'apt-get install chromium' (.ci/run does this in CI)")


def build_site(output: Path, catalog_dirs: list[str] | None = None) -> Path:
    from advisor.cli.main import main

    args = [a for d in (catalog_dirs or []) for a in ("--catalog", d)] + ["site", "build", "--output", str(output)]
    saved = os.environ.get("PATTERN_ADVISOR_CATALOG")
    try:
        assert main(args) == 0
    finally:
        if saved is None:
            os.environ.pop("PATTERN_ADVISOR_CATALOG", None)
        else:
            os.environ["PATTERN_ADVISOR_CATALOG"] = saved
    return output


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def artifacts_dir() -> Path:
    path = Path(__file__).resolve().parent.parent / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() and shutil.which(CHROMIUM) is not None


def axe_source() -> str | None:
    """axe-core as shipped inside the axe-playwright-python package (a dev dependency): injected
    into the page as an inline script, so the check makes no request."""
    try:
        from importlib.resources import files

        return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    except (ImportError, FileNotFoundError):
        return None


def serious_axe_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, one line each."""
    source = axe_source()
    assert source, "axe-core is missing: run 'uv sync' (dev dependency axe-playwright-python)"
    page.add_script_tag(content=source)
    found = page.evaluate("() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(str(n['target']) for n in v['nodes'][:3])}"
            for v in found if v["impact"] in ("serious", "critical")]
