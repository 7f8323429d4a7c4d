"""A live RMonitor feed into the journal (`trackside rmonitor connect`).

`record_feed` follows the feed over TCP (`rmonitor_feed_client`) and stores what each line makes
known (`FeedFollower`) through `services/rmonitor_journal.py`: the line's passings are committed
first, in a transaction of their own, before anything else is done with the line (sessions,
entries and flags follow in a second one, then `on_passing` hears of the new passings). The
event is created if missing; a restarted follower continues the event's last run `run<N>` (see
docs/rmonitor.md).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection
from dataclasses import dataclass

from sqlalchemy import Engine

from trackside.core.records import Passing
from trackside.live.rmonitor_feed_client import (
    DEFAULT_BACKOFF,
    DEFAULT_PORT,
    Backoff,
    OnEvent,
    follow_feed,
)
from trackside.services.rmonitor_import import check_event_id, check_options
from trackside.services.rmonitor_journal import (
    begin_follow,
    record_feed_details,
    record_feed_passings,
)
from trackside.timing.rmonitor.follow import FeedFollower, FeedUpdate

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
        self.stats.passings += record_feed_passings(self.engine, self.event_id, passings)

    def _definitions_and_flags(self, update: FeedUpdate) -> None:
        recorded = record_feed_details(self.engine, self.event_id, update, self.author)
        self.stats.entries += recorded.entries
        self.stats.flags += recorded.flags
        for note in recorded.notes:
            self.on_event(note)

    def _report(self, passing: Passing) -> None:
        if self.on_passing is not None:
            self.on_passing(passing)
