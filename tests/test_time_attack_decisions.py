"""time-attack.md "Decisions on a session": officials' penalties, hand-checked.

Rulebook: SCCA TT Rules VI.1.1.2.C (track limits / loss of control: fastest lap of that session
disqualified), VI.1.1.3 (session interruption: exclusion from resuming), VI.1.1.4 (sportsmanship:
session disqualification), VI.1.1.6.A (flag violation: lose fastest lap); RMD 1.2-1.7.
"""

import pytest

from tests.scenario import decision, event, facts
from trackside.rules import scored

ONE_CAR = """
car class group
21  S2    A
"""

# Laps: 1 = 121.0, 2 = 119.5, 3 = 120.0, 4 = 119.5, 5 = 122.0
FIVE_LAPS = """
time          car
09:01:00.000  21
09:03:01.000  21
09:05:00.500  21
09:07:00.500  21
09:09:00.000  21
09:11:02.000  21
"""

FLAGS = """
time      session state
09:00:00  TA1     green
09:20:00  TA1     checkered
"""


def session_laps(*decisions):
    result = scored(facts(event(), ONE_CAR, FIVE_LAPS, FLAGS, tuple(decisions)))
    (row,) = result.sessions["TA1"].entries
    return row, [(lap.lap, lap.valid, lap.reason) for lap in row.laps]


def test_no_decision_best_lap_is_the_earlier_of_two_equal_laps():
    row, _ = session_laps()
    assert row.best_lap.lap == 2
    assert row.best_lap.time_us == 119_500_000


def test_delete_lap_makes_that_lap_invalid():
    row, laps = session_laps(decision(1, "delete-lap", "21", "TA1", lap=3))
    assert laps[2] == (3, False, "deleted by officials")
    assert row.best_lap.lap == 2


@pytest.mark.parametrize(
    "kind", ["track-limits", "loss-of-control", "flag-violation", "lose-fastest-lap"]
)
def test_one_offense_removes_the_fastest_lap_equal_times_earlier_first(kind):
    row, laps = session_laps(decision(1, kind, "21", "TA1"))
    assert laps[1] == (2, False, "lap lost to penalty")
    assert row.best_lap.lap == 4


def test_two_track_limits_offenses_remove_the_two_fastest_laps():
    row, laps = session_laps(
        decision(1, "track-limits", "21", "TA1"), decision(2, "track-limits", "21", "TA1")
    )
    assert [lap for lap in laps if not lap[1]] == [
        (2, False, "lap lost to penalty"),
        (4, False, "lap lost to penalty"),
    ]
    assert row.best_lap.lap == 3
    assert row.best_lap.time_us == 120_000_000


def test_delete_lap_applies_before_fastest_lap_removal():
    # Lap 2 deleted first; the track-limits offense then takes lap 4, the fastest remaining.
    row, laps = session_laps(
        decision(1, "track-limits", "21", "TA1"), decision(2, "delete-lap", "21", "TA1", lap=2)
    )
    assert laps[1] == (2, False, "deleted by officials")
    assert laps[3] == (4, False, "lap lost to penalty")
    assert row.best_lap.lap == 3


def test_session_dq_invalidates_every_lap():
    row, laps = session_laps(decision(1, "session-dq", "21", "TA1"))
    assert all(not valid for _, valid, _ in laps)
    assert {reason for _, _, reason in laps} == {"session disqualification"}
    assert row.status == "disqualified"
    assert row.position is None


def test_sportsmanship_is_a_session_disqualification():
    row, _ = session_laps(decision(1, "sportsmanship", "21", "TA1"))
    assert row.status == "disqualified"


def test_exclude_from_session_invalidates_laps_starting_at_or_after_the_time():
    row, laps = session_laps(decision(1, "exclude-from-session", "21", "TA1", at="09:05:00.500"))
    assert [valid for _, valid, _ in laps] == [True, True, False, False, False]
    assert laps[2][2] == "excluded from session"
    assert row.best_lap.lap == 2


def test_a_revoked_decision_has_no_effect():
    row, laps = session_laps(
        decision(1, "track-limits", "21", "TA1"), decision(2, "revoke", revokes=1)
    )
    assert all(valid for _, valid, _ in laps)
    assert row.best_lap.lap == 2


def test_revoking_the_revoke_restores_the_penalty():
    _, laps = session_laps(
        decision(1, "track-limits", "21", "TA1"),
        decision(2, "revoke", revokes=1),
        decision(3, "revoke", revokes=2),
    )
    assert laps[1] == (2, False, "lap lost to penalty")


def test_a_warning_changes_no_lap():
    _, laps = session_laps(decision(1, "warning", "21", "TA1"))
    assert all(valid for _, valid, _ in laps)


def test_penalty_for_another_session_does_not_touch_this_one():
    _, laps = session_laps(decision(1, "track-limits", "21", "TA2"))
    assert all(valid for _, valid, _ in laps)


def test_more_removals_than_valid_laps_leaves_no_time():
    row, _ = session_laps(*(decision(i, "track-limits", "21", "TA1") for i in range(1, 7)))
    assert row.best_lap is None
    assert row.status == "no-time"
