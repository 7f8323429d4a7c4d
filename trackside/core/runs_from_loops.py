"""Runs from start/finish loop passings (tracksprint.md, "From trips and passings to runs",
Loops).

For each transponder, the passings on each loop are taken in time order, a read less than
`duplicate_read_s` after the previous accepted read on the same loop ignored. A run starts at a
start-loop passing and finishes at the first finish-loop passing after it and before the next
start-loop passing; a start with no such finish is a run with no finish.

Which runs are the session's (the project's convention, as for laps in time-attack.md rule 4): a
run whose start is at or after the session's first green and before the first green of the next
session to go green; its finish, too, must come before that green.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping

from trackside.core.laps import accepted_crossings
from trackside.core.periods import SessionWindow
from trackside.core.records import Passing, SessionDef

RawRun = tuple[int, int | None]
"""(start, finish or None) of one run."""


def loop_reads(
    passings: Iterable[Passing], session: SessionDef
) -> dict[str, tuple[list[int], list[int]]]:
    """Each transponder's accepted start-loop and finish-loop reads, in time order."""
    reads: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for passing in passings:
        if passing.loop == session.start_loop:
            reads[passing.transponder][0].append(passing.time_us)
        elif passing.loop == session.finish_loop:
            reads[passing.transponder][1].append(passing.time_us)
    gap = session.duplicate_read_us
    return {t: (_accepted(starts, gap), _accepted(finishes, gap))
            for t, (starts, finishes) in reads.items()}  # fmt: skip


def _accepted(times: list[int], gap_us: int) -> list[int]:
    times.sort()
    return accepted_crossings(times, gap_us) if gap_us > 0 else times


def runs_of(starts: list[int], finishes: list[int], window: SessionWindow) -> list[RawRun]:
    """One transponder's runs in the session whose window is `window`."""
    until = window.next_green_us
    first = bisect_left(starts, window.first_green_us)
    last = len(starts) if until is None else bisect_left(starts, until)
    runs: list[RawRun] = []
    for i in range(first, last):
        start = starts[i]
        before = starts[i + 1] if i + 1 < len(starts) else None
        if until is not None:
            before = until if before is None else min(before, until)
        j = bisect_right(finishes, start)
        finish = finishes[j] if j < len(finishes) else None
        if finish is not None and before is not None and finish >= before:
            finish = None
        runs.append((start, finish))
    return runs


def runs_from_loops(
    passings: Iterable[Passing],
    session: SessionDef,
    window: SessionWindow | None,
    transponders: Mapping[str, str],
) -> dict[str, list[RawRun]]:
    """Car number -> its runs in start order; `transponders` maps transponder -> car number
    (an unknown transponder's passings make no run)."""
    if window is None:
        return {}
    runs: dict[str, list[RawRun]] = {}
    for transponder, (starts, finishes) in loop_reads(passings, session).items():
        number = transponders.get(transponder)
        if number is None:
            continue
        found = runs_of(starts, finishes, window)
        if found:
            runs[number] = found
    return runs
