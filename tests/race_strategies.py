"""Random races for the race scorer's properties (tests/test_race_properties.py): a few cars of
two classes, each with its own lap times, a start crossing or a pit-lane start, duplicate reads,
pit stops on the pit loops or recorded by officials, a roster with driver transponders, a race
length, maybe an early or late checkered flag, and race decisions."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.race_scenario import race_event
from tests.scenario import entries
from trackside.core.records import (
    Decision,
    DecisionKind,
    DriverChange,
    EventFacts,
    Flag,
    FlagState,
    Passing,
    PitStopRecord,
    RosterDriver,
)

G = 1_778_925_600_000_000  # 2026-05-16 10:00:00
S = 1_000_000
CARS = entries("car class group\n1 S2 A\n2 S2 A\n3 S4 A\n4 S4 A\n5 S2 A\n6 S4 A")
ROSTER = (RosterDriver("1", "Ann", "Lee", None, "D1"), RosterDriver("1", "Bo", "Ek", None, "D2"),
          RosterDriver("3", "Cy", "Ray", None, "D3"), RosterDriver("3", "Di", "Orr", None, "D4"),
          RosterDriver("5", "Ed", "Fox"))  # fmt: skip


@st.composite
def car_passings(draw, number: str) -> tuple[list[Passing], list[PitStopRecord], list]:
    """One car's passings: start, laps (a stop in one of them), reads on its driver's tag."""
    own = f"T{number}"
    passings: list[Passing] = []
    records: list[PitStopRecord] = []
    changes: list[DriverChange] = []
    now = G + draw(st.integers(0, 45)) * S  # under 20 s: a start crossing; else a pit-lane start
    laps = draw(st.lists(st.integers(40_000, 90_000), max_size=9))
    stop_lap = draw(st.integers(0, max(0, len(laps))))
    official = draw(st.booleans())
    tag = {"1": "D2", "3": "D4"}.get(number)
    first_tag = {"1": "D1", "3": "D3"}.get(number)
    worn = draw(st.booleans())  # the driver's tag is read with the car at every crossing

    def crossing(time_us: int) -> None:
        passings.append(Passing(time_us, own, "SF"))
        if worn and first_tag:
            passings.append(Passing(time_us + 30_000, tag if changed else first_tag, "SF"))

    changed = False
    if laps or now - G < 20 * S:
        crossing(now)
    for i, lap_ms in enumerate(laps, start=1):
        lap_us = lap_ms * 1000
        if i == stop_lap:
            pit_in = now + lap_us // 3
            pit_out = pit_in + draw(st.integers(5, 60)) * S
            now = pit_out + lap_us // 3
            if official:
                records.append(PitStopRecord("R1", number, pit_in, pit_out))
            else:
                passings += [Passing(pit_in, own, "PIT-IN"), Passing(pit_out, own, "PIT-OUT")]
            if tag and draw(st.booleans()):
                passings.append(Passing(pit_out + 200_000, tag, "PIT-OUT"))
                changed = True
            elif number == "1" and draw(st.booleans()):
                changes.append(DriverChange("R1", "1", "Bo Ek", pit_in + (pit_out - pit_in) // 2))
        else:
            now += lap_us
        crossing(now)
        if draw(st.integers(0, 5)) == 0:
            passings.append(Passing(now + draw(st.integers(1, 19_000)) * 1000, own, "SF"))
    return passings, records, changes


def _decisions(draw) -> tuple[Decision, ...]:
    kinds = [DecisionKind.TIME_ADDED, DecisionKind.LAPS_DEDUCTED, DecisionKind.DRIVE_THROUGH,
             DecisionKind.POSITION, DecisionKind.RACE_DQ]  # fmt: skip
    made = []
    for i in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(kinds))
        car = draw(st.sampled_from([e.number for e in CARS]))
        served = G + draw(st.integers(0, 600)) * S if draw(st.booleans()) else None
        made.append(Decision(i + 1, kind, car, "R1", penalty_us=draw(st.integers(1, 90)) * S,
                             count=draw(st.integers(1, 3)), served_us=served))  # fmt: skip
    return tuple(made)


@st.composite
def races(draw, decisions: bool = True) -> EventFacts:
    passings: list[Passing] = []
    records: list[PitStopRecord] = []
    changes: list[DriverChange] = []
    for entry in CARS:
        if draw(st.integers(0, 6)) == 0:
            continue  # never on track
        car, stops, declared = draw(car_passings(entry.number))
        passings += car
        records += stops
        changes += declared
    minutes = draw(st.sampled_from([2, 3, 4, 5, None]))
    flags = [Flag("R1", FlagState.GREEN, G)]
    if draw(st.booleans()):
        flags.append(Flag("R1", FlagState.CHECKERED, G + draw(st.integers(60, 480)) * S))
    event = race_event(
        duration_min=minutes, mandatory_stops=draw(st.integers(0, 1)),
        min_stop_s=draw(st.sampled_from([0, 20, 40])),
        missed_stop=draw(st.sampled_from(["last-in-class", "laps:1", "time:30"])),
        sprint_min=draw(st.sampled_from([None, 1.5])), max_stint_min=3, min_rest_min=1,
        min_classified_pct=draw(st.sampled_from([0, 50, 75])),
    )  # fmt: skip
    return EventFacts(event, CARS, tuple(sorted(passings)), tuple(flags),
                      _decisions(draw) if decisions else (), roster=ROSTER,
                      pit_stops=tuple(sorted(records, key=lambda r: r.in_us)),
                      driver_changes=tuple(changes))  # fmt: skip
