"""One scoreboard connected to the RMonitor server: its own queue of bytes and writer task, so a
slow or dead client never holds up the others; it is dropped instead.

A client is dropped when its queue would pass `max_backlog_bytes` (it reads slower than the
feed is written), when a write does not drain within `write_timeout_s`, when its connection
fails, or when it closes its side.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ClientLimits:
    max_backlog_bytes: int = 256 * 1024
    write_timeout_s: float = 10.0
    send_buffer_bytes: int | None = 64 * 1024
    """The kernel's send buffer for each client (None: the system's own, which may grow to
    megabytes before a stuck client is noticed)."""


DEFAULT_LIMITS = ClientLimits()


class ScoreboardClient:
    """A connected client: `send` queues bytes (never waits); `run` writes them until the
    client is dropped, then calls `on_drop`."""

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        limits: ClientLimits,
        on_drop: Callable[[ScoreboardClient], object],
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.limits = limits
        self.on_drop = on_drop
        self.peer = writer.get_extra_info("peername")
        self.queue: deque[bytes] = deque()
        self.backlog = 0
        self.ready = asyncio.Event()
        self.dropped = False
        self.reason = ""
        self.tasks: list[asyncio.Task] = []
        _limit_send_buffer(writer, limits.send_buffer_bytes)

    def start(self) -> None:
        self.tasks = [asyncio.create_task(self._write()), asyncio.create_task(self._watch())]

    def send(self, data: bytes) -> None:
        if self.dropped or not data:
            return
        if self.backlog + len(data) > self.limits.max_backlog_bytes:
            self.drop(f"too slow: over {self.limits.max_backlog_bytes} bytes waiting")
            return
        self.queue.append(data)
        self.backlog += len(data)
        self.ready.set()

    def drop(self, reason: str) -> None:
        """Close the connection at once (unsent data is discarded) and forget the client."""
        if self.dropped:
            return
        self.dropped, self.reason = True, reason
        log.info("RMonitor client %s dropped: %s", self.peer, reason)
        self.writer.transport.abort()
        for task in self.tasks:
            if task is not asyncio.current_task():
                task.cancel()
        self.on_drop(self)

    async def close(self) -> None:
        """Stop at the server's shutdown: what is queued is flushed briefly, then closed."""
        for task in self.tasks:
            task.cancel()
        with contextlib.suppress(Exception):
            self.writer.write(b"".join(self.queue))
            await asyncio.wait_for(self.writer.drain(), 1.0)
        self.writer.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.writer.wait_closed(), 1.0)

    async def _write(self) -> None:
        while not self.dropped:
            await self.ready.wait()
            self.ready.clear()
            data = b"".join(self.queue)
            self.queue.clear()
            self.backlog = 0
            try:
                self.writer.write(data)
                await asyncio.wait_for(self.writer.drain(), self.limits.write_timeout_s)
            except TimeoutError:
                self.drop(f"too slow: a write did not drain in {self.limits.write_timeout_s} s")
            except (ConnectionError, OSError) as err:
                self.drop(f"connection failed: {err}")

    async def _watch(self) -> None:
        """Read (and ignore) what the client sends, to notice when it goes away."""
        try:
            while await self.reader.read(4096):
                pass
        except (ConnectionError, OSError):
            pass
        self.drop("closed by the client")


def _limit_send_buffer(writer: asyncio.StreamWriter, size: int | None) -> None:
    sock = writer.get_extra_info("socket")
    if size is not None and sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, size)
