"""Rulebook scenarios as small literal tables: the test's own words become EventFacts.

Cars carry transponder `T<number>`; times of day are on the event date (2026-05-16).
"""

from __future__ import annotations

from trackside.core.clock import at_time_of_day
from trackside.core.records import (
    Decision,
    DecisionKind,
    Entry,
    EventDef,
    EventFacts,
    Flag,
    FlagState,
    Passing,
    RoundDef,
    Scoring,
    SessionDef,
    Track,
)

DATE = "2026-05-16"


def t(clock: str) -> int:
    return at_time_of_day(DATE, clock)


def rows(table: str) -> list[dict[str, str]]:
    lines = [line.split() for line in table.strip().splitlines() if line.strip()]
    header, body = lines[0], lines[1:]
    return [dict(zip(header, line, strict=False)) for line in body]


def entries(table: str) -> tuple[Entry, ...]:
    """Columns: car class group [name]."""
    return tuple(
        Entry(r["car"], "Driver", r.get("name", r["car"]), r["class"], r["group"], f"T{r['car']}")
        for r in rows(table)
    )


def passings(table: str) -> tuple[Passing, ...]:
    """Columns: time car [loop]; car `?NNN` is an unknown transponder."""
    return tuple(
        Passing(
            t(r["time"]),
            r["car"][1:] if r["car"].startswith("?") else f"T{r['car']}",
            r.get("loop", "SF"),
        )
        for r in rows(table)
    )


def flags(table: str) -> tuple[Flag, ...]:
    """Columns: time session state."""
    return tuple(Flag(r["session"], FlagState(r["state"]), t(r["time"])) for r in rows(table))


def decision(
    id: int, kind: str, car: str | None = None, session: str | None = None, **kw
) -> Decision:
    at = kw.pop("at", None)
    if "seconds" in kw:  # a time penalty as officials give it, in seconds
        kw["penalty_us"] = round(kw.pop("seconds") * 1_000_000)
    return Decision(
        id, DecisionKind(kind), car, session, at_us=t(at) if at else None, author="Steward", **kw
    )


def event(
    sessions: str = "TA1 scored A",
    rounds: dict[str, list[str]] | None = None,
    scoring: str = "rounds",
    min_lap_s: float = 20.0,
    awards: int | None = 3,
) -> EventDef:
    """`sessions`: lines of `id scored|unscored group[,group]`."""
    defs = []
    for line in sessions.strip().splitlines():
        sid, scored, groups = line.split()
        defs.append(
            SessionDef(sid, sid, scored=scored == "scored", groups=tuple(groups.split(",")))
        )
    return EventDef(
        "test",
        "Test Event",
        DATE,
        scoring=Scoring(scoring),
        min_lap_us=round(min_lap_s * 1_000_000),
        awards_per_class=awards,
        track=Track("Test Track", 4800, "SF"),
        sessions=tuple(defs),
        rounds=tuple(RoundDef(n, tuple(s)) for n, s in (rounds or {}).items()),
    )


def facts(
    event_def: EventDef,
    entry_table: str,
    passing_table: str,
    flag_table: str,
    decisions: tuple[Decision, ...] = (),
) -> EventFacts:
    return EventFacts(
        event_def, entries(entry_table), passings(passing_table), flags(flag_table), decisions
    )
