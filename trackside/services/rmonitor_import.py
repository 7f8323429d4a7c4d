"""Recorded Orbits RMonitor feeds into the database (`trackside rmonitor import`), and the
event definition and entries a feed, recorded or live, adds to an event.

An import is one transaction: the event is created if missing (else its definition gains the
feed's sessions), then entries, flags and passings are added. What is stored already is kept,
so importing the same feed again changes nothing.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from trackside.core.records import Entry
from trackside.errors import InputError
from trackside.store.database import writing
from trackside.store.entries import replace_entries, stored_entries
from trackside.store.events import save_event, stored_definition
from trackside.store.journal import append_flags, append_passings
from trackside.timing.event_file import EVENT_ID, parse_event_definition
from trackside.timing.rmonitor import RMonitorFeed, read_feed_file
from trackside.timing.rmonitor.entry_keys import EntryBook
from trackside.timing.rmonitor.live_run import FollowedRun

RUN_KEY = "rmonitor_run"
"""Key of a session table in the stored definition: the `$B` unique number of its run."""


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """What a feed says of its event; None and "" leave the stored definition as it is."""

    id: str
    name: str
    date: str
    runs: tuple[FollowedRun, ...] = ()
    track_name: str = ""
    start_finish_loop: str | None = None
    min_lap_s: float | None = None


@dataclass(frozen=True, slots=True)
class RMonitorImport:
    """What an import did."""

    event_id: str
    event_created: bool
    event_changed: bool
    """The definition gained sessions or details (or was created)."""
    sessions: tuple[str, ...]
    sessions_added: tuple[str, ...]
    entries_added: int
    flags_added: int
    passings_added: int
    passings_present: int
    warnings: tuple[str, ...]


def import_rmonitor(
    engine: Engine,
    path: Path | str,
    event_id: str,
    *,
    date: str | None = None,
    min_lap_s: float | None = None,
    finish_lines: Collection[str] | None = None,
) -> RMonitorImport:
    """Replay a recorded feed into the event (created when missing), in one transaction."""
    path = Path(path)
    check_event_id(event_id)
    check_options(date, min_lap_s)
    feed = _read(path, event_id, date, min_lap_s, finish_lines)
    author = f"rmonitor {path.name}"
    with writing(engine) as conn:
        created, changed, sessions_added = record_event(conn, _feed_event(feed, min_lap_s),
                                                        author)
        entries_added, entry_warnings = add_entries(conn, event_id, feed.entries, author)
        flags_added = append_flags(conn, event_id, feed.flags, author)
        passings_added = append_passings(conn, event_id, [(p, None) for p in feed.passings])
    return RMonitorImport(
        event_id,
        created,
        changed,
        tuple(run.session_id for run in feed.runs),
        sessions_added,
        entries_added,
        flags_added,
        passings_added,
        len(feed.passings) - passings_added,
        tuple(str(w) for w in feed.warnings) + tuple(entry_warnings),
    )


def check_event_id(event_id: str) -> None:
    if not EVENT_ID.match(event_id):
        raise InputError(
            f"event id {event_id!r}: use letters, digits, '.', '_' or '-' (at most 64)",
            source="option --event",
        )


def check_options(date: str | None, min_lap_s: float | None) -> None:
    """InputError for a --date that is not an ISO date or a --min-lap-s not above 0."""
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise InputError(f"expected a date like 2026-05-16, got {date!r}",
                             source="option --date") from None
    if min_lap_s is not None and min_lap_s <= 0:
        raise InputError(f"must be greater than 0, got {min_lap_s:g}", source="option --min-lap-s")


def _read(
    path: Path,
    event_id: str,
    date: str | None,
    min_lap_s: float | None,
    finish_lines: Collection[str] | None,
) -> RMonitorFeed:
    options: dict[str, Any] = {"finish_lines": finish_lines, "untimed_runs": False}
    if min_lap_s is not None:
        options["min_lap_s"] = min_lap_s
    try:
        feed = read_feed_file(path, event_id, date, **options)
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", source=str(path)) from None
    if not feed.runs:
        raise InputError("no RMonitor records in the file (lines like $F,... $A,... $L,...)",
                         source=str(path))
    return feed


def _feed_event(feed: RMonitorFeed, min_lap_s: float | None) -> FeedEvent:
    event = feed.event
    lines = sorted(feed.finish_lines)
    return FeedEvent(
        event.id,
        event.name,
        event.date,
        tuple(FollowedRun(r.session_id, r.unique_number, r.description) for r in feed.runs),
        event.track.name,
        lines[0] if len(lines) == 1 else None,
        min_lap_s,
    )


# --- the event definition ----------------------------------------------------------------------


def record_event(
    conn: Connection, feed: FeedEvent, author: str
) -> tuple[bool, bool, tuple[str, ...]]:
    """Create the event, or add to its definition the sessions it lacks (and fill in what it
    leaves blank), a new version by `author`: whether it was created, whether its definition
    changed, the sessions added."""
    stored = stored_definition(conn, feed.id)
    definition = _merged(stored, feed) if stored is not None else definition_of(feed)
    known = {s.get("id") for s in (stored or {}).get("session", [])}
    added = tuple(r.session_id for r in feed.runs if r.session_id not in known)
    if definition != stored:
        save_event(conn, parse_event_definition(definition, source=f"event {feed.id}"),
                   definition, author)
    return stored is None, definition != stored, added


def definition_of(feed: FeedEvent) -> dict[str, Any]:
    """A new event's definition, as an event file would give it: one practice session per
    run (its group named after it)."""
    track: dict[str, Any] = {"name": feed.track_name}
    if feed.start_finish_loop:
        track["start_finish_loop"] = feed.start_finish_loop
    event: dict[str, Any] = {"id": feed.id, "name": feed.name or feed.id, "date": feed.date}
    if feed.min_lap_s is not None:
        event["min_lap_s"] = feed.min_lap_s
    return {"event": event, "track": track, "session": [_session(r) for r in feed.runs]}


def _session(run: FollowedRun) -> dict[str, Any]:
    table: dict[str, Any] = {
        "id": run.session_id,
        "name": run.description or run.session_id,
        "format": "practice",
        "groups": [run.session_id],
    }
    if run.unique_number is not None:
        table[RUN_KEY] = run.unique_number
    return table


def _merged(stored: dict[str, Any], feed: FeedEvent) -> dict[str, Any]:
    definition = copy.deepcopy(stored)
    event = definition.setdefault("event", {})
    if event.get("name") == feed.id and feed.name and feed.name != feed.id:
        event["name"] = feed.name
    if feed.min_lap_s is not None:
        event["min_lap_s"] = feed.min_lap_s
    if feed.track_name and not definition.get("track", {}).get("name"):
        definition.setdefault("track", {})["name"] = feed.track_name
    by_id = {s.get("id"): s for s in definition.get("session", [])}
    for run in feed.runs:
        if run.session_id in by_id:
            _fill_session(by_id[run.session_id], run)
        else:
            definition.setdefault("session", []).append(_session(run))
    return definition


def _fill_session(table: dict[str, Any], run: FollowedRun) -> None:
    """A session's name and run number, where the stored definition has none."""
    if table.get("name") in (None, "", table.get("id")) and run.description:
        table["name"] = run.description
    if RUN_KEY not in table and run.unique_number is not None:
        table[RUN_KEY] = run.unique_number


# --- entries -----------------------------------------------------------------------------------


def add_entries(
    conn: Connection, event_id: str, entries: Iterable[Entry], author: str
) -> tuple[int, list[str]]:
    """Add the feed's entries the event lacks (`EntryBook`: an entered transponder stays as it
    is, a number taken by another transponder is renumbered), by `author`; how many, and the
    warnings."""
    book = EntryBook(transponders_by_number(conn, event_id))
    rows, warnings = [], []
    for entry in entries:
        admitted, problem = book.admit(entry)
        if problem is not None:
            warnings.append(problem)
        if admitted is not None:
            rows.append(entry_row(admitted))
    replace_entries(conn, event_id, rows, author)
    return len(rows), warnings


def transponders_by_number(conn: Connection, event_id: str) -> dict[str, str]:
    return {n: row["transponder"] for n, row in stored_entries(conn, event_id).items()}


def entry_row(entry: Entry) -> dict[str, Any]:
    """Column values of a feed's entry (registration and nationality kept as extra data)."""
    return {
        "number": entry.number,
        "transponder": entry.transponder,
        "first_name": entry.first_name,
        "last_name": entry.last_name,
        "car_class": entry.car_class,
        "run_group": entry.group,
        "extra": dict(entry.extra),
    }

