"""The race classification (endurance.md, "Classification", "Race decisions").

1. Cars are ordered by laps counted (after laps deducted; more first), then race time = last
   counted crossing - G plus time added (less first), then car number.
2. Fewer laps than `min_classified_pct`% of the winner's (the most laps counted, rounded down)
   is `nc`; no lap at all is `dns`; both follow the classified cars without a position. A
   classified car that did not cross at or after C is `dnf` (once C is known), else `ok`.
3. Then place penalties on the classified cars: a missed stop under `last-in-class` puts the car
   behind every classified car of its class that is not so penalised (overall positions follow
   the same reordering), then `position` penalties move cars back, the last-placed first.
4. Disqualified cars (`race-dq`, or out of the event) have no position and come last.
5. Gaps to the winner and to the car ahead: in laps when the laps differ, else in time.
6. `class_position` ranks classified cars within their class.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from trackside.core.race_penalties import Adjustment
from trackside.core.race_results import Gap, RaceStatus
from trackside.core.results import natural_key


class Tally(NamedTuple):
    """What classifying a car takes from its race."""

    number: str
    car_class: str
    laps: int
    """Laps counted, before any deducted."""
    last_us: int | None
    finished: bool
    adjustments: tuple[Adjustment, ...] = ()
    excluded: bool = False
    """Out of the whole event (`event-exclusion`, `event-dq`)."""


class Placed(NamedTuple):
    number: str
    status: RaceStatus
    position: int | None
    class_position: int | None
    laps: int
    race_time_us: int | None
    gap_to_winner: Gap | None
    gap_to_ahead: Gap | None


class _Row(NamedTuple):
    tally: Tally
    laps: int
    race_time_us: int | None
    last_in_class: bool
    places: int


def _row(tally: Tally, green_us: int) -> _Row:
    adj = tally.adjustments
    laps = max(0, tally.laps - sum(a.laps for a in adj))
    time = None if tally.last_us is None else tally.last_us - green_us + sum(a.time_us for a in adj)
    return _Row(tally, laps, time, any(a.last_in_class for a in adj), sum(a.places for a in adj))


def _order_key(row: _Row) -> tuple:
    return (-row.laps, row.race_time_us if row.race_time_us is not None else 0,
            natural_key(row.tally.number))  # fmt: skip


def _last_in_class(rows: list[_Row]) -> list[_Row]:
    """Missed-stop cars behind the last other classified car of their class."""
    last_clean = {r.tally.car_class: i for i, r in enumerate(rows) if not r.last_in_class}
    held: dict[str, list[_Row]] = defaultdict(list)
    out: list[_Row] = []
    for i, row in enumerate(rows):
        cls = row.tally.car_class
        if row.last_in_class and last_clean.get(cls, -1) > i:
            held[cls].append(row)
            continue
        out.append(row)
        if last_clean.get(cls) == i:
            out += held.pop(cls, [])
    return out


def _moved_back(rows: list[_Row]) -> list[_Row]:
    """`position` penalties, applied from the last-placed penalised car forwards."""
    order = list(rows)
    for row in [r for r in reversed(rows) if r.places]:
        i = order.index(row)
        order.insert(min(len(order) - 1, i + row.places), order.pop(i))
    return order


def gap(ahead: _Row | Placed, behind: _Row | Placed) -> Gap:
    laps = ahead.laps - behind.laps
    if laps or ahead.race_time_us is None or behind.race_time_us is None:
        return Gap(laps, None)
    return Gap(0, behind.race_time_us - ahead.race_time_us)


def classify(
    tallies: Sequence[Tally], green_us: int, decided: bool, min_classified_pct: int
) -> list[Placed]:
    """Every car placed, in result order: classified, nc, dns, disqualified."""
    rows = [_row(t, green_us) for t in tallies]
    out = sorted((r for r in rows if any(a.dq for a in r.tally.adjustments) or r.tally.excluded),
                 key=lambda r: natural_key(r.tally.number))  # fmt: skip
    gone = {r.tally.number for r in out}
    racing = sorted((r for r in rows if r.tally.number not in gone and r.tally.laps > 0),
                    key=_order_key)  # fmt: skip
    dns = sorted((r for r in rows if r.tally.number not in gone and r.tally.laps == 0),
                 key=lambda r: natural_key(r.tally.number))  # fmt: skip
    floor = racing[0].laps * min_classified_pct // 100 if racing else 0
    classified = _moved_back(_last_in_class([r for r in racing if r.laps >= floor]))
    not_classified = [r for r in racing if r.laps < floor]
    placed: list[Placed] = []
    in_class: dict[str, int] = defaultdict(int)
    for position, row in enumerate(classified, start=1):
        in_class[row.tally.car_class] += 1
        status = RaceStatus.DNF if decided and not row.tally.finished else RaceStatus.OK
        placed.append(_placed(row, status, position, in_class[row.tally.car_class], classified,
                              position - 1))  # fmt: skip
    with_laps = classified + not_classified
    for i, row in enumerate(not_classified, start=len(classified)):
        placed.append(_placed(row, RaceStatus.NC, None, None, with_laps, i))
    placed += [_placed(r, RaceStatus.DNS, None, None, [], 0) for r in dns]
    placed += [_placed(r, RaceStatus.DISQUALIFIED, None, None, [], 0) for r in out]
    return placed


def _placed(row: _Row, status: RaceStatus, position: int | None, class_position: int | None,
            order: list[_Row], i: int) -> Placed:  # fmt: skip
    to_winner = gap(order[0], row) if order and i > 0 else None
    to_ahead = gap(order[i - 1], row) if order and i > 0 else None
    return Placed(row.tally.number, status, position, class_position, row.laps,
                  row.race_time_us, to_winner, to_ahead)  # fmt: skip


def penalty_effects(
    tallies: Sequence[Tally], placed: Sequence[Placed], green_us: int, decided: bool,
    min_classified_pct: int,
) -> dict[tuple[str, int], bool]:  # fmt: skip
    """(car, index of its adjustment) -> whether that penalty changed the car's place or status
    (the classification without it differs for that car)."""
    now = {p.number: (p.status, p.position) for p in placed}
    effects: dict[tuple[str, int], bool] = {}
    for k, tally in enumerate(tallies):
        for j, adjustment in enumerate(tally.adjustments):
            if not adjustment.acts:
                effects[(tally.number, j)] = False
                continue
            without = tally._replace(adjustments=tally.adjustments[:j] + tally.adjustments[j + 1:])
            other = classify([*tallies[:k], without, *tallies[k + 1:]], green_us, decided,
                             min_classified_pct)  # fmt: skip
            was = next((p.status, p.position) for p in other if p.number == tally.number)
            effects[(tally.number, j)] = was != now[tally.number]
    return effects
