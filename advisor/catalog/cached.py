"""The validated catalog from the cache, so quick commands (recommend, list, show) skip YAML
parsing and schema validation when no pattern file changed. `advisor recommend` reads only the
catalog's columnar index, cached on its own so that it does not parse every pattern's full data."""

from __future__ import annotations

from pathlib import Path

from advisor.catalog.json_cache import cached_json, file_stamp
from advisor.catalog.load import PATTERN_FILE, Catalog, Pattern, catalog_dirs, load_catalog, pattern_folders
from advisor.catalog.index import CatalogIndex
from advisor.catalog.document import Document
from advisor.errors import DataError


def load_cached(extra_dirs: list[str] | None = None) -> Catalog:
    folders = pattern_folders(catalog_dirs(extra_dirs))
    built: list[Catalog] = []

    def build() -> dict:
        catalog = load_catalog(extra_dirs)
        built.append(catalog)
        return {"patterns": {p.id: {"dir": str(p.dir), "data": p.data} for p in catalog},
                "errors": [[e.pattern_id, e.file, e.message, e.line, e.column] for e in catalog.errors]}

    # on a miss, the catalog just loaded (with positions for errors) is returned, not rebuilt from its payload
    return cached_json("catalog", file_stamp([f / PATTERN_FILE for f in folders]), build,
                       lambda payload: built[0] if built else _from_payload(payload))


def load_cached_index(extra_dirs: list[str] | None = None) -> tuple[CatalogIndex, list[str]]:
    """The catalog's index and its errors as one-line messages (the patterns they skipped)."""
    folders = pattern_folders(catalog_dirs(extra_dirs))
    stamp = file_stamp([f / PATTERN_FILE for f in folders])

    def build() -> dict:
        catalog = load_cached(extra_dirs)
        return {"index": catalog.index.to_json(), "errors": [str(e) for e in catalog.errors]}

    return cached_json("index", stamp, build, lambda payload: (CatalogIndex.from_json(payload["index"]), list(payload["errors"])))


def _from_payload(payload: dict) -> Catalog:
    catalog = Catalog()
    for pid, entry in payload["patterns"].items():
        folder = Path(entry["dir"])
        catalog.patterns[pid] = Pattern(pid, folder, Document(str(folder / PATTERN_FILE), entry["data"]))
    for pid, file, message, line, column in payload["errors"]:
        error = DataError(file, message, line, column)
        error.pattern_id = pid
        catalog.errors.append(error)
        if pid:
            catalog.invalid.setdefault(pid, []).append(error)
    return catalog
