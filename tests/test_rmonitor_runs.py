"""The RMonitor output of a run session (issue 11, item 3: "the RMonitor output carries runs
as laps"): a car's finished runs are its laps, each `$J` carries the run's own time (cones
included) at its finish, `$G` counts finished runs, `$H` is the best counting run; a run with
no finish is no crossing. Pure: boards of scored facts, as the RMonitor server sends them."""

from __future__ import annotations

from tests.run_scenario import decision, run_event, run_facts, t
from trackside.live.rmonitor_board import board_of
from trackside.live.rmonitor_lines import changed_lines, full_lines
from trackside.rules import scored

CARS = """
car class group
7   S2    A
12  S2    A
"""
RELEASED = """
time      car
10:00:50  7
10:01:20  12
10:03:00  7
"""
TRIPPED = """
time          channel
10:01:00      start
10:01:30      start
10:02:05.250  finish
10:02:31.500  finish
10:03:10      start
"""
FLAGGED = """
time      session  state
10:00:00  TS1      green
"""


def facts(tripped: str = TRIPPED, decisions=()):
    return run_facts(run_event(), CARS, released=RELEASED, tripped=tripped, flagged=FLAGGED,
                     decisions=decisions)


def lines_of(kind: str, lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith(kind + ",")]


def test_finished_runs_are_laps_with_their_own_times():
    board = board_of(facts(), scored(facts()))
    lines = full_lines(board, t("10:03:20"))
    # 12 ran 1:01.500, 7 ran 1:05.250 and is on course again (no finish: no crossing yet)
    assert lines_of("$G", lines) == ['$G,1,"12",1,"00:02:31.500"', '$G,2,"7",1,"00:02:05.250"']
    assert lines_of("$H", lines) == ['$H,1,"12",1,"00:01:01.500"', '$H,2,"7",1,"00:01:05.250"']


def test_a_finish_sends_the_runs_time_not_the_time_since_the_last_finish():
    before = facts()
    after = facts(TRIPPED + "10:04:08.000  finish\n",
                  decisions=(decision(1, "cones", "7", "TS1", run=2, count=1),))
    lines = changed_lines(board_of(before, scored(before)), board_of(after, scored(after)),
                          t("10:04:10"))
    # car 7's second run: 10:03:10 to 10:04:08 is 58.000, + 1 cone x 2 s = 1:00.000
    assert lines_of("$J", lines) == ['$J,"7","00:01:00.000","00:04:08.000"']
    assert '$G,1,"7",2,"00:04:08.000"' in lines
    assert '$H,1,"7",2,"00:01:00.000"' in lines


def test_a_run_that_does_not_count_is_a_lap_but_not_the_best():
    off = facts(TRIPPED + "10:04:00.000  finish\n",
                decisions=(decision(1, "off-course", "7", "TS1", run=2),))
    lines = full_lines(board_of(off, scored(off)), t("10:04:10"))
    assert '$G,2,"7",2,"00:04:00.000"' in lines  # two runs finished
    assert '$H,2,"7",1,"00:01:05.250"' in lines  # its best is still run 1
