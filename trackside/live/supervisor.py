"""Keep a part of `trackside serve` running: a part that stops or fails before `stop` is set
is restarted after a back-off (doubling, capped), and its state kept in ``PartStatus``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from trackside.live.part_status import PartStatus

log = logging.getLogger(__name__)

BACKOFF_S = (1.0, 30.0)
"""First delay before a restart, and the longest."""
STEADY_S = 60.0
"""A part that ran this long before stopping restarts after the first delay again."""


async def supervise(
    name: str,
    run: Callable[[], Awaitable[object]],
    status: PartStatus,
    stop: asyncio.Event,
    backoff: tuple[float, float] = BACKOFF_S,
) -> None:
    """Run ``run()`` until ``stop`` is set, restarting it whenever it ends or raises."""
    delay = backoff[0]
    loop = asyncio.get_running_loop()
    reason: str | None = None
    while not stop.is_set():
        status.set(name, "running", reason and f"restarted after {reason}")
        started = loop.time()
        reason = await _run_once(name, run)
        if stop.is_set():
            break
        if loop.time() - started >= STEADY_S:
            delay = backoff[0]
        status.set(name, "restarting", f"{reason}; again in {delay:g} s")
        log.error("trackside serve: %s stopped (%s); restarting in %g s", name, reason, delay)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        delay = min(delay * 2, backoff[1])
    status.set(name, "stopped", "serve is stopping")


async def _run_once(name: str, run: Callable[[], Awaitable[object]]) -> str:
    """Why one run ended."""
    try:
        await run()
    except asyncio.CancelledError:
        raise
    except Exception as error:
        log.exception("trackside serve: %s failed", name)
        return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return "it ended"
