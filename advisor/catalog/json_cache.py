"""A small JSON cache in the user's cache directory, keyed by the files it was built from.

Only ever an optimisation: when the cache cannot be read or written, callers build from the files.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

VERSION = 1


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pattern-advisor"


def file_stamp(paths: list[Path]) -> list:
    """Path, size and modification time of each file: any change invalidates the cache."""
    stamp = []
    for path in paths:
        name = os.path.abspath(path)  # not resolve(): following symlinks costs a syscall per path part
        try:
            st = os.stat(name)
            stamp.append([name, st.st_size, st.st_mtime_ns])
        except OSError:
            stamp.append([name, -1, -1])
    return stamp


def cached_json(name: str, stamp: list, build: Callable[[], dict], parse: Callable[[dict], T] = lambda payload: payload) -> T:
    """parse(payload) for the payload cached for this stamp; on a miss, or a payload parse cannot
    read (written by another version), build it, store it and parse that."""
    key = hashlib.sha256(json.dumps([VERSION, stamp]).encode()).hexdigest()[:32]
    path = cache_dir() / f"{name}-{key}.json"
    try:
        with open(path, encoding="utf-8") as fh:
            cached = json.load(fh)
        if cached.get("stamp") == stamp:
            return parse(cached["payload"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        pass
    payload = build()
    _write(path, name, {"stamp": stamp, "payload": payload})
    return parse(payload)


def _write(path: Path, name: str, content: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{name}-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
        import tempfile  # only when the cache is rebuilt

        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(content, fh)
        os.replace(tmp, path)
    except OSError:
        pass  # an unwritable cache only costs speed
