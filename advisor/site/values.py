"""Trait values as people read them: 1 MiB rather than 1,024 KiB, 7 days rather than 10,080 minutes."""

from __future__ import annotations


def trait_value(value) -> str:
    if value is None:
        return "no documented limit"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    return f"{value:,}" if isinstance(value, int) else str(value)


_BINARY = [("KiB", 1), ("MiB", 1024), ("GiB", 1024**2)]
_DECIMAL = [("GB", 10**9), ("TB", 10**12), ("PB", 10**15)]


def _size(kib: float) -> str:
    """KiB as AWS writes the limit: binary up to a gibibyte (1 MiB for SQS), decimal above (50 TB for S3)."""
    if kib < 1024**2:
        name, factor = next((n, f) for n, f in reversed(_BINARY) if kib >= f)
        return f"{kib / factor:,.4g} {name}"
    size = kib * 1024
    name, factor = next(((n, f) for n, f in reversed(_DECIMAL) if size >= f), _DECIMAL[0])
    return f"{size / factor:,.4g} {name}"


def _duration(minutes: float) -> str:
    if minutes < 1:
        return f"{round(minutes * 60)} s"
    if minutes < 120:
        return f"{minutes:g} min"
    if minutes < 2 * 1440:
        return f"{minutes / 60:,.3g} h"
    return f"{minutes / 1440:,.4g} days"


# Traits whose numbers read better in a unit a person would say (the trait keeps its own unit).
_NUMBERS = {"max_message_kb": _size, "max_task_minutes": _duration, "max_events_per_s": lambda v: f"{v:,}/s",
            "strict_order_events_per_s": lambda v: f"{v:,}/s", "replay_window_days": lambda v: f"{v:,} days"}
# Labels for where the value carries its own unit (the trait's label names the unit it is stored in).
UNITLESS_LABELS = {"max_message_kb": "Max message", "max_task_minutes": "Max task"}
SHORT_LABELS = {"max_message_kb": "Max message", "max_events_per_s": "Max rate", "max_task_minutes": "Max task",
                "write_rate_control": "Rate control", "content_filtering": "Content routing",
                "custom_domain_https": "Custom domain", "auth": "Auth", "replay_window_days": "Replay window",
                "strict_order_events_per_s": "Strict order rate"}


def short_value(key: str, value) -> str:
    if value is not None and key in _NUMBERS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return _NUMBERS[key](value)
    return trait_value(value)


