"""Times written by people and files: full ISO 8601 local time, or a time of day on the event's
date. Strict: ASCII digits only, no UTC offset (times are local track time), no week dates."""

from __future__ import annotations

import re

from trackside.core.clock import at_time_of_day, parse_local_time

EXPECTED = "ISO 8601 (2026-05-16T09:03:12.345) or a time of day (09:03:12.345)"
LOCAL_EXPECTED = "ISO 8601 local time like 2026-05-16T09:03:12.345"

_CLOCK = r"[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
_LOCAL = re.compile(rf"[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}[T ]{_CLOCK}")
_TIME_OF_DAY = re.compile(_CLOCK)
_OFFSET = re.compile(r"(Z|[+-][0-9]{2}:?[0-9]{2}(:?[0-9]{2})?)$", re.IGNORECASE)


class OffsetNotAllowed(ValueError):
    """A time with a UTC offset (`+02:00`, `Z`): files give local track time."""


def parse_local(text: str) -> int:
    """Microseconds for `2026-05-16T09:03:12.345` (or with a space for the `T`).
    Raises ValueError, saying so when the time carries a UTC offset."""
    text = text.strip()
    if _LOCAL.fullmatch(text):
        return parse_local_time(text)
    if _LOCAL.fullmatch(_OFFSET.sub("", text)):
        raise OffsetNotAllowed("a UTC offset is not allowed: times are local track time")
    raise ValueError("not an ISO 8601 local time")


def parse_time(text: str, event_date: str) -> int:
    """Microseconds for `2026-05-16T09:03:12.345`, or `09:03:12.345` on `event_date`.
    Raises ValueError (`OffsetNotAllowed` for a time with a UTC offset)."""
    text = text.strip()
    if _TIME_OF_DAY.fullmatch(text):
        return at_time_of_day(event_date, text)
    return parse_local(text)
