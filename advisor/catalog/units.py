"""Units a trait can be compared with, and the factor that converts a limit into the trait's unit."""

from __future__ import annotations

TRAIT_UNITS = {
    # AWS writes "MB" for these binary payload limits (SQS's 1 MB is 1,048,576 bytes), so MB = 1024 KiB.
    "max_message_kb": {"KiB": 1, "MiB": 1024, "MB": 1024, "bytes": 1 / 1024},
    "max_task_minutes": {"minutes": 1, "seconds": 1 / 60, "hours": 60, "days": 1440},
    "max_events_per_s": {"per-second": 1, "requests-per-second": 1, "messages-per-second": 1, "records-per-second": 1},
    "replay_window_days": {"days": 1, "hours": 1 / 24},
    "strict_order_events_per_s": {"per-second": 1, "requests-per-second": 1, "messages-per-second": 1, "records-per-second": 1},
}


def in_trait_unit(trait_key: str, value: float, unit: str) -> float | None:
    factor = TRAIT_UNITS.get(trait_key, {}).get(unit)
    return None if factor is None else value * factor
