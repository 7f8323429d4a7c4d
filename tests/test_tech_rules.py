"""Tech inspection and reclassification, hand-checked (docs/tech.md).

Rulebook: SCCA TT Rules 5 ("Vehicle and driver gear safety inspection": a vehicle shall not go
on track until inspected; 5.4 annual inspections and logbooks) and SCCA TT Rules Compliance,
"Non-Compliance" 3 (a car found non-compliant may be reclassified): the finding moves the car
to the new class for the whole event; revoking it restores the class.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.scenario import decision, event, facts
from trackside.core.reclassification import classes_in_force, entries_in_force
from trackside.core.records import Decision, DecisionKind, GroupDef
from trackside.core.satisfactory import satisfactory_marks
from trackside.core.scoring import Scored
from trackside.core.tech import TechRecord, TechState, not_passed, tech_of
from trackside.live.results_model import LiveResults
from trackside.publish.participant_report import participant_rows
from trackside.rules import scored

CARS = """
car class group
21  S2    A
22  S2    A
33  S4    A
"""

# best laps: 21 = 2:00.000, 22 = 2:01.000, 33 = 2:02.000
LAPS = """
time          car
09:01:00.000  21
09:01:10.000  22
09:01:20.000  33
09:03:00.000  21
09:03:11.000  22
09:03:22.000  33
"""

FLAGS = """
time      session state
09:00:00  TA1     green
09:20:00  TA1     checkered
"""


def reclassify(id: int, car: str, to: str) -> Decision:
    return replace(decision(id, "reclassify", car), car_class=to, reason="seat not declared")


def revoke(id: int, target: int) -> Decision:
    return decision(id, "revoke", revokes=target)


def by_class(*decisions: Decision) -> dict[str, list[tuple[str, int | None]]]:
    return by_class_of(scored(facts(event(rounds={"R1": ["TA1"]}), CARS, LAPS, FLAGS,
                                    decisions)))


def session_classes(*decisions: Decision) -> dict[str, str]:
    result = scored(facts(event(rounds={"R1": ["TA1"]}), CARS, LAPS, FLAGS, decisions))
    return {row.number: row.car_class for row in result.sessions["TA1"].entries}


def test_no_finding_each_car_runs_in_its_registered_class():
    assert by_class() == {"S2": [("21", 1), ("22", 2)], "S4": [("33", 1)]}


def test_non_compliance_3_a_reclassified_car_ranks_in_its_new_class_not_its_old_one():
    assert by_class(reclassify(1, "22", "S4")) == {
        "S2": [("21", 1)],
        "S4": [("22", 1), ("33", 2)],
    }
    assert session_classes(reclassify(1, "22", "S4")) == {"21": "S2", "22": "S4", "33": "S4"}


def test_non_compliance_3_revoking_the_finding_restores_the_class():
    assert by_class(reclassify(1, "22", "S4"), revoke(2, 1)) == {
        "S2": [("21", 1), ("22", 2)],
        "S4": [("33", 1)],
    }


def test_non_compliance_3_the_newest_finding_in_force_wins_and_a_revoke_falls_back():
    first, second = reclassify(1, "21", "S4"), reclassify(2, "21", "S2")
    assert classes_in_force([first, second]) == {"21": "S2"}
    assert classes_in_force([first, second, revoke(3, 2)]) == {"21": "S4"}
    assert by_class(first, second, revoke(3, 2)) == {
        "S2": [("22", 1)],
        "S4": [("21", 1), ("33", 2)],
    }


# --- tech status (Rules 5) -------------------------------------------------------------------

ENTRIES = facts(event(), CARS, LAPS, FLAGS).entries


def record(id: int, car: str, state: str, reason: str = "") -> TechRecord:
    return TechRecord(id, car, TechState(state), reason, "", "sue", 1_000 + id)


def test_rules_5_a_car_never_inspected_is_pending_and_pending_cars_come_first():
    cars = tech_of(ENTRIES, [record(1, "21", "passed"), record(2, "33", "failed", "helmet")])
    assert [(c.number, str(c.state), c.changes) for c in cars] == [
        ("22", "pending", 0),
        ("33", "failed", 1),
        ("21", "passed", 1),
    ]
    assert not_passed(cars) == {"22": TechState.PENDING, "33": TechState.FAILED}


def test_rules_5_4_c_the_newest_record_is_the_status_and_the_history_is_kept():
    history = [record(1, "21", "passed"), record(2, "21", "pending", "new harness"),
               record(3, "21", "failed", "harness bolt"), record(4, "21", "passed")]
    (car,) = [c for c in tech_of(ENTRIES, history) if c.number == "21"]
    assert (str(car.state), car.record.id, car.changes) == ("passed", 4, 4)
    (car,) = [c for c in tech_of(ENTRIES, history[:3]) if c.number == "21"]
    assert (str(car.state), car.record.reason) == ("failed", "harness bolt")


# --- the invariant: a finding scores as if the car had been entered in its new class ----------

finding = st.tuples(st.sampled_from(["21", "22", "33"]), st.sampled_from(["S2", "S4"]))
steps = st.lists(st.one_of(finding, st.integers(min_value=1, max_value=6)), max_size=6)


def made(plan: list) -> tuple[Decision, ...]:
    """Findings and revokes in the order given; an int revokes that earlier decision id (if it
    is a finding not revoked yet)."""
    out: list[Decision] = []
    for step in plan:
        next_id = len(out) + 1
        if isinstance(step, tuple):
            out.append(reclassify(next_id, *step))
        elif any(d.id == step and d.kind is DecisionKind.RECLASSIFY for d in out) and all(
                d.revokes != step for d in out):
            out.append(revoke(next_id, step))
    return tuple(out)


@settings(max_examples=60, deadline=None)
@given(steps)
def test_scores_as_if_entered_in_the_class_in_force(plan):
    decisions = made(plan)
    with_findings = facts(event(rounds={"R1": ["TA1"]}), CARS, LAPS, FLAGS, decisions)
    entered = replace(with_findings, decisions=(),
                      entries=entries_in_force(with_findings.entries, decisions))
    a, b = scored(with_findings), scored(entered)
    assert a.event.entries == b.event.entries
    assert a.sessions["TA1"].entries == b.sessions["TA1"].entries


# --- the live engine: a finding arriving rescores, a later passing keeps the new class ------


def test_non_compliance_3_the_live_results_follow_a_finding_and_its_revoke():
    day = facts(event(rounds={"R1": ["TA1"]}), CARS, LAPS, FLAGS)
    first_laps, later = day.passings[:3], day.passings[3:]
    live = LiveResults(replace(day, passings=first_laps))
    live.apply(decisions=[reclassify(1, "22", "S4")])
    live.apply(passings=later)  # scored car by car, as on the line
    assert live.scored.event.entries == scored(
        replace(day, decisions=(reclassify(1, "22", "S4"),))).event.entries
    assert by_class_of(live.scored) == {"S2": [("21", 1)], "S4": [("22", 1), ("33", 2)]}
    live.apply(decisions=[revoke(2, 1)])
    assert by_class_of(live.scored) == {"S2": [("21", 1), ("22", 2)], "S4": [("33", 1)]}


def by_class_of(result: Scored) -> dict[str, list[tuple[str, int | None]]]:
    """Class -> (car, class position) of the event results, in order."""
    classes: dict[str, list[tuple[str, int | None]]] = {}
    for row in result.event.entries:
        classes.setdefault(row.car_class, []).append((row.number, row.class_position))
    return {name: sorted(rows, key=lambda r: r[1] or 99) for name, rows in classes.items()}


def test_non_compliance_3_the_participant_report_gives_the_class_the_car_was_scored_in():
    day = facts(replace(event(rounds={"R1": ["TA1"]}), groups=(GroupDef("A", passing=2),)),
                CARS, LAPS, FLAGS, (reclassify(1, "22", "S4"),))  # fmt: skip
    result = scored(day)
    rows = participant_rows(day, result.event, satisfactory_marks(day, result.event,
                                                                  result.sessions))
    # first, last, member, overall, class position, make/model, passing, satisfactory, class
    assert [(r[1], r[3], r[4], r[8]) for r in rows] == [
        ("21", "1", "1", "S2"), ("22", "2", "1", "S4"), ("33", "3", "2", "S4")]
