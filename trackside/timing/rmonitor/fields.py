"""Converters from one RMonitor field's text to its value; each raises ValueError saying what
was expected."""

from __future__ import annotations

from collections.abc import Callable

from trackside.timing.rmonitor import times

Converter = Callable[[str], object]


def text(value: str) -> str:
    """Names and descriptions, without Orbits' fixed-width padding."""
    return value.strip()


def integer(value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise ValueError(f"expected a whole number, got {value!r}") from None


def optional_integer(value: str) -> int | None:
    return integer(value) if value.strip() else None


def transponder(value: str) -> str:
    """A transponder number (digits), or empty when the competitor carries none."""
    stripped = value.strip()
    if stripped and not stripped.isdigit():
        raise ValueError(f"expected a transponder number, got {value!r}")
    return stripped


def required(value: str) -> str:
    """A key such as a registration number: it cannot be empty."""
    stripped = value.strip()
    if not stripped:
        raise ValueError("a value is required")
    return stripped


duration = times.duration_us
clock = times.time_of_day_us
signed_duration = times.signed_duration_us
init_date = times.init_date
crossing_date = times.crossing_date
