"""A TCP client that follows an RMonitor feed line by line, reconnecting with backoff.

Each complete line (ended by LF, CR LF accepted) is handed to `on_line` and awaited before the
next is read. A line cut off by a lost connection is dropped (a cut `$J` would read as a wrong
time), and a line longer than 64 KiB is skipped; both are reported through `on_event`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

log = logging.getLogger(__name__)

DEFAULT_PORT = 50000
CONNECT_TIMEOUT_S = 5.0

OnLine = Callable[[bytes], Awaitable[object]]
OnEvent = Callable[[str], object]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Backoff:
    """Seconds to wait before reconnecting: `first_s`, doubling up to `max_s`; back to
    `first_s` after a connection that brought lines."""

    first_s: float = 0.5
    max_s: float = 10.0

    def after(self, delay: float) -> float:
        return min(delay * 2, self.max_s)


DEFAULT_BACKOFF = Backoff()


def _log_event(message: str) -> None:
    log.info("%s", message)


async def follow_feed(
    host: str,
    port: int,
    on_line: OnLine,
    *,
    stop: asyncio.Event,
    backoff: Backoff = DEFAULT_BACKOFF,
    on_event: OnEvent = _log_event,
) -> None:
    """Follow the feed at `host:port` until `stop` is set. `stop` is looked at while waiting
    (to connect, for a line, to reconnect), never while a line is handled; an exception of
    `on_line` ends the follow."""
    delay = backoff.first_s
    while not stop.is_set():
        lines = await _connection(host, port, on_line, on_event, stop)
        if stop.is_set():
            return
        delay = backoff.first_s if lines else backoff.after(delay)
        on_event(f"reconnecting to {host}:{port} in {delay:g} s")
        await _until(stop, asyncio.sleep(delay))


async def _until(stop: asyncio.Event, waiting: Awaitable[T]) -> T | None:
    """The result of `waiting`, or None (and `waiting` cancelled) once `stop` is set."""
    task = asyncio.ensure_future(waiting)
    stopper = asyncio.ensure_future(stop.wait())
    await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    stopper.cancel()
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, OSError, ValueError):
            await task
        return None
    return task.result()


async def _connection(
    host: str, port: int, on_line: OnLine, on_event: OnEvent, stop: asyncio.Event
) -> int:
    """One connection: its lines handed on until it ends; how many there were."""
    try:
        opened = await _until(
            stop, asyncio.wait_for(asyncio.open_connection(host, port), CONNECT_TIMEOUT_S)
        )
    except (OSError, TimeoutError) as err:
        on_event(f"cannot connect to {host}:{port}: {err or type(err).__name__}")
        return 0
    if opened is None:
        return 0
    reader, writer = opened
    on_event(f"connected to {host}:{port}")
    try:
        count = await _read_lines(reader, on_line, on_event, stop)
    except OSError as err:
        on_event(f"connection to {host}:{port} lost: {err}")
        count = 1
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    on_event(f"connection to {host}:{port} closed")
    return count


async def _read_lines(
    reader: asyncio.StreamReader, on_line: OnLine, on_event: OnEvent, stop: asyncio.Event
) -> int:
    count = 0
    while True:
        try:
            line = await _until(stop, reader.readline())
        except ValueError:
            on_event("a line longer than 64 KiB was skipped")
            continue
        if line is None:
            return count
        if not line.endswith(b"\n"):
            if line:
                on_event(f"a line cut off by the lost connection was dropped: {line[:60]!r}")
            return count
        count += 1
        await on_line(line)


def parse_address(text: str, default_port: int = DEFAULT_PORT) -> tuple[str, int]:
    """`HOST`, `HOST:PORT`, `[IPv6]` or `[IPv6]:PORT`. Raises ValueError."""
    host, port = text, str(default_port)
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        if rest:
            if not rest.startswith(":"):
                raise ValueError(f"expected HOST[:PORT], got {text!r}")
            port = rest[1:]
    elif text.count(":") == 1:
        host, port = text.split(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"expected HOST[:PORT] with a port from 1 to 65535, got {text!r}")
    return host, int(port)
