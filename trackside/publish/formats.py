"""Time, gap and status formatting shared by every renderer."""

from __future__ import annotations

import re

from trackside.core.clock import format_local_time
from trackside.core.results import format_lap
from trackside.core.results import natural_key as natural_key  # car numbers and classes

FORMATS = ("text", "json", "csv", "html")

STATUS_LABELS = {
    "ok": "",
    "no-time": "No time",
    "excluded": "Excluded",
    "disqualified": "Disqualified",
}


def check_format(fmt: str) -> str:
    """The format name, or ValueError naming the formats there are."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return fmt


def to_ms(time_us: int) -> int:
    """Whole milliseconds, truncated as timing systems do (as `seconds()` does)."""
    return time_us // 1000


def lap_time(time_us: int | None, missing: str = "") -> str:
    """M:SS.mmm (S.mmm under a minute), or `missing` when there is no time."""
    return missing if time_us is None else format_lap(time_us)


def gap_us(time_us: int, reference_us: int) -> int:
    """The difference of two times as they are displayed (whole milliseconds), in µs."""
    return (to_ms(time_us) - to_ms(reference_us)) * 1000


def gap_text(difference_us: int | None, missing: str = "") -> str:
    """A gap as +S.mmm (or +M:SS.mmm), or `missing` when there is none."""
    return missing if difference_us is None else "+" + format_lap(difference_us)


def seconds_text(time_us: int | None) -> str:
    """Seconds with exactly three decimals for CSV (``122.401``), '' for no time."""
    if time_us is None:
        return ""
    whole, millis = divmod(to_ms(time_us), 1000)
    return f"{whole}.{millis:03d}"


def time_text(time_us: int | None) -> str | None:
    """A time of day as ISO 8601 local time: milliseconds, or microseconds when it has them."""
    if time_us is None:
        return None
    return format_local_time(time_us, digits=3 if time_us % 1000 == 0 else 6)


def readable_time(iso: str) -> str:
    """An ISO 8601 time of day as people write it: `2026-05-16 15:42:07`."""
    return iso.replace("T", " ", 1)


def status_label(status: str) -> str:
    """Human label for a status; '' for ok."""
    return STATUS_LABELS.get(status, status.replace("-", " ").capitalize())


def counted(count: int, noun: str, nouns: str | None = None) -> str:
    """`1 unknown transponder`, `2 unknown transponders` (`nouns` when the plural is not +s)."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def slug(text: str) -> str:
    """A file-name-safe form of an id: letters, digits, '.', '_' and '-' kept."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._")
    return cleaned or "session"
