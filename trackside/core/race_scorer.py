"""The race scorer: Endurance and SprintDuro race sessions (endurance.md).

Each race session's passings are sorted into every car's crossings, pit reads and driver reads
(`race_laps.py`); the finish is found (`race_finish.py`), each car's stops (`pit_stops.py`),
stints (`stints.py`) and penalties (`race_penalties.py`) worked out, and the cars classified
(`race_classification.py`). A SprintDuro session has a second result, the Sprint, classified at
G + `sprint_min` with no mandatory stop and no stints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from trackside.core.formats import BestTime, FormatScore, ScoringInput
from trackside.core.pit_stops import PitState, paired
from trackside.core.race_cars import first_driver
from trackside.core.race_classification import Placed, Tally, classify, gap, penalty_effects
from trackside.core.race_finish import CarLine, checkered_us
from trackside.core.race_frame import RaceFrame, sprint_frame
from trackside.core.race_laps import (
    CarPassings,
    best_race_lap,
    race_laps,
    race_passings,
    start_offset,
)
from trackside.core.race_results import (
    AppliedPenalty,
    Finding,
    RaceEntryResult,
    RaceLap,
    RacePart,
    RaceResult,
    RaceSessionResult,
    RaceStatus,
    Stint,
    Stop,
)
from trackside.core.race_setup import RaceSetup, car_tally, handovers, race_setup
from trackside.core.records import DecisionKind, SessionDef, SessionFormat
from trackside.core.results import natural_key
from trackside.core.stints import driver_stints, stint_findings

_NO_PASSINGS = CarPassings([], [], [])
_NO_LINE = CarLine([], 0)


def car_stints(
    setup: RaceSetup, number: str, frame: RaceFrame, stops: tuple[Stop, ...], pit: PitState,
    reads: Sequence[tuple[int, str]], end_us: int,
) -> tuple[tuple[Stint, ...], list[Finding]]:  # fmt: skip
    """A car's stints and the officials' findings on them (race part only)."""
    first = first_driver(setup.entries[number], setup.ids.roster.get(number, ()))
    changes, findings = handovers(setup, number, reads)
    stints, outside = driver_stints(first, frame.green_us, end_us, stops, pit.open_in, changes)
    findings += outside
    findings += stint_findings(stints, setup.settings, setup.scheduled_us, stops,
                               number in setup.solo_exit)  # fmt: skip
    return stints, findings


def _penalties(tally: Tally, effects: dict[tuple[str, int], bool]) -> tuple[AppliedPenalty, ...]:
    if not tally.adjustments:
        return ()
    return tuple(AppliedPenalty(a.decision_id, a.kind, a.detail, effects[(tally.number, j)])
                 for j, a in enumerate(tally.adjustments))  # fmt: skip


def _pit_findings(pit: PitState) -> list[Finding]:
    return [Finding("pit-out-without-in", "pit-out read with no pit-in before it", t)
            for t in pit.orphan_outs]  # fmt: skip


class CarPart(NamedTuple):
    """What one car alone decides of a part's result, before the cars are classified (the
    live tracker keeps it per car until the car or C changes, `race_live.py`)."""

    tally: Tally
    stops: tuple[Stop, ...]
    laps: tuple[RaceLap, ...]
    best: RaceLap | None
    pit_findings: tuple[Finding, ...]
    stints: tuple[Stint, ...]
    """Race part only (empty in the Sprint); shown unless the car is `dns`."""
    stint_findings: tuple[Finding, ...]
    in_pit: bool


def car_part(
    setup: RaceSetup, number: str, line: CarLine, pit: PitState,
    reads: Sequence[tuple[int, str]], frame: RaceFrame, checkered: int | None, part: RacePart,
    race_stops: Sequence[Stop] | None = None,
) -> CarPart:  # fmt: skip
    """One car's tally, stops, laps, stints and findings for a part, given C."""
    tally, stops, finish_us = car_tally(setup, number, line, pit, frame, checkered, part,
                                        race_stops)  # fmt: skip
    laps = tuple(race_laps(line.crossings, line.off, frame.green_us, tally.laps))
    stints: tuple[Stint, ...] = ()
    more: list[Finding] = []
    if part is RacePart.RACE:
        end = finish_us if finish_us is not None else (tally.last_us or frame.green_us)
        stints, more = car_stints(setup, number, frame, stops, pit, reads, end)
    return CarPart(tally, stops, laps, best_race_lap(laps), tuple(_pit_findings(pit)), stints,
                   tuple(more), pit.open_in is not None)  # fmt: skip


def classified(
    setup: RaceSetup, frame: RaceFrame, part: RacePart, checkered: int | None,
    cars: Sequence[CarPart],
) -> RaceResult:  # fmt: skip
    """The part's classification from every car's part (in entry order), with penalties."""
    tallies = [car.tally for car in cars]
    decided = checkered is not None
    pct = setup.settings.min_classified_pct
    placed = classify(tallies, frame.green_us, decided, pct)
    effects = penalty_effects(tallies, placed, frame.green_us, decided, pct)
    car_of = {car.tally.number: car for car in cars}
    entries = []
    for row in placed:
        car = car_of[row.number]
        findings = list(car.pit_findings)
        stints: tuple[Stint, ...] = ()
        if row.status is not RaceStatus.DNS:
            stints = car.stints
            findings += car.stint_findings
        entries.append(_entry(setup, row, car, stints, _penalties(car.tally, effects),
                              findings))  # fmt: skip
    return RaceResult(
        setup.facts.event.id, setup.session.id, setup.session.name, part, frame.green_us,
        frame.finish_at_us, checkered, tuple(entries),
    )  # fmt: skip


def part_result(
    setup: RaceSetup, frame: RaceFrame, part: RacePart, cars: dict[str, CarPassings],
    numbers: Sequence[str], race: RaceResult | None = None,
) -> RaceResult:  # fmt: skip
    """The race (or Sprint) classification with every car's laps, stops, stints, penalties."""
    lines = {n: CarLine(c.crossings, start_offset(c.crossings, frame))
             for n, c in cars.items() if n in setup.entries}  # fmt: skip
    checkered = checkered_us(lines, frame)
    race_stops = {e.number: e.stops for e in race.entries} if race else None
    parts = []
    for number in numbers:
        passings = cars.get(number, _NO_PASSINGS)
        given = None if race_stops is None else race_stops.get(number, ())
        parts.append(car_part(setup, number, lines.get(number, _NO_LINE), paired(passings.pit),
                              passings.drivers, frame, checkered, part, given))  # fmt: skip
    return classified(setup, frame, part, checkered, parts)


def _entry(setup: RaceSetup, row: Placed, car: CarPart, stints: tuple[Stint, ...],
           penalties: tuple[AppliedPenalty, ...], findings: list[Finding]) -> RaceEntryResult:
    entry = setup.entries[row.number]
    return RaceEntryResult(
        row.number, entry.extra.get("team", ""), entry.driver, entry.car_class, row.status,
        row.position, row.class_position, row.laps, row.race_time_us, row.gap_to_winner,
        row.gap_to_ahead, car.best, car.laps, car.stops, stints, penalties,
        tuple(sorted(findings, key=lambda f: (f.at_us or 0, f.kind))), car.in_pit,
    )  # fmt: skip


def not_started(setup: RaceSetup, part: RacePart) -> RaceResult:
    """Before the first green: every listed car `dns`."""
    numbers = sorted(setup.listed, key=natural_key)
    rows = []
    for n in numbers:
        entry = setup.entries[n]
        dq = any(d.kind is DecisionKind.RACE_DQ for d in setup.decisions.get(n, ()))
        out = dq or n in setup.excluded
        rows.append(RaceEntryResult(
            n, entry.extra.get("team", ""), entry.driver, entry.car_class,
            RaceStatus.DISQUALIFIED if out else RaceStatus.DNS, None, None, 0, None, None, None,
            None, (), (), (), (), ()))  # fmt: skip
    session = setup.session
    return RaceResult(setup.facts.event.id, session.id, session.name, part, None,
                      None, None, tuple(rows))  # fmt: skip


def race_numbers(setup: RaceSetup, cars: dict[str, CarPassings]) -> list[str]:
    """The session's listed cars and any other entry that drove in it."""
    listed = set(setup.listed)
    return [e.number for e in setup.facts.entries
            if e.number in listed or e.number in cars]  # fmt: skip


def unknown_findings(unknown) -> tuple[Finding, ...]:
    return tuple(Finding("unknown-transponder", f"transponder {t}: {count} passings claimed by "
                         "no car") for t, count in sorted(unknown.items()))  # fmt: skip


def score_race(given: ScoringInput, session: SessionDef) -> RaceSessionResult:
    """One race session's results: the race and, for a SprintDuro, the Sprint."""
    setup = race_setup(given, session)
    frame = setup.frame
    sprint_us = setup.settings.sprint_us
    if frame is None:
        sprint = not_started(setup, RacePart.SPRINT) if sprint_us else None
        return RaceSessionResult(not_started(setup, RacePart.RACE), sprint)
    ids = setup.ids
    seen = race_passings(given.facts.passings, frame, setup.loops, ids.owner, ids.driver_of)
    numbers = race_numbers(setup, seen.cars)
    race = part_result(setup, frame, RacePart.RACE, seen.cars, numbers)
    race = _with_findings(race, unknown_findings(seen.unknown))
    sprint = None
    if sprint_us:
        decided = race.checkered_us is not None
        sprint = part_result(setup, sprint_frame(frame, sprint_us, decided), RacePart.SPRINT,
                             seen.cars, numbers, race)  # fmt: skip
    return RaceSessionResult(race, sprint)


def _with_findings(result: RaceResult, findings: tuple[Finding, ...]) -> RaceResult:
    return replace(result, findings=findings) if findings else result


_REST = {RaceStatus.NC: 0, RaceStatus.DNS: 1, RaceStatus.DISQUALIFIED: 2}


def _laps_then_time(row: RaceEntryResult) -> tuple:
    return (-row.laps, row.race_time_us or 0, natural_key(row.number))


def _rest_key(row: RaceEntryResult) -> tuple:
    if row.status is RaceStatus.NC:
        return (0, *_laps_then_time(row))
    return (_REST[row.status], 0, 0, natural_key(row.number))


def rank_race(rows: Sequence[RaceEntryResult]) -> list[RaceEntryResult]:
    """Rows in classification order by laps, then race time, then car number, with positions,
    class positions and gaps set again (the live engine's re-rank: place penalties are the full
    scorer's); then nc rows in the same order, dns and disqualified rows by car number."""
    ranked = sorted((r for r in rows if r.status in (RaceStatus.OK, RaceStatus.DNF)),
                    key=_laps_then_time)  # fmt: skip
    rest = sorted((r for r in rows if r.status in _REST), key=_rest_key)
    in_class: dict[str, int] = {}
    out = []
    for i, row in enumerate(ranked):
        in_class[row.car_class] = in_class.get(row.car_class, 0) + 1
        out.append(replace(row, position=i + 1, class_position=in_class[row.car_class],
                           gap_to_winner=gap(ranked[0], row) if i else None,
                           gap_to_ahead=gap(ranked[i - 1], row) if i else None))
    return out + rest


def race_best(result: RaceSessionResult) -> dict[str, BestTime]:
    """Each car's best race lap, what the event's rounds take from a race (disqualified cars
    none)."""
    return {row.number: BestTime.of_lap(row.best_lap) for row in result.race.entries
            if row.best_lap is not None and row.status is not RaceStatus.DISQUALIFIED}  # fmt: skip


class RaceScorer:
    """Race sessions: laps, finish, stops, stints and penalties (endurance.md)."""

    name = "race"
    formats = frozenset({SessionFormat.RACE})

    def score_sessions(self, given: ScoringInput, sessions: Sequence[SessionDef]) -> FormatScore:
        results: dict[str, RaceSessionResult] = {}
        best: dict[str, dict[str, BestTime]] = {}
        for session in sessions:
            result = score_race(given, session)
            results[session.id] = result
            for number, time in race_best(result).items():
                best.setdefault(number, {})[session.id] = time
        return FormatScore(results, best)

    def rank(self, rows: Sequence[RaceEntryResult]) -> list[RaceEntryResult]:
        return rank_race(rows)


RACE_SCORER = RaceScorer()
