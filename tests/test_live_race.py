"""A race followed live (issue 12, "Live"; issue 10, the live race path): the live model's race
results equal a full pass after every passing, stop, driver change and decision, each race kept
by its tracker (`live/race_trackers.py`) between whole passes, late passings included; and the
live board shows the race by laps."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.race_scenario import decision, race_event, race_facts, standings, t
from tests.race_strategies import races
from trackside.core.records import (
    DriverChange,
    Entry,
    EventDef,
    EventFacts,
    PitStopRecord,
    RaceSettings,
    SessionDef,
    Track,
)
from trackside.demo.enduro import generate_enduro
from trackside.live.live_event import LiveEvent
from trackside.live.results_model import LiveResults
from trackside.rules import scored
from trackside.web.board import board_doc

CARS = "car class group\n1 A A\n2 A A\n3 B A"
DRIVERS = "car first last\n1 Ann Lee\n1 Bo Chen\n2 Cy Diaz\n3 Di Eng"
PASSED = """time car loop
10:00:01 1
10:00:02 2
10:00:03 3
10:01:01 1
10:01:05 2
10:01:50 3 PIT-IN
10:02:01 1
10:02:09 2
10:02:40 3 PIT-OUT
10:03:01 1
10:03:13 2
10:03:20 3
10:04:01 1
10:04:17 2
10:04:30 3"""


def _facts() -> EventFacts:
    return race_facts(race_event(duration_min=3), CARS, PASSED, drivers=DRIVERS)


def test_race_results_equal_a_full_pass_after_every_passing() -> None:
    facts = _facts()
    live = LiveResults(replace(facts, passings=()))
    for passing in facts.passings:
        live.apply([passing])
        so_far = replace(facts, passings=live.facts().passings)
        assert live.scored.sessions["R1"] == scored(so_far).sessions["R1"]
    race = live.scored.sessions["R1"].race
    # T = 10:03:00; car 1 leads at T with 2 laps and takes the checkered at 10:03:01;
    # car 3 lost a lap in the pits: its one lap ends at 10:03:20, after the checkered
    assert race.checkered_us == t("10:03:01")
    assert [(e.number, e.position, e.laps) for e in race.entries] == [
        ("1", 1, 3), ("2", 2, 3), ("3", 3, 1)]


FINAL = [("1", "ok", 1, 1, 3, 181.0), ("2", "ok", 2, 2, 3, 193.0), ("3", "ok", 3, 1, 1, 200.0)]
"""The race above at the end, by hand: T = 10:03:00, C = 10:03:01 (car 1's third crossing)."""


def _fed_one_by_one(live: LiveResults, facts: EventFacts, passings) -> None:
    """Each passing alone: a change of R1 only (the tracker's, no whole pass), and the result
    equal to a full pass over the passings held so far."""
    for passing in passings:
        change = live.apply([passing])
        assert not change.full and change.sessions <= {"R1"}
        so_far = replace(facts, passings=live.facts().passings, decisions=live.facts().decisions)
        assert live.scored.sessions["R1"] == scored(so_far).sessions["R1"]


def test_live_race_path_a_decision_mid_race_rebuilds_the_tracker_and_the_race_follows_it():
    """endurance.md "Race decisions": 15 s added to car 1 at 10:02:30, while the race runs. Its
    race time 3:01 + 0:15 = 3:16 puts it behind car 2 (3:13); C stays car 1's crossing at
    10:03:01 (the finish is on the road)."""
    facts = _facts()
    live = LiveResults(replace(facts, passings=()))
    before = [p for p in facts.passings if p.time_us <= t("10:02:30")]
    _fed_one_by_one(live, facts, before)
    change = live.apply(decisions=[decision(1, "time-added", "1", "R1", seconds=15)])
    assert change.full  # a whole pass, and a new tracker made from the facts
    expected = replace(facts, passings=live.facts().passings, decisions=live.facts().decisions)
    assert live.scored.sessions["R1"] == scored(expected).sessions["R1"]
    _fed_one_by_one(live, facts, facts.passings[len(before):])
    race = live.scored.sessions["R1"].race
    assert race.checkered_us == t("10:03:01")
    assert standings(race) == [("2", "ok", 1, 1, 3, 193.0), ("1", "ok", 2, 2, 3, 196.0),
                               ("3", "ok", 3, 1, 1, 200.0)]  # fmt: skip
    penalty = next(e for e in race.entries if e.number == "1").penalties
    assert [(p.kind, p.changed_place) for p in penalty] == [("time-added", True)]


def test_live_race_path_a_late_passing_rebuilds_its_car_and_the_race_comes_right():
    """Car 2's crossing at 10:02:09 reaches the engine last, after 10:04:30 (a decoder's
    backlog). Without it car 2 has 2 laps (10:01:05, then 10:03:13 after a 2:08 "lap"); once
    it arrives, older than car 2's last read, the tracker rebuilds car 2 from its passings in
    time order: 3 laps, the table of the race in order."""
    facts = _facts()
    late = next(p for p in facts.passings if p.time_us == t("10:02:09"))
    live = LiveResults(replace(facts, passings=()))
    _fed_one_by_one(live, facts, [p for p in facts.passings if p != late])
    assert standings(live.scored.sessions["R1"].race) == [
        ("1", "ok", 1, 1, 3, 181.0), ("2", "ok", 2, 2, 2, 193.0), ("3", "ok", 3, 1, 1, 200.0)]
    _fed_one_by_one(live, facts, [late])
    assert standings(live.scored.sessions["R1"].race) == FINAL


@settings(max_examples=40, deadline=None)
@given(races(), st.randoms(use_true_random=False), st.integers(0, 60))
def test_the_live_race_path_equals_a_full_pass_with_passings_late_and_decisions_mid_race(
    facts, rnd, at
):
    """Random races: passings fed in small batches, some out of order (a batch shuffled), the
    race decisions arriving after `at` passings; after every batch the live race is the full
    scorer's on the facts held."""
    passings = list(facts.passings)
    for i in range(0, len(passings), 7):  # every few passings, a short stretch out of order
        stretch = passings[i:i + 3]
        rnd.shuffle(stretch)
        passings[i:i + 3] = stretch
    live = LiveResults(replace(facts, passings=(), decisions=()))
    fed, decided = 0, False
    while fed < len(passings) or not decided:
        if not decided and fed >= at:
            live.apply(decisions=facts.decisions)
            decided = True
        else:
            step = rnd.randint(1, 3)
            live.apply(passings[fed:fed + step])
            fed += step
        held = replace(facts, passings=live.facts().passings, decisions=live.facts().decisions)
        assert live.scored.sessions["R1"] == scored(held).sessions["R1"]


def test_the_demo_sprintduro_followed_live_equals_a_full_pass_event_result_included() -> None:
    """The demo day (practice, qualifying, the 2-hour SprintDuro race of 30 cars) fed in
    batches of 40 passings: the race by its tracker, the other sessions per transponder; every
    session and the event result equal a full pass after each batch."""
    day = generate_enduro()
    facts = EventFacts(_demo_event(), tuple(_entries(day)), tuple(day.passings),
                       tuple(day.flags), ())
    live = LiveResults(replace(facts, passings=()))
    for start in range(0, len(facts.passings), 40):
        change = live.apply(facts.passings[start:start + 40])
        assert not change.full
        expected = scored(replace(facts, passings=live.facts().passings))
        assert live.scored.sessions == expected.sessions
        assert live.scored.event == expected.event
    assert live.scored.sessions["R1"].sprint is not None


def test_a_passing_leaves_every_other_cars_laps_the_same_objects_for_the_board() -> None:
    """What keeps the live board and RMonitor cheap on a long race: after car 2's passing, the
    other cars' race laps are the very same tuples, and so are their laps as the lap views see
    them (`publish/race_as_laps.py`), so only car 2's row is made again."""
    from trackside.publish.race_as_laps import race_as_laps

    facts = _facts()
    live = LiveResults(replace(facts, passings=facts.passings[:7]))
    before = live.scored.sessions["R1"]
    seen = {e.number: e.laps for e in race_as_laps(before).entries}
    live.apply([facts.passings[7]])  # car 2 at 10:02:09
    after = live.scored.sessions["R1"]
    assert facts.passings[7].transponder == "T2"
    same = {e.number for e in after.race.entries
            if e.lap_list is next(b for b in before.race.entries if b.number == e.number).lap_list}
    assert same == {"1", "3"}
    assert {e.number for e in race_as_laps(after).entries if e.laps is seen[e.number]} == {"1", "3"}


def test_an_officials_stop_and_driver_change_reach_the_live_race() -> None:
    facts = _facts()
    live = LiveResults(facts)
    change = live.apply(
        pit_stops=[PitStopRecord("R1", "1", t("10:02:10"), t("10:02:50"), id=1)],
        driver_changes=[DriverChange("R1", "1", "Bo Chen", t("10:02:20"), id=1)],
    )
    assert change.full
    expected = replace(facts, pit_stops=live.facts().pit_stops,
                       driver_changes=live.facts().driver_changes)
    assert live.scored.sessions["R1"] == scored(expected).sessions["R1"]
    car = next(e for e in live.scored.sessions["R1"].race.entries if e.number == "1")
    assert [s.driver for s in car.stints] == ["Ann Lee", "Bo Chen"]


def test_the_live_board_of_the_demo_sprintduro_runs_by_laps_with_drivers() -> None:
    day = generate_enduro()
    facts = EventFacts(_demo_event(), tuple(_entries(day)), tuple(day.passings),
                       tuple(day.flags), ())
    snapshot = LiveEvent(day.event_id, facts).snapshot
    board = board_doc(snapshot, "R1", None, day.flags[-1].time_us)
    assert board["race"] is True
    rows = board["rows"]
    # by laps, except the car that missed its mandatory stop: last in its class, behind cars
    # it beat on the road (endurance.md "Pit stops and the mandatory stop")
    on_road = [row["laps"] for row in rows
               if row["position"] is not None and row["number"] != day.missed_stop]
    assert on_road == sorted(on_road, reverse=True) and on_road[0] > 60
    missed = next(row for row in rows if row["number"] == day.missed_stop)
    ahead = rows[rows.index(missed) - 1]
    assert missed["laps"] > ahead["laps"] and missed["interval"].startswith("-")
    same_class = [row for row in rows if row["class"] == missed["class"] and row["position"]]
    assert same_class[-1] is missed or same_class[-1]["race_status"] == "dnf"
    assert rows[1]["gap"].startswith("+") and rows[0]["gap"] == ""
    assert all("stint" in row and "in_pit" in row for row in rows)


def _demo_event() -> EventDef:
    """The demo's event file as records (its reading is tested with the event file)."""
    race = RaceSettings(sprint_us=30 * 60_000_000, mandatory_stops=1, min_stop_us=90_000_000,
                        pit_in_loop="PIT-IN", pit_out_loop="PIT-OUT")
    sessions = (SessionDef("P1", format="practice", scored=False, groups=("All",)),
                SessionDef("Q1", format="qualifying", groups=("All",)),
                SessionDef("R1", format="race", groups=("All",), duration_min=120, race=race))
    return EventDef("img-enduro", "SprintDuro", "2026-06-20", ruleset="img",
                    min_lap_us=60_000_000, track=Track("Sonoma", 4052, "SF"), sessions=sessions)


def _entries(day):
    for team in day.teams:
        row = team.entry_row()
        yield Entry(row["number"], row["first_name"], row["last_name"], row["class"],
                    row["group"], row["transponder"], {"team": row["team"]})


def test_the_watcher_follows_officials_stops_and_driver_changes(tmp_path) -> None:
    """A stop and a driver change recorded by the pit marshal reach the live race through the
    journal (SQLite file, the real watcher), as passings do."""
    from trackside.demo.enduro_run import import_enduro
    from trackside.live.watcher import JournalWatcher
    from trackside.services.race import record_driver_change, record_pit_stop
    from trackside.store import load_facts, open_engine

    day = generate_enduro()
    engine = open_engine(f"sqlite:///{tmp_path / 'race.db'}")
    import_enduro(engine, day, day.write(tmp_path / "files"))
    live = LiveEvent(day.event_id, load_facts(engine, day.event_id))
    watcher = JournalWatcher(engine)
    missed = day.missed_stop
    end = day.flags[-1].time_us
    stop_in, stop_out = end - 3_600_000_000, end - 3_480_000_000
    record_pit_stop(engine, day.event_id, "R1", missed, stop_in, stop_out, "Pit Marshal")
    team = next(t for t in day.teams if t.number == missed)
    rows = watcher.poll()[day.event_id]
    assert [(s.number, s.in_us) for s in rows.pit_stops] == [(missed, stop_in)]
    assert live.apply(rows, 0.0) is not None
    car = next(e for e in live.snapshot.scored.sessions["R1"].race.entries if e.number == missed)
    assert [s.source for s in car.stops] == ["official"] and car.stops[0].mandatory
    assert not any(p.kind == "missed-stop" for p in car.penalties)
    stop_id = rows.pit_stops[0].id
    if len(team.drivers) > 1:
        second = " ".join(team.drivers[1])
        record_driver_change(engine, day.event_id, "R1", missed, second, stop_in + 10_000_000,
                             "Pit Marshal")
        rows = watcher.poll()[day.event_id]
        assert [c.driver for c in rows.driver_changes] == [second]
        live.apply(rows, 0.0)
        car = next(e for e in live.snapshot.scored.sessions["R1"].race.entries
                   if e.number == missed)
        assert car.stints[-1].driver == second
    from trackside.services.race import revoke_race_record

    revoke_race_record(engine, day.event_id, "pit-stop", stop_id, "wrong car", "Pit Marshal")
    rows = watcher.poll()[day.event_id]
    assert rows.race_revokes == [("pit-stop", stop_id)]
    live.apply(rows, 0.0)
    car = next(e for e in live.snapshot.scored.sessions["R1"].race.entries if e.number == missed)
    assert car.stops == () and car.penalties[0].kind == "missed-stop"
    engine.dispose()


def test_rmonitor_output_in_race_mode_positions_by_laps_and_last_laps() -> None:
    """Issue 12: `$G` by laps (the race order, total = race time) and `$J` each car's last
    lap, so Orbits-era scoreboards show the race."""
    from trackside.live.rmonitor_board import board_of
    from trackside.live.rmonitor_lines import changed_lines, full_lines

    facts = _facts()
    before = replace(facts, passings=facts.passings[:-1])
    old = board_of(before, scored(before))
    new = board_of(facts, scored(facts))
    assert new.session_id == "R1"
    positions = [line for line in full_lines(new, t("10:04:31")) if line.startswith("$G")]
    # car 1 leads with 3 laps in 3:01, car 2 3 laps in 3:13, car 3 (lost a lap in the pits) 1
    assert positions == ['$G,1,"1",3,"00:03:01.000"', '$G,2,"2",3,"00:03:13.000"',
                         '$G,3,"3",1,"00:03:20.000"']
    # the last passing (car 3 at 10:04:30) is after its race ended: no new `$J`
    assert not [line for line in changed_lines(old, new, t("10:04:31")) if line.startswith("$J")]
    first = board_of(replace(facts, passings=facts.passings[:4]),
                     scored(replace(facts, passings=facts.passings[:4])))
    second = board_of(replace(facts, passings=facts.passings[:5]),
                      scored(replace(facts, passings=facts.passings[:5])))
    crossings = [line for line in changed_lines(first, second, t("10:01:06"))
                 if line.startswith("$J")]
    # car 2's first lap: its start crossing (lap 0, as `$J` gives a car's first) and lap 1
    assert crossings == ['$J,"2","00:00:00.000","00:00:02.000"',
                         '$J,"2","00:01:03.000","00:01:05.000"']
