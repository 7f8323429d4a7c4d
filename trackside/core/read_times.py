"""Each transponder's read times per loop: all the lap scorer takes from the passings
(time-attack.md, "From passings to laps": rules 1-2 look at a passing's transponder, loop and
time, nothing else).

`ReadTimes` maps transponder -> loop (as the passing names it, None or "" for none) -> that
transponder's read times at that loop, in time order. `IndexedPassings` is a tuple of passings
that carries its `ReadTimes`: the store reads both from a passing snapshot
(`store/passing_snapshots.py`), so a recompute does not group the day's passings again; any
other passings have their read times derived here (`read_times_of`, the definition).
"""

from __future__ import annotations

from collections.abc import Iterable

from trackside.core.records import Passing

ReadTimes = dict[str, dict[str | None, list[int]]]
"""transponder -> loop -> sorted read times. Shared: copy a list before changing it."""


def read_times_of(passings: Iterable[Passing]) -> ReadTimes:
    """The read times of `passings` (any order), per transponder and loop, sorted."""
    times: ReadTimes = {}
    for time_us, transponder, loop, *_ in passings:
        loops = times.get(transponder)
        if loops is None:
            times[transponder] = {loop: [time_us]}
        elif loop in loops:
            loops[loop].append(time_us)
        else:
            loops[loop] = [time_us]
    for loops in times.values():
        for at_loop in loops.values():
            at_loop.sort()
    return times


class IndexedPassings(tuple[Passing, ...]):
    """Passings (a tuple, equal to the plain tuple of the same passings) with their read times.

    Only the exact tuple carries them: a slice, a concatenation or a filtered copy is a plain
    tuple again, whose read times are derived afresh."""

    _read_times: ReadTimes | None

    def __new__(cls, passings: Iterable[Passing], read_times: ReadTimes | None = None):
        """`read_times` must be `read_times_of(passings)` (the store's snapshot keeps them so);
        None derives them when first asked for."""
        indexed = super().__new__(cls, passings)
        indexed._read_times = read_times
        return indexed

    @property
    def read_times(self) -> ReadTimes:
        if self._read_times is None:
            self._read_times = read_times_of(self)
        return self._read_times


def read_times(passings: Iterable[Passing]) -> ReadTimes:
    """The read times of `passings`: carried by an `IndexedPassings`, else derived."""
    if isinstance(passings, IndexedPassings):
        return passings.read_times
    return read_times_of(passings)


def passing_counts(passings: Iterable[Passing]) -> dict[str, int]:
    """How many passings each transponder has, at every loop."""
    return {transponder: sum(map(len, loops.values()))
            for transponder, loops in read_times(passings).items()}  # fmt: skip
