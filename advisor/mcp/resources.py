"""Resources: each pattern's page (pattern://ID, Markdown as the docs site shows it, template and
code included) and its verified SAM template (pattern://ID/template.yaml), for an assistant to quote."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SCHEME = "pattern://"
TEMPLATE_SUFFIX = "/template.yaml"


@dataclass(frozen=True)
class Entry:
    uri: str
    name: str
    title: str
    description: str
    mime_type: str


def entries(catalog) -> list[Entry]:
    out = []
    for p in catalog.query():
        out.append(Entry(f"{SCHEME}{p.id}", p.id, p.name, p.data["summary"], "text/markdown"))
        out.append(Entry(f"{SCHEME}{p.id}{TEMPLATE_SUFFIX}", f"{p.id}{TEMPLATE_SUFFIX}", f"{p.name}: SAM template",
                         f"The verified SAM template of {p.id}: lints, deploys and carries its alarms.", "application/yaml"))
    return out


TEMPLATES = [
    Entry(f"{SCHEME}{{id}}", "pattern-page", "Pattern page", "A pattern's page: traits, sourced limits, trade-offs, operations, template and code.", "text/markdown"),
    Entry(f"{SCHEME}{{id}}{TEMPLATE_SUFFIX}", "pattern-template", "Pattern SAM template", "A pattern's verified SAM template.", "application/yaml"),
]


def _topology(pattern) -> str:
    """The diagram's content in words (the site draws it as SVG)."""
    topo = pattern.data["topology"]
    nodes = [f"{n['id']} ({n['type']})" for n in topo.get("nodes", [])]
    edges = [f"{e['from']} -> {e['to']} ({e['kind']})" for e in topo.get("edges", [])]
    return "Topology: " + ", ".join(nodes) + (". Edges: " + ", ".join(edges) if edges else "") + "."


def read(catalog, uri: str) -> tuple[str, str]:
    """(text, mime type) of a resource; an unknown pattern or an unreadable file raises a one-line error."""
    from advisor.catalog.paths import display
    from advisor.errors import DataError

    try:
        return _read(catalog, uri)
    except FileNotFoundError as exc:
        raise DataError(display(Path(exc.filename)), "file not found") from None
    except OSError as exc:
        raise DataError(display(Path(exc.filename or ".")), f"cannot read: {exc.strerror}") from None


def _read(catalog, uri: str) -> tuple[str, str]:
    from advisor.errors import UsageError

    if not uri.startswith(SCHEME):
        raise UsageError(f'unknown resource "{uri}"; expected pattern://ID or pattern://ID/template.yaml')
    rest = uri[len(SCHEME):]
    if rest.endswith(TEMPLATE_SUFFIX):
        pattern = catalog.get(rest[: -len(TEMPLATE_SUFFIX)])
        return pattern.template_file.read_text(encoding="utf-8"), "application/yaml"
    if "/" in rest:
        raise UsageError(f'unknown resource "{uri}"; expected pattern://ID or pattern://ID/template.yaml')
    from advisor.site.pages import pattern_page

    pattern = catalog.get(rest)
    return pattern_page(pattern, set(catalog.ids()), _topology(pattern)), "text/markdown"
