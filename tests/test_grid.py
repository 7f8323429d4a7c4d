"""tracksprint.md "Grid", hand-checked: a session's groups' entries in order of their best
times from the event's previous sessions, scored and unscored (RMD Event Procedures 2.2 and SCCA
TT VI.2.2.2, "Groups and Grid": "positioned on grid in order of their best times from previous
scored and unscored sessions"; the spec cites SCCA App. C); entries with no time follow in
car-number order."""

from dataclasses import replace

from tests.scenario import decision, event, facts, t
from trackside.core.grid import GridTime, previous_sessions, session_grid
from trackside.core.periods import session_windows
from trackside.core.records import EventFacts
from trackside.rules import scored

SESSIONS = """
P1   unscored A,B
TA1  scored   A
TA1B scored   B
TA2  scored   A
TA3  scored   A
"""

ENTRIES = """
car class group
12  S2    A
7   S2    A
3   S2    A
21  S4    A
44  S4    A
5   S1    B
"""

PASSINGS = """
time          car
08:01:00.000  21
08:03:00.000  21
08:05:05.000  21
08:01:10.000  3
08:03:15.000  3
08:01:20.000  5
08:03:00.000  5
09:00:45.000  44
09:02:45.500  44
09:01:00.000  21
09:03:01.000  21
09:01:10.000  3
09:03:10.500  3
09:05:12.500  3
09:01:30.000  5
09:03:00.000  5
09:31:00.000  5
09:32:50.000  5
10:01:00.000  12
10:02:50.000  12
11:01:00.000  7
11:02:50.000  7
"""
"""P1 (practice, both groups): 21 120.000, 3 125.000, 5 100.000 (group B).
TA1 (group A): 44 120.500 set 09:02:45.5; 21 121.000; 3 120.500 set 09:03:10.5, then 122.000;
5 (group B, out of its group) 90.000. TA1B: 5 110.000. TA2: 12 110.000. TA3: 7 110.000."""

FLAGS = """
time      session state
08:00:00  P1      green
08:20:00  P1      checkered
09:00:00  TA1     green
09:20:00  TA1     checkered
09:30:00  TA1B    green
09:50:00  TA1B    checkered
10:00:00  TA2     green
10:20:00  TA2     checkered
11:00:00  TA3     green
11:20:00  TA3     checkered
"""


def _facts(flags: str = FLAGS, decisions=()) -> EventFacts:
    return facts(event(SESSIONS), ENTRIES, PASSINGS, flags, decisions)


def _grid(day: EventFacts, session: str):
    return session_grid(day, scored(day).sessions, session)


def _order(grid) -> list[tuple]:
    return [(r.position, r.number, None if r.best is None else
             (r.best.time_us / 1e6, r.best.session_id, r.best.lap)) for r in grid.rows]  # fmt: skip


def test_ta2_grid_from_ta1_and_practice_times():
    """RMD 2.2 / SCCA VI.2.2.2: best times of previous scored (TA1) and unscored (P1) sessions;
    21's best is its practice lap. TA2's own laps and TA3's (after it) do not count: 12 and 7
    have no time and follow, 7 before 12."""
    grid = _grid(_facts(), "TA2")
    assert grid.started and grid.previous == ("P1", "TA1", "TA1B")
    assert _order(grid) == [
        (1, "21", (120.0, "P1", 1)),
        (2, "44", (120.5, "TA1", 1)),
        (3, "3", (120.5, "TA1", 1)),
        (4, "7", None),
        (5, "12", None),
    ]


def test_equal_times_go_to_whoever_set_theirs_first():
    """44 and 3 both 120.500 in TA1: 44 set it at 09:02:45.5, 3 at 09:03:10.5."""
    grid = _grid(_facts(), "TA2")
    tied = {r.number: r.best for r in grid.rows if r.number in ("3", "44")}
    assert tied["44"] == GridTime(120_500_000, t("09:02:45.500"), "TA1", 1)
    assert tied["3"].set_us == t("09:03:10.500") > tied["44"].set_us
    assert [r.number for r in grid.rows][1:3] == ["44", "3"]


def test_a_car_of_another_group_is_never_on_the_grid():
    """5 is group B: fastest of the day (100.000 in P1, 90.000 driving in TA1 out of its
    group, RMD 2.1.3), yet not on group A's TA2 grid; B's grid is 5 alone."""
    day = _facts()
    assert "5" not in [r.number for r in _grid(day, "TA2").rows]
    assert [r.number for r in scored(day).sessions["TA1"].entries].count("5") == 1
    b_grid = session_grid(replace(day, event=replace(day.event, sessions=(
        *day.event.sessions[:-1], replace(day.event.sessions[-1], groups=("B",))))),
        scored(day).sessions, "TA3")  # fmt: skip
    assert [(r.number, r.best.time_us / 1e6, r.best.session_id) for r in b_grid.rows] == [
        ("5", 90.0, "TA1")]


def test_an_unstarted_session_takes_every_session_gone_green():
    """TA3 not green yet: every session that has gone green counts, TA2 included (12's 110.000);
    7's TA3 lap was timed outside any green and seeds nothing."""
    day = _facts(FLAGS.replace("11:00:00  TA3     green\n", "").replace(
        "11:20:00  TA3     checkered\n", ""))
    grid = _grid(day, "TA3")
    assert not grid.started and grid.previous == ("P1", "TA1", "TA1B", "TA2")
    assert _order(grid) == [
        (1, "12", (110.0, "TA2", 1)),
        (2, "21", (120.0, "P1", 1)),
        (3, "44", (120.5, "TA1", 1)),
        (4, "3", (120.5, "TA1", 1)),
        (5, "7", None),
    ]


def test_before_any_green_the_grid_is_in_car_number_order():
    grid = _grid(_facts(flags="time session state\n"), "TA1")
    assert not grid.started and grid.previous == ()
    assert [r.number for r in grid.rows] == ["3", "7", "12", "21", "44"]
    assert all(r.best is None for r in grid.rows)


def test_the_first_session_has_no_previous_session():
    grid = _grid(_facts(), "P1")
    assert grid.previous == ()
    assert [r.number for r in grid.rows] == ["3", "5", "7", "12", "21", "44"]


def test_a_session_green_with_the_target_is_not_previous():
    day = _facts(FLAGS.replace("09:30:00  TA1B    green", "09:00:00  TA1B    green"))
    assert previous_sessions(session_windows(day.flags), "TA1") == ("P1",)
    assert previous_sessions(session_windows(day.flags), "TA2") == ("P1", "TA1", "TA1B")


def test_a_deleted_lap_does_not_seed_the_grid_and_an_excluded_car_is_left_off():
    """21's practice lap deleted: its TA1 121.000 places it; 44 excluded from the event."""
    day = _facts(decisions=(decision(1, "delete-lap", "21", "P1", lap=1),
                            decision(2, "event-exclusion", "44")))  # fmt: skip
    assert _order(_grid(day, "TA2")) == [
        (1, "3", (120.5, "TA1", 1)),
        (2, "21", (121.0, "TA1", 1)),
        (3, "7", None),
        (4, "12", None),
    ]


def test_a_format_supplies_its_own_order():
    """A race format (endurance.md, "Grid from qualifying") plugs in its order by format."""
    def numbers_descending(given):
        return [(e, None) for e in sorted(given.entries, key=lambda e: -int(e.number))]

    day = _facts()
    grid = session_grid(day, scored(day).sessions, "TA2",
                        orders={"time-attack": numbers_descending})  # fmt: skip
    assert [r.number for r in grid.rows] == ["44", "21", "12", "7", "3"]


def test_a_tracksprint_sessions_best_runs_seed_the_grid_too():
    """tracksprint.md "Grid": by best time, lap or run; a run with no finish seeds nothing."""
    from trackside.core.formats import BestTime
    from trackside.core.grid import session_best_times
    from trackside.core.results import Status
    from trackside.core.run_results import RunEntryResult, RunSessionResult, ScoredRun

    fast = ScoredRun(2, 1_000_000, 61_000_000, cones=1, penalty_us=2_000_000)
    dnf = ScoredRun(1, 2_000_000, None, valid=False, reason="dnf")
    rows = (RunEntryResult("7", "A", "S2", "All", Status.OK, 1, fast, (fast,)),
            RunEntryResult("12", "B", "S2", "All", Status.NO_TIME, None, None, (dnf,)))
    result = RunSessionResult("ev", "TS1", "TS1", True, "tracksprint", "lights", rows)
    best = session_best_times({"TS1": result})
    assert best == {"7": {"TS1": BestTime(62_000_000, 61_000_000, 2)}}
