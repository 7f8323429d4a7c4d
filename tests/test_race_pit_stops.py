"""endurance.md "Pit stops and the mandatory stop", hand-checked. G 10:00:00; pit loops PIT-IN
and PIT-OUT; min_lap_s 20 (also the duplicate-read gap on each pit loop)."""

from __future__ import annotations

from tests.race_scenario import race_event, race_facts, race_of, standings, t

CARS = "car class group\n1 S2 A\n2 S2 A\n3 S2 A\n4 S4 A\n5 S4 A\n6 S4 A"


def entry(result, car):
    return next(e for e in result.entries if e.number == car)


def stops(result, car):
    return [(s.in_us, s.out_us, s.duration_us / 1e6, s.mandatory, s.source)
            for s in entry(result, car).stops]  # fmt: skip


def test_stop_is_a_pit_in_then_the_cars_next_pit_out_repeated_pit_ins_start_it_at_the_first():
    result = race_of(race_facts(race_event(duration_min=None), CARS, passed="""
        time          car  loop
        10:00:03      1    SF
        10:01:00      1    SF
        10:02:40      1    PIT-IN
        10:02:40.050  1    PIT-IN
        10:03:05      1    PIT-IN
        10:03:30      1    PIT-OUT
        10:03:50      1    SF
    """))
    assert stops(result, "1") == [(t("10:02:40"), t("10:03:30"), 50.0, False, "loops")]


def test_a_pit_out_with_no_pit_in_is_a_finding_and_an_open_pit_in_leaves_the_car_in_the_pit():
    result = race_of(race_facts(race_event(duration_min=None), CARS, passed="""
        time      car  loop
        10:00:30  1    PIT-OUT
        10:01:00  1    SF
        10:02:00  1    SF
        10:02:40  1    PIT-IN
    """))
    car = entry(result, "1")
    assert car.stops == ()
    assert [(f.kind, f.at_us) for f in car.findings] == [("pit-out-without-in", t("10:00:30"))]
    assert car.in_pit is True
    assert entry(result, "2").in_pit is False


def test_an_officials_pit_stop_record_is_a_stop_and_replaces_the_loop_stop_it_overlaps():
    result = race_of(race_facts(race_event(duration_min=None, pit_loops=True), CARS, passed="""
        time      car  loop
        10:00:03  1    SF
        10:01:00  1    SF
        10:02:40  1    PIT-IN
        10:03:30  1    PIT-OUT
        10:04:40  1    PIT-IN
        10:05:20  1    PIT-OUT
        10:00:04  2    SF
        10:01:10  2    SF
    """, stops="car in out\n1 10:02:38 10:03:31\n2 10:01:40 10:02:20"))
    assert stops(result, "1") == [
        (t("10:02:38"), t("10:03:31"), 53.0, False, "official"),
        (t("10:04:40"), t("10:05:20"), 40.0, False, "loops"),
    ]
    assert stops(result, "2") == [(t("10:01:40"), t("10:02:20"), 40.0, False, "official")]


# --- The mandatory stop ----------------------------------------------------------------------

MANDATORY = """
time      car  loop
10:00:03  1    SF
10:01:00  1    SF
10:01:20  1    PIT-IN
10:01:40  1    PIT-OUT
10:02:20  1    SF
10:02:40  1    PIT-IN
10:03:25  1    PIT-OUT
10:03:50  1    SF
10:05:00  1    SF
10:00:04  2    SF
10:01:05  2    SF
10:02:10  2    SF
10:03:20  2    SF
10:04:30  2    SF
10:05:05  2    SF
10:05:30  2    PIT-IN
10:06:10  2    PIT-OUT
10:00:05  3    SF
10:01:20  3    PIT-IN
10:02:00  3    PIT-OUT
10:02:30  3    SF
10:02:50  3    PIT-IN
10:03:30  3    PIT-OUT
10:04:10  3    SF
10:05:10  3    SF
"""
"""T 10:05:00: car 2 completed 4 laps first (10:04:30), leads at T and takes the checkered at
10:05:05 (C); car 1 (4 laps) never crosses after C: dnf. Car 1's first stop lasts 20 s (under
min_stop_s 30), its second 45 s serves. Car 2's only stop is after its finish (10:05:05):
missed. Car 3's two 40 s stops: the first serves."""


def mandatory_race(**settings):
    event = race_event(duration_min=5, mandatory_stops=1, min_stop_s=30, **settings)
    return race_of(race_facts(event, CARS, passed=MANDATORY))


def test_mandatory_stop_is_served_by_the_first_stops_lasting_min_stop_before_the_finish():
    result = mandatory_race()
    assert [s[2:4] for s in stops(result, "1")] == [(20.0, False), (45.0, True)]
    assert [s[2:4] for s in stops(result, "2")] == [(40.0, False)]
    assert [s[2:4] for s in stops(result, "3")] == [(40.0, True), (40.0, False)]


def test_missed_stop_last_in_class_is_behind_every_classified_car_of_its_class():
    result = mandatory_race()
    assert standings(result)[:3] == [
        ("1", "dnf", 1, 1, 4, 300.0),
        ("3", "ok", 2, 2, 3, 310.0),
        ("2", "ok", 3, 3, 5, 305.0),
    ]
    assert [(p.kind, p.detail, p.changed_place) for p in entry(result, "2").penalties] == [
        ("missed-stop", "mandatory stop not served (0 of 1): last in class", True)]


def test_missed_stop_two_mandatory_stops_count_the_first_two_that_qualify():
    result = race_of(race_facts(race_event(duration_min=5, mandatory_stops=2), CARS,
                                passed=MANDATORY))  # fmt: skip
    assert [s[3] for s in stops(result, "1")] == [True, True]
    assert [p.detail for p in entry(result, "2").penalties] == [
        "mandatory stop not served (0 of 2): last in class"]


ORDER = """
time      car
10:00:01  1
10:01:00  1
10:02:00  1
10:00:02  4
10:01:01  4
10:02:01  4
10:00:03  2
10:01:02  2
10:02:02  2
10:00:04  5
10:01:03  5
10:02:03  5
10:00:05  3
10:01:04  3
10:02:04  3
10:00:06  6
10:01:05  6
10:02:05  6
"""
"""On track 1 (S2), 4 (S4), 2 (S2), 5 (S4), 3 (S2), 6 (S4), 2 laps each, race times 120 to
125 s; T = C = 10:02:00. Every car but car 1 has a stop recorded by officials."""

OFFICIAL = "car in out\n" + "\n".join(f"{n} 10:00:30 10:00:50" for n in "23456")


def order_race(rule: str):
    event = race_event(duration_min=2, pit_loops=False, mandatory_stops=1, missed_stop=rule)
    return race_of(race_facts(event, CARS, passed=ORDER, stops=OFFICIAL))


def test_missed_stop_last_in_class_overall_positions_follow_the_same_reordering():
    assert [(e.number, e.position, e.class_position) for e in order_race("last-in-class").entries
            ] == [("4", 1, 1), ("2", 2, 1), ("5", 3, 2), ("3", 4, 2), ("1", 5, 3), ("6", 6, 3)]


def test_missed_stop_laps_n_deducts_n_laps():
    result = order_race("laps:1")
    assert standings(result)[-1] == ("1", "ok", 6, 3, 1, 120.0)
    assert [p.detail for p in entry(result, "1").penalties] == [
        "mandatory stop not served (0 of 1): -1 laps"]


def test_missed_stop_time_s_adds_s_seconds():
    result = order_race("time:2.5")
    assert [e.number for e in result.entries] == ["4", "2", "1", "5", "3", "6"]
    assert entry(result, "1").race_time_us == 122_500_000


def test_missed_stop_is_not_applied_before_the_checkered():
    early = ORDER.replace("10:02:00  1\n", "")
    event = race_event(duration_min=2, pit_loops=False, mandatory_stops=1)
    result = race_of(race_facts(event, CARS, passed=early, stops=OFFICIAL))
    assert result.checkered_us is None
    assert entry(result, "1").penalties == ()


def test_a_stop_starting_at_or_before_green_does_not_serve():
    event = race_event(duration_min=2, pit_loops=False, mandatory_stops=1)
    result = race_of(race_facts(event, CARS, passed=ORDER,
                                stops=OFFICIAL + "\n1 09:59:30 10:00:20"))  # fmt: skip
    assert [s[3] for s in stops(result, "1")] == [False]
    assert entry(result, "1").position == 5


def test_the_missed_stop_penalty_changes_nothing_for_a_car_already_last_in_class():
    event = race_event(duration_min=2, pit_loops=False, mandatory_stops=1)
    result = race_of(race_facts(event, CARS, passed=ORDER,
                                stops=OFFICIAL.replace("3 10:00:30 10:00:50", "1 10:00:30 "
                                                       "10:00:50")))  # fmt: skip
    assert [(e.number, e.position) for e in result.entries][4] == ("3", 5)
    assert [p.changed_place for p in entry(result, "3").penalties] == [False]
