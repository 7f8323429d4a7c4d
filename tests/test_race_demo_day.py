"""The demo SprintDuro day (`trackside/demo/enduro.py`: 30 cars, teams and solos, pit loops, a
missed stop, a retirement, a contact in qualifying) through the race scorer: the story the
generator tells is the classification's. Built from the generator's records directly (the
event file's race settings are read here as the file gives them), skipped where the demo day
is not in the build."""

from __future__ import annotations

import tomllib

import pytest

from trackside.core.grid import session_grid
from trackside.core.race_results import RaceSessionResult, RaceStatus
from trackside.core.records import (
    Decision,
    DecisionKind,
    DriverChange,
    Entry,
    EventDef,
    EventFacts,
    RaceSettings,
    RosterDriver,
    SessionDef,
    Track,
)
from trackside.rules import scored

enduro = pytest.importorskip("trackside.demo.enduro")

MIN = 60_000_000


def _session(s: dict) -> SessionDef:
    race = None
    if s["format"] == "race":
        race = RaceSettings(
            sprint_us=s["sprint_min"] * MIN, mandatory_stops=s["mandatory_stops"],
            min_stop_us=round(s["min_stop_s"] * 1e6), missed_stop=s["missed_stop"],
            pit_in_loop=s["pit_in_loop"], pit_out_loop=s["pit_out_loop"],
            max_stint_us=s["max_stint_min"] * MIN, min_rest_us=s["min_rest_min"] * MIN,
            min_classified_pct=s["min_classified_pct"])  # fmt: skip
    return SessionDef(s["id"], s.get("name", ""), format=s["format"],
                      groups=tuple(s.get("groups", ())), duration_min=s.get("duration_min"),
                      race=race)  # fmt: skip


@pytest.fixture(scope="module")
def day():
    generated = enduro.generate_enduro(seed=2026)
    toml = tomllib.loads(generated.event_toml)
    sessions = tuple(_session(s) for s in toml["session"])
    track = toml["track"]
    event = EventDef(generated.event_id, toml["event"]["name"], enduro.DATE,
                     min_lap_us=round(toml["event"]["min_lap_s"] * 1e6),
                     track=Track(track["name"], None, track["start_finish_loop"]),
                     sessions=sessions)  # fmt: skip
    group = sessions[0].groups[0]
    teams = generated.teams
    contact = generated.contact
    decisions = [Decision(1, DecisionKind.CONTACT, contact.numbers[0], contact.session_id,
                          other_number=contact.numbers[1])]  # fmt: skip
    decisions += [Decision(10 + i, DecisionKind.SOLO_EXIT, x.number, x.session_id)
                  for i, x in enumerate(generated.solo_exits)]  # fmt: skip
    facts = EventFacts(
        event,
        tuple(Entry(t.number, *t.drivers[0], t.car_class, group, t.transponder,
                    {"team": t.team}) for t in teams),
        tuple(generated.passings), tuple(generated.flags), tuple(decisions),
        roster=tuple(RosterDriver(t.number, first, last) for t in teams
                     for first, last in t.drivers),
        driver_changes=tuple(DriverChange(s.session_id, s.number, s.driver, s.at_us)
                             for s in generated.swaps),
    )  # fmt: skip
    return generated, facts, scored(facts)


def test_the_demo_race_every_car_but_two_serves_its_stop_and_finishes(day):
    generated, _, result = day
    race = result.sessions["R1"]
    assert isinstance(race, RaceSessionResult) and race.sprint is not None
    others = [e for e in race.race.entries
              if e.number not in (generated.missed_stop, generated.retired)]  # fmt: skip
    assert len(others) == 28
    assert all(e.status is RaceStatus.OK and [s.mandatory for s in e.stops] == [True]
               and e.penalties == () for e in others)  # fmt: skip
    retired = next(e for e in race.race.entries if e.number == generated.retired)
    assert retired.status is RaceStatus.DNF


def test_the_demo_race_missed_stop_car_is_behind_every_classified_car_of_its_class(day):
    generated, _, result = day
    entries = result.sessions["R1"].race.entries
    missed = next(e for e in entries if e.number == generated.missed_stop)
    same_class = [e for e in entries if e.car_class == missed.car_class and e.position]
    assert same_class[-1] == missed
    assert [p.kind for p in missed.penalties] == ["missed-stop"]
    assert any(e.laps < missed.laps for e in same_class if e.position < missed.position)


def test_the_demo_grid_puts_the_two_cars_in_contact_last(day):
    generated, facts, result = day
    rows = session_grid(facts, result.sessions, "R1").rows
    assert {r.number for r in rows[-2:]} == set(generated.contact.numbers)


def test_the_demo_team_cars_hand_over_at_their_stop_and_solos_are_confirmed(day):
    """A team's declared change at its stop makes two stints (the second driver the declared
    one); a solo drives one, its exit confirmed: no finding for any car."""
    generated, _, result = day
    teams = {t.number: t for t in generated.teams}
    swaps = {s.number: s.driver for s in generated.swaps}
    for entry in result.sessions["R1"].race.entries:
        assert entry.findings == ()
        if entry.number in (generated.missed_stop, generated.retired):
            continue
        expected = 1 if teams[entry.number].solo else 2
        assert len(entry.stints) == expected
        if expected == 2:
            assert entry.stints[1].driver == swaps[entry.number]
            assert (entry.stints[0].end_us, entry.stints[1].start_us) == (
                entry.stops[0].in_us, entry.stops[0].out_us)
