"""mkdocs hook: add the pages generated from patterns/ to the build (nothing generated is committed)."""

from __future__ import annotations

from mkdocs.structure.files import File


def on_files(files, config):
    from advisor.catalog.load import load_catalog
    from advisor.site.build import generate

    catalog = load_catalog()
    if catalog.errors:
        from mkdocs.exceptions import PluginError

        raise PluginError("the catalog has errors; run 'advisor validate': " + str(catalog.errors[0]))
    for path, content in generate(catalog).items():
        files.append(File.generated(config, path, content=content))
    return files
