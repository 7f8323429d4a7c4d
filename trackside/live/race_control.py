"""Simulated race control for the live demo: flags and officials' decisions recorded in the
journal as a replayed session's track time reaches them, as a timing chief would enter them."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from trackside.core.records import Flag
from trackside.services import add_decision, record_flag

TICK_S = 0.1
RACE_CONTROL = "Race control (demo)"
RETRIES = 50
"""A service that reads then writes can meet SQLite's "database is locked" when the decoder
client commits in between (a deferred transaction cannot upgrade past a newer commit): retry."""


@dataclass(frozen=True, order=True)
class Cue:
    """Something race control records once track time reaches `at_us`."""

    at_us: int
    note: str = field(compare=False)
    record: Callable[[Engine, str], object] = field(compare=False)


def flag_cue(flag: Flag) -> Cue:
    def record(engine: Engine, event_id: str) -> object:
        return record_flag(engine, event_id, flag.session_id, str(flag.state), flag.time_us,
                           RACE_CONTROL)  # fmt: skip

    return Cue(flag.time_us, f"{flag.state} flag, {flag.session_id}", record)


def decision_cue(at_us: int, decision: dict[str, Any]) -> Cue:
    """A decision (keyword arguments of `services.add_decision`) made at `at_us`."""

    def record(engine: Engine, event_id: str) -> object:
        return add_decision(engine, event_id, **decision)

    return Cue(at_us, f"{decision['kind']} for car {decision['number']}", record)


async def run_race_control(
    engine: Engine,
    event_id: str,
    cues: list[Cue],
    track_now: Callable[[], int],
    stop: asyncio.Event,
    on_cue: Callable[[Cue], object] | None = None,
) -> int:
    """Record each cue when `track_now()` reaches it, until all are done or `stop`; how many."""
    pending = sorted(cues)
    done = 0
    while pending and not stop.is_set():
        while pending and pending[0].at_us <= track_now():
            cue = pending.pop(0)
            await _record(cue, engine, event_id)
            done += 1
            if on_cue is not None:
                on_cue(cue)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), TICK_S)
    return done


async def _record(cue: Cue, engine: Engine, event_id: str) -> None:
    for attempt in range(RETRIES):
        try:
            await asyncio.to_thread(cue.record, engine, event_id)
            return
        except OperationalError as err:
            if "locked" not in str(err) or attempt == RETRIES - 1:
                raise
            await asyncio.sleep(0.02)
