"""The live demo's set-up (`trackside demo --live`): its folder and fresh database file, and a
decoder simulator playing the held-back session (`demo/replay.py`) with race control's
cues beside it. The caller serves it (`web.server.serve`) and prints what happens."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from trackside.demo.replay import Replay
from trackside.demo.run import DEFAULT_OUT_DIR
from trackside.live.race_control import Cue, run_race_control
from trackside.timing.p3.simulator import DecoderSimulator

LIVE_DEMO_DIR = "live"
LIVE_DEMO_DB = "live.db"
SIMULATOR_HOST = "127.0.0.1"
DEMO_MAX_GAP_S = 8.0
"""The simulator skips quiet stretches longer than this (the red-flag stop, the cool-down)."""


def live_demo_dir(out_dir: Path | None) -> Path:
    """Where the live demo writes its day's files and database."""
    return Path(out_dir or DEFAULT_OUT_DIR) / LIVE_DEMO_DIR


def fresh_database(out_dir: Path) -> Path:
    """The live demo's SQLite file in `out_dir`, removed (with its WAL files) to start empty."""
    path = out_dir / LIVE_DEMO_DB
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


@dataclass(frozen=True)
class LiveDemo:
    """A running replay: the simulated decoder to follow and race control to run beside it."""

    replay: Replay
    simulator: DecoderSimulator
    decoder: tuple[str, int]

    @property
    def loops(self) -> dict[str, str]:
        """Loop names of the simulator's decoders (the unnamed one is the timing line)."""
        return {d: name for d, name in self.simulator.decoder_loops.items() if name is not None}

    async def race_control(
        self, engine: Engine, stop: asyncio.Event, on_cue: Callable[[Cue], object]
    ) -> None:
        """Record the session's flags and decisions on the simulator's clock; return when the
        replay is over."""
        await run_race_control(engine, self.replay.event_id, self.replay.cues,
                               self.simulator.rtc_us, stop, on_cue=on_cue)  # fmt: skip
        await self.simulator.finished.wait()


@asynccontextmanager
async def simulated_session(replay: Replay, *, speed: float) -> AsyncIterator[LiveDemo]:
    """The replayed session's decoder simulator on a free loopback port, closed on exit."""
    simulator = DecoderSimulator(replay.passings, speed=speed, max_gap_s=DEMO_MAX_GAP_S)
    port = await simulator.start(SIMULATOR_HOST, 0)
    try:
        yield LiveDemo(replay, simulator, (SIMULATOR_HOST, port))
    finally:
        await simulator.close()
