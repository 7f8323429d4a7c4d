"""Passings from a recorded Orbits RMonitor feed (`$L` crossings, else `$J` laps)."""

from __future__ import annotations

from pathlib import Path

from trackside.errors import InputError
from trackside.timing.csv_passings import PassingRow
from trackside.timing.rmonitor import read_feed_file


def read_passings_rmonitor(path: Path, date: str | None = None) -> list[PassingRow]:
    """The feed's passings. Malformed lines are reported (logged) and skipped, never fatal."""
    feed = read_feed_file(path, "import", date)
    if not feed.passings:
        raise InputError("no passings ($L crossings or $J laps) in the feed", source=str(path))
    return [PassingRow(0, passing, None) for passing in feed.passings]
