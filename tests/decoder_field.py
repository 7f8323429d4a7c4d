"""Shared by the decoder tests: a small generated field in a real SQLite file, and waiting for
the journal to hold what the simulated decoders sent."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select

from trackside.core.records import Passing
from trackside.demo.generator import GeneratedEvent, generate_event
from trackside.services import import_event
from trackside.store import open_engine, read_passings
from trackside.store.schema import passings
from trackside.timing.p3.clock_map import ClockMode

SPEED = 200.0
MAX_GAP_S = 2.0
FAST = {"speed": SPEED, "max_gap_s": MAX_GAP_S, "heartbeat_s": 0.2}
"""Simulator settings that play the small field in about a second."""
CLIENT = {"backoff": (0.05, 0.5), "retry_s": 0.3, "idle_probe_s": 0.3,
          "clock": ClockMode.DECODER}
"""Client settings for the wire tests: fast retries; the simulated decoders' clocks (on the
generated day) taken as track time. `test_decoder_clock_map.py` tests the mapping."""


@dataclass
class Field:
    """A generated Time Trials field (one session per group) and a database with its event."""

    event: GeneratedEvent
    url: str
    engine: Engine

    @property
    def event_id(self) -> str:
        return self.event.event_id

    @property
    def passings(self) -> list[Passing]:
        return self.event.passings

    def stored(self) -> set[Passing]:
        return set(read_passings(self.engine, self.event_id))

    def row_count(self) -> int:
        query = select(func.count()).select_from(passings)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()


def make_field(tmp_path: Path, seed: int = 7, cars: int = 12) -> Field:
    event = generate_event(seed=seed, cars=cars, sessions_per_group=1, laps_per_session=3,
                           practice=False, tracksprint=False)
    files = event.write(tmp_path / "event")
    url = f"sqlite:///{tmp_path / 'trackside.db'}"
    engine = open_engine(url)
    import_event(engine, files.event)
    return Field(event, url, engine)


async def wait_until(condition: Callable[[], bool], timeout_s: float = 30.0) -> bool:
    """Poll ``condition`` every 50 ms until it holds or ``timeout_s`` passes (a deadline for
    a loaded machine: a wait ends as soon as the condition holds)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.05)
    return condition()


def differences(stored: Collection[Passing], expected: Collection[Passing]) -> str:
    """A readable account of what is missing and what is extra (for assertion messages)."""
    missing = sorted(set(expected) - set(stored), key=lambda p: (p.decoder, p.passing_number))
    extra = sorted(set(stored) - set(expected), key=lambda p: (p.decoder, p.passing_number))
    return f"missing {missing[:5]} ({len(missing)}), extra {extra[:5]} ({len(extra)})"
