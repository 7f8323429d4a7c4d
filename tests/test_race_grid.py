"""endurance.md "Grid from qualifying", hand-checked: a race is gridded by best valid lap in the
event's qualifying sessions (practice does not count); a `contact` decision in practice or
qualifying sends both cars to the back in their qualifying order; cars with no qualifying time
follow by car number."""

from __future__ import annotations

from dataclasses import replace

from tests.scenario import decision, event, facts
from trackside.core.grid import session_grid
from trackside.core.records import Decision, DecisionKind
from trackside.rules import scored

ENTRIES = "car class group\n1 S2 A\n2 S2 A\n3 S2 A\n4 S4 A\n5 S4 A\n12 S4 A\n6 S4 A"

PASSINGS = """
time      car
08:01:00  5
08:02:20  5
09:01:00  1
09:02:40  1
09:01:05  2
09:02:40  2
09:01:10  3
09:02:47  3
09:01:15  4
09:02:54  4
09:31:00  1
09:32:34  1
09:31:10  3
09:32:47  3
"""
"""P1 (practice): 5 80 s. Q1: 1 100 s, 2 95 s, 3 97 s, 4 99 s. Q2: 1 94 s, 3 97 s again."""

FLAGS = """
time      session state
08:00:00  P1      green
09:00:00  Q1      green
09:30:00  Q2      green
11:00:00  R1      green
"""


def day(decisions=()):
    base = event("P1 unscored A\nQ1 unscored A\nQ2 unscored A\nR1 scored A")
    formats = ("practice", "qualifying", "qualifying", "race")
    sessions = tuple(replace(s, format=f) for s, f in zip(base.sessions, formats, strict=True))
    return facts(replace(base, sessions=sessions), ENTRIES, PASSINGS, FLAGS, tuple(decisions))


def grid(decisions=()):
    the_day = day(decisions)
    rows = session_grid(the_day, scored(the_day).sessions, "R1").rows
    return [(r.number, r.best and (r.best.time_us / 1e6, r.best.session_id)) for r in rows]


def test_grid_by_best_valid_lap_in_qualifying_practice_does_not_count():
    assert grid() == [("1", (94.0, "Q2")), ("2", (95.0, "Q1")), ("3", (97.0, "Q1")),
                      ("4", (99.0, "Q1")), ("5", None), ("6", None), ("12", None)]  # fmt: skip


def test_grid_contact_in_qualifying_sends_both_cars_to_the_back_in_their_qualifying_order():
    contact = Decision(1, DecisionKind.CONTACT, "4", "Q1", other_number="2", author="Steward")
    assert [n for n, _ in grid((contact,))] == ["1", "3", "2", "4", "5", "6", "12"]


def test_grid_contact_in_practice_counts_and_a_contact_car_with_no_time_stays_with_no_time():
    contact = Decision(1, DecisionKind.CONTACT, "1", "P1", other_number="12", author="Steward")
    assert [n for n, _ in grid((contact,))] == ["2", "3", "4", "1", "5", "6", "12"]


def test_grid_a_revoked_contact_or_one_outside_practice_and_qualifying_changes_nothing():
    revoked = (Decision(1, DecisionKind.CONTACT, "1", "Q1", other_number="2"),
               decision(2, "revoke", "1", "Q1", revokes=1))  # fmt: skip
    in_the_race = (Decision(1, DecisionKind.CONTACT, "1", "R1", other_number="2"),)
    assert grid(revoked) == grid() == grid(in_the_race)
