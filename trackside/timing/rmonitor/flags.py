"""Flags of a run: one trackside flag at each `$F` whose flag status differs from the last.

Green, Yellow and Red map to themselves, Finish to checkered; no flag (blank) adds nothing but
counts as a state, so a green after it is a change. Each run starts with no flag.
"""

from __future__ import annotations

from collections.abc import Iterable

from trackside.core.records import Flag, FlagState
from trackside.timing.rmonitor.records import Heartbeat
from trackside.timing.rmonitor.times import at

FLAG_STATES: dict[str, FlagState] = {
    "Green": FlagState.GREEN,
    "Yellow": FlagState.YELLOW,
    "Red": FlagState.RED,
    "Finish": FlagState.CHECKERED,
}
"""Orbits' flag status texts (without padding) and the trackside flag each one is."""


def flag_changes(
    heartbeats: Iterable[Heartbeat], session_id: str, date: str
) -> tuple[list[Flag], list[Heartbeat]]:
    """A flag at every change of flag status, and the heartbeats that changed to an unknown
    status (kept as a state, but no flag)."""
    flags: list[Flag] = []
    unknown: list[Heartbeat] = []
    last = ""
    for beat in heartbeats:
        if beat.flag == last:
            continue
        last = beat.flag
        state = FLAG_STATES.get(beat.flag)
        if state is not None:
            flags.append(Flag(session_id, state, at(date, beat.time_of_day_us)))
        elif beat.flag:
            unknown.append(beat)
    return flags, unknown
