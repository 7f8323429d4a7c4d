"""time-attack.md "Session results" and "Event results", hand-checked.

Rulebook: SCCA TT Rules VI.2.5 and RMD "Scoring" (cumulative time of fastest laps), SCCA TT
awards (top three drivers in each class), RMD 1.2-1.7 via the decisions they reference.
"""

from tests.scenario import decision, event, facts
from trackside.core.results import Status, seconds
from trackside.rules import scored

FLAGS_3 = """
time      session state
09:00:00  TA1     green
09:20:00  TA1     checkered
10:00:00  TA2     green
10:20:00  TA2     checkered
11:00:00  TA3     green
11:20:00  TA3     checkered
"""

THREE_ROUNDS = event("TA1 scored A\nTA2 scored A\nTA3 scored A")


def by_number(result):
    return {r.number: r for r in result.event.entries}


def test_session_tie_goes_to_second_best_lap():
    result = scored(
        facts(
            event(),
            """
            car class group
            1   S2    A
            2   S2    A
            """,
            """
            time          car
            09:01:00.000  1
            09:03:00.000  1
            09:05:01.000  1
            09:01:30.000  2
            09:03:30.000  2
            09:05:30.500  2
            """,
            "time session state\n09:00:00 TA1 green\n09:20:00 TA1 checkered",
        )
    )
    # Both best 120.000; car 2's second-best 120.500 beats car 1's 121.000.
    assert [(r.number, r.position) for r in result.sessions["TA1"].entries] == [("2", 1), ("1", 2)]


def test_session_tie_on_both_laps_goes_to_whoever_set_the_time_first():
    result = scored(
        facts(
            event(),
            """
            car class group
            1   S2    A
            2   S2    A
            """,
            """
            time          car
            09:01:30.000  1
            09:03:30.000  1
            09:01:00.000  2
            09:03:00.000  2
            """,
            "time session state\n09:00:00 TA1 green\n09:20:00 TA1 checkered",
        )
    )
    assert [r.number for r in result.sessions["TA1"].entries] == ["2", "1"]


def test_cumulative_total_of_round_times_with_millisecond_precision():
    result = scored(
        facts(
            THREE_ROUNDS,
            "car class group\n21 S2 A",
            """
            time          car
            09:01:00.000  21
            09:03:02.401  21
            09:05:04.123  21
            10:01:00.000  21
            10:03:01.999  21
            11:01:00.000  21
            11:03:00.722  21
            """,
            FLAGS_3,
        )
    )
    (entry,) = result.event.entries
    assert [seconds(r.time_us) for r in entry.rounds] == [121.722, 121.999, 120.722]
    assert seconds(entry.total_us) == 364.443
    assert seconds(entry.best_lap_us) == 120.722
    assert (entry.rounds[0].session, entry.rounds[0].lap) == ("TA1", 2)
    assert (entry.status, entry.position, entry.class_position, entry.award) == (
        Status.OK,
        1,
        1,
        True,
    )


def test_entry_missing_a_round_ranks_after_full_entries_even_with_a_lower_total():
    result = scored(
        facts(
            THREE_ROUNDS,
            """
            car class group
            1   S2    A
            2   S2    A
            """,
            """
            time          car
            09:01:00.000  1
            09:03:05.000  1
            10:01:00.000  1
            10:03:05.000  1
            11:01:00.000  1
            11:03:05.000  1
            09:01:00.000  2
            09:02:50.000  2
            10:01:00.000  2
            10:02:50.000  2
            """,
            FLAGS_3,
        )
    )
    rows = by_number(result)
    assert (rows["1"].position, seconds(rows["1"].total_us)) == (1, 375.0)
    assert (rows["2"].position, seconds(rows["2"].total_us)) == (2, 220.0)
    assert rows["2"].rounds[2].time_us is None


def test_equal_totals_go_to_the_faster_single_best_lap_then_to_who_set_it_first():
    result = scored(
        facts(
            event("TA1 scored A\nTA2 scored A"),
            """
            car class group
            1   S2    A
            2   S2    A
            3   S2    A
            """,
            """
            time          car
            09:01:00.000  1
            09:03:00.000  1
            10:01:00.000  1
            10:03:00.000  1
            09:01:00.000  2
            09:03:01.000  2
            10:01:00.000  2
            10:02:59.000  2
            09:01:10.000  3
            09:03:10.000  3
            10:01:10.000  3
            10:03:10.000  3
            """,
            "time session state\n09:00:00 TA1 green\n09:20:00 TA1 checkered\n"
            "10:00:00 TA2 green\n10:20:00 TA2 checkered",
        )
    )
    # All total 240.000. Car 2's single best 119.000 wins; cars 1 and 3 both 120.000, car 1 first.
    assert [r.number for r in result.event.entries] == ["2", "1", "3"]


def test_rounds_table_takes_the_best_lap_of_any_session_in_the_round():
    ev = event(
        "TA1-A scored A\nTA1-B scored B\nPRAC unscored A,B",
        rounds={"TA1": ["TA1-A", "TA1-B"]},
    )
    result = scored(
        facts(
            ev,
            """
            car class group
            1   S2    A
            2   S2    B
            """,
            """
            time          car
            08:01:00.000  1
            08:02:00.000  1
            09:01:00.000  1
            09:03:00.000  1
            10:01:00.000  2
            10:03:01.000  2
            """,
            """
            time      session state
            08:00:00  PRAC    green
            08:20:00  PRAC    checkered
            09:00:00  TA1-A   green
            09:20:00  TA1-A   checkered
            10:00:00  TA1-B   green
            10:20:00  TA1-B   checkered
            """,
        )
    )
    rows = by_number(result)
    # Car 1's 60.000 practice lap never counts: unscored sessions are not in any round.
    assert (rows["1"].rounds[0].session, seconds(rows["1"].total_us)) == ("TA1-A", 120.0)
    assert (rows["2"].rounds[0].session, seconds(rows["2"].total_us)) == ("TA1-B", 121.0)
    assert result.event.rounds == ("TA1",)
    assert result.sessions["PRAC"].entries[0].best_lap.time_us == 60_000_000


def test_without_rounds_each_scored_session_is_its_own_round():
    result = scored(facts(THREE_ROUNDS, "car class group\n1 S2 A", "time car\n09:01:00 1", FLAGS_3))
    assert result.event.rounds == ("TA1", "TA2", "TA3")


def test_best_lap_scoring_makes_one_round_of_all_scored_sessions():
    ev = event("TA1 scored A\nTA2 scored A\nTA3 scored A", scoring="best-lap")
    result = scored(
        facts(
            ev,
            "car class group\n1 S2 A",
            """
            time          car
            09:01:00.000  1
            09:03:00.000  1
            10:01:00.000  1
            10:02:58.500  1
            """,
            FLAGS_3,
        )
    )
    (entry,) = result.event.entries
    assert [(r.round, seconds(r.time_us), r.session) for r in entry.rounds] == [
        ("best-lap", 118.5, "TA2")
    ]
    assert seconds(entry.total_us) == 118.5


def test_no_valid_scored_lap_means_no_time_and_no_position():
    result = scored(
        facts(
            event(),
            "car class group\n1 S2 A\n2 S2 A",
            "time car\n09:01:00 1\n09:03:00 1",
            "time session state\n09:00:00 TA1 green\n09:20:00 TA1 checkered",
        )
    )
    rows = by_number(result)
    assert (rows["2"].status, rows["2"].position, rows["2"].total_us) == (
        Status.NO_TIME,
        None,
        None,
    )


def test_excluded_and_disqualified_entries_have_no_position():
    result = scored(
        facts(
            event(),
            "car class group\n1 S2 A\n2 S2 A\n3 S2 A",
            """
            time          car
            09:01:00.000  1
            09:03:00.000  1
            09:01:00.000  2
            09:02:59.000  2
            09:01:00.000  3
            09:02:58.000  3
            """,
            "time session state\n09:00:00 TA1 green\n09:20:00 TA1 checkered",
            (decision(1, "event-exclusion", "3"), decision(2, "event-dq", "2")),
        )
    )
    rows = by_number(result)
    assert (rows["1"].position, rows["1"].class_position) == (1, 1)
    assert (rows["2"].status, rows["2"].position) == (Status.DISQUALIFIED, None)
    assert (rows["3"].status, rows["3"].position, rows["3"].award) == (Status.EXCLUDED, None, False)


def test_class_positions_and_awards_top_n_per_class():
    laps = "\n".join(
        f"09:01:00.000 {car}\n09:03:{seconds_:02d}.000 {car}"
        for car, seconds_ in [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), ("6", 0)]
    )
    result = scored(
        facts(
            event(awards=3),
            """
            car class group
            1   S2    A
            2   S2    A
            3   S2    A
            4   S2    A
            5   T4    A
            6   T4    A
            """,
            "time car\n" + laps,
            "time session state\n09:00:00 TA1 green\n09:20:00 TA1 checkered",
        )
    )
    got = [(r.number, r.position, r.class_position, r.award) for r in result.event.entries]
    assert got == [
        ("6", 1, 1, True),
        ("1", 2, 1, True),
        ("2", 3, 2, True),
        ("3", 4, 3, True),
        ("4", 5, 4, False),
        ("5", 6, 2, True),
    ]


def test_time_penalty_adds_to_the_total():
    result = scored(
        facts(
            event(),
            "car class group\n1 S2 A",
            "time car\n09:01:00 1\n09:03:00 1",
            "time session state\n09:00:00 TA1 green\n09:20:00 TA1 checkered",
            (decision(1, "time-penalty", "1", seconds=2.5),),
        )
    )
    (entry,) = result.event.entries
    assert seconds(entry.total_us) == 122.5
    assert seconds(entry.best_lap_us) == 120.0


def test_event_results_use_laps_after_penalties():
    result = scored(
        facts(
            event(),
            "car class group\n1 S2 A",
            "time car\n09:01:00 1\n09:03:00 1\n09:05:01 1",
            "time session state\n09:00:00 TA1 green\n09:20:00 TA1 checkered",
            (decision(1, "track-limits", "1", "TA1"),),
        )
    )
    (entry,) = result.event.entries
    assert (seconds(entry.total_us), entry.rounds[0].lap) == (121.0, 2)


def test_unranked_cars_come_in_car_number_order_seven_before_twelve_and_seven_a_after_seven():
    """Cars without a time are listed by number as numbers: 7, 7A, 12, 100 (not 100, 12, 7,
    7A as text sorts them), the same at every run."""
    result = scored(
        facts(
            event(),
            """
            car   class group
            100   S2    A
            12    S2    A
            7A    S2    A
            7     S2    A
            21    S2    A
            """,
            """
            time          car
            09:01:00.000  21
            09:03:00.000  21
            """,
            "time session state\n09:00:00 TA1 green\n09:20:00 TA1 checkered",
        )
    )
    session = [(r.number, r.position) for r in result.sessions["TA1"].entries]
    assert session == [("21", 1), ("7", None), ("7A", None), ("12", None), ("100", None)]
    assert [r.number for r in result.event.entries] == ["21", "7", "7A", "12", "100"]


def test_the_natural_key_reads_digits_as_numbers_and_breaks_every_tie():
    from trackside.core.results import natural_key
    from trackside.publish.formats import natural_key as publish_key

    assert publish_key is natural_key  # one key for the core, the renderers and the CLI
    numbers = ["12", "7a", "100", "7A", "7", "S10", "S2", "07"]
    assert sorted(numbers, key=natural_key) == ["07", "7", "7A", "7a", "12", "100", "S2", "S10"]
    assert sorted(reversed(numbers), key=natural_key) == sorted(numbers, key=natural_key)
