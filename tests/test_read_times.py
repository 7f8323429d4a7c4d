"""The read times the store hands the lap scorer (`core/read_times.py`) are the passings' own:
time-attack.md rule 1 (start/finish loop, or every loop when none is named) gives the same
crossings from them as from the passings one by one, and an `IndexedPassings` is, to everything
else, the tuple of its passings."""

from __future__ import annotations

import pickle
from collections import Counter, defaultdict

from hypothesis import given
from hypothesis import strategies as st

from trackside.core.laps import crossings_by_transponder
from trackside.core.read_times import IndexedPassings, passing_counts, read_times_of
from trackside.core.records import Passing

PASSING = st.builds(
    Passing,
    time_us=st.integers(0, 10**6),
    transponder=st.sampled_from(["1001", "1002", "1003"]),
    loop=st.sampled_from(["SF", "PIT", "", None]),
    decoder=st.sampled_from(["D1", None]),
    passing_number=st.integers(1, 100) | st.none(),
)
PASSINGS = st.lists(PASSING, max_size=40)


def rule_1(passings: list[Passing], start_finish_loop: str | None) -> dict[str, list[int]]:
    """Rule 1 read passing by passing: the start/finish loop's crossings (a passing naming no
    loop is on the timing line), or every loop's when the track names none; sorted."""
    crossings: dict[str, list[int]] = defaultdict(list)
    for p in passings:
        if not start_finish_loop or not p.loop or p.loop == start_finish_loop:
            crossings[p.transponder].append(p.time_us)
    return {t: sorted(times) for t, times in crossings.items()}


@given(passings=PASSINGS, loop=st.sampled_from(["SF", "PIT", None, ""]))
def test_rule_1_crossings_from_read_times_are_those_of_the_passings(passings, loop):
    in_order = sorted(passings, key=lambda p: p.time_us)
    expected = rule_1(passings, loop)
    assert crossings_by_transponder(in_order, loop) == expected
    carried = IndexedPassings(in_order, read_times_of(passings))
    assert crossings_by_transponder(carried, loop) == expected


@given(passings=PASSINGS)
def test_read_times_are_each_transponders_sorted_times_per_loop(passings):
    times = read_times_of(passings)
    assert {t: {loop: Counter(ts) for loop, ts in loops.items()} for t, loops in times.items()} \
        == {t: {loop: Counter(p.time_us for p in passings if (p.transponder, p.loop) == (t, loop))
                for loop in {p.loop for p in passings if p.transponder == t}}
            for t in {p.transponder for p in passings}}  # fmt: skip
    assert all(ts == sorted(ts) for loops in times.values() for ts in loops.values())
    assert passing_counts(passings) == Counter(p.transponder for p in passings)


def test_the_crossings_are_new_lists_the_read_times_stay_as_they_were():
    passings = (Passing(1, "1001", "SF"), Passing(5, "1001", "SF"))
    carried = IndexedPassings(passings)
    crossings_by_transponder(carried, "SF")["1001"].append(9)
    assert carried.read_times == {"1001": {"SF": [1, 5]}}


@given(passings=PASSINGS, more=PASSINGS)
def test_an_indexed_passings_is_the_tuple_of_its_passings(passings, more):
    plain = tuple(passings)
    decoded: list[int] = []

    def decode() -> tuple[Passing, ...]:
        decoded.append(1)
        return plain

    for indexed in (IndexedPassings(plain), IndexedPassings.later(decode, len(plain),
                                                                  read_times_of(plain))):
        assert len(indexed) == len(plain) and bool(indexed) == bool(plain)
        assert indexed == plain and plain == indexed and (indexed != plain) is False
        assert hash(indexed) == hash(plain)
        assert list(indexed) == passings and indexed[:3] == plain[:3]
        assert indexed + tuple(more) == plain + tuple(more)
        assert tuple(more) + indexed == tuple(more) + plain
        assert all(p in indexed for p in passings)
        assert pickle.loads(pickle.dumps(indexed)) == plain
    assert decoded == [1]  # decoded once, when first looked at


def test_the_later_passings_are_not_decoded_for_the_read_times_or_the_count():
    def decode() -> tuple[Passing, ...]:
        raise AssertionError("decoded")

    indexed = IndexedPassings.later(decode, 2, {"1001": {"SF": [1, 5]}})
    assert len(indexed) == 2
    assert crossings_by_transponder(indexed, "SF") == {"1001": [1, 5]}
    assert passing_counts(indexed) == {"1001": 2}
