"""A session scored alone, from only the passings of its span (core.session_inputs), is the
session the whole day's scoring gives: the results cache stands on this (docs/architecture.md,
"Results cache"). Rule 2's look-back (time-attack.md) is the subtle part: reads less than
min_lap apart chain, so the generated reads are often that close."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.scenario import decision, entries, event, t
from trackside.core.periods import session_windows
from trackside.core.records import EventFacts, Flag, FlagState, Passing
from trackside.core.scoring import combine, recounted, score, score_sessions
from trackside.core.session_inputs import PassingSpan, passing_span, span_suffices
from trackside.rules import event_rules

CARS = ["1", "2", "3", "4"]
ENTRIES = entries("car class group\n1 S2 A\n2 S2 A\n3 T4 B\n4 T4 B")
EVENT = event("TA1 scored A,B\nTA2 scored A\nTA3 scored B")
GREENS = {"TA1": t("09:00:00"), "TA2": t("09:10:00"), "TA3": t("09:10:00")}
"""TA2 and TA3 go green together: each car's laps go to its own group's session (rule 4)."""
MIN_LAP = EVENT.min_lap_us
RULES = event_rules(EVENT.ruleset)


@st.composite
def reads(draw, transponder: str) -> list[Passing]:
    """A transponder's reads from before the first green to after the last, often closer than
    min_lap (duplicate reads, a car parked on the line), sometimes on another loop."""
    time_us = t("08:57:00") + draw(st.integers(0, 240)) * 1_000_000
    found = []
    for _ in range(draw(st.integers(0, 30))):
        loop = draw(st.sampled_from(["SF", "SF", "SF", "P1"]))
        found.append(Passing(time_us, transponder, loop))
        time_us += draw(st.integers(1, 90)) * 1_000_000
    return found


@st.composite
def flags(draw) -> list[Flag]:
    found = []
    for session, green in GREENS.items():
        if draw(st.booleans()) or session == "TA1":
            found.append(Flag(session, FlagState.GREEN, green + draw(st.sampled_from([0, 5]))
                              * 1_000_000))
        if draw(st.booleans()):
            state = draw(st.sampled_from([FlagState.RED, FlagState.CHECKERED]))
            found.append(Flag(session, state, green + draw(st.integers(60, 900)) * 1_000_000))
    return found


@st.composite
def decisions(draw):
    made = []
    for id_ in range(1, draw(st.integers(0, 4)) + 1):
        kind = draw(st.sampled_from(["track-limits", "delete-lap", "session-dq",
                                     "exclude-from-session", "event-exclusion", "time-penalty"]))
        car, session = draw(st.sampled_from(CARS)), draw(st.sampled_from(sorted(GREENS)))
        if kind == "delete-lap":
            made.append(decision(id_, kind, car, session, lap=draw(st.integers(1, 5))))
        elif kind == "exclude-from-session":
            made.append(decision(id_, kind, car, session, at="09:12:00"))
        elif kind == "time-penalty":
            made.append(decision(id_, kind, car, seconds=2.0))
        elif kind == "event-exclusion":
            made.append(decision(id_, kind, car))
        else:
            made.append(decision(id_, kind, car, session))
    return made


@st.composite
def day(draw) -> EventFacts:
    passings = [p for car in CARS for p in draw(reads(f"T{car}"))] + draw(reads("999"))
    return EventFacts(EVENT, ENTRIES, tuple(sorted(passings)), tuple(draw(flags())),
                      tuple(draw(decisions())))  # fmt: skip


def alone(facts: EventFacts, session_id: str):
    """The session scored from the passings of its span only (reaching back to the start of
    the day when the span does not settle rule 2), counts brought to the whole day's."""
    window = next((w for w in session_windows(facts.flags) if w.session_id == session_id), None)
    span = PassingSpan(0, 0) if window is None else passing_span(window, MIN_LAP)
    some = [p for p in facts.passings if span.holds(p.time_us)]
    if window is not None and not span_suffices(some, span, window, "SF", MIN_LAP):
        span = span.from_day_start()
        some = [p for p in facts.passings if span.holds(p.time_us)]
    part = score_sessions(replace(facts, passings=tuple(some)), {session_id})[session_id]
    counts = Counter(p.transponder for p in facts.passings)
    return replace(part, result=recounted(part.result, counts))


@settings(max_examples=300, deadline=None)
@given(day())
def test_a_session_scored_from_its_span_is_the_session_of_the_whole_day(facts):
    whole = score_sessions(facts)
    parts = {s.id: alone(facts, s.id) for s in EVENT.sessions}
    assert parts == whole
    assert combine(facts, RULES, parts) == score(facts, RULES)


@settings(max_examples=200, deadline=None)
@given(day(), st.integers(0, 3600))
def test_a_passing_outside_a_sessions_span_leaves_it_as_it_was(facts, seconds):
    """Rule 4 and rule 2: a crossing before a session's span (and its chain of close reads)
    or from the next session's green on changes nothing in it."""
    extra = Passing(t("08:50:00") + seconds * 1_000_000, "T1", "SF")
    more = replace(facts, passings=tuple(sorted((*facts.passings, extra))))
    before, after = score_sessions(facts), score_sessions(more)
    for window in session_windows(facts.flags):
        span = passing_span(window, MIN_LAP)
        some = [p for p in more.passings if span.holds(p.time_us)]
        settled = span_suffices(some, span, window, "SF", MIN_LAP)
        if settled and not span.holds(extra.time_us):
            sid = window.session_id
            assert after[sid].result.entries == before[sid].result.entries
            assert after[sid].best == before[sid].best
