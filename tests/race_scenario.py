"""Race scenarios (endurance.md) as small literal tables, in the words of a timing sheet:
passings (`time car [loop]`, loop SF unless named), flags (`time session state`), a roster
(`car first last [transponder]`), officials' pit stops (`car in out`) and driver changes
(`car driver at`). Builds on `tests/scenario.py`: cars carry transponder `T<number>`, times of
day are on 2026-05-16; a car `D<x>` in a passing table is driver transponder `D<x>`."""

from __future__ import annotations

from tests.scenario import DATE, decision, entries, flags, rows, t
from trackside.core.race_results import RaceResult, RaceSessionResult
from trackside.core.records import (
    DriverChange,
    EventDef,
    EventFacts,
    Passing,
    PitStopRecord,
    RaceSettings,
    RosterDriver,
    SessionDef,
    Track,
)
from trackside.rules import scored

__all__ = ["DATE", "decision", "race_event", "race_facts", "race_of", "standings", "t"]

GREEN = "time session state\n10:00:00 R1 green"


def race_event(duration_min: float | None = 10, session: str = "R1", groups=("A",),
               min_lap_s: float = 20, sprint_min: float | None = None, pit_loops: bool = True,
               extra_sessions: tuple[SessionDef, ...] = (), **settings) -> EventDef:  # fmt: skip
    """One race session on a track whose timing line is `SF` (pit loops PIT-IN, PIT-OUT);
    `settings` are RaceSettings fields, seconds and minutes as the event file gives them
    (`min_stop_s`, `max_stint_min`, `min_rest_min`, `unserved_penalty_s`)."""
    minutes = {"max_stint_min": "max_stint_us", "min_rest_min": "min_rest_us"}
    secs = {"min_stop_s": "min_stop_us", "unserved_penalty_s": "unserved_penalty_us"}
    fields = {}
    for key, value in settings.items():
        if key in minutes:
            fields[minutes[key]] = round(value * 60_000_000)
        elif key in secs:
            fields[secs[key]] = round(value * 1_000_000)
        else:
            fields[key] = value
    if pit_loops:
        fields.setdefault("pit_in_loop", "PIT-IN")
        fields.setdefault("pit_out_loop", "PIT-OUT")
    if sprint_min is not None:
        fields["sprint_us"] = round(sprint_min * 60_000_000)
    race = SessionDef(session, session, format="race", groups=tuple(groups),
                      duration_min=duration_min, race=RaceSettings(**fields))  # fmt: skip
    return EventDef("enduro", "Enduro", DATE, min_lap_us=round(min_lap_s * 1_000_000),
                    track=Track("Ring", None, "SF"), sessions=(*extra_sessions, race))  # fmt: skip


def race_passings(table: str) -> tuple[Passing, ...]:
    """Columns: time car [loop]; car `D<x>` is a driver transponder, `?x` an unknown one."""
    out = []
    for r in rows(table):
        car = r["car"]
        transponder = car[1:] if car.startswith("?") else car if car.startswith("D") else f"T{car}"
        out.append(Passing(t(r["time"]), transponder, r.get("loop", "SF")))
    return tuple(out)


def roster(table: str) -> tuple[RosterDriver, ...]:
    """Columns: car first last [transponder]."""
    return tuple(RosterDriver(r["car"], r["first"], r["last"], None, r.get("transponder"))
                 for r in rows(table))  # fmt: skip


def race_facts(
    event_def: EventDef, entry_table: str, passed: str = "", flagged: str = GREEN,
    decisions=(), drivers: str = "", stops: str = "", changes: str = "", session: str = "R1",
) -> EventFacts:  # fmt: skip
    """Stops: `car in out`; changes: `car driver at` (driver as First_Last)."""
    return EventFacts(
        event_def, entries(entry_table),
        race_passings(passed) if passed.strip() else (),
        flags(flagged) if flagged.strip() else (), tuple(decisions),
        roster=roster(drivers) if drivers.strip() else (),
        pit_stops=tuple(PitStopRecord(session, r["car"], t(r["in"]), t(r["out"]))
                        for r in rows(stops)) if stops.strip() else (),
        driver_changes=tuple(DriverChange(session, r["car"], r["driver"].replace("_", " "),
                                          t(r["at"])) for r in rows(changes))
        if changes.strip() else (),
    )  # fmt: skip


def race_of(facts: EventFacts, part: str = "race", session: str = "R1") -> RaceResult:
    result = scored(facts).sessions[session]
    assert isinstance(result, RaceSessionResult)
    chosen = result.race if part == "race" else result.sprint
    assert chosen is not None
    return chosen


def secs(time_us: int | None) -> float | None:
    return None if time_us is None else time_us / 1_000_000


def standings(result: RaceResult) -> list[tuple]:
    """(car, status, position, class position, laps, race time s) in result order."""
    return [(e.number, str(e.status), e.position, e.class_position, e.laps,
             secs(e.race_time_us)) for e in result.entries]  # fmt: skip
