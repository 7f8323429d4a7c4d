"""Ctrl-C for the long-running commands (`serve`, `demo --live`, `decoder connect|simulate`,
`rmonitor connect`): SIGINT or SIGTERM sets a stop event the work watches, so it can finish
cleanly (close sockets, commit what it holds) instead of being torn down mid-write."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def run_until_interrupted(work: Callable[[asyncio.Event], Awaitable[T]]) -> T:
    """Run ``work(stop)`` on a new event loop; Ctrl-C or SIGTERM sets ``stop``."""

    async def main() -> T:
        stop = asyncio.Event()
        _stop_on_signals(stop)
        return await work(stop)

    return asyncio.run(main())


def _stop_on_signals(stop: asyncio.Event) -> None:
    """Where the loop cannot take signal handlers (Windows, a thread), Ctrl-C stays the
    default KeyboardInterrupt."""
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
