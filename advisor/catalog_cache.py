"""The validated catalog from the cache, so quick commands (recommend, list, show) skip YAML
parsing and schema validation when no pattern file changed."""

from __future__ import annotations

from pathlib import Path

from .cache import cached_json, file_stamp
from .catalog import PATTERN_FILE, Catalog, Pattern, catalog_dirs, load_catalog, pattern_folders
from .document import Document
from .errors import DataError


def load_cached(extra_dirs: list[str] | None = None) -> Catalog:
    folders = pattern_folders(catalog_dirs(extra_dirs))
    built: list[Catalog] = []

    def build() -> dict:
        catalog = load_catalog(extra_dirs)
        built.append(catalog)
        return {"patterns": {p.id: {"dir": str(p.dir), "data": p.data} for p in catalog},
                "errors": [[e.pattern_id, e.file, e.message, e.line, e.column] for e in catalog.errors]}

    payload = cached_json("catalog", file_stamp([f / PATTERN_FILE for f in folders]), build)
    return built[0] if built else _from_payload(payload)


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
