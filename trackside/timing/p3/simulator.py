"""A P3 decoder emulator on TCP: drives a field's passings at (scaled) real time.

It behaves as the decoders of a track would: one decoder per loop (``sim_plan.py``), passings
"detected" by the clock whether or not anyone is connected and kept in the decoder's memory,
live passings pushed to every connected client, STATUS heartbeats, answers to GET_TIME and
RESEND (from memory). ``Faults`` switch on the failures the client must survive.

The clock starts when the first client connects (or at ``start()`` when
``start_on_connect=False``), a little before the first passing; ``speed`` scales it and
``max_gap_s`` skips idle stretches (the decoder clock jumps forward). See ``docs/decoder.md``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable, Iterable, Mapping, Sequence

from trackside.core.records import Passing
from trackside.timing.p3.addressed import decoder_of
from trackside.timing.p3.decoder_frames import clock_frame, passing_frame, status_frame
from trackside.timing.p3.faults import Faults, corrupted
from trackside.timing.p3.fields import ResendField
from trackside.timing.p3.record_types import RecordType
from trackside.timing.p3.records import Record
from trackside.timing.p3.sim_plan import (
    RESET_JUMP_US,
    WirePassing,
    assign_decoders,
    expected_passings,
    plan_wire,
)
from trackside.timing.p3.stream import StreamDecoder

__all__ = ["DecoderSimulator", "Faults", "run_simulator"]

log = logging.getLogger("trackside.timing.p3.simulator")

LEAD_US = 1_000_000
"""The clock starts this long (track time) before the first passing."""


class DecoderSimulator:
    """The simulated decoders. ``start`` opens the server; ``finished`` is set once every
    passing has been detected; ``expected()`` is what a faultless client stores."""

    def __init__(
        self,
        passings: Sequence[Passing],
        *,
        speed: float = 1.0,
        faults: Faults | None = None,
        max_gap_s: float | None = None,
        heartbeat_s: float = 1.0,
        start_on_connect: bool = True,
    ) -> None:
        if not passings:
            raise ValueError("no passings to simulate")
        if speed <= 0:
            raise ValueError(f"speed must be above 0, got {speed}")
        self.faults = faults or Faults()
        self.speed = speed
        self.max_gap_us = None if max_gap_s is None else round(max_gap_s * 1e6)
        self.heartbeat_s = heartbeat_s
        self.start_on_connect = start_on_connect
        self.loop_decoders = assign_decoders(passings)
        self.plan = plan_wire(passings, self.loop_decoders, self.faults.reset_after)
        self.memory: dict[str, dict[int, bytes]] = {d: {} for d in self.loop_decoders.values()}
        self.epoch = 0
        self.detected = 0
        self.dropped = 0
        self.duplicated = 0
        self.frames_sent = 0
        self.resent = 0
        self.connections = 0
        self.finished = asyncio.Event()
        self._rng = random.Random(self.faults.seed)
        self._links: set[_Link] = set()
        self._clock_started = asyncio.Event()
        self._anchor = (self.plan[0].true_us - LEAD_US, time.monotonic())
        self._server: asyncio.Server | None = None
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def decoder_loops(self) -> dict[str, str | None]:
        """The loop each decoder id stands for: ``{"D0000C01": "SF", "D0000C02": "PIT"}``."""
        return {decoder: loop for loop, decoder in self.loop_decoders.items()}

    def expected(self, loops: Mapping[str, str | None] | None = None) -> list[Passing]:
        """Every passing a client mapping decoders to ``loops`` (default: the simulator's own
        mapping) must store, with epoch-qualified decoder names after a reset."""
        return expected_passings(self.plan, self.decoder_loops if loops is None else loops)

    def rtc_us(self) -> int:
        """The decoder clock now (set back by a reset)."""
        return self._track_us() - self.epoch * RESET_JUMP_US

    async def start(self, host: str = "127.0.0.1", port: int = 5403) -> int:
        """Listen on ``host:port`` (0 picks a free port); returns the port."""
        self._server = await asyncio.start_server(self._serve, host, port)
        self._tasks = [asyncio.create_task(self._detect_all()),
                       asyncio.create_task(self._heartbeats())]
        if not self.start_on_connect:
            self._start_clock()
        bound = self._server.sockets[0].getsockname()[1]
        log.debug("P3 decoder simulator on %s:%d: %d passings, decoders %s",
                 host, bound, len(self.plan), self.decoder_loops)
        return bound

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        for link in list(self._links):
            link.close()
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 1.0)
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # --- the clock and the passings ------------------------------------------------------

    def _start_clock(self) -> None:
        if not self._clock_started.is_set():
            self._anchor = (self._anchor[0], time.monotonic())
            self._clock_started.set()

    def _track_us(self) -> int:
        track_us, since = self._anchor
        if not self._clock_started.is_set():
            return track_us
        return track_us + round((time.monotonic() - since) * 1e6 * self.speed)

    async def _detect_all(self) -> None:
        await self._clock_started.wait()
        for passing in self.plan:
            await self._wait_until(passing.true_us)
            self._anchor = (passing.true_us, time.monotonic())
            self._detect(passing)
        self.finished.set()
        log.info("simulator: all %d passings detected", len(self.plan))

    async def _wait_until(self, true_us: int) -> None:
        ahead_us = true_us - self._track_us()
        if self.max_gap_us is not None and ahead_us > self.max_gap_us:
            self._anchor = (true_us - self.max_gap_us, time.monotonic())
            ahead_us = self.max_gap_us
        if ahead_us > 0:
            await asyncio.sleep(ahead_us / 1e6 / self.speed)

    def _detect(self, passing: WirePassing) -> None:
        """The decoder sees a passing: into memory, then out on every live connection."""
        if passing.epoch != self.epoch:
            self._reset(passing.epoch)
        frame = passing_frame(passing)
        self.memory[passing.decoder][passing.number] = frame
        self.detected += 1
        drop = self._rng.random() < self.faults.drop_passings
        copies = 2 if self._rng.random() < self.faults.duplicate_passings else 1
        if drop:
            self.dropped += 1
            return
        self.duplicated += copies - 1
        for link in list(self._links):
            for _ in range(copies):
                link.send(frame)

    def _reset(self, epoch: int) -> None:
        log.info("simulator: decoder reset (numbers restart at 1, clock set back)")
        self.epoch = epoch
        for memory in self.memory.values():
            memory.clear()

    async def _heartbeats(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat_s)
            for link in list(self._links):
                link.send_status(self.memory.keys())

    # --- connections ---------------------------------------------------------------------

    def _outgoing(self, frame: bytes) -> bytes:
        """Count a frame going out; every ``corrupt_every``-th one is corrupted."""
        self.frames_sent += 1
        every = self.faults.corrupt_every
        return corrupted(frame) if every and self.frames_sent % every == 0 else frame

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        link = _Link(writer, self._outgoing, self.faults.drop_connection_every)
        self._links.add(link)
        self.connections += 1
        self._start_clock()
        link.send_status(self.memory.keys())
        stream = StreamDecoder()
        try:
            while not link.closed:
                data = await reader.read(1 << 16)
                if not data:
                    break
                for record in stream.feed(data):
                    self._answer(link, record)
                await writer.drain()
        except OSError:
            pass
        finally:
            self._links.discard(link)
            link.close()

    def _answer(self, link: _Link, record: Record) -> None:
        decoders = self._addressed(record)
        if record.record_type == RecordType.GET_TIME:
            for decoder in decoders:
                link.send(clock_frame(decoder, self.rtc_us()))
        elif record.record_type == RecordType.RESEND:
            first = record.number(ResendField.FROM) or 0
            last = record.number(ResendField.UNTIL) or first
            for decoder in decoders:
                for number, frame in self.memory[decoder].items():
                    if first <= number <= last:
                        self.resent += 1
                        link.send(frame)

    def _addressed(self, record: Record) -> list[str]:
        """The decoder a request names, or all of them."""
        decoder = decoder_of(record)
        if decoder in self.memory:
            return [decoder]
        return [] if decoder is not None else list(self.memory)


class _Link:
    """One client connection, closed after ``drop_every`` frames when that fault is on."""

    def __init__(
        self,
        writer: asyncio.StreamWriter,
        outgoing: Callable[[bytes], bytes],
        drop_every: int | None,
    ) -> None:
        self.writer = writer
        self.outgoing = outgoing
        self.drop_every = drop_every
        self.sent = 0
        self.closed = False

    def send(self, frame: bytes) -> None:
        if self.closed or self.writer.is_closing():
            return
        self.writer.write(self.outgoing(frame))
        self.sent += 1
        if self.drop_every and self.sent % self.drop_every == 0:
            log.info("simulator: dropping the connection after %d frames", self.sent)
            self.close(abort=True)

    def send_status(self, decoders: Iterable[str]) -> None:
        for decoder in decoders:
            self.send(status_frame(decoder))

    def close(self, abort: bool = False) -> None:
        if self.closed:
            return
        self.closed = True
        if abort:
            self.writer.transport.abort()
        else:
            self.writer.close()


async def run_simulator(
    passings: Sequence[Passing],
    host: str = "127.0.0.1",
    port: int = 5403,
    *,
    speed: float = 1.0,
    faults: Faults | None = None,
    stop: asyncio.Event,
    max_gap_s: float | None = None,
    heartbeat_s: float = 1.0,
    start_on_connect: bool = True,
    on_ready: Callable[[DecoderSimulator, int], object] | None = None,
) -> DecoderSimulator:
    """Serve the simulated decoders until ``stop`` is set. ``on_ready(simulator, port)`` is
    called once listening (the port matters when ``port`` is 0)."""
    simulator = DecoderSimulator(passings, speed=speed, faults=faults, max_gap_s=max_gap_s,
                                 heartbeat_s=heartbeat_s, start_on_connect=start_on_connect)
    bound = await simulator.start(host, port)
    if on_ready is not None:
        on_ready(simulator, bound)
    try:
        await stop.wait()
    finally:
        await simulator.close()
    return simulator
