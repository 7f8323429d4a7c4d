"""Local track time as integer microseconds since 1970-01-01 (naive: no time zone)."""

from __future__ import annotations

from datetime import datetime, timedelta

_EPOCH = datetime(1970, 1, 1)


def parse_local_time(text: str) -> int:
    """ISO 8601 local time (`2026-05-16T09:03:12.345`) to microseconds. Raises ValueError."""
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    delta = value - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def format_local_time(time_us: int, *, digits: int = 3) -> str:
    """Microseconds to ISO 8601 local time with `digits` fractional digits (3 = milliseconds)."""
    value = _EPOCH + timedelta(microseconds=time_us)
    text = value.isoformat(timespec="microseconds")
    return text[: len(text) - (6 - digits)] if digits < 6 else text


def at_time_of_day(date: str, clock: str) -> int:
    """A date (`2026-05-16`) and a time of day (`09:03` or `09:03:12.345`) to microseconds."""
    return parse_local_time(f"{date}T{clock}")
