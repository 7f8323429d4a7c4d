"""Each transponder's read times per loop: all the lap scorer takes from the passings
(time-attack.md, "From passings to laps": rules 1-2 look at a passing's transponder, loop and
time, nothing else).

`ReadTimes` maps transponder -> loop (as the passing names it, None or "" for none) -> that
transponder's read times at that loop, in time order. `IndexedPassings` is a sequence of
passings that carries its `ReadTimes`: the store reads both from a passing snapshot
(`store/passing_snapshots.py`), the read times at once and the passing records only if asked
for, so a recompute of lap-scored sessions neither builds 30,000 passings nor groups them again;
any other passings have their read times derived here (`read_times_of`, the definition).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import overload

from trackside.core.records import Passing

ReadTimes = dict[str, dict[str | None, list[int]]]
"""transponder -> loop -> sorted read times. Shared: copy a list before changing it."""


def read_times_of(passings: Iterable[Passing]) -> ReadTimes:
    """The read times of `passings` (any order), per transponder and loop, sorted."""
    times: ReadTimes = {}
    for time_us, transponder, loop, _decoder, _number, _source in passings:
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


class IndexedPassings(Sequence[Passing]):
    """Passings in time order with their read times: a sequence equal to the tuple of the same
    passings (sliced or added to, it gives plain tuples).

    The passings themselves may come as a function that decodes them (`later`): the store
    reads a snapshot's read times at once and its passing records only when something first
    looks at one, since the lap scorer needs only the read times. `read_times`, when given,
    must be `read_times_of` the passings (the store's snapshot keeps them so); None derives them
    when first asked for."""

    __slots__ = ("_passings", "_decode", "_count", "_read_times")

    def __init__(self, passings: Iterable[Passing] = (), read_times: ReadTimes | None = None):
        self._passings: tuple[Passing, ...] | None = tuple(passings)
        self._decode: Callable[[], tuple[Passing, ...]] | None = None
        self._count = len(self._passings)
        self._read_times = read_times

    @classmethod
    def later(cls, decode: Callable[[], tuple[Passing, ...]], count: int,
              read_times: ReadTimes) -> IndexedPassings:  # fmt: skip
        """`count` passings that `decode()` gives when first needed."""
        indexed = cls((), read_times)
        indexed._passings, indexed._decode, indexed._count = None, decode, count
        return indexed

    @property
    def passings(self) -> tuple[Passing, ...]:
        """The passings as a plain tuple (decoded now if they were not yet; two threads asking
        at once may both decode, to equal tuples)."""
        passings = self._passings
        if passings is None:
            assert self._decode is not None
            passings = self._passings = self._decode()
        return passings

    @property
    def read_times(self) -> ReadTimes:
        if self._read_times is None:
            self._read_times = read_times_of(self.passings)
        return self._read_times

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Passing: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Passing, ...]: ...
    def __getitem__(self, index: int | slice) -> Passing | tuple[Passing, ...]:
        return self.passings[index]

    def __iter__(self) -> Iterator[Passing]:
        return iter(self.passings)

    def __contains__(self, passing: object) -> bool:
        return passing in self.passings

    def __eq__(self, other: object) -> bool:
        if isinstance(other, IndexedPassings):
            other = other.passings
        return self.passings == other

    def __hash__(self) -> int:
        return hash(self.passings)

    def __add__(self, other: Iterable[Passing]) -> tuple[Passing, ...]:
        return self.passings + tuple(other)

    def __radd__(self, other: Iterable[Passing]) -> tuple[Passing, ...]:
        return tuple(other) + self.passings

    def __repr__(self) -> str:
        return f"IndexedPassings({self.passings!r})"

    def __reduce__(self) -> tuple[type[IndexedPassings], tuple[tuple[Passing, ...], ReadTimes]]:
        return IndexedPassings, (self.passings, self.read_times)


def read_times(passings: Iterable[Passing]) -> ReadTimes:
    """The read times of `passings`: carried by an `IndexedPassings`, else derived."""
    if isinstance(passings, IndexedPassings):
        return passings.read_times
    return read_times_of(passings)


def passing_counts(passings: Iterable[Passing]) -> dict[str, int]:
    """How many passings each transponder has, at every loop."""
    return {transponder: sum(map(len, loops.values()))
            for transponder, loops in read_times(passings).items()}  # fmt: skip
