"""A columnar view of the catalog that the advisor reads, built once per loaded catalog.

Why: walking every pattern's nested data for every question spends most of the time on memory
access once a catalog holds thousands of patterns. Here each trait is a column: the distinct
decision inputs (value, and for limits whether and how far AWS raises them) once, and per pattern
a small code into them, its note and its cited limit. The engine decides each distinct input once
and reads every pattern's status from a list; only the text it writes touches per-pattern data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from advisor.catalog.units import in_trait_unit

WORKLOADS = "workloads"  # the column of each pattern's workloads, decided like a trait


class Cell(NamedTuple):
    """What a decision depends on, for one trait of one pattern (None stands for 'trait absent')."""

    value: object  # the trait's value; lists become tuples so equal inputs share one cell
    adjustable: bool  # the limit the trait cites can be raised on request
    ceiling: float | None  # how far it can be raised, in the trait's unit (None: not documented)
    raised_by: str | None  # resource-setting | quota-request, for an adjustable limit


@dataclass
class Column:
    cells: list[Cell | None]  # the distinct decision inputs
    codes: list[int]  # per pattern: its position in cells
    notes: list[str]  # per pattern: " " + the trait's note, or ""
    cited: list[str]  # per pattern: " (limit: name, source, as of date)" for the limit the trait cites, or ""

    def cell(self, i: int) -> Cell | None:
        return self.cells[self.codes[i]]


@dataclass
class CatalogIndex:
    ids: list[str]
    names: list[str]
    cons: list[list[str]]
    moving_parts: list[int]
    never_first_choice: list[str | None]
    columns: dict[str, Column]
    # pairs of patterns that compose (catalog/compositions.py), evaluated when no single pattern fits
    composed: CatalogIndex | None = None
    composed_info: list[dict] | None = None  # per composed row: parts, solves, source

    def column(self, key: str) -> Column:
        """The column for a trait; a trait no pattern has is absent everywhere."""
        found = self.columns.get(key)
        if found is None:
            n = len(self.ids)
            found = self.columns[key] = Column([None], [0] * n, [""] * n, [""] * n)
        return found

    def to_json(self) -> dict:
        return {"ids": self.ids, "names": self.names, "cons": self.cons, "moving_parts": self.moving_parts,
                "never_first_choice": self.never_first_choice,
                "composed": None if self.composed is None else self.composed.to_json(), "composed_info": self.composed_info,
                "columns": {key: {"cells": [None if c is None else list(c) for c in col.cells], "codes": col.codes,
                                  "notes": col.notes, "cited": col.cited} for key, col in self.columns.items()}}

    @classmethod
    def from_json(cls, data: dict) -> CatalogIndex:
        columns = {key: Column([None if c is None else Cell(_frozen(c[0]), c[1], c[2], c[3]) for c in col["cells"]],
                               col["codes"], col["notes"], col["cited"]) for key, col in data["columns"].items()}
        composed = None if data["composed"] is None else cls.from_json(data["composed"])
        return cls(data["ids"], data["names"], data["cons"], data["moving_parts"], data["never_first_choice"], columns,
                   composed, data["composed_info"])


def _frozen(value):
    return tuple(value) if isinstance(value, list) else value


def ceiling_in_trait_unit(limit: dict, trait_key: str):
    """How far an adjustable limit can be raised, in the unit of the trait citing it (None: not documented)."""
    if "adjustable_up_to" not in limit:
        return None
    return in_trait_unit(trait_key, limit["adjustable_up_to"], limit["unit"])


def raised_by(limit: dict) -> str | None:
    """What raising an adjustable limit takes; a quota request unless the data says a setting does."""
    return limit.get("raised_by", "quota-request") if limit.get("adjustable") else None


def build_index(patterns, compose: bool = True) -> CatalogIndex:
    """The index of an iterable of patterns (objects with .id and .data), in iteration order; with
    compose, also the index of the compositions they name."""
    patterns = list(patterns)
    n = len(patterns)
    builders: dict[str, tuple[dict, list, list, list]] = {}

    def column(key: str):
        found = builders.get(key)
        if found is None:
            found = builders[key] = ({None: 0}, [0] * n, [""] * n, [""] * n)
        return found

    workloads_seen, workloads_codes, _, _ = column(WORKLOADS)
    for i, pattern in enumerate(patterns):
        data = pattern.data
        workloads_codes[i] = workloads_seen.setdefault((tuple(data["workloads"]), False, None, None), len(workloads_seen))
        limits = {limit["id"]: limit for limit in data.get("limits", ())}
        for key, trait in data["traits"].items():
            seen, codes, notes, cited = column(key)
            limit = limits.get(trait.get("limit"))
            if limit is None:
                cell = (_frozen(trait["value"]), False, None, None)
            else:
                cell = (_frozen(trait["value"]), bool(limit.get("adjustable")), ceiling_in_trait_unit(limit, key), raised_by(limit))
                cited[i] = f" (limit: {limit['name']}, {limit['source']}, as of {limit['as_of']})"
            codes[i] = seen.setdefault(cell, len(seen))
            note = trait.get("note")
            if note:
                notes[i] = f" {note}"
    columns = {key: Column([None if c is None else Cell(*c) for c in seen], codes, notes, cited)
               for key, (seen, codes, notes, cited) in builders.items()}
    data = [p.data for p in patterns]
    composed = info = None
    if compose:
        from advisor.catalog.compositions import composites

        pairs = composites(patterns)
        composed = build_index(pairs, compose=False)
        info = [{"parts": list(c.parts), "solves": c.solves, "source": c.source} for c in pairs]
    return CatalogIndex([p.id for p in patterns], [d["name"] for d in data], [d["cons"] for d in data],
                        [len(d["topology"]["nodes"]) for d in data], [d.get("never_first_choice") for d in data], columns,
                        composed, info)


def index_of(catalog) -> CatalogIndex:
    """The index itself, the catalog's own index when it keeps one (a loaded Catalog does), else one built now."""
    if isinstance(catalog, CatalogIndex):
        return catalog
    index = getattr(catalog, "index", None)
    return index if isinstance(index, CatalogIndex) else build_index(catalog)
