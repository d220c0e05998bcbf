"""A cache of the validated catalog, so quick commands (recommend, list, show) skip YAML parsing
and schema validation when no pattern file changed.

The cache is keyed by every pattern.yaml's path, size and modification time; any change, added
or removed folder means a full load (with validation) and a new cache. It lives in the user's
cache directory and is only ever an optimisation: when it cannot be read or written, the
catalog is loaded from the files.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .catalog import PATTERN_FILE, Catalog, Pattern, catalog_dirs, load_catalog, pattern_folders
from .errors import DataError
from .yaml_loader import Document

VERSION = 1


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pattern-advisor"


def _stamp(folders: list[Path]) -> list:
    stamp = []
    for folder in folders:
        try:
            st = (folder / PATTERN_FILE).stat()
            stamp.append([str(folder.resolve()), st.st_size, st.st_mtime_ns])
        except OSError:
            stamp.append([str(folder), -1, -1])
    return stamp


def load_cached(extra_dirs: list[str] | None = None) -> Catalog:
    folders = pattern_folders(catalog_dirs(extra_dirs))
    stamp = _stamp(folders)
    key = hashlib.sha256(json.dumps([VERSION, stamp]).encode()).hexdigest()[:32]
    path = _cache_dir() / f"catalog-{key}.json"
    try:
        with open(path, encoding="utf-8") as fh:
            cached = json.load(fh)
        if cached.get("stamp") == stamp:
            return _from_cache(cached)
    except (OSError, ValueError):
        pass
    catalog = load_catalog(extra_dirs)
    _write(path, {"stamp": stamp, "patterns": {p.id: {"dir": str(p.dir), "data": p.data} for p in catalog},
                  "errors": [[e.pattern_id, e.file, e.message, e.line, e.column] for e in catalog.errors]})
    return catalog


def _from_cache(cached: dict) -> Catalog:
    catalog = Catalog()
    for pid, entry in cached["patterns"].items():
        folder = Path(entry["dir"])
        catalog.patterns[pid] = Pattern(pid, folder, Document(str(folder / PATTERN_FILE), entry["data"]))
    for pid, file, message, line, column in cached["errors"]:
        error = DataError(file, message, line, column)
        error.pattern_id = pid
        catalog.errors.append(error)
        if pid:
            catalog.invalid.setdefault(pid, []).append(error)
    return catalog


def _write(path: Path, payload: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("catalog-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh)
        os.replace(tmp, path)
    except OSError:
        pass  # an unwritable cache only costs speed
