"""What the live RMonitor recorder writes to the journal, each in a transaction of its own: the
event and a follower to resume it, a line's passings, and a line's sessions, entries and flags.

Passings are committed first, before anything else is done with their line (see
``live/rmonitor_recorder.py`` and ``docs/rmonitor.md``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine

from trackside.core.records import Entry, Passing
from trackside.services.rmonitor_import import (
    RUN_KEY,
    FeedEvent,
    entry_row,
    record_event,
    transponders_by_number,
)
from trackside.store.database import writing
from trackside.store.entries import replace_entries
from trackside.store.events import stored_definition
from trackside.store.facts import flags_in
from trackside.store.journal import append_flags, append_passings
from trackside.timing.rmonitor.follow import FeedFollower, FeedUpdate
from trackside.timing.rmonitor.live_run import FollowedRun
from trackside.timing.rmonitor.write import FLAG_TEXT

_RUN_ID = re.compile(r"run(\d+)")


@dataclass(slots=True)
class FeedRecorded:
    """What storing a line's sessions, entries and flags did, and the notes for the operator
    (in the order things were stored)."""

    entries: int = 0
    flags: int = 0
    notes: list[str] = field(default_factory=list)


def begin_follow(
    engine: Engine,
    event_id: str,
    date: str | None = None,
    min_lap_s: float | None = None,
    finish_lines: Collection[str] | None = None,
    author: str = "rmonitor",
) -> FeedFollower:
    """Create the event if missing (dated `date`, else today; by `author`, the feed); a
    follower that knows its entries and continues its last run."""
    with writing(engine) as conn:
        day = date or dt.date.today().isoformat()
        record_event(conn, FeedEvent(event_id, event_id, day, min_lap_s=min_lap_s), author)
        definition = stored_definition(conn, event_id) or {}
        resume, next_run = _last_run(definition.get("session", []))
        return FeedFollower(
            definition.get("event", {}).get("date", day),
            date=date,
            finish_lines=finish_lines,
            entered=transponders_by_number(conn, event_id),
            resume=resume,
            resume_flag=_last_flag(conn, event_id, resume),
            next_run=next_run,
        )


def _last_run(sessions: Iterable[dict]) -> tuple[FollowedRun | None, int]:
    """The stored session `run<N>` with the highest N, and N + 1."""
    runs = [(int(m.group(1)), s) for s in sessions if (m := _RUN_ID.fullmatch(s.get("id", "")))]
    if not runs:
        return None, 1
    number, table = max(runs, key=lambda run: run[0])
    name = table.get("name", "")
    described = "" if name == table["id"] else name
    return FollowedRun(table["id"], table.get(RUN_KEY), described), number + 1


def _last_flag(conn: Connection, event_id: str, run: FollowedRun | None) -> str:
    """Orbits' text of the last flag stored for the run (blank for none)."""
    if run is None:
        return ""
    flags = [f for f in flags_in(conn, event_id) if f.session_id == run.session_id]
    return FLAG_TEXT[flags[-1].state] if flags else ""


def record_feed_passings(engine: Engine, event_id: str, passings: Sequence[Passing]) -> int:
    """One transaction: a line's passings; how many were new."""
    with writing(engine) as conn:
        return append_passings(conn, event_id, [(p, None) for p in passings])


def record_feed_details(
    engine: Engine, event_id: str, update: FeedUpdate, author: str
) -> FeedRecorded:
    """One transaction: the sessions, track name, entries and flags a line made known."""
    recorded = FeedRecorded()
    with writing(engine) as conn:
        if update.runs or update.track_name:
            record_event(conn, _feed_event(event_id, update), author)
        recorded.notes += [f"session {run.session_id}: {run.description or 'unnamed'}"
                           f" (run {run.unique_number})" for run in update.runs]  # fmt: skip
        if update.entries:
            recorded.entries = _entries(conn, event_id, update.entries, author, recorded.notes)
        recorded.flags = append_flags(conn, event_id, update.flags, author)
    recorded.notes += [f"flag {flag.state} in {flag.session_id}" for flag in update.flags]
    return recorded


def _entries(
    conn: Connection, event_id: str, entries: list[Entry], author: str, notes: list[str]
) -> int:
    """New entries and newer details of the follower's own, by `author` (how many are new);
    one whose transponder was meanwhile entered under another number is left out, with a
    warning."""
    stored = transponders_by_number(conn, event_id)
    owner = {t: n for n, t in stored.items()}
    rows = []
    for entry in entries:
        other = owner.get(entry.transponder, entry.number)
        if other != entry.number:
            notes.append(f"warning: car {entry.number!r}: transponder {entry.transponder}"
                         f" is car {other!r} in this event; entry not stored")
            continue
        rows.append(entry_row(entry))
    replace_entries(conn, event_id, rows, author)
    return sum(1 for row in rows if row["number"] not in stored)


def _feed_event(event_id: str, update: FeedUpdate) -> FeedEvent:
    name = next((run.description for run in update.runs if run.description), "")
    return FeedEvent(event_id, name, "", tuple(update.runs), update.track_name or "")
