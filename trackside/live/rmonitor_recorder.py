"""A live RMonitor feed into the journal (`trackside rmonitor connect`).

`record_feed` follows the feed over TCP (`rmonitor_feed_client`) and stores what each line makes
known (`FeedFollower`): the line's passings are committed first, in a transaction of their own,
before anything else is done with the line (sessions, entries and flags follow in a second one,
then `on_passing` hears of the new passings). The event is created if missing; a restarted
follower continues the event's last run `run<N>` (see docs/rmonitor.md).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine

from trackside.core.records import Entry, Passing
from trackside.live.rmonitor_feed_client import (
    DEFAULT_BACKOFF,
    DEFAULT_PORT,
    Backoff,
    OnEvent,
    follow_feed,
)
from trackside.services.rmonitor_import import (
    RUN_KEY,
    FeedEvent,
    check_event_id,
    check_options,
    entry_row,
    record_event,
    stored_definition,
    transponders_by_number,
)
from trackside.store.database import writing
from trackside.store.entries import replace_entries
from trackside.store.facts import flags_in
from trackside.store.journal import append_flags, append_passings
from trackside.timing.rmonitor.follow import FeedFollower, FeedUpdate
from trackside.timing.rmonitor.live_run import FollowedRun
from trackside.timing.rmonitor.write import FLAG_TEXT

_RUN_ID = re.compile(r"run(\d+)")

OnPassing = Callable[[Passing], object]


@dataclass(slots=True)
class RecorderStats:
    lines: int = 0
    passings: int = 0
    flags: int = 0
    entries: int = 0
    warnings: int = 0


async def record_feed(
    engine: Engine,
    event_id: str,
    host: str,
    port: int = DEFAULT_PORT,
    *,
    stop: asyncio.Event,
    date: str | None = None,
    min_lap_s: float | None = None,
    finish_lines: Collection[str] | None = None,
    backoff: Backoff = DEFAULT_BACKOFF,
    on_passing: OnPassing | None = None,
    on_event: OnEvent = print,
) -> RecorderStats:
    """Follow the feed at `host:port` into the event until `stop` is set; what was stored."""
    check_event_id(event_id)
    check_options(date, min_lap_s)
    author = f"rmonitor {host}:{port}"
    follower = await asyncio.to_thread(begin_follow, engine, event_id, date, min_lap_s,
                                       finish_lines, author)
    recorder = RMonitorRecorder(engine, event_id, follower, author, on_passing, on_event)
    await follow_feed(host, port, recorder.line, stop=stop, backoff=backoff, on_event=on_event)
    await recorder.finish()
    return recorder.stats


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


class RMonitorRecorder:
    """Stores each line's update: passings first, then sessions, entries and flags."""

    def __init__(
        self,
        engine: Engine,
        event_id: str,
        follower: FeedFollower,
        author: str,
        on_passing: OnPassing | None = None,
        on_event: OnEvent = print,
    ) -> None:
        self.engine = engine
        self.event_id = event_id
        self.follower = follower
        self.author = author
        self.on_passing = on_passing
        self.on_event = on_event
        self.stats = RecorderStats()

    async def line(self, raw: bytes) -> None:
        self.stats.lines += 1
        await self._store(self.follower.feed(raw))

    async def finish(self) -> None:
        """The feed ended: what the follower still held is stored."""
        await self._store(self.follower.finish())

    async def _store(self, update: FeedUpdate) -> None:
        for warning in update.warnings:
            self.stats.warnings += 1
            self.on_event(f"warning: {warning}")
        if update.passings:
            await asyncio.to_thread(self._passings, update.passings)
        if update.runs or update.track_name or update.entries or update.flags:
            await asyncio.to_thread(self._definitions_and_flags, update)
        for passing in update.passings:
            self._report(passing)

    def _passings(self, passings: list[Passing]) -> None:
        with writing(self.engine) as conn:
            self.stats.passings += append_passings(conn, self.event_id,
                                                   [(p, None) for p in passings])

    def _definitions_and_flags(self, update: FeedUpdate) -> None:
        with writing(self.engine) as conn:
            if update.runs or update.track_name:
                record_event(conn, _feed_event(self.event_id, update), self.author)
            for run in update.runs:
                self.on_event(f"session {run.session_id}: {run.description or 'unnamed'}"
                              f" (run {run.unique_number})")
            if update.entries:
                self.stats.entries += self._entries(conn, update.entries)
            self.stats.flags += append_flags(conn, self.event_id, update.flags, self.author)
        for flag in update.flags:
            self.on_event(f"flag {flag.state} in {flag.session_id}")

    def _entries(self, conn: Connection, entries: list[Entry]) -> int:
        """New entries and newer details of this follower's own (how many are new); one whose
        transponder was meanwhile entered under another number is left out, with a warning."""
        stored = transponders_by_number(conn, self.event_id)
        owner = {t: n for n, t in stored.items()}
        rows = []
        for entry in entries:
            other = owner.get(entry.transponder, entry.number)
            if other != entry.number:
                self.on_event(f"warning: car {entry.number!r}: transponder {entry.transponder}"
                              f" is car {other!r} in this event; entry not stored")
                continue
            rows.append(entry_row(entry))
        replace_entries(conn, self.event_id, rows, self.author)
        return sum(1 for row in rows if row["number"] not in stored)

    def _report(self, passing: Passing) -> None:
        if self.on_passing is not None:
            self.on_passing(passing)


def _feed_event(event_id: str, update: FeedUpdate) -> FeedEvent:
    name = next((run.description for run in update.runs if run.description), "")
    return FeedEvent(event_id, name, "", tuple(update.runs), update.track_name or "")
