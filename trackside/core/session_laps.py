"""Which session each lap belongs to, and each entry's numbered, validated laps in a session."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from trackside.core.decisions import apply_session_decisions
from trackside.core.laps import laps_by_transponder
from trackside.core.periods import SessionWindow, session_windows
from trackside.core.records import Decision, EventFacts
from trackside.core.results import Lap, ScoredLap


@dataclass(frozen=True, slots=True)
class SessionLaps:
    """Every transponder's raw laps in every session that has gone green."""

    windows: dict[str, SessionWindow]
    laps: dict[str, dict[str, list[Lap]]]  # session id -> transponder -> laps in time order


def _candidates(windows: list[SessionWindow], greens: list[int], lap: Lap) -> list[SessionWindow]:
    """The windows whose first green is the latest at or before the lap's start (rule 4)."""
    index = bisect_right(greens, lap.start_us)
    if index == 0:
        return []
    latest = greens[index - 1]
    found = []
    while index > 0 and greens[index - 1] == latest:
        window = windows[index - 1]
        if window.holds(lap.start_us, lap.end_us):
            found.append(window)
        index -= 1
    return found


def _pick(found: list[SessionWindow], group: str | None, groups_of: dict[str, tuple[str, ...]]):
    """Sessions that went green together: the one run for the entry's group, else the first."""
    if len(found) == 1:
        return found[0]
    for window in sorted(found, key=lambda w: w.session_id):
        if group is not None and group in groups_of.get(window.session_id, ()):
            return window
    return min(found, key=lambda w: w.session_id)


def assign_laps(facts: EventFacts) -> SessionLaps:
    """Rule 4: put every lap in the session whose window holds it (or in none)."""
    windows = session_windows(facts.flags)
    greens = [w.first_green_us for w in windows]
    groups_of = {s.id: s.groups for s in facts.event.sessions}
    group_of = {e.transponder: e.group for e in facts.entries}
    event = facts.event
    by_session: dict[str, dict[str, list[Lap]]] = defaultdict(lambda: defaultdict(list))
    raw = laps_by_transponder(facts.passings, event.track.start_finish_loop, event.min_lap_us)
    for transponder, laps in raw.items():
        for lap in laps:
            found = _candidates(windows, greens, lap)
            if found:
                window = _pick(found, group_of.get(transponder), groups_of)
                by_session[window.session_id][transponder].append(lap)
    return SessionLaps({w.session_id: w for w in windows}, by_session)


def numbered_laps(window: SessionWindow, laps: list[Lap]) -> list[ScoredLap]:
    """Rules 4-6: number a transponder's session laps from 1 and mark those outside green."""
    scored = []
    for number, lap in enumerate(laps, start=1):
        reason = window.invalid_reason(lap.start_us, lap.end_us)
        scored.append(ScoredLap(number, lap.start_us, lap.end_us, reason is None, reason))
    return scored


def entry_laps(
    session_laps: SessionLaps, session_id: str, transponder: str, decisions: list[Decision]
) -> list[ScoredLap]:
    """An entry's laps in a session after flags and its active decisions for that session."""
    window = session_laps.windows.get(session_id)
    if window is None:
        return []
    laps = session_laps.laps.get(session_id, {}).get(transponder, [])
    return apply_session_decisions(numbered_laps(window, laps), decisions)
