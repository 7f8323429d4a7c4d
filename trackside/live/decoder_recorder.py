"""The P3 decoder recorder: a TCP connection to a decoder, every passing into the journal.

Bytes go through ``StreamDecoder``; ``Intake`` decides what each record means. Each read's new
passings and clock readings are committed in one small transaction (``record_decoder_read``)
*before* ``on_passing`` sees them, so nothing is published that is not stored. A lost connection
is retried with exponential backoff; bad frames are counted, logged and recovered by RESEND. See
``docs/decoder.md``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping

from sqlalchemy import Engine

from trackside.core.records import Passing
from trackside.services.decoder_journal import decoder_resume, record_decoder_read
from trackside.store.journal import now_us
from trackside.timing.p3.clock_map import ClockMap, ClockMode
from trackside.timing.p3.endpoints import DEFAULT_PORT
from trackside.timing.p3.intake import Batch, ClientStats, Intake, IntakeSettings
from trackside.timing.p3.stream import StreamDecoder

__all__ = ["DEFAULT_PORT", "ClientStats", "ClockMode", "run_decoder_client"]

log = logging.getLogger("trackside.live.decoder_recorder")

CONNECT_TIMEOUT_S = 5.0
TICK_S = 0.1
READ_SIZE = 1 << 16

OnPassing = Callable[[Passing], object]
OnState = Callable[[str, str | None], object]
"""Called with ``("connected", "HOST:PORT")`` or ``("reconnecting", why)``."""


async def run_decoder_client(
    engine: Engine,
    event_id: str,
    host: str,
    port: int = DEFAULT_PORT,
    *,
    stop: asyncio.Event,
    on_passing: OnPassing | None = None,
    backoff: tuple[float, float] = (0.2, 5.0),
    loops: Mapping[str, str] | None = None,
    backfill: bool = False,
    retry_s: float = 2.0,
    idle_probe_s: float = 2.0,
    clock: ClockMode = ClockMode.LOCAL,
    track_clock: Callable[[], int] = now_us,
    on_state: OnState | None = None,
) -> ClientStats:
    """Follow the decoder at ``host:port`` until ``stop`` is set; returns what was done.

    ``loops`` names the loop of each decoder id (``{"D0000C01": "SF"}``); ``backfill`` asks a
    decoder for its whole memory, not only the event's days. ``on_passing`` is called
    with each new passing once it is committed. ``clock`` says whether decoder clocks are
    mapped to ``track_clock`` (track time, by default this computer's clock) or trusted
    (``clock_map.py``). ``on_state`` hears of each connection and loss of it.
    """
    stored, event_start_us, readings = await asyncio.to_thread(decoder_resume, engine, event_id)
    settings = IntakeSettings(
        loops=dict(loops or {}),
        fallback_decoder=f"{host}:{port}",
        event_start_us=event_start_us,
        backfill=backfill,
        retry_s=retry_s,
        idle_probe_s=idle_probe_s,
    )
    intake = Intake(stored, settings)
    clock_map = ClockMap.resume(readings, mode=clock, wait_s=max(5 * retry_s, 5.0))
    link = _Link(engine, event_id, intake, clock_map, on_passing, stop, track_clock)
    link.on_state = on_state
    delay = backoff[0]
    while not stop.is_set():
        if await link.follow(host, port):
            delay = backoff[0]
        if stop.is_set():
            break
        link.state("reconnecting", link.reason)
        log.info("reconnecting to %s:%d in %.1f s", host, port, delay)
        await _sleep(stop, delay)
        delay = min(delay * 2, backoff[1])
    return intake.stats


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


class _Link:
    """One connection at a time: read, store, publish, request."""

    def __init__(
        self,
        engine: Engine,
        event_id: str,
        intake: Intake,
        clock_map: ClockMap,
        on_passing: OnPassing | None,
        stop: asyncio.Event,
        track_clock: Callable[[], int],
    ) -> None:
        self.engine = engine
        self.event_id = event_id
        self.intake = intake
        self.clock_map = clock_map
        self.track_clock = track_clock
        self.stats = intake.stats
        self.on_passing = on_passing
        self.stop = stop
        self.on_state: OnState | None = None
        self.reason: str | None = None
        """Why the last connection ended (or could not be made)."""

    def state(self, state: str, reason: str | None) -> None:
        if self.on_state is not None:
            self.on_state(state, reason)

    async def follow(self, host: str, port: int) -> bool:
        """Connect and read until the line drops or ``stop``; True if any frame arrived."""
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(host, port), CONNECT_TIMEOUT_S
            )
        except (OSError, TimeoutError) as error:
            self.reason = f"cannot connect: {error or type(error).__name__}"
            log.info("cannot connect to %s:%d: %s", host, port, error or type(error).__name__)
            return False
        self.stats.connections += 1
        self.state("connected", f"{host}:{port}")
        log.info("connected to %s:%d (connection %d)", host, port, self.stats.connections)
        stream = StreamDecoder()
        try:
            writer.write(b"".join(self.intake.connected(time.monotonic(), self.track_clock())))
            await self._read(reader, writer, stream)
            reason = "stopped" if self.stop.is_set() else "closed by the decoder"
        except (OSError, EOFError) as error:
            reason = str(error) or type(error).__name__
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
        if not self.stop.is_set():
            self.stats.disconnects += 1
            self.reason = reason
            log.info("disconnected from %s:%d: %s", host, port, reason)
        return stream.frames > 0

    async def _read(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, stream: StreamDecoder
    ) -> None:
        counted = (0, 0, 0)
        while not self.stop.is_set():
            try:
                data = await asyncio.wait_for(reader.read(READ_SIZE), TICK_S)
            except TimeoutError:
                data = None
            if data == b"":
                return
            if data:
                records = stream.feed(data)
                counted = self._count(stream, counted)
                batch = self.intake.receive(records, time.monotonic(), self.track_clock())
                await self._store(batch)
                writer.write(b"".join(batch.requests))
            else:
                await self._store(Batch())
            writer.write(b"".join(self.intake.tick(time.monotonic(), self.track_clock())))
            await writer.drain()

    def _count(self, stream: StreamDecoder, before: tuple[int, int, int]) -> tuple[int, int, int]:
        """Add the stream's new frame and error counts to the stats."""
        now = (stream.frames, stream.bad_crc, stream.bad_frames)
        self.stats.frames += now[0] - before[0]
        self.stats.bad_crc += now[1] - before[1]
        self.stats.bad_frames += now[2] - before[2]
        return now

    async def _store(self, batch: Batch) -> None:
        """Commit, then publish: ``on_passing`` only ever sees stored passings, at track
        time (passings whose decoder clock is not read yet wait for it)."""
        now = time.monotonic()
        for reading in batch.clocks:
            self.clock_map.read(reading)
        placed = self.clock_map.release(now) + self.clock_map.place(batch.passings, now)
        if not placed and not batch.clocks:
            return
        added = await asyncio.to_thread(record_decoder_read, self.engine, self.event_id,
                                        placed, batch.clocks)  # fmt: skip
        self.stats.passings += added
        if added != len(placed):
            log.warning("%d of %d passings were already in the journal",
                        len(placed) - added, len(placed))
        if self.on_passing is not None:
            for passing, _rtc in placed:
                self._publish(passing)

    def _publish(self, passing: Passing) -> None:
        """A failing listener is logged, never allowed to stop the intake (it is stored)."""
        assert self.on_passing is not None
        try:
            self.on_passing(passing)
        except Exception:
            log.exception("on_passing failed for %s", passing)

