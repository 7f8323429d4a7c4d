"""A race session's settings in the event file (endurance.md, "Session settings") checked into
`RaceSettings`, durations in integer microseconds; each error names the session's field."""

from __future__ import annotations

import re
from typing import Any

from trackside.core.records import RaceSettings
from trackside.errors import shown

MINUTE_US = 60_000_000
SECOND_US = 1_000_000
MISSED_STOP = re.compile(r"last-in-class|laps:[1-9][0-9]{0,3}|time:[0-9]{1,5}(\.[0-9]{1,3})?")
"""`last-in-class`, `laps:N` (N laps deducted) or `time:S` (S seconds added)."""
MISSED_STOP_FORMS = 'expected "last-in-class", "laps:N" or "time:S"'


def race_settings(session: Any, duration_min: float) -> RaceSettings:
    """The settings of a `race` session; `session` is the event file's table reader
    (`timing/event_file._Reader`), `duration_min` its checked scheduled length."""
    sprint = session.positive("sprint_min", None)
    if sprint is not None and sprint >= duration_min:
        raise session.error(f"the Sprint part ({sprint!r} min) must end before the race "
                            f"({duration_min!r} min)", "sprint_min")
    pit_in, pit_out = (session.name(key, limit=32) or None for key in ("pit_in_loop",
                                                                       "pit_out_loop"))
    if (pit_in is None) != (pit_out is None):
        missing = "pit_out_loop" if pit_out is None else "pit_in_loop"
        raise session.error("pit loops come in pairs: give both pit_in_loop and pit_out_loop "
                            "(or neither, and record stops with `trackside pit stop`)", missing)
    if pit_in is not None and pit_in == pit_out:
        raise session.error(f"the pit-in and pit-out loops must differ (both {shown(pit_in)})",
                            "pit_out_loop")
    return RaceSettings(
        sprint_us=None if sprint is None else round(sprint * MINUTE_US),
        mandatory_stops=_count(session, "mandatory_stops", 0),
        min_stop_us=_duration(session, "min_stop_s", 0, SECOND_US),
        missed_stop=_missed_stop(session),
        pit_in_loop=pit_in,
        pit_out_loop=pit_out,
        max_stint_us=_positive_duration(session, "max_stint_min", 180, MINUTE_US),
        min_rest_us=_duration(session, "min_rest_min", 60, MINUTE_US),
        min_classified_pct=_percent(session, "min_classified_pct", 50),
        unserved_penalty_us=_duration(session, "unserved_penalty_s", 60, SECOND_US),
    )


def _count(session: Any, key: str, default: int) -> int:
    value = session.get(key, int, default)
    if value < 0:
        raise session.error(f"must be 0 or more, got {value!r}", key)
    return value


def _duration(session: Any, key: str, default: float, unit_us: int) -> int:
    """A duration 0 or more, in `unit_us` units, as integer microseconds."""
    value = session.get(key, (int, float), default)
    if value < 0:
        raise session.error(f"must be 0 or more, got {value!r}", key)
    return round(value * unit_us)


def _positive_duration(session: Any, key: str, default: float, unit_us: int) -> int:
    return round(session.positive(key, default) * unit_us)


def _percent(session: Any, key: str, default: int) -> int:
    value = session.get(key, int, default)
    if not 0 <= value <= 100:
        raise session.error(f"expected a whole percentage 0-100, got {value!r}", key)
    return value


def _missed_stop(session: Any) -> str:
    value = session.get("missed_stop", str, "last-in-class")
    if not MISSED_STOP.fullmatch(value):
        raise session.error(f"{MISSED_STOP_FORMS}; got {shown(value)}", "missed_stop")
    return value
