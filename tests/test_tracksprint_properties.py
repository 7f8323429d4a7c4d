"""Properties of the run scorer (tracksprint.md): the order of trips within a channel decides
which car a trip times, the order facts were imported in does not; a granted re-run never counts
toward `max_runs`; a cone never improves a run."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.run_scenario import run_event
from tests.scenario import decision, entries, flags, t
from trackside.core.records import EventFacts, LightChannel, Release, Trip
from trackside.core.run_decisions import OVER_LIMIT, RERUN_GRANTED
from trackside.rules import scored

BASE = t("09:00")
CARS = entries("car class group\n1 S2 A\n2 S2 A\n3 S2 A\n4 S2 A")
GREEN = flags("time session state\n08:00:00 TS1 green")


@st.composite
def sessions(draw):
    """A lights session: cars released in turn, each started after all releases so far, and
    finishes in course order, with random gaps (in ms) between everything."""
    order = draw(st.lists(st.sampled_from(["1", "2", "3", "4"]), min_size=1, max_size=8))
    gaps = draw(st.lists(st.integers(2_000, 90_000), min_size=3 * len(order),
                         max_size=3 * len(order)))
    now, releases, starts = BASE, [], []
    for i, car in enumerate(order):
        now += gaps[3 * i] * 1000
        releases.append(Release("TS1", car, now))
        now += gaps[3 * i + 1] * 1000
        starts.append(now)
    finishes = []
    for i in range(len(order)):
        now += gaps[3 * i + 2] * 1000
        finishes.append(now)
    trips = [Trip("TS1", LightChannel.START, s) for s in starts]
    trips += [Trip("TS1", LightChannel.FINISH, f) for f in finishes]
    return order, releases, trips, starts, finishes


def _runs(facts: EventFacts) -> dict[str, list[tuple]]:
    result = scored(facts).sessions["TS1"]
    return {e.number: [tuple(r) for r in e.runs] for e in result.entries}


@settings(max_examples=60, deadline=None)
@given(sessions(), st.randoms(use_true_random=False))
def test_trip_order_in_a_channel_decides_attribution_and_import_order_does_not(drawn, rnd):
    order, releases, trips, starts, finishes = drawn
    facts = EventFacts(run_event(duplicate_read_us=0), CARS, (), GREEN, (), tuple(trips),
                       tuple(releases))
    runs = _runs(facts)
    # the k-th start and the k-th finish are the k-th released car's (first on, first off)
    expected: dict[str, list[tuple[int, int]]] = {}
    for car, start, finish in zip(order, starts, finishes, strict=True):
        expected.setdefault(car, []).append((start, finish))
    assert {car: [(r[1], r[2]) for r in rs] for car, rs in runs.items() if rs} == expected
    shuffled_trips, shuffled_releases = list(trips), list(releases)
    rnd.shuffle(shuffled_trips)
    rnd.shuffle(shuffled_releases)
    again = replace(facts, trips=tuple(shuffled_trips), releases=tuple(shuffled_releases))
    assert _runs(again) == runs


def _one_car(count: int, **settings_) -> EventFacts:
    releases = tuple(Release("TS1", "1", BASE + i * 300_000_000) for i in range(count))
    trips = tuple(Trip("TS1", channel, BASE + i * 300_000_000 + offset)
                  for i in range(count)
                  for channel, offset in ((LightChannel.START, 1_000_000),
                                          (LightChannel.FINISH, 51_000_000 + i * 1000)))
    return EventFacts(run_event(**settings_), CARS, (), GREEN, (), trips, releases)


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 7), st.integers(1, 4), st.sets(st.integers(1, 7)))
def test_a_granted_rerun_never_counts_toward_max_runs(count, max_runs, reruns):
    reruns = {n for n in reruns if n <= count}
    decisions = tuple(decision(i, "rerun", "1", "TS1", run=n, reason="red-flag")
                      for i, n in enumerate(sorted(reruns), start=1))
    facts = replace(_one_car(count, max_runs=max_runs), decisions=decisions)
    runs = _runs(facts)["1"]
    others = [r for r in runs if r[0] not in reruns]
    assert all(r[6] == RERUN_GRANTED for r in runs if r[0] in reruns)
    counted = [r for r in others if r[6] != OVER_LIMIT]
    assert len(counted) == min(max_runs, len(others))
    assert counted == others[: len(counted)]


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 5), st.data())
def test_adding_a_cone_never_improves_a_run(count, data):
    decisions = tuple(
        decision(i, "cones", "1", "TS1", run=data.draw(st.integers(1, count)),
                 count=data.draw(st.integers(1, 3)))
        for i in range(1, data.draw(st.integers(0, 4)) + 1)
    )
    facts = replace(_one_car(count), decisions=decisions)
    before = scored(facts).sessions["TS1"].entries[0]
    run = data.draw(st.integers(1, count))
    more = replace(facts, decisions=(*decisions, decision(99, "cones", "1", "TS1", run=run,
                                                          count=1)))
    after = scored(more).sessions["TS1"].entries[0]
    for old, new in zip(before.runs, after.runs, strict=True):
        assert new.time_us >= old.time_us
    assert after.runs[run - 1].time_us == before.runs[run - 1].time_us + 2_000_000
    assert after.best_run.time_us >= before.best_run.time_us
