"""Every value a person reads, written the way a person would write it.

Booleans are yes/no, a missing value is "not stated", durations come in the unit one would say
(29 s, 15 min, 4 h, 7 days), counts carry thousands separators, sizes the largest unit that keeps
the number at least 1 (1 MiB rather than 1024 KiB), and no number shows float noise
(0.48333333333333334, 1.25e+07). JSON output never goes through here: it stays machine-typed.

It sits at the package root, importing nothing, because human text is written at every layer:
the advisor's reasons, cost lines, review findings, site pages and the terminal renderer.
"""

from __future__ import annotations

import math

NOT_STATED = "not stated"
SIGNIFICANT = 3  # digits kept in a non-integral number: 0.483, 1.67, 45.5
MAX_DECIMALS = 9  # a price per request ($0.0000002) needs this many; nothing human needs more


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def number(value, significant: int = SIGNIFICANT) -> str:
    """1234 -> 1,234; 45.0 -> 45; 0.48333 -> 0.483; 12500000.0 -> 12,500,000; 1.66667e-05 -> 0.0000167."""
    if value is None:
        return NOT_STATED
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, int):
        return f"{value:,}"
    value = float(value)
    if not math.isfinite(value):
        return "unlimited" if value > 0 else str(value)
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = min(MAX_DECIMALS, max(0, significant - 1 - magnitude))
    text = f"{round(value, decimals):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def count(value, noun: str | None = None) -> str:
    """A whole number with separators, with its noun in the plural when it is not one."""
    text = number(value)
    if noun is None:
        return text
    return f"{text} {noun}" if value == 1 else f"{text} {plural(noun)}"


def plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


_SECONDS = {"ms": 0.001, "seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}


def duration(value, unit: str = "seconds") -> str:
    """A length of time in the unit a person would use: 29 s, 15 min, 4 h, 7 days."""
    seconds = float(value) * _SECONDS[unit]
    if seconds < 1:
        return f"{number(seconds * 1000)} ms"
    if seconds < 60:
        return f"{number(seconds)} s"
    if seconds < 3600:
        return f"{number(seconds / 60)} min"
    if seconds < 86400:
        return f"{number(seconds / 3600)} h"
    days = seconds / 86400
    return f"{number(days)} day" if days == 1 else f"{number(days)} days"


# AWS documents sizes in both families; each stays in its own (a KiB limit is never shown in KB).
_BINARY = ("bytes", "KiB", "MiB", "GiB", "TiB")
_DECIMAL = ("bytes", "KB", "MB", "GB", "TB")


def size(value, unit: str = "bytes") -> str:
    """A size in the largest unit of its family that keeps the number at least 1: 1 MiB, 400 KB."""
    family, base = (_BINARY, 1024) if unit in _BINARY[1:] else (_DECIMAL, 1000)
    if unit == "bytes":
        family, base = _BINARY, 1024
    amount = float(value) * base ** family.index(unit)
    step = 0
    while step < len(family) - 1 and abs(amount) >= base:
        amount /= base
        step += 1
    return f"{number(amount)} {family[step]}"


_RATES = {"per-second": "per second", "requests-per-second": "requests per second",
          "messages-per-second": "messages per second", "records-per-second": "records per second"}


def quantity(value, unit: str) -> str:
    """A limit's value in its unit, as a person would say it."""
    if unit in _SECONDS:
        return duration(value, unit)
    if unit in _BINARY or unit in _DECIMAL:
        return size(value, unit)
    if unit in ("MiB-per-second", "MB-per-second"):
        return f"{size(value, unit.split('-')[0])} per second"
    if unit in _RATES:
        return f"{number(value)} {_RATES[unit]}"
    if unit == "percent":
        return f"{number(value)}%"
    if unit == "count":
        return number(value)
    return f"{number(value)} {unit}"


def value(item) -> str:
    """Any data value: yes/no, not stated, numbers without noise, lists comma-separated."""
    if item is None:
        return NOT_STATED
    if isinstance(item, bool):
        return yes_no(item)
    if isinstance(item, (int, float)):
        return number(item)
    if isinstance(item, (list, tuple)):
        return ", ".join(value(x) for x in item) if item else "none"
    return str(item)


# Traits whose numbers carry a unit in the schema (schemas/pattern.schema.json).
_TRAIT_UNITS = {"max_message_kb": "KiB", "max_task_minutes": "minutes"}


def trait(key: str, item) -> str:
    """A pattern's trait value: max_message_kb 1024 -> 1 MiB; max_events_per_s null -> no documented limit."""
    if key == "max_events_per_s":
        return "no documented limit" if item is None else f"{number(item)} per second"
    if key in _TRAIT_UNITS and isinstance(item, (int, float)) and not isinstance(item, bool):
        return quantity(item, _TRAIT_UNITS[key])
    return value(item)


def money(usd, cents: bool = True) -> str:
    """Dollars: $13.50 for amounts (cents=True); unit prices keep their significant digits ($0.000016667)."""
    usd = float(usd)
    if (cents and (usd == 0 or abs(usd) >= 0.01)) or round(usd, 2) == usd:
        return f"${usd:,.2f}"
    return f"${number(usd, significant=6)}"


def sentence(text: str) -> str:
    """Text ending in exactly one full stop (or its own ? or !), however it was written."""
    text = text.rstrip()
    while text.endswith(".."):
        text = text[:-1]
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def clause(text: str) -> str:
    """Text to be followed by more words: its closing full stop dropped."""
    return text.rstrip().rstrip(".")
