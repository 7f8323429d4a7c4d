"""`trackside serve`: the web server, the live engine, and what feeds and reads it, in one
process: an optional P3 decoder client (passings into the journal) and the RMonitor output
server (results out to scoreboards). Every part stops when `stop` is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from sqlalchemy import Engine

from trackside.core.records import EventFacts
from trackside.core.scoring import Scored
from trackside.errors import InputError
from trackside.live.decoder_recorder import ClockMode, run_decoder_client
from trackside.live.hub import LiveHub
from trackside.live.rmonitor_server import local_now_us, serve_rmonitor
from trackside.live.supervisor import supervise
from trackside.services import list_events
from trackside.web import links
from trackside.web.app import create_app

GRACEFUL_S = 2
DEFAULT_RMONITOR_PORT = 50000

log = logging.getLogger(__name__)

Extra = Callable[[LiveHub, asyncio.Event], Awaitable[object]]
"""Another part to run beside the server (the live demo's simulator and race control)."""


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    event_id: str | None = None
    decoder: tuple[str, int] | None = None
    loops: dict[str, str] = field(default_factory=dict)
    rmonitor_port: int | None = DEFAULT_RMONITOR_PORT
    """None or 0: no RMonitor output."""
    clock: str = "local"
    """The decoder client's clock mode (`timing/p3/clock_map.py`)."""
    publish_dir: Path | None = None
    """Where the console's Publish writes an event's site (`DIR/EVENT`); None: no Publish."""


@dataclass(frozen=True)
class Running:
    """What `serve` started, for the banner: addresses and the parts left out."""

    url: str
    live_url: str
    notes: tuple[str, ...]


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0: a free one); InputError naming the option when taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port}: {err.strerror}",
                         source="option --port") from None  # fmt: skip
    sock.listen(2048)
    sock.setblocking(False)
    return sock


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: `serve`'s caller owns Ctrl-C (`stop`)."""

    def capture_signals(self):  # type: ignore[no-untyped-def, override]
        return contextlib.nullcontext()


GC_THRESHOLD = (50_000, 20, 100)


def _calm_garbage_collector() -> None:
    """Keep the cycle collector out of the way of live updates: what is loaded at start-up
    (the event's facts, the code) moves to the permanent generation, and young collections
    run every 50,000 allocations instead of 700. A full collection over ~100 MB of small
    objects otherwise stalls the event loop for tens of milliseconds (p99 latency)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


async def serve(
    engine: Engine,
    options: ServeOptions,
    stop: asyncio.Event,
    *,
    extras: Sequence[Extra] = (),
    on_ready: Callable[[Running], object] | None = None,
) -> None:
    """Run everything until `stop` is set (or the web server ends)."""
    hub = LiveHub(engine)
    app = create_app(hub=hub)
    app.state.publish_dir = options.publish_dir
    if options.event_id is not None:
        await asyncio.to_thread(hub.follow, options.event_id)
        hub.hold(options.event_id)
    _calm_garbage_collector()
    sock = bind(options.host, options.port)
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=GRACEFUL_S,
                            access_log=False)  # fmt: skip
    server = _Server(config)
    notes: list[str] = []
    parts = [_supervised("decoder", _decoder_part(options, notes)),
             _supervised("rmonitor", _rmonitor_part(engine, options, notes)), *extras]
    tasks = [asyncio.create_task(part(hub, stop)) for part in parts if part is not None]
    for task in tasks:
        task.add_done_callback(_report_failure)
    web = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        await _until_started(server, web)
        if on_ready is not None:
            on_ready(_running(sock, options, notes))
        await _until_stopped(stop, web)
    finally:
        stop.set()
        app.state.feeds.close_all()
        server.should_exit = True
        await _finish([web, *tasks])
        sock.close()


async def _until_started(server: uvicorn.Server, web: asyncio.Task) -> None:
    while not server.started and not web.done():
        await asyncio.sleep(0.02)
    if web.done():
        web.result()


async def _until_stopped(stop: asyncio.Event, web: asyncio.Task) -> None:
    stopping = asyncio.create_task(stop.wait())
    await asyncio.wait({stopping, web}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()


async def _finish(tasks: list[asyncio.Task]) -> None:
    done, pending = await asyncio.wait(tasks, timeout=GRACEFUL_S + 3)
    for task in pending:
        task.cancel()
    for task in [*done, *pending]:
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task


def _report_failure(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        error = task.exception()
        log.error("trackside serve: a part stopped: %s", error, exc_info=error)


def _running(sock: socket.socket, options: ServeOptions, notes: list[str]) -> Running:
    host, port = sock.getsockname()[:2]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"http://{f'[{shown}]' if ':' in shown else shown}:{port}"
    live = base + (links.live_page(options.event_id) if options.event_id else "/")
    return Running(base + "/", live, tuple(notes))


# --- the parts beside the web server ------------------------------------------------------


def _supervised(name: str, part: Extra | None) -> Extra | None:
    """The part restarted with back-off whenever it stops (`live/supervisor.py`), its state
    on the live pages (`hub.parts`)."""
    if part is None:
        return None

    async def run(hub: LiveHub, stop: asyncio.Event) -> None:
        await supervise(name, lambda: part(hub, stop), hub.parts, stop)

    return run



def _decoder_part(options: ServeOptions, notes: list[str]) -> Extra | None:
    if options.decoder is None:
        return None
    if options.event_id is None:
        raise InputError("--decoder needs --event (the event its passings belong to)",
                         source="option --decoder")  # fmt: skip
    host, port = options.decoder
    event_id = options.event_id
    notes.append(f"decoder: following {host}:{port} for {event_id}")

    async def follow(hub: LiveHub, stop: asyncio.Event) -> object:
        return await run_decoder_client(hub.engine, event_id, host, port, stop=stop,
                                        on_passing=lambda _passing: hub.nudge(),
                                        loops=options.loops,
                                        clock=ClockMode(options.clock),
                                        on_state=lambda state, why: hub.parts.set(
                                            "decoder", state, why))  # fmt: skip

    return follow


def _rmonitor_part(engine: Engine, options: ServeOptions, notes: list[str]) -> Extra | None:
    if not options.rmonitor_port:
        return None
    event_id = options.event_id or _newest_event(engine)
    if event_id is None:
        notes.append("RMonitor output: off (no event; give --event)")
        return None
    port = options.rmonitor_port
    if not _port_free(options.host, port):
        notes.append(f"RMonitor output: off (port {port} is in use; give --rmonitor-port)")
        return None
    notes.append(f"RMonitor output: {options.host}:{port} ({event_id})")

    async def feed(hub: LiveHub, stop: asyncio.Event) -> None:
        def track_now() -> int:
            latest = hub.latest(event_id)
            track_us = latest.track_us() if latest is not None else None
            return track_us if track_us is not None else local_now_us()

        await serve_rmonitor(_facts_and_results(hub, event_id), options.host, port, stop=stop,
                             clock=track_now)  # fmt: skip

    return feed


async def _facts_and_results(hub: LiveHub, event_id: str) -> AsyncIterator[tuple[EventFacts,
                                                                                   Scored]]:
    async for snapshot in hub.snapshots(event_id):
        yield snapshot.facts, snapshot.scored


def _port_free(host: str, port: int) -> bool:
    try:
        bind(host, port).close()
    except InputError:
        return False
    return True


def _newest_event(engine: Engine) -> str | None:
    events = list_events(engine)
    return events[0].id if events else None
