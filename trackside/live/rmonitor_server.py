"""The RMonitor output server: existing scoreboards and relays (Race Monitor, RaceHero) connect
over TCP (default port 50000) and are shown trackside's live results as Orbits would show them.

On connecting a client gets the full state (`$I`, `$B`, `$C`, `$A`/`$COMP`, `$G`, `$H`, `$F`);
then, for each new snapshot of results, what changed (`$F` flag changes, `$A`/`$COMP`, `$J` per
new lap, `$G`/`$H`), and a `$F` heartbeat every `heartbeat_s` with the session clock and flag.
Lines end CR LF, in cp1252. Every client has its own queue (`scoreboard_clients`): a slow or dead
one is dropped and never holds up the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import datetime

from trackside.core.clock import parse_local_time
from trackside.core.records import EventFacts
from trackside.core.scoring import Scored
from trackside.live.rmonitor_board import Board, board_of
from trackside.live.rmonitor_lines import changed_lines, full_lines, heartbeat
from trackside.live.scoreboard_clients import DEFAULT_LIMITS, ClientLimits, ScoreboardClient
from trackside.timing.rmonitor.write import encode

log = logging.getLogger(__name__)

DEFAULT_PORT = 50000
Snapshot = tuple[EventFacts, Scored]
Clock = Callable[[], int]


def local_now_us() -> int:
    """The local wall-clock time as a trackside time (microseconds since 1970, naive)."""
    return parse_local_time(datetime.now().isoformat())


class RMonitorServer:
    """A running RMonitor server: `start`, then `publish` each snapshot, then `close`."""

    def __init__(
        self,
        host: str = "0.0.0.0",
        port: int = DEFAULT_PORT,
        *,
        heartbeat_s: float = 1.0,
        clock: Clock = local_now_us,
        limits: ClientLimits = DEFAULT_LIMITS,
    ) -> None:
        self.host, self.port = host, port
        self.heartbeat_s = heartbeat_s
        self.clock = clock
        self.limits = limits
        self.board: Board | None = None
        self.clients: set[ScoreboardClient] = set()
        self._server: asyncio.Server | None = None
        self._beating: asyncio.Task | None = None

    async def start(self) -> int:
        """Listen; the port listened on (useful with port 0)."""
        self._server = await asyncio.start_server(self._accept, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        self._beating = asyncio.create_task(self._heartbeats())
        log.info("RMonitor server on %s:%d", self.host, self.port)
        return self.port

    def publish(self, facts: EventFacts, scored: Scored) -> None:
        """Show every client what changed since the last snapshot."""
        board = board_of(facts, scored)
        now = self.clock()
        lines = full_lines(board, now) if self.board is None else changed_lines(
            self.board, board, now)
        self.board = board
        self._broadcast(lines)

    async def close(self) -> None:
        if self._beating is not None:
            self._beating.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._beating
        if self._server is not None:
            self._server.close()
        await asyncio.gather(*(client.close() for client in list(self.clients)))
        self.clients.clear()
        if self._server is not None:
            await self._server.wait_closed()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        client = ScoreboardClient(reader, writer, self.limits, self.clients.discard)
        self.clients.add(client)
        log.info("RMonitor client %s connected", client.peer)
        if self.board is not None:
            client.send(_encoded(full_lines(self.board, self.clock())))
        client.start()

    def _broadcast(self, lines: Iterable[str]) -> None:
        data = _encoded(lines)
        for client in list(self.clients):
            client.send(data)

    async def _heartbeats(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat_s)
            if self.board is not None:
                self._broadcast([heartbeat(self.board, self.clock())])


def _encoded(lines: Iterable[str]) -> bytes:
    return b"".join(encode(line) for line in lines)


async def serve_rmonitor(
    snapshots: AsyncIterator[Snapshot],
    host: str = "0.0.0.0",
    port: int = DEFAULT_PORT,
    *,
    heartbeat_s: float = 1.0,
    stop: asyncio.Event | None = None,
    clock: Clock = local_now_us,
    limits: ClientLimits = DEFAULT_LIMITS,
) -> None:
    """Serve RMonitor to scoreboards, each snapshot of results as it comes, until `stop` is
    set (without `stop`: until the snapshots end)."""
    server = RMonitorServer(host, port, heartbeat_s=heartbeat_s, clock=clock, limits=limits)
    await server.start()
    try:
        await _publish_all(server, snapshots, stop)
    finally:
        await server.close()


async def _publish_all(
    server: RMonitorServer, snapshots: AsyncIterator[Snapshot], stop: asyncio.Event | None
) -> None:
    publishing = asyncio.create_task(_publish_each(server, snapshots))
    if stop is None:
        await publishing
        return
    stopping = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({publishing, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if publishing.done():
            publishing.result()
            await stopping
    finally:
        for task in (publishing, stopping):
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await publishing


async def _publish_each(server: RMonitorServer, snapshots: AsyncIterator[Snapshot]) -> None:
    async for facts, scored in snapshots:
        server.publish(facts, scored)
