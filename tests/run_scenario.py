"""TrackSprint and HillClimb scenarios as small literal tables (tracksprint.md), in the words of
a timing chief's sheet: releases (`time car`), light trips (`time channel`), loop passings
(`time car loop`), flags (`time session state`). Builds on `tests/scenario.py`."""

from __future__ import annotations

from dataclasses import replace

from tests.scenario import DATE, decision, entries, flags, passings, rows, t
from trackside.core.records import (
    EventDef,
    EventFacts,
    LightChannel,
    Release,
    SessionDef,
    Track,
)
from trackside.core.records import Trip as TripRecord
from trackside.core.run_results import RunSessionResult
from trackside.rules import scored

__all__ = ["DATE", "decision", "run_event", "run_facts", "runs_of", "session_of", "t"]


def run_event(fmt: str = "tracksprint", timing: str = "lights", session: str = "TS1",
              groups: tuple[str, ...] = ("A",), **settings) -> EventDef:  # fmt: skip
    """One run session; `settings` are SessionDef fields (cone_penalty_us, max_runs, ...)."""
    loops = {"start_loop": "START", "finish_loop": "FINISH"} if timing == "loops" else {}
    definition = SessionDef(session, session, format=fmt, groups=groups, timing=timing,
                            **{**loops, **settings})  # fmt: skip
    return EventDef("ts", "TrackSprint", DATE, track=Track("Hill", None, None),
                    sessions=(definition,))  # fmt: skip


def trips(table: str, session: str = "TS1") -> tuple[TripRecord, ...]:
    return tuple(TripRecord(session, LightChannel(r["channel"]), t(r["time"]))
                 for r in rows(table))  # fmt: skip


def releases(table: str, session: str = "TS1") -> tuple[Release, ...]:
    return tuple(Release(session, r["car"], t(r["time"])) for r in rows(table))


def run_facts(
    event_def: EventDef, entry_table: str, *, released: str = "", tripped: str = "",
    passed: str = "", flagged: str = "", decisions=(),
) -> EventFacts:
    return EventFacts(
        event_def, entries(entry_table), passings(passed) if passed.strip() else (),
        flags(flagged) if flagged.strip() else (), tuple(decisions),
        trips(tripped) if tripped.strip() else (), releases(released) if released.strip() else (),
    )


def session_of(facts: EventFacts, session: str = "TS1") -> RunSessionResult:
    result = scored(facts).sessions[session]
    assert isinstance(result, RunSessionResult)
    return result


def runs_of(facts: EventFacts, car: str, session: str = "TS1") -> list[tuple]:
    """(run, raw seconds or None, cones, valid, reason) of one car's runs."""
    entry = next(e for e in session_of(facts, session).entries if e.number == car)
    return [(r.run, None if r.raw_us is None else r.raw_us / 1e6, r.cones, r.valid, r.reason)
            for r in entry.runs]  # fmt: skip


def with_session(event_def: EventDef, **changes) -> EventDef:
    return replace(event_def, sessions=(replace(event_def.sessions[0], **changes),))
