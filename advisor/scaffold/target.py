"""Where init writes, and the writing itself.

The target folder is resolved first (absolute, symlinks followed, `..` applied to the real path),
and every check runs on that resolved folder: not a file, empty unless --force, no file the user
changed, nothing reached through a symlink that leads out. Only when every check has passed is a
folder created; each file is written atomically, and a failure removes what this run created.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from advisor.errors import AdvisorError

MANIFEST = ".pattern-advisor.json"


def resolve_target(directory: str | os.PathLike) -> Path:
    """The folder a path really names, from the current working directory, before anything exists."""
    # realpath, not abspath first: `link/..` is the parent of where link points, as the kernel sees it.
    return Path(os.path.realpath(os.path.join(os.getcwd(), os.fspath(directory))))


def display(path: Path) -> str:
    """A path as the user can read it: relative when inside the working directory."""
    try:
        rel = path.relative_to(Path.cwd().resolve())
    except ValueError:
        return str(path)
    return str(rel) if str(rel) != "." else "."


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def read_manifest(root: Path) -> dict:
    """The manifest of an earlier init ({} when there is none or it is unreadable)."""
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def preflight(root: Path, force: bool) -> dict:
    """Checks that need no rendered files; returns the earlier manifest. Raises, touching nothing."""
    if root.exists() and not root.is_dir():
        raise AdvisorError(f"{display(root)}: exists and is not a directory")
    if root.is_dir() and any(root.iterdir()):
        if not force:
            raise AdvisorError(f"{display(root)}: directory is not empty; use --force to update a project created by advisor init")
        return read_manifest(root)
    return {}


def _safe_target(root: Path, relative: str) -> Path:
    if os.path.isabs(relative) or ".." in Path(relative).parts:
        raise AdvisorError(f"{relative}: path leads outside the project; refusing to write it")
    target = root / relative
    # A symlink already inside the project that points out must not be written through.
    if not Path(os.path.realpath(target)).is_relative_to(root):
        raise AdvisorError(f"{relative}: a symlink in the target directory leads outside it; refusing to write through it")
    return target


@dataclass(frozen=True)
class PlannedFile:
    """One file of a plan: what init would do with it, and its size. Never a secret in content."""

    path: str  # relative to the project
    action: str  # create | update | unchanged
    size: int
    content: bytes


def plan_writes(files: dict[str, bytes], root: Path, manifest: dict) -> list[PlannedFile]:
    """What writing files into root would do; raises (touching nothing) when it would lose user work."""
    targets = {rel: _safe_target(root, rel) for rel in sorted(files)}
    recorded = manifest.get("files") if isinstance(manifest.get("files"), dict) else {}
    changed, planned = [], []
    for rel, target in targets.items():
        if target.is_dir() or (target.exists() and not target.is_file()):
            raise AdvisorError(f"{display(root)}: {rel} exists and is not a regular file; move it away first")
        if not target.is_file():
            planned.append(PlannedFile(rel, "create", len(files[rel]), files[rel]))
            continue
        current = digest(target.read_bytes())
        if current == digest(files[rel]):
            planned.append(PlannedFile(rel, "unchanged", len(files[rel]), files[rel]))
        elif recorded.get(rel) == current:
            planned.append(PlannedFile(rel, "update", len(files[rel]), files[rel]))
        else:
            changed.append(rel)
    if changed:
        raise AdvisorError(f"{display(root)}: not overwriting files you changed: {', '.join(changed)}; move them away first")
    return planned


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write(root: Path, planned: list[PlannedFile], manifest: dict) -> None:
    """Write the planned files and the manifest; on failure remove every file and folder this run made."""
    created_files: list[Path] = []
    created_dirs: list[Path] = []

    def make_dirs(folder: Path) -> None:
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for path in reversed(missing):
            path.mkdir()
            created_dirs.append(path)

    try:
        make_dirs(root)
        for item in planned:
            if item.action == "unchanged":
                continue
            target = root / item.path
            make_dirs(target.parent)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".advisor-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(item.content)
                os.chmod(tmp, 0o666 & ~_umask())
                existed = target.exists()
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            if not existed:
                created_files.append(target)
        body = json.dumps(manifest, indent=1, sort_keys=True).encode()
        manifest_existed = (root / MANIFEST).exists()
        (root / MANIFEST).write_bytes(body)
        if not manifest_existed:
            created_files.append(root / MANIFEST)
    except OSError as exc:
        for path in created_files:
            path.unlink(missing_ok=True)
        for path in reversed(created_dirs):
            try:
                path.rmdir()
            except OSError:
                pass
        raise AdvisorError(f"{display(root)}: could not write the project ({exc.strerror}); the files and folders this run created were removed") from None
