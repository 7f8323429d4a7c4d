"""The live model (issue 3, "Live engine"): after any sequence of facts, the incremental results
equal one full pass of `core.scoring.score` over the same facts."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.scenario import decision, entries, event, t
from trackside.core.records import EventFacts, Flag, FlagState, Passing
from trackside.live.results_model import BULK_PASSINGS, LiveResults
from trackside.rules import scored

EVENT = event("PR unscored A,B\nTA1 scored A\nTA2 scored B\nTA3 scored A,B", min_lap_s=20.0)
ENTRIES = entries("car class group\n1 S2 A\n2 S2 A\n3 T4 A\n4 T4 B\n5 S2 B")
TRANSPONDERS = ["T1", "T2", "T3", "T4", "T5", "X9", "X8"]  # X.. : no entry claims them
STARTS = {"PR": t("08:30:00"), "TA1": t("09:00:00"), "TA2": t("09:40:00"), "TA3": t("10:20:00")}
MIN_LAP = EVENT.min_lap_us


@st.composite
def passings(draw) -> list[Passing]:
    """Crossings of one car, some on the pit loop, some re-reads, some exact repeats."""
    transponder = draw(st.sampled_from(TRANSPONDERS))
    time_us = draw(st.sampled_from(list(STARTS.values()))) + draw(
        st.integers(-120_000_000, 1_500_000_000)
    )
    out = []
    for _ in range(draw(st.integers(1, 6))):
        loop = draw(st.sampled_from(["SF", "SF", "SF", "PIT", None]))
        out.append(Passing(time_us, transponder, loop))
        if draw(st.integers(0, 5)) == 0:
            out.append(Passing(time_us + draw(st.integers(1, MIN_LAP - 1)), transponder, "SF"))
        if draw(st.integers(0, 8)) == 0:
            out.append(Passing(time_us, transponder, loop))  # the same passing again
        time_us += draw(st.integers(MIN_LAP // 2, 180_000_000))
    return out


@st.composite
def flags(draw) -> list[Flag]:
    session = draw(st.sampled_from(list(STARTS)))
    start = STARTS[session] + draw(st.integers(-60, 60)) * 1_000_000
    states = draw(st.lists(st.sampled_from(list(FlagState)), min_size=0, max_size=3))
    out = [Flag(session, FlagState.GREEN, start)]
    for number, state in enumerate(states, start=1):
        out.append(Flag(session, state, start + number * draw(st.integers(60, 900)) * 1_000_000))
    return out


KINDS = ["track-limits", "delete-lap", "session-dq", "time-penalty", "exclude-from-session",
         "event-exclusion", "results-official", "revoke-flag", "revoke-flag", "revoke"]


@st.composite
def a_decision(draw, id_: int):
    kind = draw(st.sampled_from(KINDS))
    car = draw(st.sampled_from(["1", "2", "3", "4", "5"]))
    session = draw(st.sampled_from(list(STARTS)))
    if kind == "delete-lap":
        return decision(id_, kind, car, session, lap=draw(st.integers(1, 4)))
    if kind == "time-penalty":
        return decision(id_, kind, car, seconds=2.0)
    if kind == "exclude-from-session":
        return decision(id_, kind, car, session, at="09:10:00")
    if kind == "revoke-flag":
        return decision(id_, kind, None, session, flag_id=draw(st.integers(1, 8)))
    if kind == "revoke":
        return decision(id_, kind, None, revokes=draw(st.integers(1, id_ - 1))) if id_ > 1 else (
            decision(id_, "warning", car, session))
    if kind in ("event-exclusion", "results-official"):
        return decision(id_, kind, None if kind == "results-official" else car)
    return decision(id_, kind, car, session)


@st.composite
def journal(draw) -> list[tuple[str, object]]:
    """A journal in arrival order: passings (out of time order too), flags (journal ids from 1)
    and decisions, some revoking a flag or another decision."""
    items: list[tuple[str, object]] = []
    for group in draw(st.lists(passings(), min_size=1, max_size=12)):
        items += [("passing", p) for p in group]
    drawn = [f for group in draw(st.lists(flags(), max_size=4)) for f in group]
    items += [("flag", replace(f, id=number)) for number, f in enumerate(drawn, start=1)]
    items += [("decision", draw(a_decision(i))) for i in range(1, draw(st.integers(0, 4)) + 1)]
    return draw(st.permutations(items))


def facts_of(items: list[tuple[str, object]]) -> EventFacts:
    def of(kind: str) -> tuple:
        return tuple(dict.fromkeys(item for k, item in items if k == kind))

    return EventFacts(EVENT, ENTRIES, of("passing"), of("flag"), of("decision"))


def apply(model: LiveResults, kind: str, item: object) -> None:
    model.apply(**{f"{kind}s": [item]})


@settings(max_examples=200, deadline=None)
@given(journal(), st.integers(0, 30))
def test_incremental_results_equal_a_full_recompute_after_every_fact(items, loaded):
    model = LiveResults(facts_of(items[:loaded]))
    assert model.scored == scored(facts_of(items[:loaded]))
    for count in range(loaded, len(items)):
        kind, item = items[count]
        apply(model, kind, item)
        assert model.scored == scored(facts_of(items[: count + 1])), (kind, item)


@settings(max_examples=100, deadline=None)
@given(journal())
def test_passings_alone_never_cause_a_full_recompute(items):
    """A passing changes only its transponder's rows: the change names sessions, not `full`."""
    flag_and_decisions = [(k, i) for k, i in items if k != "passing"]
    model = LiveResults(facts_of(flag_and_decisions))
    for kind, item in items:
        if kind == "passing":
            assert not model.apply(passings=[item]).full
    assert model.scored == scored(facts_of(flag_and_decisions + items))


def test_a_passing_already_stored_changes_nothing():
    crossing = Passing(t("09:05:00"), "T1", "SF")
    model = LiveResults(facts_of([("flag", Flag("TA1", FlagState.GREEN, t("09:00:00")))]))
    model.apply(passings=[Passing(t("09:03:00"), "T1", "SF")])
    assert model.apply(passings=[crossing]).sessions == frozenset({"TA1"})
    before = model.scored
    assert not model.apply(passings=[crossing])
    assert not model.apply(passings=[Passing(t("09:05:01"), "T1", "SF")])  # a re-read
    assert model.scored is before


def test_a_lap_updates_only_its_session_and_ranks_it():
    green = [("flag", Flag(s, FlagState.GREEN, STARTS[s])) for s in ("TA1", "TA2")]
    model = LiveResults(facts_of(green))
    first = Passing(t("09:01:00"), "T1", "SF")
    lap = Passing(t("09:03:00"), "T1", "SF")
    model.apply(passings=[first])
    change = model.apply(passings=[lap])
    assert change.sessions == frozenset({"TA1"}) and not change.full
    row = model.scored.sessions["TA1"].entries[0]
    assert (row.number, row.position, row.best_lap.time_us) == ("1", 1, 120_000_000)
    assert model.scored.event.entries[0].number == "1"


def test_a_flag_rescores_everything():
    model = LiveResults(facts_of([("flag", Flag("TA1", FlagState.GREEN, t("09:00:00")))]))
    model.apply(passings=[Passing(t("09:01:00"), "T1", "SF"), Passing(t("09:03:00"), "T1", "SF")])
    change = model.apply(flags=[Flag("TA1", FlagState.RED, t("09:02:00"))])
    assert change.full
    lap = model.scored.sessions["TA1"].entries[0].laps[0]
    assert (lap.valid, lap.reason) == (False, "after red flag")


def test_a_bulk_import_is_scored_in_one_pass():
    many = [Passing(t("09:01:00") + i * MIN_LAP, "T1", "SF") for i in range(BULK_PASSINGS)]
    model = LiveResults(facts_of([("flag", Flag("TA1", FlagState.GREEN, t("09:00:00")))]))
    assert model.apply(passings=many).full
    assert model.scored == scored(facts_of([("passing", p) for p in many]
                                          + [("flag", Flag("TA1", FlagState.GREEN,
                                                           t("09:00:00")))]))


def test_a_flag_revoke_rescores_and_equals_a_full_pass():
    """A mistaken red is revoked, then the revoke itself: each time the live results equal one
    full pass, and passings after the revoke are scored against the flags in force."""
    green = Flag("TA1", FlagState.GREEN, t("09:00:00"), id=1)
    red = Flag("TA1", FlagState.RED, t("09:02:00"), id=2)
    laps = [Passing(t(clock), "T1", "SF") for clock in ("09:01:00", "09:03:00")]
    items = [("flag", green), ("flag", red), *(("passing", p) for p in laps)]
    model = LiveResults(facts_of(items))
    assert not model.scored.sessions["TA1"].entries[0].laps[0].valid

    revoke_red = decision(1, "revoke-flag", None, "TA1", flag_id=2)
    assert model.apply(decisions=[revoke_red]).full
    items.append(("decision", revoke_red))
    assert model.scored == scored(facts_of(items))
    assert model.scored.sessions["TA1"].entries[0].laps[0].valid

    later = Passing(t("09:05:00"), "T1", "SF")
    assert not model.apply(passings=[later]).full
    items.append(("passing", later))
    assert model.scored == scored(facts_of(items))
    assert all(lap.valid for lap in model.scored.sessions["TA1"].entries[0].laps)

    restore_red = decision(2, "revoke", None, revokes=1)
    model.apply(decisions=[restore_red])
    items.append(("decision", restore_red))
    assert model.scored == scored(facts_of(items))
    assert not model.scored.sessions["TA1"].entries[0].laps[0].valid
