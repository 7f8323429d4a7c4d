"""Times written by people and files: full ISO 8601, or a time of day on the event's date."""

from __future__ import annotations

from trackside.core.clock import at_time_of_day, parse_local_time

EXPECTED = "ISO 8601 (2026-05-16T09:03:12.345) or a time of day (09:03:12.345)"


def parse_time(text: str, event_date: str) -> int:
    """Microseconds for `2026-05-16T09:03:12.345`, or `09:03:12.345` on `event_date`.
    Raises ValueError."""
    text = text.strip()
    if "T" in text or " " in text:
        return parse_local_time(text)
    if ":" not in text:
        raise ValueError(f"not a time: {text!r}")
    return at_time_of_day(event_date, text)
