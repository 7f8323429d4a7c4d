"""endurance.md "Laps in a race" and "The finish", one scenario per rule, hand-checked. The race
goes green at 10:00:00 (G); min_lap_s is 20; the timing line is SF, pit loops PIT-IN/PIT-OUT."""

from __future__ import annotations

from tests.race_scenario import race_event, race_facts, race_of, standings, t

CARS = "car class group\n1 S2 A\n2 S2 A\n3 S2 A\n4 S4 A"


def laps_of(result, car):
    entry = next(e for e in result.entries if e.number == car)
    return [(lap.lap, (lap.end_us - lap.start_us) / 1e6) for lap in entry.lap_list]


def test_laps_a_crossing_under_min_lap_after_green_is_the_start_and_lap_1_runs_from_it():
    """Car 1 crosses 5 s after G: its start. Car 2 first crosses 40 s after G (a pit-lane
    start): that completes lap 1, timed from G. Car 3's first crossing 19.999 s after G is
    still its start."""
    result = race_of(race_facts(race_event(duration_min=None), CARS, passed="""
        time          car
        10:00:05      1
        10:01:05      1
        10:02:07      1
        10:00:40      2
        10:01:42      2
        10:00:19.999  3
        10:01:20      3
    """))
    assert laps_of(result, "1") == [(1, 60.0), (2, 62.0)]
    assert laps_of(result, "2") == [(1, 40.0), (2, 62.0)]
    assert laps_of(result, "3") == [(1, 60.001)]


def test_laps_crossings_before_green_make_no_lap_and_the_start_may_be_a_duplicate_read():
    """Car 1 crosses the line 10 s before G (the formation lap) and 5 s after: the read after G
    is under min_lap after an accepted crossing, a duplicate read, so the car has no start
    crossing and lap 1 runs from G."""
    result = race_of(race_facts(race_event(duration_min=None), CARS, passed="""
        time      car
        09:58:50  1
        09:59:50  1
        10:00:05  1
        10:01:05  1
    """))
    assert laps_of(result, "1") == [(1, 65.0)]


def test_laps_duplicate_reads_are_removed_by_min_lap_across_a_cars_transponders():
    """Car 1 carries its own transponder and its driver's (D1): both read at each crossing, and
    a stray read 10 s later; each lap counts once."""
    result = race_of(race_facts(race_event(duration_min=None), CARS, passed="""
        time          car
        10:00:05      1
        10:00:05.020  D1
        10:01:05      1
        10:01:05.030  D1
        10:01:15      1
        10:02:06      D1
    """, drivers="car first last transponder\n1 Ann Lee D1"))
    assert laps_of(result, "1") == [(1, 60.0), (2, 61.0)]


def test_laps_only_the_start_finish_loop_makes_laps_not_pit_or_sector_loops():
    result = race_of(race_facts(race_event(duration_min=None), CARS, passed="""
        time      car  loop
        10:00:05  1    SF
        10:00:35  1    S1
        10:01:05  1    SF
        10:01:40  1    PIT-IN
        10:02:20  1    PIT-OUT
        10:02:50  1    SF
    """))
    assert laps_of(result, "1") == [(1, 60.0), (2, 105.0)]


def test_laps_a_drivers_transponder_finds_the_car():
    """The car's own transponder failed: its driver's (D7, on the roster of car 1) times it."""
    result = race_of(race_facts(race_event(duration_min=None), CARS, passed="""
        time      car
        10:00:05  D7
        10:01:05  D7
        10:02:05  D7
    """, drivers="car first last transponder\n1 Ann Lee D6\n1 Bo Ek D7"))
    assert laps_of(result, "1") == [(1, 60.0), (2, 60.0)]
    assert next(e for e in result.entries if e.number == "1").stints[0].driver == "Bo Ek"


# --- The finish ------------------------------------------------------------------------------

FINISH = """
time      car
10:00:05  1
10:01:05  1
10:02:05  1
10:03:05  1
10:04:05  1
10:00:06  2
10:01:10  2
10:02:15  2
10:03:20  2
10:04:30  2
10:00:08  3
10:01:30  3
10:03:01  3
10:04:35  3
10:05:50  3
10:00:09  4
10:01:20  4
10:02:40  4
"""
"""T = 10:03:00. Laps by T: car 1 two (last 10:02:05), 2 two (10:02:15), 3 one, 4 two
(10:02:40): car 1 leads at T and takes the checkered at 10:03:05 (C). Car 2 ends at 10:03:20
(3 laps), car 3's 10:03:01 is before C so its race goes on to 10:04:35 (3 laps), car 4 never
crosses after C and keeps its 2 laps (dnf)."""


def test_finish_leader_takes_checkered_at_first_crossing_after_T():
    result = race_of(race_facts(race_event(duration_min=3), CARS, passed=FINISH))
    assert (result.finish_at_us, result.checkered_us) == (t("10:03:00"), t("10:03:05"))
    assert standings(result) == [
        ("1", "ok", 1, 1, 3, 185.0),
        ("2", "ok", 2, 2, 3, 200.0),
        ("3", "ok", 3, 3, 3, 275.0),
        ("4", "dnf", 4, 1, 2, 160.0),
    ]


def test_finish_laps_after_a_cars_first_crossing_at_or_after_C_do_not_count():
    result = race_of(race_facts(race_event(duration_min=3), CARS, passed=FINISH))
    assert laps_of(result, "1")[-1] == (3, 60.0)  # 10:04:05 is cool-down
    assert laps_of(result, "3") == [(1, 82.0), (2, 91.0), (3, 94.0)]  # not 10:05:50


def test_finish_leader_at_T_is_the_car_with_most_laps_ties_to_whoever_completed_them_first():
    """Cars 1 and 2 both have 2 laps by T; car 2 completed its second first (10:01:58), so it
    is the leader and its first crossing after T (10:03:10) is C, though car 1 crossed at
    10:03:02: car 1's race goes on to 10:04:01."""
    result = race_of(race_facts(race_event(duration_min=3), CARS, passed="""
        time      car
        10:00:05  1
        10:01:00  1
        10:02:00  1
        10:03:02  1
        10:04:01  1
        10:00:06  2
        10:00:59  2
        10:01:58  2
        10:03:10  2
        10:04:20  2
    """))
    assert result.checkered_us == t("10:03:10")
    assert standings(result)[:2] == [("1", "ok", 1, 1, 4, 241.0), ("2", "ok", 2, 2, 3, 190.0)]


def test_finish_a_checkered_flag_before_the_scheduled_end_is_T():
    result = race_of(race_facts(race_event(duration_min=10), CARS, passed=FINISH,
                                flagged="time session state\n10:00:00 R1 green\n"
                                        "10:02:30 R1 checkered"))  # fmt: skip
    assert (result.finish_at_us, result.checkered_us) == (t("10:02:30"), t("10:03:05"))
    assert standings(result)[:2] == [("1", "ok", 1, 1, 3, 185.0), ("2", "ok", 2, 2, 3, 200.0)]


def test_finish_a_checkered_flag_after_the_scheduled_end_does_not_move_T():
    result = race_of(race_facts(race_event(duration_min=3), CARS, passed=FINISH,
                                flagged="time session state\n10:00:00 R1 green\n"
                                        "10:04:00 R1 checkered"))  # fmt: skip
    assert (result.finish_at_us, result.checkered_us) == (t("10:03:00"), t("10:03:05"))


def test_finish_before_the_leader_crosses_after_T_every_lap_counts_and_no_car_is_dnf():
    """The facts so far end before 10:03:01: C is not known, the race runs on."""
    early = "\n".join(line for line in FINISH.splitlines() if line[:8] < "10:03:01")
    result = race_of(race_facts(race_event(duration_min=3), CARS, passed="time car\n" + early))
    assert result.checkered_us is None
    assert standings(result) == [
        ("1", "ok", 1, 1, 2, 125.0),
        ("2", "ok", 2, 2, 2, 135.0),
        ("4", "ok", 3, 1, 2, 160.0),
        ("3", "ok", 4, 3, 1, 90.0),
    ]


def test_finish_leader_stopped_after_T_the_checkered_flag_goes_to_the_first_car_to_cross():
    """Convention (docs/race.md): car 1 leads at T and never crosses again; with the checkered
    flag recorded at 10:03:30 the first crossing at or after T (car 3's, 10:03:01) is C: car 3's
    race ends there, car 2's at 10:03:20. Without the flag C is unknown."""
    stopped = "\n".join(line for line in FINISH.splitlines()
                        if not line.startswith(("10:03:05  1", "10:04:05  1")))  # fmt: skip
    flagged = "time session state\n10:00:00 R1 green\n10:03:30 R1 checkered"
    result = race_of(race_facts(race_event(duration_min=3), CARS, passed=stopped,
                                flagged=flagged))  # fmt: skip
    assert result.checkered_us == t("10:03:01")
    assert standings(result) == [
        ("2", "ok", 1, 1, 3, 200.0),
        ("1", "dnf", 2, 2, 2, 125.0),
        ("4", "dnf", 3, 1, 2, 160.0),
        ("3", "ok", 4, 3, 2, 181.0),
    ]
    unflagged = race_of(race_facts(race_event(duration_min=3), CARS, passed=stopped))
    assert unflagged.checkered_us is None


def test_finish_before_the_green_every_listed_car_is_dns():
    result = race_of(race_facts(race_event(), CARS, passed="time car\n09:50:00 1", flagged=""))
    assert result.green_us is None
    assert standings(result) == [(n, "dns", None, None, 0, None) for n in ("1", "2", "3", "4")]
