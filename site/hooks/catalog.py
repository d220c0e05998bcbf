"""mkdocs hook: add the pages generated from patterns/ to the build (nothing generated is committed),
and draw the decision graphs that hand-written pages ask for with <!-- decision-graph: WORKLOAD -->."""

from __future__ import annotations

from mkdocs.structure.files import File

_DECISION_SVGS: dict[str, str] = {}


def on_files(files, config):
    from advisor.catalog.cached import load_cached
    from advisor.site.build import generate

    catalog = load_cached()  # validated once per change of the pattern files: rebuilds (site serve) skip it
    if catalog.errors:
        from mkdocs.exceptions import PluginError

        raise PluginError("the catalog has errors; run 'advisor validate': " + str(catalog.errors[0]))
    _DECISION_SVGS.clear()
    for path, content in generate(catalog, _DECISION_SVGS).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    from advisor.site.decision_graph import embed

    try:
        return embed(markdown, page.url, _DECISION_SVGS, page.file.src_uri)
    except ValueError as exc:
        from mkdocs.exceptions import PluginError

        raise PluginError(str(exc)) from None
