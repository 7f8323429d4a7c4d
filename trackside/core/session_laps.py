"""Which session each lap belongs to, and each entry's numbered, validated laps in a session.

A transponder's accepted crossings are sorted, and a session's laps are a contiguous run of them
(time-attack.md rule 4), so each session takes its run with a few bisections instead of placing
laps one at a time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from trackside.core.decisions import apply_session_decisions
from trackside.core.laps import accepted_crossings, crossings_by_transponder
from trackside.core.periods import SessionWindow, session_windows
from trackside.core.records import Decision, EventFacts
from trackside.core.results import ScoredLap


@dataclass(frozen=True, slots=True)
class SessionLaps:
    """Every transponder's crossings in every session that has gone green.

    `crossings[session][transponder]` holds n + 1 accepted crossings for n laps in that session.
    """

    windows: dict[str, SessionWindow]
    crossings: dict[str, dict[str, list[int]]]


def crossing_run(window: SessionWindow, accepted: list[int]) -> list[int]:
    """Rule 4: the crossings bounding the laps that start at or after the first green, before
    the close (if closed), and end before the next session's first green."""
    first = bisect_left(accepted, window.first_green_us)
    last_start = len(accepted) - 2
    if window.closes_us is not None:
        last_start = min(last_start, bisect_left(accepted, window.closes_us) - 1)
    if window.next_green_us is not None:
        last_start = min(last_start, bisect_left(accepted, window.next_green_us) - 2)
    return accepted[first : last_start + 2] if last_start >= first else []


def _pick(tied: list[SessionWindow], group: str | None, groups_of: dict[str, tuple[str, ...]]):
    """Sessions that went green together: the one run for the entry's group, else the first."""
    if len(tied) == 1:
        return tied[0]
    for window in tied:
        if group is not None and group in groups_of.get(window.session_id, ()):
            return window
    return tied[0]


def assign_laps(facts: EventFacts) -> SessionLaps:
    """Rule 4: put every lap in the session whose window holds it (or in none)."""
    windows = session_windows(facts.flags)
    tied = [list(ws) for _, ws in groupby(windows, key=lambda w: w.first_green_us)]
    groups_of = {s.id: s.groups for s in facts.event.sessions}
    group_of = {e.transponder: e.group for e in facts.entries}
    event = facts.event
    by_session: dict[str, dict[str, list[int]]] = defaultdict(dict)
    crossings = crossings_by_transponder(facts.passings, event.track.start_finish_loop)
    for transponder, times in crossings.items():
        accepted = accepted_crossings(times, event.min_lap_us)
        group = group_of.get(transponder)
        for same_start in tied:
            window = same_start[0] if len(same_start) == 1 else _pick(same_start, group, groups_of)
            run = crossing_run(window, accepted)
            if run:
                by_session[window.session_id][transponder] = run
    return SessionLaps({w.session_id: w for w in windows}, by_session)


def numbered_laps(window: SessionWindow, crossings: Sequence[int]) -> list[ScoredLap]:
    """Rules 4-6: number a transponder's session laps from 1 and mark those outside green.

    The crossings are sorted, so the laps inside each green period are one run of indexes
    found by bisection; only the laps between runs are looked at one by one (for their reason).
    """
    count = len(crossings) - 1
    laps: list[ScoredLap] = []
    new = tuple.__new__  # skips the named tuple's keyword handling
    done = 0
    for lo, hi in _green_runs(window, crossings, count):
        if lo > done:
            laps += _not_green(window, crossings, done, lo)
        laps += [new(ScoredLap, (i + 1, crossings[i], crossings[i + 1], True, None))
                 for i in range(lo, hi)]  # fmt: skip
        done = hi
    if count > done:
        laps += _not_green(window, crossings, done, count)
    return laps


def _green_runs(
    window: SessionWindow, crossings: Sequence[int], count: int
) -> list[tuple[int, int]]:
    """Index ranges [lo, hi) of the laps inside each green period (rule 6: a lap counts if it
    starts in the period and, when the period was closed hard, ends in it too)."""
    runs = []
    done = 0
    for opens, closes, hard in window.spans:
        lo = max(bisect_left(crossings, opens), done)
        hi = bisect_right(crossings, closes) - 1 if hard else bisect_left(crossings, closes)
        hi = min(hi, count)
        if hi > lo:
            runs.append((lo, hi))
            done = hi
    return runs


def _not_green(
    window: SessionWindow, crossings: Sequence[int], lo: int, hi: int
) -> list[ScoredLap]:
    new = tuple.__new__
    return [
        new(ScoredLap, (i + 1, a, b, False, window.invalid_reason(a, b)))
        for i in range(lo, hi)
        for a, b in ((crossings[i], crossings[i + 1]),)
    ]


def entry_laps(
    session_laps: SessionLaps, session_id: str, transponder: str, decisions: list[Decision]
) -> list[ScoredLap]:
    """An entry's laps in a session after flags and its active decisions for that session."""
    window = session_laps.windows.get(session_id)
    if window is None:
        return []
    crossings = session_laps.crossings.get(session_id, {}).get(transponder, [])
    return apply_session_decisions(numbered_laps(window, crossings), decisions)
