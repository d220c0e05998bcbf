"""The catalog: pattern folders loaded, schema-checked and queried.

A catalog is the bundled patterns plus any team folders given with --catalog DIR (repeatable)
or the PATTERN_ADVISOR_CATALOG environment variable (paths separated by os.pathsep).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from advisor.catalog import paths
from advisor.errors import DataError, PathError, UnknownPatternError, UsageError
from advisor.catalog.document import Document

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CATALOG_ENV = "PATTERN_ADVISOR_CATALOG"
PATTERN_FILE = "pattern.yaml"
TEMPLATE_FILE = "template.yaml"

# Text that shows a file was never finished. Matched case-insensitively on every string value.
PLACEHOLDER_RE = re.compile(
    r"\b(TODO|TBD|FIXME|XXX+)\b|lorem ipsum|\blorem\b|\bexample\.(com|org|net)\b|\byour[ -]name\b|\bchangeme\b|\bplaceholder\b",
    re.IGNORECASE,
)


@dataclass
class Pattern:
    id: str
    dir: Path
    doc: Document

    @property
    def data(self) -> dict:
        return self.doc.data  # type: ignore[return-value]

    @property
    def name(self) -> str:
        return self.data["name"]

    @property
    def pattern_file(self) -> Path:
        return self.dir / PATTERN_FILE

    @property
    def template_file(self) -> Path:
        return self.dir / TEMPLATE_FILE

    def listing(self) -> dict:
        """The pattern's entry in `advisor list --json`."""
        d = self.data
        return {"id": self.id, "name": self.name, "category": d["category"], "services": d["services"],
                "workloads": d["workloads"], "summary": d["summary"]}

    def to_json(self) -> dict:
        """The pattern's data as `advisor show --json` prints it."""
        return {"id": self.id, **self.data}

    def trait(self, key: str):
        entry = self.data.get("traits", {}).get(key)
        return None if entry is None else entry.get("value")

    @cached_property
    def template(self) -> Document:
        from advisor.catalog.safe_yaml import load_file

        return load_file(self.template_file, paths.display(self.template_file), cfn_tags=True)


def find_placeholders(doc: Document) -> list[DataError]:
    """Every string value that still holds placeholder text."""
    found: list[DataError] = []

    def walk(value, path):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))
        elif isinstance(value, str):
            match = PLACEHOLDER_RE.search(value)
            if match:
                from advisor.catalog.schema import dotted
                found.append(doc.error(path, f'{dotted(path)}: placeholder text "{match.group(0)}" is not allowed; write the real content'))

    walk(doc.data, ())
    return found


def load_pattern(directory: Path) -> tuple[Pattern | None, list[DataError]]:
    """Load one pattern folder; returns the pattern (None if unusable) and every data error."""
    from advisor.catalog.schema import validate
    from advisor.catalog.safe_yaml import load_file

    directory = Path(directory)
    pid = directory.name
    display = paths.display(directory / PATTERN_FILE)
    if not ID_RE.match(pid):
        return None, [DataError(paths.display(directory), f'folder name "{pid}" is not a valid pattern id; expected lower-case words joined by hyphens, e.g. sqs-queue-lambda')]
    try:
        doc = load_file(directory / PATTERN_FILE, display)
    except DataError as exc:
        return None, [exc]
    if not isinstance(doc.data, dict):
        return None, [DataError(display, "expected a mapping of pattern properties at the top level", 1, 1)]
    errors = validate(doc, "pattern.schema.json") + find_placeholders(doc)
    return Pattern(pid, directory, doc), errors


def catalog_dirs(extra: list[str] | None = None, include_bundled: bool = True) -> list[Path]:
    dirs = [paths.bundled_patterns_dir()] if include_bundled else []
    env = os.environ.get(CATALOG_ENV, "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs += [Path(p) for p in (extra or [])]
    return dirs


def pattern_folders(dirs: list[Path]) -> list[Path]:
    """Pattern folders in the given catalog directories. A directory may itself be one pattern."""
    folders = []
    for d in dirs:
        if not d.is_dir():
            raise PathError(str(d), "catalog directory not found" if not d.exists() else "is not a directory; a catalog is a folder of pattern folders")
        if (d / PATTERN_FILE).is_file():
            folders.append(d)
            continue
        try:
            with os.scandir(d) as entries:  # scandir knows each entry's type without a stat per folder
                names = sorted(e.name for e in entries if e.is_dir() and not e.name.startswith((".", "_")))
        except OSError as exc:
            raise PathError(str(d), f"cannot read the catalog directory: {exc.strerror}") from None
        folders += [d / name for name in names]
    return folders


@dataclass
class Catalog:
    patterns: dict[str, Pattern] = field(default_factory=dict)
    errors: list[DataError] = field(default_factory=list)
    invalid: dict[str, list[DataError]] = field(default_factory=dict)  # pattern id -> its errors

    def get(self, pid: str) -> Pattern:
        try:
            return self.patterns[pid]
        except KeyError:
            known = ", ".join(sorted(self.patterns)) or "none"
            if pid in self.invalid:
                raise self.invalid[pid][0] from None
            raise UnknownPatternError(f'unknown pattern "{pid}"; known patterns: {known}') from None

    def __iter__(self):
        return iter(self.patterns.values())

    def __len__(self) -> int:
        return len(self.patterns)

    def ids(self) -> list[str]:
        return sorted(self.patterns)

    @cached_property
    def index(self):
        """The columnar view the advisor reads, built on first use (the catalog is complete by then)."""
        from advisor.catalog.index import build_index

        return build_index(self.patterns.values())

    def query(self, service: str | None = None, category: str | None = None, workload: str | None = None) -> list[Pattern]:
        out = []
        for p in sorted(self.patterns.values(), key=lambda p: p.id):
            if service and service not in p.data.get("services", []):
                continue
            if category and p.data.get("category") != category:
                continue
            if workload and workload not in p.data.get("workloads", []):
                continue
            out.append(p)
        return out


def filter_schemas() -> dict[str, dict]:
    """The schema (enum, description) of each filter of `advisor list`, from schemas/pattern.schema.json."""
    from advisor.catalog.schema import load_schema

    schema = load_schema("pattern.schema.json")
    return {"service": schema["$defs"]["service"], "category": schema["properties"]["category"],
            "workload": schema["$defs"]["workload"]}


def check_filter(key: str, value: str | None, label: str) -> None:
    """A filter value must be one the schema allows; label names the option as the user typed it."""
    allowed = filter_schemas()[key].get("enum", [])
    if value is not None and value not in allowed:
        raise UsageError(f'{label}: unknown value "{value}"; allowed: {", ".join(allowed)}')


def load_catalog(extra_dirs: list[str] | None = None, include_bundled: bool = True) -> Catalog:
    """Load every pattern. Patterns with errors stay out of `patterns`; their errors are kept."""
    catalog = Catalog()
    for folder in pattern_folders(catalog_dirs(extra_dirs, include_bundled)):
        pattern, errors = load_pattern(folder)
        if pattern is not None and pattern.id in catalog.patterns:
            other = paths.display(catalog.patterns[pattern.id].dir)
            errors = errors + [DataError(paths.display(folder), f'pattern id "{pattern.id}" is already defined by {other}')]
            pattern = None
        for error in errors:
            error.pattern_id = folder.name
        catalog.errors += errors
        if errors:
            catalog.invalid.setdefault(folder.name, []).extend(errors)
        elif pattern is not None:
            catalog.patterns[pattern.id] = pattern
    return catalog
