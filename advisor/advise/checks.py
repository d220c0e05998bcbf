"""One answered question, prepared once and decided against the catalog index's columns.

A check's status depends on the decision inputs alone (the index's cells), so patterns sharing
them share one decision; the reason sentence is written only for patterns whose answer is shown.
Statuses: meets; weaker (met by a value that serves the need without being built for it);
setting or quota (a partial match closed by a setting on your own resource, or by a quota
increase AWS approves); fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from advisor.catalog.index import WORKLOADS, Cell
from advisor.humanize import number

MEETS, WEAKER, SETTING, QUOTA, FAILS = "meets", "weaker", "setting", "quota", "fails"
PARTIAL = (SETTING, QUOTA)


def fmt(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return number(value)  # no float noise: 0.483, not 0.483333 (advisor-engine.js fmt matches)
    if isinstance(value, (list, tuple)):
        return ", ".join(value) if value else "none"
    return str(value)


def no_need(question: dict, required) -> bool:
    """A "don't need" answer: false, an empty list, or an answer the question lists in no_need."""
    if question["type"] == "boolean":
        return required is False
    if question["type"] == "list":
        return not required
    return required in question.get("no_need", ())


def condition_met(condition, value) -> bool:
    """A pointer's condition on one requirement: equal, or for a number {at_least: n} / {below: n}."""
    if isinstance(condition, dict):
        if value is None or isinstance(value, (bool, str, list)):
            return False
        return all((op == "at_least" and value >= bound) or (op == "below" and value < bound) for op, bound in condition.items())
    return value == condition


def applies(question: dict, workload) -> bool:
    return workload is None or question["applies_to"] == "all" or workload in question["applies_to"]


class Slot(NamedTuple):
    """What a reason reads about one pattern in one column."""

    cell: Cell | None
    note: str  # " " + the trait's note, or ""
    cited: str  # " (limit: ...)" for the limit the trait cites, or ""


@dataclass(frozen=True)
class Check:
    key: str
    column: str
    status: Callable[[Cell | None, Cell | None], str]  # (cell, extra cell) -> status
    reason: Callable[[str, Cell | None, str, str, Slot | None], str]  # (status, cell, note, cited, extra slot)
    extra: str | None = None  # a second column the decision reads (strict-order configuration)


def compile_check(question: dict, required, requirements: dict | None = None, pointers=()) -> Check:
    requirements = requirements or {}
    rule, label, kind, key = question["rule"], question["label"], question["rule"]["kind"], question["key"]
    if kind == "pointer":
        return _pointer(key, label, required, question.get("unit", ""), requirements, pointers)
    if kind == "workload":
        def reason(status, cell, note, cited, extra):
            if status == MEETS:
                return f"{label}: built for {required}"
            return f"{label}: built for {fmt(cell.value)}, not {required}"
        return Check(key, WORKLOADS, lambda cell, extra: MEETS if cell and required in cell.value else FAILS, reason)
    trait = rule["trait"]
    if no_need(question, required):
        return _not_needed(key, trait, kind, rule, label, required)
    if kind == "equals":
        def value_of(cell):
            return cell.value if cell else rule["default"]

        def reason(status, cell, note, cited, extra):
            if status == MEETS:
                return f"{label}: {value_of(cell)}"
            return f"{label}: needs {required}; this pattern speaks {value_of(cell)} only"
        return Check(key, trait, lambda cell, extra: MEETS if value_of(cell) == required else FAILS, reason)
    if kind == "not-above":
        strict = rule.get("strict_order_trait") if requirements.get("ordering") == "strict" else None
        return _not_above(key, trait, strict, required, label, question.get("unit", ""))
    if kind == "at-least" and rule.get("strict_via") and required == rule["order"][-1]:
        return _strict_order(key, trait, rule, required, label)
    decide, write = _trait_check(kind, rule, required, label)
    missing = f"{label}: needs {fmt(required)}; this pattern has no {label} to offer"

    def status(cell, extra):
        return FAILS if cell is None else decide(cell)

    def reason(status, cell, note, cited, extra):
        return missing if cell is None else write(status, cell, note)
    return Check(key, trait, status, reason)


def _pointer(key: str, label: str, required, unit: str, requirements: dict, pointers) -> Check:
    """A need no trait records: every pattern fails it when a decisive pointer's conditions hold."""
    shown = f"{fmt(required)} {unit}".strip()
    found = [p for p in pointers if p.get("decisive") and key in p["when"]
             and all(condition_met(c, requirements.get(k)) for k, c in p["when"].items())]
    if found:
        failed = f"{label}: {shown} is beyond what this catalog's patterns promise; look at {found[0]['service']}"
        return Check(key, WORKLOADS, lambda cell, extra: FAILS, lambda status, cell, note, cited, extra: failed)
    met = f"{label}: {shown} asked; the catalog's data states no figure to check it against"
    return Check(key, WORKLOADS, lambda cell, extra: MEETS, lambda status, cell, note, cited, extra: met)


def _not_needed(key: str, trait: str, kind: str, rule: dict, label: str, required) -> Check:
    """A "don't need" answer: always met; the line says what the pattern has, and that it was not needed."""
    def described(cell):
        if kind == "equals":
            return str(cell.value if cell else rule["default"])
        if cell is None:
            return "not offered"
        if kind == "required":
            return "offered" if cell.value else "not offered"
        if kind in ("includes", "includes-all"):
            return f"supports {fmt(cell.value)}"
        return fmt(cell.value)

    answered = "no" if required is False else fmt(required)
    return Check(key, trait, lambda cell, extra: MEETS,
                 lambda status, cell, note, cited, extra: f"{label}: {described(cell)} (not needed: you answered {answered})")


def _trait_check(kind: str, rule: dict, required, label: str):
    """(decide(cell), write(status, cell, note)) for a trait the pattern has."""
    if kind == "at-least":
        rank = {v: i for i, v in enumerate(rule["order"])}
        return (lambda cell: MEETS if rank[cell.value] >= rank[required] else FAILS,
                lambda status, cell, note: f"{label}: {cell.value} ({required} needed).{note}" if status == MEETS
                else f"{label}: needs {required}, this pattern gives {cell.value}.{note}")
    if kind == "required":
        return (lambda cell: MEETS if cell.value else FAILS,
                lambda status, cell, note: f"{label}: offered (needed).{note}" if status == MEETS
                else f"{label}: needed, not offered.{note}")
    if kind == "accepts":
        accepted = rule["accepts"][required]

        def decide(cell):
            if cell.value not in accepted:
                return FAILS
            return MEETS if cell.value == accepted[0] else WEAKER

        def write(status, cell, note):
            if status == MEETS:
                return f"{label}: {cell.value} ({required} needed).{note}"
            if status == WEAKER:
                return f"{label}: {cell.value}, which serves {required} work without being built for it.{note}"
            return f"{label}: needs {required}, this pattern is {cell.value}.{note}"
        return decide, write
    if kind == "includes":
        return (lambda cell: MEETS if required in cell.value else FAILS,
                lambda status, cell, note: f"{label}: supports {required}.{note}" if status == MEETS
                else f"{label}: needs {required}, this pattern supports {fmt(cell.value)}.{note}")
    if kind == "includes-all":
        def lacking(cell):
            return [x for x in required if x not in cell.value]
        return (lambda cell: FAILS if lacking(cell) else MEETS,
                lambda status, cell, note: f"{label}: supports {fmt(required)}.{note}" if status == MEETS
                else f"{label}: needs {fmt(lacking(cell))}, not available.{note}")
    raise ValueError(f"unknown rule kind {kind}")


def _strict_order(key: str, trait: str, rule: dict, required, label: str) -> Check:
    """Strict order: a pattern whose ordering is strict, or one that reaches it by a configuration
    of its own (e.g. an SQS FIFO queue with a single message group), at that configuration's rate."""
    def status(cell, extra):
        return MEETS if (cell is not None and cell.value == required) or extra is not None else FAILS

    def reason(status, cell, note, cited, extra):
        value = cell.value if cell else "none"
        if cell is not None and cell.value == required:
            return f"{label}: {value} ({required} needed).{note}"
        if extra is not None and extra.cell is not None:
            return (f"{label}: {value} by default, {required} by configuration, at up to "
                    f"{fmt(extra.cell.value)} events/s{extra.cited}.{extra.note}")
        return f"{label}: needs {required}, this pattern gives {value}.{note}"
    return Check(key, trait, status, reason, rule["strict_via"])


def _not_above(key: str, trait: str, strict: str | None, required, label: str, unit: str) -> Check:
    shown = fmt(required)

    def decide(cell):
        if cell is None:
            return FAILS
        if cell.value is None or required <= cell.value:
            return MEETS
        if cell.adjustable and (cell.ceiling is None or required <= cell.ceiling):
            return SETTING if cell.raised_by == "resource-setting" else QUOTA
        return FAILS

    def write(status, slot: Slot, what: str):
        cell, note, cited = slot
        if cell is None:
            return f"{label}: needs {shown} {unit}; this pattern has no {label} to offer"
        value = cell.value
        if status == MEETS:
            bound = "no documented limit" if value is None else f"up to {fmt(value)} {unit}"
            return f"{what}: {shown} {unit} needed, {bound}.{note}"
        upto = "" if cell.ceiling is None else f" up to {fmt(cell.ceiling)} {unit}"
        if status == SETTING:
            return (f"{what}: {shown} {unit} is above the default of {fmt(value)} {unit}; a setting on the "
                    f"resource raises it{upto}{cited}.{note}")
        if status == QUOTA:
            return (f"{what}: {shown} {unit} is above the default quota of {fmt(value)} {unit}, which AWS "
                    f"raises on request{upto}{cited}.{note}")
        if cell.adjustable:
            return (f"{what}: needs {shown} {unit}, the limit is {fmt(value)} {unit} and can be raised "
                    f"only to {fmt(cell.ceiling)} {unit}{cited}.{note}")
        return f"{what}: needs {shown} {unit}, the limit is {fmt(value)} {unit}{cited}.{note}"

    if strict is None:
        return Check(key, trait, lambda cell, extra: decide(cell), lambda status, cell, note, cited, extra: write(status, Slot(cell, note, cited), label))
    # strict order asked: a pattern keeping it by configuration is held to that configuration's rate
    return Check(key, trait, lambda cell, extra: decide(extra if extra is not None else cell),
                 lambda status, cell, note, cited, extra: write(status, extra, f"{label} in strict order") if extra is not None and extra.cell is not None
                 else write(status, Slot(cell, note, cited), label), strict)
