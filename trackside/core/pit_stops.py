"""Pit stops and the mandatory stop (endurance.md, "Pit stops and the mandatory stop").

A stop is a pit-in loop read followed by the same car's next pit-out read; its duration is
out - in. Conventions (docs/race.md): several pit-in reads before a pit-out start the stop at
the first of them; a pit-out with no pit-in since the car's last pit-out is a finding for the
officials (a pit-lane start, a missed read), never an error; a pit-in with no pit-out yet leaves
the car in the pit lane. An official's record (`trackside pit stop`) replaces the loop stops it
overlaps. The mandatory stop is served by the first `mandatory_stops` stops that last at least
`min_stop_s` and start after G and before the car's finish.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from trackside.core.race_laps import PIT_IN
from trackside.core.race_results import Stop
from trackside.core.records import PitStopRecord


class PitState(NamedTuple):
    """A car's pit-loop reads paired so far."""

    stops: tuple[tuple[int, int], ...] = ()
    orphan_outs: tuple[int, ...] = ()
    open_in: int | None = None
    """A pit-in with no pit-out after it: the car is in the pit lane."""


def step(state: PitState, time_us: int, kind: int) -> PitState:
    """One more read (in time order): pit-in opens a stop, pit-out closes it."""
    if kind == PIT_IN:
        return state if state.open_in is not None else state._replace(open_in=time_us)
    if state.open_in is None:
        return state._replace(orphan_outs=(*state.orphan_outs, time_us))
    return state._replace(stops=(*state.stops, (state.open_in, time_us)), open_in=None)


def paired(reads: Iterable[tuple[int, int]]) -> PitState:
    """Pair a car's reads (time order); the same steps the live tracker takes."""
    stops: list[tuple[int, int]] = []
    orphans: list[int] = []
    open_in = None
    for time_us, kind in reads:
        if kind == PIT_IN:
            if open_in is None:
                open_in = time_us
        elif open_in is None:
            orphans.append(time_us)
        else:
            stops.append((open_in, time_us))
            open_in = None
    return PitState(tuple(stops), tuple(orphans), open_in)


def all_stops(
    loop_stops: Iterable[tuple[int, int]], official: Iterable[PitStopRecord]
) -> list[tuple[int, int, str]]:
    """Loop stops and officials' records, (in, out, source) by pit-in time; a record replaces
    the loop stops it overlaps."""
    records = [(r.in_us, r.out_us) for r in official]
    kept = [(i, o, "loops") for i, o in loop_stops
            if not any(i <= ro and ri <= o for ri, ro in records)]  # fmt: skip
    return sorted(kept + [(i, o, "official") for i, o in records])


def marked(
    stops: Sequence[tuple[int, int, str]], green_us: int, finish_us: int | None,
    required: int, min_stop_us: int,
) -> tuple[Stop, ...]:  # fmt: skip
    """Every stop, the first `required` that count marked as serving the mandatory stop: at
    least `min_stop_us` long, in after G and (when the car finished) before its finish."""
    result = []
    served = 0
    for in_us, out_us, source in stops:
        counts = (served < required and out_us - in_us >= min_stop_us and in_us > green_us
                  and (finish_us is None or in_us < finish_us))  # fmt: skip
        served += counts
        result.append(Stop(in_us, out_us, counts, source))
    return tuple(result)


def served_count(stops: Iterable[Stop]) -> int:
    return sum(1 for s in stops if s.mandatory)
