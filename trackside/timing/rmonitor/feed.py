"""A recorded or live RMonitor feed as trackside facts: `read_feed` (pure) and `read_feed_file`.

Each run becomes a session `run1`, `run2`, ... in order of appearance; see docs/rmonitor.md for
how runs, entries, passings and flags are derived.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from trackside.core.records import (
    Decision,
    Entry,
    EventDef,
    EventFacts,
    Flag,
    Passing,
    SessionDef,
    SessionFormat,
    Track,
)
from trackside.timing.rmonitor.competitors import Cars, car_tables
from trackside.timing.rmonitor.entry_keys import EntryBook
from trackside.timing.rmonitor.parse import FeedWarning, parse_lines, warn
from trackside.timing.rmonitor.passings import TimelineUse
from trackside.timing.rmonitor.records import Crossing, Init, Record
from trackside.timing.rmonitor.run_facts import FeedRun, RunFacts, run_facts
from trackside.timing.rmonitor.runs import RunRecords, split_runs

NO_DATE = "1970-01-01"


@dataclass(frozen=True, slots=True)
class RMonitorFeed:
    """Everything a feed says, as trackside facts plus Orbits' own reference per run."""

    event: EventDef
    entries: tuple[Entry, ...]
    passings: tuple[Passing, ...]
    flags: tuple[Flag, ...]
    runs: tuple[FeedRun, ...]
    finish_lines: frozenset[str]
    warnings: tuple[FeedWarning, ...]

    def facts(self, decisions: Iterable[Decision] = ()) -> EventFacts:
        """The facts `trackside.core.scoring.score` rescores."""
        return EventFacts(self.event, self.entries, self.passings, self.flags, tuple(decisions))

    def run(self, session_id: str) -> FeedRun:
        for run in self.runs:
            if run.session_id == session_id:
                return run
        raise KeyError(f"no run {session_id!r} in the feed")


def read_feed(
    lines: Iterable[bytes | str],
    event_id: str,
    date: str | None = None,
    *,
    min_lap_s: float = 20.0,
    finish_lines: Collection[str] | None = None,
    name: str | None = None,
    untimed_runs: bool = True,
) -> RMonitorFeed:
    """The facts of an RMonitor feed (lines as bytes in cp1252, or as text).

    `date` (ISO) places every time of day; without it each run takes its `$I` date, else the
    feed's first `$I` or `$L` date. `finish_lines` names the timelines whose `$L` crossings make
    laps; by default they are inferred from where Orbits made `$J` laps. Malformed lines are
    skipped and reported in `warnings`, never raised. With `untimed_runs=False` a run with no
    passings and no flags is no session (`_timed_runs`); by default every run is one, as a
    follower of the live feed makes them.
    """
    parsed = parse_lines(lines)
    warnings = list(parsed.warnings)
    parts = split_runs(parsed.records)
    feed_date = date or _first_date(parsed.records, warnings)
    tables = car_tables(parts)
    lines_used = _finish_lines(parts, tables, finish_lines, warnings)
    dates = [date or (part.init.date if part.init else feed_date) for part in parts]
    facts, untimed = _timed_runs(parts, tables, dates, lines_used, warnings, untimed_runs)
    entries = _entries(facts, warnings, untimed)
    for run in facts:
        warnings.extend(run.warnings)
    return RMonitorFeed(
        _event(event_id, name, feed_date, min_lap_s, facts),
        entries,
        _unique(p for run in facts for p in run.passings),
        tuple(flag for run in facts for flag in run.flags),
        tuple(run.run for run in facts),
        lines_used,
        tuple(warnings),
    )


def read_feed_file(path: Path, event_id: str, date: str | None = None, **options) -> RMonitorFeed:
    """`read_feed` of a recorded feed file (read as bytes, decoded per line as cp1252)."""
    with path.open("rb") as handle:
        return read_feed(handle, event_id, date, **options)


def _first_date(records: tuple[Record, ...], warnings: list[FeedWarning]) -> str:
    """The first `$I` or `$L` date; else 1970-01-01, with a warning."""
    found = next((r.date for r in records if isinstance(r, Init | Crossing)), None)
    if found is None:
        message = f"no date given and none in the feed ($I or $L): times are placed on {NO_DATE}"
        warnings.append(warn(None, message))
    return found or NO_DATE


def _finish_lines(
    parts: list[RunRecords],
    tables: list[Cars],
    given: Collection[str] | None,
    warnings: list[FeedWarning],
) -> frozenset[str]:
    if given is not None:
        return frozenset(given)
    use = TimelineUse()
    for part, cars in zip(parts, tables, strict=True):
        use.count(part.records, cars)
    found = use.finish_lines()
    if use.crossed and not found:
        message = (
            f"no timeline of {sorted(use.crossed)} looks like a finish line ($L crossings "
            f"followed by $J laps): laps come from $J; name finish_lines to use the crossings"
        )
        warnings.append(warn(None, message))
    return found


def _timed_runs(
    parts: list[RunRecords],
    tables: list[Cars],
    dates: list[str],
    lines_used: frozenset[str],
    warnings: list[FeedWarning],
    keep_all: bool,
) -> tuple[list[RunFacts], list[list[Entry]]]:
    """The facts of the runs with passings or flags, numbered `run1`, `run2`, ... in order;
    and, before each of them, the entries of the untimed runs just before it (a run of
    competitor records only is not a session: its cars are entered in the next timed run, or
    the last one; its warnings go to `warnings`). With `keep_all`, or when no run is timed,
    every run is kept."""
    first = [run_facts(i, p, c, d, lines_used)
             for i, (p, c, d) in enumerate(zip(parts, tables, dates, strict=True), start=1)]
    timed = [i for i, run in enumerate(first) if run.passings or run.flags]
    if keep_all or not timed or len(timed) == len(first):
        return first, [[] for _ in first]
    facts = [run_facts(n, parts[i], tables[i], dates[i], lines_used)
             for n, i in enumerate(timed, start=1)]
    before: list[list[Entry]] = [[] for _ in facts]
    for i in sorted(set(range(len(first))) - set(timed)):
        warnings.extend(first[i].warnings)
        target = next((n for n, t in enumerate(timed) if t > i), len(timed) - 1)
        group = facts[target].run.session_id
        cars = tables[i]
        before[target] += [cars.entry(car, group) for car in cars.by_registration.values()]
    return facts, before


def _entries(
    facts: list[RunFacts], warnings: list[FeedWarning], untimed: list[list[Entry]]
) -> tuple[Entry, ...]:
    """One entry per transponder, from the first run it appears in (untimed runs' entries
    counting as the timed run they are entered in); a number two cars carry is kept by the
    first (see `entry_keys`)."""
    book = EntryBook()
    kept = []
    for run, earlier in zip(facts, untimed, strict=True):
        for entry in [*earlier, *run.entries]:
            admitted, problem = book.admit(entry)
            if problem is not None:
                warnings.append(warn(None, problem))
            if admitted is not None:
                kept.append(admitted)
    return tuple(kept)


def _event(
    event_id: str,
    name: str | None,
    date: str,
    min_lap_s: float,
    facts: list[RunFacts],
) -> EventDef:
    sessions = tuple(
        SessionDef(
            run.run.session_id,
            run.run.description,
            SessionFormat.PRACTICE,
            True,
            (run.run.session_id,),
        )
        for run in facts
    )
    settings = dict(s for run in facts for s in run.run.settings)
    title = name or next((run.run.description for run in facts if run.run.description), event_id)
    return EventDef(
        event_id,
        title,
        date,
        min_lap_us=round(min_lap_s * 1_000_000),
        track=Track(settings.get("TRACKNAME", "")),
        sessions=sessions,
    )


def _unique(passings: Iterable[Passing]) -> tuple[Passing, ...]:
    """Each passing once (a feed may repeat a record), in feed order."""
    seen: set[str] = set()
    unique = []
    for passing in passings:
        if passing.identity not in seen:
            seen.add(passing.identity)
            unique.append(passing)
    return tuple(unique)
