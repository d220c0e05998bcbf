"""The one place where the MCP server calls subsystems whose interfaces are being reshaped
(review engine, cost model, scaffold, search and compare), so a change there touches one function."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from advisor.errors import DataError, UsageError

MASK = "********"


def search_patterns(catalog, text: str) -> dict:
    from advisor.catalog.search import search_result

    return search_result(catalog, text)


def compare_patterns(catalog, ids: list[str]) -> dict:
    from advisor.catalog.compare import compare_patterns as compare

    return compare(catalog, ids)


class CatalogTopologies(Sequence):
    """The catalog's topologies for pattern detection, read only when a review gets that far (a template
    that does not parse is answered at once) and kept while no pattern or template file changes."""

    _kept: dict[tuple, list] = {}

    def __init__(self, catalog_dirs: list[str]):
        self.catalog_dirs = catalog_dirs

    @cached_property
    def _items(self) -> list:
        from advisor.catalog.json_cache import file_stamp
        from advisor.catalog.load import PATTERN_FILE, TEMPLATE_FILE, catalog_dirs, pattern_folders
        from advisor.review.patterns import catalog_topologies

        folders = pattern_folders(catalog_dirs(self.catalog_dirs))
        key = repr(file_stamp([f / name for f in folders for name in (PATTERN_FILE, TEMPLATE_FILE)]))
        if key not in self._kept:
            self._kept.clear()
            self._kept[key] = catalog_topologies(self.catalog_dirs)
        return self._kept[key]

    def __getitem__(self, i):
        return self._items[i]

    def __len__(self) -> int:
        return len(self._items)


def review_text(text: str, filename: str, topologies) -> "object":
    """Review template text as `advisor review` reviews a file called filename, without project
    suppressions; filename is only the name shown in messages, nothing is read or written."""
    from advisor.catalog.safe_yaml import MAX_FILE_BYTES
    from advisor.review import engine

    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DataError(filename, f"not valid Unicode text (character {exc.start + 1} is a lone surrogate)") from None
    if len(raw) > MAX_FILE_BYTES:  # checked before anything is written; the engine's own check says the same
        raise DataError(filename, f"file is {len(raw) / 1048576:.1f} MB; the limit is {MAX_FILE_BYTES / 1048576:.0f} MB")
    return engine.review_text(text, filename, topologies)


def review_template(text: str, filename: str, catalog_dirs: list[str], fail_on: str) -> tuple[dict, str, list[str]]:
    """(the JSON of `advisor review --format json` for this one file, a short summary with the verdict at
    fail_on, the one-line errors of a template that could not be reviewed)."""
    import json

    from advisor.review import engine, output

    review = review_text(text, filename, CatalogTopologies(catalog_dirs))
    # the short form: detected patterns, a skip notice, the counts line of the text output (findings are in the data)
    lines = [f"{filename}: pattern {m.id} ({m.name}): " + ", ".join(f"{r}={res}" for r, res in m.resources.items())
             for m in review.patterns] + ([f"{filename}: {review.skipped}"] if review.skipped else [])
    lines.append(output.text([review]).splitlines()[-1])
    if not review.errors:
        worst = engine.worst([review])
        failed = worst is not None and engine.SEVERITY_ORDER[worst] >= engine.SEVERITY_ORDER[fail_on]
        lines.append(f"verdict: {'fail' if failed else 'pass'} (fail_on {fail_on})")
    return json.loads(output.as_json([review])), "\n".join(lines), [str(e) for e in review.errors]


def estimate_service_cost(service: str, inputs: dict) -> dict:
    from advisor.cost.calculators import cost_of_service

    try:
        return cost_of_service(service, inputs)
    except UsageError as exc:  # the library names the CLI's --set; the tool's argument is called inputs
        raise UsageError(str(exc).replace("--set: ", "inputs: ", 1)) from None


def estimate_pattern_cost(catalog, pattern_id: str, inputs: dict) -> dict:
    from advisor.cost.patterns import pattern_report

    try:
        return pattern_report(catalog.get(pattern_id), inputs)
    except UsageError as exc:  # the library names the CLI's --set; the tool's argument is called inputs
        raise UsageError(str(exc).replace("--set: ", "inputs: ", 1)) from None


def cost_services() -> dict:
    """Each service with a cost model: its description and inputs (name -> description, default, choices)."""
    from advisor.cost.calculators import CALCULATORS

    return {c.service: {"description": c.description,
                        "inputs": {i.name: {"description": i.description, "default": i.default, "choices": list(i.choices)}
                                   for i in c.inputs}} for c in CALCULATORS.values()}


def scaffold_plan(pattern, given: dict[str, str]) -> dict:
    """The files `advisor init` would write for pattern with these parameters; nothing is written.
    Parameter values that look secret (by name, or NoEcho in the template) are masked."""
    from advisor.scaffold.params import parameters, resolve_params, secret_names
    from advisor.scaffold.project import plan_project

    values = resolve_params(pattern, given, None)
    files = plan_project(pattern, values)
    effective = {p.name: values.get(p.name, p.default) for p in parameters(pattern)}  # given, else the default
    secret = set(secret_names(pattern))  # init's own rule: NoEcho, or a name that says secret, token, password, key
    return {"pattern": pattern.id,
            "parameters": {name: MASK if name in secret and value is not None else value for name, value in effective.items()},
            "files": [{"path": rel, "bytes": len(files[rel])} for rel in sorted(files)]}
