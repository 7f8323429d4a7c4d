"""Invariants of Time Attack scoring (time-attack.md), checked with hypothesis."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.scenario import decision, entries, event, t
from trackside.core.records import EventFacts, Flag, FlagState, Passing
from trackside.rules import event_rules, scored

CARS = ["1", "2", "3", "4"]
ENTRIES = entries("car class group\n1 S2 A\n2 S2 A\n3 T4 A\n4 T4 A")
EVENT = event("TA1 scored A\nTA2 scored A")
SESSION_STARTS = {"TA1": t("09:00:00"), "TA2": t("10:00:00")}
MIN_LAP = EVENT.min_lap_us
RANK = event_rules(EVENT.ruleset).rank_key


@st.composite
def car_crossings(draw, session: str, car: str) -> list[Passing]:
    """One car's start/finish crossings in one session, every one a real (accepted) crossing."""
    time_us = SESSION_STARTS[session] + draw(st.integers(-60_000_000, 300_000_000))
    crossings = []
    for _ in range(draw(st.integers(1, 8))):
        crossings.append(Passing(time_us, f"T{car}", "SF"))
        time_us += draw(st.integers(MIN_LAP, 200_000_000))
    return crossings


@st.composite
def session_flags(draw, session: str) -> list[Flag]:
    start = SESSION_STARTS[session]
    flags = [Flag(session, FlagState.GREEN, start)]
    if draw(st.booleans()):
        red = start + draw(st.integers(60, 600)) * 1_000_000
        flags.append(
            Flag(session, draw(st.sampled_from([FlagState.RED, FlagState.BLACK_ALL])), red)
        )
        if draw(st.booleans()):
            flags.append(Flag(session, FlagState.GREEN, red + 120_000_000))
    if draw(st.booleans()):
        flags.append(Flag(session, FlagState.CHECKERED, start + 1_200_000_000))
    return flags


PENALTY_KINDS = [
    "track-limits",
    "flag-violation",
    "delete-lap",
    "session-dq",
    "time-penalty",
    "exclude-from-session",
    "event-exclusion",
]


@st.composite
def penalty(draw, id_: int):
    kind = draw(st.sampled_from(PENALTY_KINDS))
    car = draw(st.sampled_from(CARS))
    session = draw(st.sampled_from(["TA1", "TA2"]))
    if kind == "delete-lap":
        return decision(id_, kind, car, session, lap=draw(st.integers(1, 6)))
    if kind == "time-penalty":
        return decision(id_, kind, car, seconds=draw(st.sampled_from([1.0, 2.5, 10.0])))
    if kind == "exclude-from-session":
        return decision(id_, kind, car, session, at="09:05:00" if session == "TA1" else "10:05:00")
    if kind == "event-exclusion":
        return decision(id_, kind, car)
    return decision(id_, kind, car, session)


@st.composite
def event_facts(draw) -> EventFacts:
    passings = []
    for session in SESSION_STARTS:
        for car in draw(st.lists(st.sampled_from(CARS), min_size=1, unique=True)):
            passings.extend(draw(car_crossings(session, car)))
    flags = draw(session_flags("TA1")) + draw(session_flags("TA2"))
    count = draw(st.integers(0, 4))
    decisions = tuple(draw(penalty(i)) for i in range(1, count + 1))
    return EventFacts(EVENT, ENTRIES, tuple(passings), tuple(flags), decisions)


def results(facts: EventFacts):
    everything = scored(facts)
    return everything.event, everything.sessions


@settings(max_examples=150, deadline=None)
@given(event_facts(), st.randoms())
def test_import_order_never_changes_results(facts, rnd):
    shuffled = [list(facts.passings), list(facts.flags), list(facts.decisions), list(facts.entries)]
    for items in shuffled:
        rnd.shuffle(items)
    reordered = EventFacts(
        facts.event, tuple(shuffled[3]), tuple(shuffled[0]), tuple(shuffled[1]), tuple(shuffled[2])
    )
    assert results(reordered) == results(facts)


@settings(max_examples=150, deadline=None)
@given(event_facts(), st.data())
def test_adding_a_penalty_never_improves_an_entry(facts, data):
    extra = data.draw(penalty(len(facts.decisions) + 1))
    before = {r.number: r for r in scored(facts).event.entries}
    after = {
        r.number: r
        for r in scored(replace(facts, decisions=(*facts.decisions, extra))).event.entries
    }
    for number, old in before.items():
        new = after[number]
        if new.status == "ok" and old.status == "ok":
            assert RANK(new)[:3] >= RANK(old)[:3]
            assert new.best_lap_us >= old.best_lap_us
        if old.status != "ok":
            assert new.status != "ok"


@settings(max_examples=150, deadline=None)
@given(event_facts(), st.data())
def test_removing_a_duplicate_read_changes_nothing(facts, data):
    sf = sorted(facts.passings, key=lambda p: p.time_us)
    victims = data.draw(st.lists(st.sampled_from(sf), min_size=1, max_size=5, unique=True))
    # A read within min_lap_s of an accepted crossing (every generated crossing is accepted).
    echoes = tuple(
        Passing(p.time_us + data.draw(st.integers(1, MIN_LAP - 1)), p.transponder, "SF")
        for p in victims
    )
    with_echoes = replace(facts, passings=facts.passings + echoes)
    assert results(with_echoes) == results(facts)


@given(
    st.lists(st.tuples(st.sampled_from(list(FlagState)), st.integers(0, 60)), max_size=8),
    st.lists(st.integers(-5, 65), min_size=0, max_size=30, unique=True),
)
@settings(max_examples=300, deadline=None)
def test_a_lap_counts_exactly_when_a_green_period_holds_it(flag_steps, crossing_s) -> None:
    """Rules 5-6, lap by lap: the bisected runs of `numbered_laps` agree with asking each
    lap's periods (`SessionWindow.invalid_reason`), whatever the flags and crossings. Times
    are on a coarse grid (30 s steps) so crossings often fall exactly on a flag."""
    from trackside.core.periods import session_windows
    from trackside.core.session_laps import numbered_laps

    flags = [Flag("TA1", FlagState.GREEN, 0)]
    flags += [Flag("TA1", state, s * 30_000_000) for state, s in flag_steps]
    window = session_windows(flags)[0]
    crossings = sorted(s * 30_000_000 for s in crossing_s)
    laps = numbered_laps(window, crossings)
    assert [lap.lap for lap in laps] == list(range(1, max(len(crossings), 1)))
    for lap, a, b in zip(laps, crossings, crossings[1:], strict=False):
        reason = window.invalid_reason(a, b)
        assert (lap.start_us, lap.end_us, lap.valid, lap.reason) == (a, b, reason is None, reason)
