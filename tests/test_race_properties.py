"""Properties of the race scorer (endurance.md): the classification does not depend on the
order passings arrive in; a lap the winner drives after taking the checkered changes nothing; a
time penalty never improves a car's place; the live tracker agrees with the full scorer on the
same passings, at every point of the race: its board and its whole result (what the live engine
shows, `live/results_model.py`), however late a passing arrives."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.race_strategies import G, S, races
from trackside.core.race_live import RaceTracker, standings_of
from trackside.core.race_results import RacePart, RaceSessionResult, RaceStatus
from trackside.core.records import Decision, DecisionKind, EventFacts, Passing
from trackside.core.scoring import score_sessions
from trackside.rules import scored


def result_of(facts: EventFacts) -> RaceSessionResult:
    result = scored(facts).sessions["R1"]
    assert isinstance(result, RaceSessionResult)
    return result


@settings(max_examples=80, deadline=None)
@given(races(), st.randoms(use_true_random=False))
def test_classification_is_independent_of_the_order_facts_arrive_in(facts, rnd):
    """Passings, officials' pit stops, driver changes and decisions, each in any order."""
    def shuffled(items):
        items = list(items)
        rnd.shuffle(items)
        return tuple(items)

    again = replace(facts, passings=shuffled(facts.passings), pit_stops=shuffled(facts.pit_stops),
                    driver_changes=shuffled(facts.driver_changes),
                    decisions=shuffled(facts.decisions))  # fmt: skip
    assert result_of(again) == result_of(facts)


@settings(max_examples=80, deadline=None)
@given(races(), st.integers(20, 300))
def test_a_lap_added_to_the_winner_after_the_checkered_changes_nothing(facts, after_s):
    before = result_of(facts)
    winner = before.race.entries[0]
    if before.race.checkered_us is None or winner.status is not RaceStatus.OK:
        return  # the winner has not taken the checkered
    transponder = f"T{winner.number}"
    last = max(p.time_us for p in facts.passings if p.transponder == transponder)
    extra = Passing(last + after_s * S, transponder, "SF")
    after = result_of(replace(facts, passings=(*facts.passings, extra)))
    assert after.race == before.race


@settings(max_examples=80, deadline=None)
@given(races(), st.integers(0, 5), st.integers(1, 300))
def test_a_time_penalty_never_improves_a_position(facts, pick, seconds):
    before = result_of(facts)
    car = before.race.entries[pick % len(before.race.entries)]
    penalty = Decision(999, DecisionKind.TIME_ADDED, car.number, "R1", penalty_us=seconds * S)
    after = result_of(replace(facts, decisions=(*facts.decisions, penalty)))
    now = next(e for e in after.race.entries if e.number == car.number)
    assert now.status == car.status or car.status is RaceStatus.DNS
    if car.position is not None:
        assert now.position is not None and now.position >= car.position


def _prefixes(facts: EventFacts, cuts: list[int]):
    ordered = sorted(facts.passings)
    for cut in sorted({min(c, len(ordered)) for c in cuts} | {len(ordered)}):
        yield ordered[:cut]


@settings(max_examples=60, deadline=None)
@given(races(), st.lists(st.integers(0, 120), max_size=4))
def test_the_live_tracker_equals_the_full_classification_at_every_point(facts, cuts):
    tracker = RaceTracker(replace(facts, passings=()), "R1")
    fed = 0
    for prefix in _prefixes(facts, cuts):
        tracker.extend(prefix[fed:])
        fed = len(prefix)
        full = result_of(replace(facts, passings=tuple(prefix)))
        assert tracker.standings() == standings_of(full.race)
        if full.sprint is not None:
            assert tracker.standings(RacePart.SPRINT) == standings_of(full.sprint)


@settings(max_examples=40, deadline=None)
@given(races(), st.randoms(use_true_random=False))
def test_the_live_tracker_fed_out_of_order_still_equals_the_full_classification(facts, rnd):
    shuffled = list(facts.passings)
    rnd.shuffle(shuffled)
    tracker = RaceTracker(replace(facts, passings=()), "R1")
    tracker.extend(shuffled)
    assert tracker.standings() == standings_of(result_of(facts).race)
    assert G  # the races start at G


def unflagged(facts: EventFacts) -> RaceSessionResult:
    """The race session as its scorer gives it (before `combine` lists the flags on it)."""
    return score_sessions(facts, ["R1"])["R1"].result


@settings(max_examples=60, deadline=None)
@given(races(), st.lists(st.integers(0, 120), max_size=4))
def test_the_live_trackers_whole_result_equals_the_full_scorers_at_every_point(facts, cuts):
    tracker = RaceTracker(replace(facts, passings=()), "R1")
    fed = 0
    for prefix in _prefixes(facts, cuts):
        tracker.extend(prefix[fed:])
        fed = len(prefix)
        assert tracker.result() == unflagged(replace(facts, passings=tuple(prefix)))


@settings(max_examples=40, deadline=None)
@given(races(), st.randoms(use_true_random=False), st.integers(0, 120))
def test_the_live_trackers_whole_result_fed_late_passings_equals_the_full_scorers(facts, rnd,
                                                                                  cut):
    """The passings in time order up to `cut`, each result read, then the rest shuffled (each
    one older than some already fed rebuilds its car), a result read after each."""
    ordered = sorted(facts.passings)
    late = ordered[cut:]
    rnd.shuffle(late)
    tracker = RaceTracker(replace(facts, passings=()), "R1")
    fed: list[Passing] = []
    for passing in ordered[:cut] + late:
        tracker.add(passing)
        fed.append(passing)
        if len(fed) > cut or len(fed) == len(ordered) or rnd.random() < 0.2:
            assert tracker.result() == unflagged(replace(facts, passings=tuple(sorted(fed))))


@settings(max_examples=80, deadline=None)
@given(races())
def test_positions_and_class_positions_run_from_one_and_only_classified_cars_have_them(facts):
    """endurance.md "Classification": classified cars (ok, dnf) first with positions 1..n, then
    nc, dns and disqualified cars without; class positions 1..m in order within each class."""
    result = result_of(facts)
    for part in (result.race, result.sprint):
        if part is None:
            continue
        classified = [e for e in part.entries if e.status in (RaceStatus.OK, RaceStatus.DNF)]
        assert part.entries[: len(classified)] == tuple(classified)
        assert [e.position for e in classified] == list(range(1, len(classified) + 1))
        assert all(e.position is None and e.class_position is None
                   for e in part.entries[len(classified):])  # fmt: skip
        seen: dict[str, int] = {}
        for e in classified:
            seen[e.car_class] = seen.get(e.car_class, 0) + 1
            assert e.class_position == seen[e.car_class]
        assert all(e.laps == 0 and e.race_time_us is None
                   for e in part.entries if e.status is RaceStatus.DNS)  # fmt: skip
        if part.checkered_us is None:
            assert all(e.status is not RaceStatus.DNF for e in part.entries)
