"""What scoring one race session takes besides its passings, gathered once, and one car's
tally from its crossings and pit reads: the steps the full race scorer (`race_scorer.py`) and
the live tracker (`race_live.py`) share, so that they agree (endurance.md)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from trackside.core.decisions import active_decisions
from trackside.core.formats import ScoringInput
from trackside.core.pit_stops import PitState, all_stops, marked, served_count
from trackside.core.race_cars import CarIds, car_ids, roster_name
from trackside.core.race_classification import Tally
from trackside.core.race_finish import CarLine, car_finish
from trackside.core.race_frame import RaceFrame, race_frame, scheduled_us
from trackside.core.race_laps import LoopRoles
from trackside.core.race_penalties import (
    RACE_KINDS,
    MissedStop,
    car_adjustments,
    missed_stop_adjustment,
    parse_missed_stop,
    served_at,
)
from trackside.core.race_results import Finding, RacePart, Stop
from trackside.core.records import (
    Decision,
    DecisionKind,
    DriverChange,
    Entry,
    EventFacts,
    PitStopRecord,
    RaceSettings,
    RosterDriver,
    SessionDef,
)
from trackside.core.stints import Handover


@dataclass(frozen=True, slots=True)
class RaceSetup:
    """A race session's definitions and officials' facts (everything but the passings)."""

    facts: EventFacts
    session: SessionDef
    settings: RaceSettings
    frame: RaceFrame | None
    loops: LoopRoles
    ids: CarIds
    entries: dict[str, Entry]
    """Every entry by number (a car outside the session's groups is listed once it drives)."""
    listed: tuple[str, ...]
    """The cars listed before any passing: the session's groups' (every entry with none)."""
    decisions: dict[str, tuple[Decision, ...]]
    """Car -> its race decisions in force for this session."""
    served: dict[int, int]
    solo_exit: frozenset[str]
    official_stops: dict[str, tuple[PitStopRecord, ...]]
    changes: dict[str, tuple[DriverChange, ...]]
    excluded: frozenset[str]
    missed_rule: MissedStop
    declared: dict[str, tuple[tuple[Handover, ...], tuple[Finding, ...]]]
    """Car -> its declared driver changes as handovers, and the unknown names among them."""

    @property
    def scheduled_us(self) -> int | None:
        return scheduled_us(self.session)


def race_setup(given: ScoringInput, session: SessionDef) -> RaceSetup:
    """Gather a race session's setup from the scoring input (decisions in force only)."""
    facts = given.facts
    settings = session.race or RaceSettings()
    track_loop = facts.event.track.start_finish_loop
    groups = set(session.groups)
    in_force = active_decisions(facts.decisions)
    decisions: dict[str, list[Decision]] = defaultdict(list)
    for d in in_force:
        if d.session_id == session.id and d.number is not None and d.kind in RACE_KINDS:
            decisions[d.number].append(d)
    stops: dict[str, list[PitStopRecord]] = defaultdict(list)
    for record in facts.pit_stops:
        if record.session_id == session.id:
            stops[record.number].append(record)
    changes: dict[str, list[DriverChange]] = defaultdict(list)
    for change in facts.driver_changes:
        if change.session_id == session.id:
            changes[change.number].append(change)
    ids = car_ids(facts.entries, facts.roster)
    return RaceSetup(
        facts, session, settings, race_frame(facts.event, session, facts.flags),
        LoopRoles(track_loop, settings.pit_in_loop, settings.pit_out_loop),
        ids, {e.number: e for e in facts.entries},
        tuple(e.number for e in facts.entries if not groups or e.group in groups),
        {n: tuple(ds) for n, ds in decisions.items()}, served_at(in_force),
        frozenset(d.number for d in in_force if d.kind is DecisionKind.SOLO_EXIT
                  and d.session_id == session.id and d.number is not None),
        {n: tuple(rs) for n, rs in stops.items()}, {n: tuple(cs) for n, cs in changes.items()},
        given.excluded, parse_missed_stop(settings.missed_stop),
        {n: declared_handovers(cs, ids.roster.get(n, ()), n) for n, cs in changes.items()},
    )  # fmt: skip


def part_decisions(setup: RaceSetup, number: str, part: RacePart,
                   part_end_us: int | None) -> tuple[Decision, ...]:  # fmt: skip
    """The car's decisions acting on a part: the Sprint takes those without a time or timed
    at or before its end (docs/race.md)."""
    decisions = setup.decisions.get(number, ())
    if part is RacePart.RACE or part_end_us is None:
        return decisions
    return tuple(d for d in decisions if d.at_us is None or d.at_us <= part_end_us)


def car_stops(setup: RaceSetup, number: str, pit: PitState, green_us: int,
              finish_us: int | None) -> tuple[Stop, ...]:  # fmt: skip
    """The car's stops, loop-paired and official, the mandatory ones marked."""
    stops = all_stops(pit.stops, setup.official_stops.get(number, ()))
    settings = setup.settings
    return marked(stops, green_us, finish_us, settings.mandatory_stops, settings.min_stop_us)


def car_tally(
    setup: RaceSetup, number: str, line: CarLine, pit: PitState, frame: RaceFrame,
    checkered: int | None, part: RacePart, race_stops: Sequence[Stop] | None = None,
) -> tuple[Tally, tuple[Stop, ...], int | None]:  # fmt: skip
    """A car's tally for one part, its stops, and its finish (checkered crossing or None).
    The Sprint's stops are the race's that began before the car's Sprint finish."""
    finish = car_finish(line, checkered)
    finish_us = finish.last_us if finish.finished else None
    if race_stops is not None:
        stops = tuple(s for s in race_stops if finish_us is None or s.in_us < finish_us)
    else:
        stops = car_stops(setup, number, pit, frame.green_us, finish_us)
    decided = checkered is not None
    settings = setup.settings
    missed = None
    required = settings.mandatory_stops
    if part is RacePart.RACE and required and decided and finish.laps:
        served = served_count(stops)
        if served < required:
            missed = missed_stop_adjustment(setup.missed_rule, served, required)
    part_end = checkered if checkered is not None else frame.finish_at_us
    adjustments = car_adjustments(part_decisions(setup, number, part, part_end), setup.served,
                                  finish_us, decided, settings, missed)  # fmt: skip
    entry = setup.entries[number]
    tally = Tally(number, entry.car_class, finish.laps, finish.last_us, finish.finished,
                  adjustments, number in setup.excluded)  # fmt: skip
    return tally, stops, finish_us


def declared_handovers(
    changes: Sequence[DriverChange], roster: tuple[RosterDriver, ...], number: str
) -> tuple[tuple[Handover, ...], tuple[Finding, ...]]:
    """A car's declared changes in the roster's spelling, and the names not on its roster."""
    found: list[Handover] = []
    findings: list[Finding] = []
    for change in changes:
        name = roster_name(roster, change.driver) if roster else change.driver
        if name is None:
            findings.append(Finding("unknown-driver", f"{change.driver} is not on the roster of "
                                    f"car {number}", change.at_us))  # fmt: skip
            name = change.driver
        found.append(Handover(change.at_us, name, True))
    return tuple(found), tuple(findings)


def handovers(setup: RaceSetup, number: str, reads: Sequence[tuple[int, str]]
              ) -> tuple[list[Handover], list[Finding]]:  # fmt: skip
    """Declared changes and driver reads of a car, and the declared names not on its roster."""
    declared, findings = setup.declared.get(number, ((), ()))
    return [*declared, *(Handover(t, name, False) for t, name in reads)], list(findings)
