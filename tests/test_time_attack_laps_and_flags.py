"""time-attack.md "From passings to laps" rules 1-6, as hand-checked scenarios.

Rulebook: SCCA TT Rules VI.1.1.5 (session end: checkered lap counts, cool-down does not;
no lap scored once a black flag all or red flag is shown), RMD Competition Rules 1.6.
"""

from tests.scenario import event, facts
from trackside.rules import scored

ONE_CAR = """
car class group
21  S2    A
"""

GREEN_TO_CHECKERED = """
time      session state
09:00:00  TA1     green
09:20:00  TA1     checkered
"""


def laps_of(scored, car="21", session="TA1"):
    row = next(r for r in scored.sessions[session].entries if r.number == car)
    return [(lap.lap, lap.time_us / 1e6, lap.valid, lap.reason) for lap in row.laps]


def test_rule1_only_the_start_finish_loop_makes_laps():
    result = scored(
        facts(
            event(),
            ONE_CAR,
            """
            time          car loop
            09:01:00.000  21  SF
            09:02:30.000  21  PIT
            09:03:00.000  21  SF
            09:05:00.500  21  SF
            """,
            GREEN_TO_CHECKERED,
        )
    )
    assert laps_of(result) == [(1, 120.0, True, None), (2, 120.5, True, None)]


def test_rule1_unknown_transponders_are_kept_and_reported_not_scored():
    result = scored(
        facts(
            event(),
            ONE_CAR,
            """
            time          car
            09:01:00.000  21
            09:03:00.000  21
            09:01:10.000  ?9999999
            09:03:15.000  ?9999999
            """,
            GREEN_TO_CHECKERED,
        )
    )
    session = result.sessions["TA1"]
    assert [r.number for r in session.entries] == ["21"]
    (unknown,) = session.unknown
    assert unknown.transponder == "9999999"
    assert unknown.passings == 2
    assert [lap.time_us for lap in unknown.laps] == [125_000_000]


def test_rule2_duplicate_read_inside_min_lap_s_is_ignored_and_next_lap_timed_from_accepted():
    result = scored(
        facts(
            event(min_lap_s=20),
            ONE_CAR,
            """
            time          car
            09:01:00.000  21
            09:01:00.800  21
            09:03:00.000  21
            09:03:19.999  21
            09:05:01.234  21
            """,
            GREEN_TO_CHECKERED,
        )
    )
    assert laps_of(result) == [(1, 120.0, True, None), (2, 121.234, True, None)]


def test_rule2_a_crossing_exactly_min_lap_s_later_is_a_lap():
    result = scored(
        facts(
            event(min_lap_s=20),
            ONE_CAR,
            """
            time          car
            09:01:00.000  21
            09:01:20.000  21
            """,
            GREEN_TO_CHECKERED,
        )
    )
    assert laps_of(result) == [(1, 20.0, True, None)]


def test_rule4_laps_before_the_first_green_belong_to_no_session():
    result = scored(
        facts(
            event(),
            ONE_CAR,
            """
            time          car
            08:57:00.000  21
            08:59:30.000  21
            09:01:30.000  21
            09:03:31.000  21
            """,
            GREEN_TO_CHECKERED,
        )
    )
    # 08:57:00 -> 08:59:30 starts before green; 08:59:30 -> 09:01:30 too (a < g).
    assert laps_of(result) == [(1, 121.0, True, None)]


def test_rule4_a_car_that_left_early_carries_no_lap_into_the_next_session():
    result = scored(
        facts(
            event("TA1 scored A\nTA2 scored A"),
            ONE_CAR,
            """
            time          car
            09:01:00.000  21
            09:03:00.000  21
            10:00:30.000  21
            10:02:30.000  21
            """,
            """
            time      session state
            09:00:00  TA1     green
            09:20:00  TA1     checkered
            10:00:00  TA2     green
            10:20:00  TA2     checkered
            """,
        )
    )
    assert laps_of(result, session="TA1") == [(1, 120.0, True, None)]
    assert laps_of(result, session="TA2") == [(1, 120.0, True, None)]


def test_rule4_lap_numbers_count_every_lap_of_the_session_valid_or_not():
    result = scored(
        facts(
            event(),
            ONE_CAR,
            """
            time          car
            09:17:00.000  21
            09:19:00.000  21
            09:21:00.000  21
            09:23:00.000  21
            """,
            GREEN_TO_CHECKERED,
        )
    )
    # Laps starting at or after the checkered do not belong to the session at all (rule 4).
    assert laps_of(result) == [(1, 120.0, True, None), (2, 120.0, True, None)]


def test_rule6_checkered_lap_counts_and_cool_down_laps_do_not():
    result = scored(
        facts(
            event(),
            ONE_CAR,
            """
            time          car
            09:16:00.000  21
            09:18:00.000  21
            09:20:05.000  21
            09:23:00.000  21
            """,
            """
            time      session state
            09:00:00  TA1     green
            09:20:00  TA1     checkered
            09:20:30  TA1     checkered
            """,
        )
    )
    # Lap 2 (09:18:00 -> 09:20:05) takes the checkered: it counts. Lap 3 starts at 09:20:05,
    # after the first checkered and before the reminder checkered: a cool-down lap.
    assert laps_of(result) == [
        (1, 120.0, True, None),
        (2, 125.0, True, None),
        (3, 175.0, False, "after checkered"),
    ]


def test_rule6_red_flag_cut_off_then_restart():
    result = scored(
        facts(
            event(),
            ONE_CAR,
            """
            time          car
            09:01:00.000  21
            09:03:00.000  21
            09:05:00.000  21
            09:08:00.000  21
            09:11:00.000  21
            09:13:00.000  21
            """,
            """
            time      session state
            09:00:00  TA1     green
            09:04:00  TA1     red
            09:09:00  TA1     green
            09:20:00  TA1     checkered
            """,
        )
    )
    # Lap 2 (09:03 -> 09:05) was on track when the red came out at 09:04: not scored.
    # Lap 3 (09:05 -> 09:08) is under red; lap 4 (09:08 -> 09:11) started before the restart.
    assert laps_of(result) == [
        (1, 120.0, True, None),
        (2, 120.0, False, "after red flag"),
        (3, 180.0, False, "after red flag"),
        (4, 180.0, False, "after red flag"),
        (5, 120.0, True, None),
    ]


def test_rule6_lap_completed_exactly_at_the_red_flag_counts():
    result = scored(
        facts(
            event(),
            ONE_CAR,
            """
            time          car
            09:02:00.000  21
            09:04:00.000  21
            """,
            """
            time      session state
            09:00:00  TA1     green
            09:04:00  TA1     red
            """,
        )
    )
    assert laps_of(result) == [(1, 120.0, True, None)]


def test_rule6_nothing_scored_after_black_flag_all_that_ends_the_session():
    result = scored(
        facts(
            event(),
            ONE_CAR,
            """
            time          car
            09:10:00.000  21
            09:12:00.000  21
            09:14:00.000  21
            09:16:30.000  21
            """,
            """
            time      session state
            09:00:00  TA1     green
            09:13:00  TA1     black-all
            """,
        )
    )
    assert laps_of(result) == [
        (1, 120.0, True, None),
        (2, 120.0, False, "after black flag all"),
    ]


def test_rule5_yellow_and_a_second_green_change_nothing():
    result = scored(
        facts(
            event(),
            ONE_CAR,
            """
            time          car
            09:01:00.000  21
            09:03:00.000  21
            09:05:00.000  21
            """,
            """
            time      session state
            09:00:00  TA1     green
            09:02:00  TA1     yellow
            09:02:30  TA1     green
            09:20:00  TA1     checkered
            """,
        )
    )
    assert laps_of(result) == [(1, 120.0, True, None), (2, 120.0, True, None)]


def test_rule6_an_open_session_scores_every_lap_after_green():
    result = scored(
        facts(
            event(),
            ONE_CAR,
            """
            time          car
            09:01:00.000  21
            09:03:00.000  21
            """,
            """
            time      session state
            09:00:00  TA1     green
            """,
        )
    )
    assert laps_of(result) == [(1, 120.0, True, None)]
