"""tracksprint.md, one scenario per rule: releases, trips, passings, flags and decisions as a
timing chief writes them down, and the runs they make."""

from __future__ import annotations

import pytest

from tests.run_scenario import decision, run_event, run_facts, runs_of, session_of, t
from tests.scenario import event as lap_event
from tests.scenario import passings as lap_passings
from trackside.core.records import EventDef, RoundDef
from trackside.rules import scored

CARS = "car class group\n1 S2 A\n2 S2 A\n3 S4 A"
GREEN = "time session state\n08:59:00 TS1 green"


# --- loops ---------------------------------------------------------------------------------


def test_loops_a_run_finishes_at_the_first_finish_read_before_the_next_start():
    facts = run_facts(run_event(timing="loops"), CARS, flagged=GREEN, passed="""
        time      car  loop
        09:00:00  1    START
        09:00:55  1    FINISH
        09:01:30  1    FINISH
        09:05:00  1    START
        09:05:58  1    FINISH
    """)
    assert runs_of(facts, "1") == [(1, 55.0, 0, True, None), (2, 58.0, 0, True, None)]


def test_loops_a_start_with_no_finish_before_the_next_start_is_a_dnf_run():
    facts = run_facts(run_event(timing="loops"), CARS, flagged=GREEN, passed="""
        time      car  loop
        09:00:00  1    START
        09:05:00  1    START
        09:05:58  1    FINISH
    """)
    assert runs_of(facts, "1") == [(1, None, 0, False, "dnf"), (2, 58.0, 0, True, None)]


def test_loops_a_read_within_duplicate_read_s_of_the_last_on_the_same_loop_is_ignored():
    facts = run_facts(run_event(timing="loops", duplicate_read_us=1_000_000), CARS,
                      flagged=GREEN, passed="""
        time          car  loop
        09:00:00      1    START
        09:00:00.600  1    START
        09:00:55      1    FINISH
        09:00:55.400  1    FINISH
    """)
    assert runs_of(facts, "1") == [(1, 55.0, 0, True, None)]


def test_loops_passings_before_the_sessions_green_make_no_run_of_it():
    facts = run_facts(run_event(timing="loops"), CARS, flagged=GREEN, passed="""
        time      car  loop
        08:50:00  1    START
        08:50:50  1    FINISH
    """)
    assert runs_of(facts, "1") == []


# --- lights ---------------------------------------------------------------------------------


def test_lights_rule1_releases_queue_cars_in_release_order():
    facts = run_facts(run_event(), CARS, flagged=GREEN, released="""
        time      car
        09:00:00  2
        09:00:01  1
    """, tripped="""
        time      channel
        09:00:05  start
        09:00:20  start
        09:01:00  finish
        09:01:10  finish
    """)
    assert runs_of(facts, "2") == [(1, 55.0, 0, True, None)]
    assert runs_of(facts, "1") == [(1, 50.0, 0, True, None)]


def test_lights_rule2_orphan_start_is_kept_never_a_run():
    facts = run_facts(run_event(), CARS, flagged=GREEN, released="""
        time      car
        09:00:10  1
    """, tripped="""
        time      channel
        09:00:05  start
        09:00:12  start
        09:01:00  finish
    """)
    result = session_of(facts)
    assert result.orphan_starts == (t("09:00:05"),)
    assert [n.kind for n in result.notes] == ["orphan-start"]
    assert runs_of(facts, "1") == [(1, 48.0, 0, True, None)]


def test_lights_rule2_a_start_takes_only_a_car_released_at_or_before_it():
    facts = run_facts(run_event(), CARS, flagged=GREEN, released="""
        time      car
        09:00:05  1
    """, tripped="""
        time      channel
        09:00:05  start
        09:01:00  finish
    """)
    assert runs_of(facts, "1") == [(1, 55.0, 0, True, None)]
    assert session_of(facts).orphan_starts == ()


def test_lights_rule3_first_on_course_first_to_finish_and_orphan_finish_kept():
    facts = run_facts(run_event(), CARS, flagged=GREEN, released="""
        time      car
        09:00:00  1
        09:00:10  2
    """, tripped="""
        time      channel
        09:00:01  start
        09:00:11  start
        09:00:50  finish
        09:00:58  finish
        09:02:00  finish
    """)
    assert runs_of(facts, "1") == [(1, 49.0, 0, True, None)]
    assert runs_of(facts, "2") == [(1, 47.0, 0, True, None)]
    assert session_of(facts).orphan_finishes == (t("09:02:00"),)


def test_lights_rule3_equal_times_start_before_finish():
    facts = run_facts(run_event(), CARS, flagged=GREEN, released="""
        time      car
        09:00:00  1
        09:00:30  2
    """, tripped="""
        time      channel
        09:00:01  start
        09:01:00  finish
        09:01:00  start
        09:02:00  finish
    """)
    # the start at 09:01:00 puts car 2 behind car 1, so the finish at 09:01:00 is car 1's
    assert runs_of(facts, "1") == [(1, 59.0, 0, True, None)]
    assert runs_of(facts, "2") == [(1, 60.0, 0, True, None)]
    assert session_of(facts).orphan_finishes == ()


def test_lights_rule4_run_dnf_takes_the_car_off_the_course_queue():
    facts = run_facts(run_event(), CARS, flagged=GREEN, released="""
        time      car
        09:00:00  1
        09:00:10  2
    """, tripped="""
        time      channel
        09:00:01  start
        09:00:11  start
        09:00:58  finish
    """, decisions=[decision(1, "run-dnf", "1", "TS1", at="09:00:30")])
    assert runs_of(facts, "1") == [(1, None, 0, False, "dnf")]
    assert runs_of(facts, "2") == [(1, 47.0, 0, True, None)]


def test_lights_rule5_hillclimb_second_car_on_course_is_reported_and_still_timed():
    facts = run_facts(run_event(fmt="hillclimb"), CARS, flagged=GREEN, released="""
        time      car
        09:00:00  1
        09:00:10  2
    """, tripped="""
        time      channel
        09:00:01  start
        09:00:11  start
        09:00:50  finish
        09:00:58  finish
    """)
    notes = session_of(facts).notes
    assert [(n.kind, n.time_us) for n in notes] == [("second-car-on-course", t("09:00:11"))]
    assert "car 2 started at 09:00:11.000 while car 1 was on course" in notes[0].text
    assert runs_of(facts, "2") == [(1, 47.0, 0, True, None)]


def test_lights_rule5_tracksprint_several_cars_on_course_is_normal():
    facts = run_facts(run_event(), CARS, flagged=GREEN, released="""
        time      car
        09:00:00  1
        09:00:10  2
    """, tripped="""
        time      channel
        09:00:01  start
        09:00:11  start
    """)
    assert session_of(facts).notes == ()


def test_lights_a_trip_within_duplicate_read_s_on_the_same_channel_is_ignored_and_reported():
    facts = run_facts(run_event(duplicate_read_us=1_000_000), CARS, flagged=GREEN, released="""
        time      car
        09:00:00  1
    """, tripped="""
        time          channel
        09:00:01      start
        09:00:01.500  start
        09:00:50      finish
        09:00:50.200  finish
    """)
    assert runs_of(facts, "1") == [(1, 49.0, 0, True, None)]
    assert [n.kind for n in session_of(facts).notes] == ["duplicate", "duplicate"]
    assert session_of(facts).orphan_starts == ()


def test_lights_a_session_with_no_trips_yet_has_no_runs():
    facts = run_facts(run_event(), CARS, flagged=GREEN, released="time car\n09:00:00 1")
    assert runs_of(facts, "1") == []
    assert {e.status for e in session_of(facts).entries} == {"no-time"}


# --- numbering and run time -----------------------------------------------------------------

TWO_RUNS = dict(released="""
    time      car
    09:00:00  1
    09:05:00  1
    09:10:00  1
""", tripped="""
    time      channel
    09:00:01  start
    09:00:51  finish
    09:05:01  start
    09:05:49  finish
    09:10:01  start
    09:10:52  finish
""")


def test_runs_are_numbered_from_1_in_start_order_and_time_is_finish_minus_start_plus_cones():
    facts = run_facts(run_event(cone_penalty_us=2_000_000), CARS, flagged=GREEN,
                      decisions=[decision(1, "cones", "1", "TS1", run=2, count=1),
                                 decision(2, "cones", "1", "TS1", run=2, count=2)], **TWO_RUNS)
    assert runs_of(facts, "1") == [(1, 50.0, 0, True, None), (2, 48.0, 3, True, None),
                                   (3, 51.0, 0, True, None)]
    entry = session_of(facts).entries[0]
    assert entry.runs[1].time_us == 54_000_000
    assert (entry.best_run.run, entry.best_run.time_us) == (1, 50_000_000)


# --- flags ----------------------------------------------------------------------------------


def test_flags_after_red_a_run_must_have_finished_before_the_flag():
    facts = run_facts(run_event(), CARS, flagged="""
        time      session  state
        08:59:00  TS1      green
        09:05:30  TS1      red
        09:09:00  TS1      green
    """, **TWO_RUNS)
    assert runs_of(facts, "1") == [(1, 50.0, 0, True, None), (2, 48.0, 0, False, "after red flag"),
                                   (3, 51.0, 0, True, None)]


def test_flags_after_checkered_a_run_that_started_before_the_flag_counts():
    facts = run_facts(run_event(), CARS, flagged="""
        time      session  state
        08:59:00  TS1      green
        09:05:30  TS1      checkered
    """, **TWO_RUNS)
    assert runs_of(facts, "1") == [(1, 50.0, 0, True, None), (2, 48.0, 0, True, None),
                                   (3, 51.0, 0, False, "no green")]


def test_flags_a_run_started_with_no_green_period_open_does_not_count():
    facts = run_facts(run_event(), CARS, flagged="""
        time      session  state
        09:05:00  TS1      green
    """, **TWO_RUNS)
    assert runs_of(facts, "1")[0] == (1, 50.0, 0, False, "no green")
    assert runs_of(run_facts(run_event(), CARS, **TWO_RUNS), "1")[0][4] == "no green"


# --- decisions ------------------------------------------------------------------------------


def _decided(*decisions, **settings):
    return run_facts(run_event(**settings), CARS, flagged=GREEN, decisions=decisions, **TWO_RUNS)


def test_decision1_delete_run_n_does_not_count():
    assert runs_of(_decided(decision(1, "delete-run", "1", "TS1", run=2)), "1")[1] == (
        2, 48.0, 0, False, "deleted by officials")


def test_decision2_cones_add_up_on_run_n():
    facts = _decided(decision(1, "cones", "1", "TS1", run=1, count=1),
                     decision(2, "cones", "1", "TS1", run=1, count=1))
    assert runs_of(facts, "1")[0] == (1, 50.0, 2, True, None)
    assert session_of(facts).entries[0].runs[0].time_us == 54_000_000


@pytest.mark.parametrize(("kind", "reason"), [("missed-gate", "dnf: missed gate"),
                                              ("off-course", "dnf: off course")])
def test_decision3_missed_gate_or_off_course_makes_run_n_dnf(kind, reason):
    assert runs_of(_decided(decision(1, kind, "1", "TS1", run=2)), "1")[1] == (
        2, 48.0, 0, False, reason)


def test_decision4_track_limits_disqualifies_run_n():
    assert runs_of(_decided(decision(1, "track-limits", "1", "TS1", run=3)), "1")[2] == (
        3, 51.0, 0, False, "disqualified: track limits")


@pytest.mark.parametrize("kind", ["session-interruption", "flag-violation", "not-slowing",
                                  "lose-fastest-run"])
def test_decision5_each_removes_the_fastest_remaining_counting_run(kind):
    facts = _decided(decision(1, kind, "1", "TS1"), decision(2, kind, "1", "TS1"))
    assert [r[3:] for r in runs_of(facts, "1")] == [
        (False, "run lost to penalty"), (False, "run lost to penalty"), (True, None)]


def test_decision5_equal_times_lose_the_earlier_run():
    facts = _decided(decision(1, "cones", "1", "TS1", run=2, count=1),
                     decision(2, "lose-fastest-run", "1", "TS1"))
    # run 1: 50.000; run 2: 48 + 2 = 50.000: the earlier (run 1) goes
    assert [r[3] for r in runs_of(facts, "1")] == [False, True, True]


def test_decision6_session_dq_exclusion_at_and_event_exclusion():
    dq = _decided(decision(1, "session-dq", "1", "TS1"))
    assert {r[4] for r in runs_of(dq, "1")} == {"session disqualification"}
    assert next(e for e in session_of(dq).entries if e.number == "1").status == "disqualified"
    excluded = _decided(decision(1, "exclude-from-session", "1", "TS1", at="09:05:00"))
    assert [r[3] for r in runs_of(excluded, "1")] == [True, False, False]
    event_out = _decided(decision(1, "event-exclusion", "1"))
    assert next(e for e in session_of(event_out).entries if e.number == "1").status == "excluded"


def test_decisions_apply_in_the_specs_order_delete_before_fastest_removal():
    facts = _decided(decision(1, "lose-fastest-run", "1", "TS1"),
                     decision(2, "delete-run", "1", "TS1", run=2))
    assert [r[4] for r in runs_of(facts, "1")] == ["run lost to penalty",
                                                   "deleted by officials", None]


# --- re-runs and the run limit -------------------------------------------------------------


def test_rerun_granted_run_does_not_count_nor_toward_max_runs():
    facts = _decided(decision(1, "rerun", "1", "TS1", run=1, reason="red-flag"), max_runs=2)
    assert runs_of(facts, "1") == [(1, 50.0, 0, False, "re-run granted"),
                                   (2, 48.0, 0, True, None), (3, 51.0, 0, True, None)]


def test_rerun_revoked_restores_the_run_and_the_limit():
    facts = _decided(decision(1, "rerun", "1", "TS1", run=1, reason="red-flag"),
                     decision(2, "revoke", "1", "TS1", revokes=1), max_runs=2)
    assert runs_of(facts, "1") == [(1, 50.0, 0, True, None), (2, 48.0, 0, True, None),
                                   (3, 51.0, 0, False, "over the run limit")]


def test_run_limit_later_runs_are_over_the_run_limit():
    facts = _decided(max_runs=1)
    assert [r[4] for r in runs_of(facts, "1")] == [None, "over the run limit",
                                                   "over the run limit"]


# --- session results -----------------------------------------------------------------------


def test_session_ranking_best_then_second_best_then_who_finished_first():
    facts = run_facts(run_event(), CARS, flagged=GREEN, released="""
        time      car
        09:00:00  1
        09:00:10  2
        09:00:20  3
        09:05:00  2
    """, tripped="""
        time      channel
        09:00:01  start
        09:00:11  start
        09:00:21  start
        09:00:51  finish
        09:01:01  finish
        09:01:11  finish
        09:05:01  start
        09:06:00  finish
    """)
    # every car's best is 50 s; car 2 has a second counting run; car 1 finished before car 3
    result = session_of(facts)
    assert [(e.number, e.position) for e in result.entries] == [("2", 1), ("1", 2), ("3", 3)]


# --- event results --------------------------------------------------------------------------


def test_event_results_sum_a_time_attack_round_and_a_tracksprint_round():
    ta = lap_event("TA1 scored A")
    ts = run_event()
    both = EventDef("mix", "Mix", ta.date, track=ta.track,
                    sessions=(ta.sessions[0], ts.sessions[0]),
                    rounds=(RoundDef("TA1", ("TA1",)), RoundDef("TS1", ("TS1",))))
    facts = run_facts(both, CARS, flagged=GREEN + "\n08:00:00 TA1 green\n08:30:00 TA1 checkered",
                      **TWO_RUNS)
    facts = facts.__class__(facts.event, facts.entries, lap_passings(
        "time car\n08:01:00 1\n08:03:00 1\n08:05:10 1"), facts.flags, (), facts.trips,
        facts.releases)  # fmt: skip
    car = next(e for e in scored(facts).event.entries if e.number == "1")
    assert [(r.round, r.time_us) for r in car.rounds] == [("TA1", 120_000_000),
                                                          ("TS1", 48_000_000)]
    assert car.total_us == 168_000_000
