"""What the timing stand lists of the passings (issue 15, "Timing stand": "the passings stream
with unknown transponders highlighted"; `publish/passing_rows.py`), as a property over random
passings and entries, and one hand-checked case."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trackside.core.clock import parse_local_time
from trackside.core.records import Entry, EventDef, EventFacts, Passing
from trackside.publish.passing_rows import RECENT, recent_passings, unknown_transponders

EVENT = EventDef("club", "Club TT", "2026-05-16")
ENTRIES = (Entry("21", "Ann", "Lee", "S2", "A", "1001"), Entry("7", "Bo", "Ray", "S4", "A", "1007"))
T0 = parse_local_time("2026-05-16T09:00:00")


def facts(passings: list[Passing], entries: tuple[Entry, ...] = ENTRIES) -> EventFacts:
    return EventFacts(EVENT, entries, tuple(passings), (), ())


def test_newest_first_with_the_car_and_the_unknown_ones_counted():
    passings = [Passing(T0 + s * 1_000_000, t, "SF") for s, t in
                [(0, "1001"), (5, "9999"), (65, "1007"), (70, "9999"), (90, "4242")]]
    assert [(p["time"], p["transponder"], p["number"]) for p in recent_passings(facts(passings))
            ] == [("09:01:30.000", "4242", None), ("09:01:10.000", "9999", None),
                  ("09:01:05.000", "1007", "7"), ("09:00:05.000", "9999", None),
                  ("09:00:00.000", "1001", "21")]  # fmt: skip
    assert unknown_transponders(facts(passings)) == [
        {"transponder": "4242", "passings": 1, "first": "09:01:30.000", "last": "09:01:30.000"},
        {"transponder": "9999", "passings": 2, "first": "09:00:05.000", "last": "09:01:10.000"},
    ]


transponders = st.sampled_from(["1001", "1007", "9999", "4242", "5"])
passing_lists = st.lists(st.builds(Passing, st.integers(T0, T0 + 3600 * 10**6), transponders,
                                   st.sampled_from(["SF", "PIT", None])), max_size=60)


@given(passing_lists)
def test_the_newest_passings_and_every_unknown_transponder(passings):
    passings.sort(key=lambda p: p.time_us)  # in time order, as the store and the engine hold them
    doc = facts(passings)
    recent = recent_passings(doc)
    newest = sorted((p.time_us for p in passings), reverse=True)[:RECENT]
    assert [p["time_us"] for p in recent] == newest
    held = {e.transponder: e.number for e in ENTRIES}
    assert all(p["number"] == held.get(p["transponder"]) for p in recent)
    unknown = unknown_transponders(doc)
    stray = [p for p in passings if p.transponder not in held]
    assert {u["transponder"] for u in unknown} == {p.transponder for p in stray}
    assert sum(u["passings"] for u in unknown) == len(stray)
    assert all(u["first"] <= u["last"] for u in unknown)
    lasts = [max(p.time_us for p in stray if p.transponder == u["transponder"]) for u in unknown]
    assert lasts == sorted(lasts, reverse=True)  # the last seen first
