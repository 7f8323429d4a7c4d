"""RMonitor's time texts: durations and times of day (`HH:MM:SS[.fff]`) and its two date forms.

Times are integer microseconds; a time of day is microseconds since midnight. `$I` writes dates
as `27 Jan 09`, `$L` as `01/27/2009`; trackside keeps ISO dates (`2009-01-27`).
"""

from __future__ import annotations

import re
from datetime import date

_CLOCK = re.compile(r"(\d{1,3}):([0-5]\d):([0-5]\d)(?:\.(\d{1,6}))?")
_SIGNED = re.compile(r"([+-]?)(.+)")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_US_PER_DAY = 86_400_000_000

NO_TIME_US = (59 * 60 + 59) * 1_000_000 + 999_000
"""`00:59:59.999`: Orbits' "no time yet" in `$G` total times and `$H` best laps."""


def duration_us(text: str) -> int:
    """`01:42:17.672` or `00:12:45` to microseconds. Raises ValueError."""
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"expected a time like 00:01:59.123, got {text!r}")
    hours, minutes, seconds, fraction = match.groups()
    whole = (int(hours) * 60 + int(minutes)) * 60 + int(seconds)
    return whole * 1_000_000 + int((fraction or "0").ljust(6, "0"))


def time_of_day_us(text: str) -> int:
    """`13:34:23` or `16:36:08.000` to microseconds since midnight. Raises ValueError."""
    value = duration_us(text)
    if value >= _US_PER_DAY:
        raise ValueError(f"expected a time of day like 13:34:23, got {text!r}")
    return value


def signed_duration_us(text: str) -> int:
    """`+00:00:00.012` or `-00:00:01.500` to (signed) microseconds. Raises ValueError."""
    match = _SIGNED.fullmatch(text.strip())
    sign, rest = match.groups() if match else ("", text)
    value = duration_us(rest)
    return -value if sign == "-" else value


def init_date(text: str) -> str:
    """`$I` date `27 Jan 09` (or `27 jan 2009`) to `2009-01-27`. Raises ValueError."""
    parts = text.strip().split()
    month = parts[1].lower()[:3] if len(parts) == 3 else ""
    if month not in _MONTHS or not parts[0].isdigit() or not parts[2].isdigit():
        raise ValueError(f"expected a date like 27 Jan 09, got {text!r}")
    year = int(parts[2]) + (2000 if len(parts[2]) <= 2 else 0)
    return _iso(year, _MONTHS.index(month) + 1, int(parts[0]), text)


def crossing_date(text: str) -> str:
    """`$L` date `01/27/2009` (month first) to `2009-01-27`. Raises ValueError."""
    parts = text.strip().split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"expected a date like 01/27/2009, got {text!r}")
    month, day, year = (int(p) for p in parts)
    return _iso(year + (2000 if year < 100 else 0), month, day, text)


def _iso(year: int, month: int, day: int, text: str) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise ValueError(f"no such date: {text!r}") from None


def at(iso_date: str, time_of_day: int) -> int:
    """Microseconds since 1970-01-01 of a time of day on a date."""
    days = date.fromisoformat(iso_date).toordinal() - _EPOCH_ORDINAL
    return days * _US_PER_DAY + time_of_day


def day_and_time(time_us: int) -> tuple[str, int]:
    """The ISO date and the time of day (microseconds) of a trackside time."""
    days, time_of_day = divmod(time_us, _US_PER_DAY)
    return date.fromordinal(days + _EPOCH_ORDINAL).isoformat(), time_of_day


def format_duration(time_us: int) -> str:
    """Microseconds to `HH:MM:SS.mmm` (milliseconds truncated, as trackside reports them)."""
    whole, micro = divmod(max(time_us, 0), 1_000_000)
    minutes, seconds = divmod(whole, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{micro // 1000:03d}"


def format_clock(time_us: int) -> str:
    """Microseconds to whole seconds `HH:MM:SS`, as `$F` heartbeats write them."""
    return format_duration(time_us)[:-4]


def format_init_date(iso_date: str) -> str:
    """`2009-01-27` to `$I`'s `27 Jan 09`."""
    value = date.fromisoformat(iso_date)
    return f"{value.day:02d} {_MONTHS[value.month - 1].title()} {value.year % 100:02d}"


def format_crossing_date(iso_date: str) -> str:
    """`2009-01-27` to `$L`'s `01/27/2009`."""
    value = date.fromisoformat(iso_date)
    return f"{value.month:02d}/{value.day:02d}/{value.year:04d}"
