"""Where the bundled catalog and schemas live: in a source checkout, or inside the installed package."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # advisor/
_CHECKOUT = _PACKAGE.parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def schemas_dir() -> Path:
    return _first_existing(_PACKAGE / "_bundled" / "schemas", _CHECKOUT / "schemas")


def bundled_patterns_dir() -> Path:
    return _first_existing(_PACKAGE / "_bundled" / "patterns", _CHECKOUT / "patterns")


def display(path: Path) -> str:
    """A path as users see it in messages: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def site_config() -> Path | None:
    """mkdocs.yml of the source checkout, when there is one."""
    candidate = _CHECKOUT / "mkdocs.yml"
    return candidate if candidate.is_file() else None
