"""A fake decoder (a real TCP server on 127.0.0.1) sends absurd CRC-valid frames between good
passings to the real client, which must survive them, store every good passing, refuse the
absurd ones, and keep its memory bounded (issue "Trust": nothing on the wire crashes the
client or loses a passing)."""

from __future__ import annotations

import asyncio
import contextlib
import tracemalloc
from pathlib import Path

from tests.decoder_field import CLIENT, Field, make_field, wait_until
from tests.p3_frames import ALL_FF_8, DECODER, cut_short, passing_frame
from trackside.core.clock import at_time_of_day
from trackside.live.decoder_recorder import ClientStats, run_decoder_client
from trackside.store import read_passings

S = 1_000_000
MAX_PEAK_BYTES = 64 << 20
"""Far below the 2.4 GB one all-ones passing number used to allocate."""


def absurd_frames(rtc: int) -> list[bytes]:
    """One frame of each kind the fuzzer found, and a few more; all CRC valid, none storable
    (the last two: a truncated TLV, and unknown fields beside a duplicate of passing 1)."""
    return [
        passing_frame(0xFFFF_FFFF, 1001, rtc),  # the 4-billion gap
        passing_frame(0x8000_0000, 1001, rtc),  # a jump no decoder makes
        passing_frame(2, 1002, ALL_FF_8),  # RTC all 0xFF: OverflowError in SQLite
        passing_frame(2, 1002, 0x7FFF_FFFF_FFFF_FFFF),  # 'date value out of range'
        passing_frame(2, 1002, 0),
        passing_frame(b"\xff" * 9, 1002, rtc),  # a 9-byte passing number
        passing_frame(2, b"\xff" * 32, rtc),  # a 32-byte transponder
        passing_frame(2, 1002, rtc.to_bytes(8, "little") + b"\x01"),  # a 9-byte time
        cut_short(passing_frame(2, 1002, rtc), 20),
    ]


def good_frame(number: int, start_us: int) -> bytes:
    return passing_frame(number, 1000 + number, start_us + number * 60 * S)


async def _fake_decoder(frames: list[bytes]) -> tuple[asyncio.Server, int]:
    """Sends ``frames`` one write each to every client, then holds the line open (requests
    are read and ignored)."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for frame in frames:
            writer.write(frame)
            await writer.drain()
            await asyncio.sleep(0.005)
        with contextlib.suppress(OSError):
            while await reader.read(4096):
                pass
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def _follow(field: Field, frames: list[bytes], expected: int) -> ClientStats:
    async def scenario() -> ClientStats:
        server, port = await _fake_decoder(frames)
        stop = asyncio.Event()
        client = asyncio.create_task(run_decoder_client(
            field.engine, field.event_id, "127.0.0.1", port, stop=stop, **CLIENT))
        try:
            await wait_until(lambda: len(field.stored()) >= expected, timeout_s=8)
            await asyncio.sleep(0.3)  # and whatever else it would store
        finally:
            stop.set()
            server.close()
        return await client

    return asyncio.run(scenario())


def test_the_client_survives_absurd_frames_and_stores_the_good_ones(tmp_path: Path) -> None:
    field = make_field(tmp_path)
    start = at_time_of_day("2026-05-16", "09:00")  # the generated day
    good = [good_frame(n, start) for n in range(1, 9)]
    absurd = absurd_frames(start + 90 * S)
    wire = [good[0], *absurd, good[1], *absurd, *good[2:5], *absurd, *good[5:]]
    tracemalloc.start()
    try:
        stats = _follow(field, wire, len(good))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    stored = sorted(read_passings(field.engine, field.event_id),
                    key=lambda p: p.passing_number or 0)  # fmt: skip
    assert [(p.decoder, p.passing_number, p.transponder, p.time_us) for p in stored] == [
        (DECODER, n, str(1000 + n), start + n * 60 * S) for n in range(1, 9)]
    assert stats.passings == 8 and stats.resets == 0 and stats.connections == 1
    assert stats.refused == 3 * 8 and stats.bad_frames == 3
    assert peak < MAX_PEAK_BYTES, f"peak {peak >> 20} MiB"
