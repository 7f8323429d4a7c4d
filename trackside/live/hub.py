"""The live engine of a server: follows events through the journal and tells listeners.

One watcher polls the journal for every followed event. Journal reads and result updates run on
one worker thread (the event loop never waits on the database); new snapshots are handed to the
listeners on the event loop. An event is followed from the first time anything asks for it.
Every `AUDIT_S` seconds the stored row counts (read just before a poll) and definitions are
compared with what each event holds; fewer rows held than stored (a concurrent writer committed
rows late, past the watcher's grace) or a changed definition or entry list reloads that event.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress

from sqlalchemy import Engine

from trackside.live.live_event import LiveEvent, LiveSnapshot
from trackside.live.part_status import PartStatus
from trackside.live.watcher import JournalWatcher
from trackside.store import load_facts
from trackside.store.event_fingerprints import Fingerprint, fingerprints

POLL_S = 0.02
AUDIT_S = 2.0
IDLE_S = 600.0
"""An event nobody has asked for or watched for this long is no longer followed."""
ERROR_PAUSE_S = 1.0

log = logging.getLogger(__name__)

Listener = Callable[[LiveSnapshot], None]


class LiveHub:
    """Followed events, their latest snapshots, and the poll loop that keeps them current."""

    def __init__(
        self,
        engine: Engine,
        *,
        poll_s: float = POLL_S,
        audit_s: float = AUDIT_S,
        idle_s: float = IDLE_S,
    ) -> None:
        self.engine = engine
        self.poll_s = poll_s
        self.audit_s = audit_s
        self.idle_s = idle_s
        self._watcher = JournalWatcher(engine)
        self._events: dict[str, LiveEvent] = {}
        self._stored: dict[str, Fingerprint] = {}
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._waiters: dict[str, set[asyncio.Future[None]]] = defaultdict(set)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._next_audit = 0.0
        self._used: dict[str, float] = {}
        self._holds: Counter[str] = Counter()
        self.parts = PartStatus()
        """The state of the parts running beside the web server (`live/supervisor.py`)."""

    # --- reading ---------------------------------------------------------------------------

    def follow(self, event_id: str) -> LiveSnapshot:
        """The event's latest snapshot; loads and starts following it on first use.

        Raises InputError for an unknown event. Blocking (reads the store): call it from a
        worker thread in async code.
        """
        with self._lock:
            live = self._events.get(event_id)
            if live is None:
                live = LiveEvent(event_id, load_facts(self.engine, event_id))
                self._events[event_id] = live
                self._stored.update(self._fingerprints([event_id]))
            self._used[event_id] = time.monotonic()
            return live.snapshot

    def hold(self, event_id: str) -> None:
        """Keep following the event however long nobody asks for it (a live page is open, the
        RMonitor output carries it, `serve --event` names it), until `release`."""
        self._holds[event_id] += 1

    def release(self, event_id: str) -> None:
        self._holds[event_id] -= 1
        self._used[event_id] = time.monotonic()

    def followed(self) -> list[str]:
        return list(self._events)

    def latest(self, event_id: str) -> LiveSnapshot | None:
        """The latest snapshot of a followed event (None if not followed); never blocks."""
        live = self._events.get(event_id)
        return None if live is None else live.snapshot

    def add_listener(self, listener: Listener) -> None:
        """Call `listener(snapshot)` on the event loop for every new snapshot."""
        self._listeners.append(listener)

    async def snapshots(self, event_id: str) -> AsyncIterator[LiveSnapshot]:
        """The event's current snapshot, then each newer one (intermediate ones may be skipped
        when the reader is slower than the journal)."""
        loop = asyncio.get_running_loop()
        snapshot = await asyncio.to_thread(self.follow, event_id)
        self.hold(event_id)
        try:
            yield snapshot
            async for newer in self._newer(event_id, snapshot.version, loop):
                yield newer
        finally:
            self.release(event_id)

    async def _newer(
        self, event_id: str, seen: int, loop: asyncio.AbstractEventLoop
    ) -> AsyncIterator[LiveSnapshot]:
        while True:
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters[event_id].add(waiter)
            try:
                if self._events[event_id].snapshot.version == seen:
                    await waiter
            finally:
                self._waiters[event_id].discard(waiter)
            snapshot = self._events[event_id].snapshot
            if snapshot.version != seen:
                seen = snapshot.version
                yield snapshot

    # --- the loop --------------------------------------------------------------------------

    def nudge(self) -> None:
        """Poll now rather than at the next tick (a decoder client just stored a passing).
        Safe from any thread."""
        loop, wake = self._loop, self._wake
        if loop is None or wake is None:
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            wake.set()
        else:
            loop.call_soon_threadsafe(wake.set)

    async def run(self, stop: asyncio.Event | None = None) -> None:
        """Poll the journal until `stop` is set (or the task is cancelled)."""
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        worker = ThreadPoolExecutor(1, thread_name_prefix="trackside-live")
        try:
            while stop is None or not stop.is_set():
                self._wake.clear()
                try:
                    snapshots = await self._loop.run_in_executor(worker, self.poll_once)
                except Exception:  # a locked or vanished database must not end live timing
                    log.exception("live engine: reading the journal failed; retrying")
                    await asyncio.sleep(ERROR_PAUSE_S)
                    continue
                for snapshot in snapshots:
                    self._publish(snapshot)
                with suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.poll_s)
        finally:
            worker.shutdown(wait=False)

    def poll_once(self) -> list[LiveSnapshot]:
        """Read new journal rows and update the followed events; their new snapshots."""
        with self._lock:
            wall = time.monotonic()
            stored = self._audit_due(wall)
            rows = self._watcher.poll()
            changed = {}
            for event_id, new in rows.items():
                live = self._events.get(event_id)
                snapshot = live.apply(new, wall) if live else None
                if snapshot is not None:
                    changed[event_id] = snapshot
            if stored:
                changed.update(self._reload_stale(stored))
                self._forget_idle(wall)
            return list(changed.values())

    def _publish(self, snapshot: LiveSnapshot) -> None:
        for listener in self._listeners:
            try:
                listener(snapshot)
            except Exception:
                log.exception("live engine: a listener failed")
        for waiter in self._waiters.pop(snapshot.event_id, set()):
            if not waiter.done():
                waiter.set_result(None)

    # --- audit -----------------------------------------------------------------------------

    def _fingerprints(self, event_ids: list[str]) -> dict[str, Fingerprint]:
        with self.engine.connect() as conn:
            return fingerprints(conn, event_ids)

    def _audit_due(self, wall: float) -> dict[str, Fingerprint]:
        """The stored fingerprints of every followed event, when an audit is due."""
        if wall < self._next_audit or not self._events:
            return {}
        self._next_audit = wall + self.audit_s
        return self._fingerprints(list(self._events))

    def _forget_idle(self, wall: float) -> None:
        for event_id in list(self._events):
            idle = wall - self._used.get(event_id, wall) >= self.idle_s
            if idle and self._holds[event_id] <= 0:
                log.info("live engine: no longer following %s (idle)", event_id)
                del self._events[event_id], self._stored[event_id]

    def _reload_stale(self, stored: dict[str, Fingerprint]) -> dict[str, LiveSnapshot]:
        """Reload events holding fewer rows than the store had before the last poll, or whose
        definitions or entries changed."""
        reloaded = {}
        for event_id, print_ in stored.items():
            live = self._events[event_id]
            stored_counts = (print_.passings, print_.flags, print_.decisions)
            missed = any(h < s for h, s in zip(live.counts(), stored_counts, strict=True))
            if not missed and print_.definitions == self._stored[event_id].definitions:
                continue
            log.info("live engine: reloading %s from the store", event_id)
            reloaded[event_id] = live.reload(load_facts(self.engine, event_id))
            self._stored[event_id] = print_
        return reloaded
