"""The P3 client against the simulated decoders, over real TCP on 127.0.0.1, into a real SQLite
file: whatever goes wrong on the line, the journal ends up with exactly the passings the
decoders reported, each once (issue 3, Reliability)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.decoder_field import CLIENT, FAST, Field, differences, make_field, wait_until
from trackside.core.records import Passing
from trackside.live.decoder_recorder import ClientStats, run_decoder_client
from trackside.store.decoders import decoder_clocks
from trackside.store.journal import now_us
from trackside.store.schema import passings
from trackside.timing.p3.epochs import qualified
from trackside.timing.p3.simulator import DecoderSimulator, Faults


@pytest.fixture
def field(tmp_path: Path) -> Field:
    return make_field(tmp_path)


async def _follow(
    field: Field, simulator: DecoderSimulator, port: int, expected: list[Passing], **options
) -> ClientStats:
    """Run the client until the journal holds ``expected`` (or 30 s pass), then stop it."""
    stop = asyncio.Event()
    client = asyncio.create_task(run_decoder_client(
        field.engine, field.event_id, "127.0.0.1", port, stop=stop,
        loops=simulator.decoder_loops, **{**CLIENT, **options}))
    await simulator.finished.wait()
    await wait_until(lambda: field.stored() == set(expected))
    stop.set()
    return await client


def _run(
    field: Field, faults: Faults | None = None, **options
) -> tuple[ClientStats, DecoderSimulator]:
    """Simulate the field with ``faults``; assert the journal ends equal to what was sent."""

    async def scenario() -> tuple[ClientStats, DecoderSimulator]:
        simulator = DecoderSimulator(field.passings, faults=faults, **FAST)
        port = await simulator.start("127.0.0.1", 0)
        try:
            stats = await _follow(field, simulator, port, simulator.expected(), **options)
        finally:
            await simulator.close()
        return stats, simulator

    stats, simulator = asyncio.run(scenario())
    expected = simulator.expected()
    assert field.stored() == set(expected), differences(field.stored(), expected)
    assert field.row_count() == len(expected), "a passing was stored twice"
    return stats, simulator


def test_clean_line_stores_every_passing_once_with_its_loop(field: Field) -> None:
    stats, simulator = _run(field)
    assert stats.passings == len(field.passings) == 71
    assert stats.duplicates == stats.bad_crc == stats.resets == 0
    assert {p.loop for p in field.stored()} == {"SF", "PIT"}
    assert simulator.decoder_loops == {"D0000C01": "SF", "D0000C02": "PIT"}


def test_same_crossings_as_the_generated_field(field: Field) -> None:
    """Decoder numbering aside, the journal holds the field's own crossings."""
    _run(field)
    crossings = {(p.time_us, p.transponder, p.loop) for p in field.stored()}
    assert crossings == {(p.time_us, p.transponder, p.loop) for p in field.passings}


def test_connection_dropped_every_25_frames(field: Field) -> None:
    stats, simulator = _run(field, Faults(drop_connection_every=25))
    assert stats.connections >= 3
    assert simulator.connections == stats.connections


def test_dropped_passings_are_fetched_with_resend(field: Field) -> None:
    stats, simulator = _run(field, Faults(drop_passings=0.25, seed=3))
    assert simulator.dropped >= 8
    assert stats.resend_requests >= 1
    assert stats.connections == 1


def test_duplicated_passings_are_stored_once(field: Field) -> None:
    stats, simulator = _run(field, Faults(duplicate_passings=0.4, seed=5))
    assert simulator.duplicated >= 15
    assert stats.duplicates >= simulator.duplicated


def test_corrupt_frames_are_counted_and_recovered(field: Field) -> None:
    stats, simulator = _run(field, Faults(corrupt_every=6))
    assert stats.bad_crc >= 10
    assert stats.bad_frames == 0


def test_decoder_reset_on_line_opens_a_new_epoch(field: Field) -> None:
    """Numbers restart at 1 and the clock goes back an hour: the passings after the reset are
    stored under D0000C01#1 / D0000C02#1, none lost, none doubled."""
    stats, simulator = _run(field, Faults(reset_after=30, duplicate_passings=0.2, seed=2))
    assert stats.resets == 2
    decoders = {p.decoder for p in field.stored()}
    assert decoders == {"D0000C01", "D0000C02", "D0000C01#1", "D0000C02#1"}
    with field.engine.connect() as conn:
        clocks = {reading.decoder for reading in decoder_clocks(conn, field.event_id)}
    assert {"D0000C01#1", "D0000C02#1"} <= clocks


def test_all_faults_at_once(field: Field) -> None:
    faults = Faults(drop_connection_every=40, drop_passings=0.15, duplicate_passings=0.15,
                    corrupt_every=9, seed=11)
    stats, _ = _run(field, faults)
    assert stats.bad_crc and stats.duplicates and stats.connections > 1


def test_decoder_reset_while_the_client_was_away(tmp_path: Path) -> None:
    """The client stops; the decoder is reset (numbers from 1, clock six hours back) and
    records a new field; the restarted client sees the clock went back and keeps both."""
    field = make_field(tmp_path)
    later = [p._replace(time_us=p.time_us - 6 * 3600 * 10**6) for p in field.passings[:40]]

    async def scenario() -> tuple[list[Passing], list[Passing], ClientStats]:
        first = DecoderSimulator(field.passings, **FAST)
        port = await first.start("127.0.0.1", 0)
        await _follow(field, first, port, first.expected())
        await first.close()
        second = DecoderSimulator(later, **FAST)
        assert second.decoder_loops == first.decoder_loops
        await second.start("127.0.0.1", port)
        renamed = [p._replace(decoder=qualified(p.decoder, 1)) for p in second.expected()]
        try:
            stats = await _follow(field, second, port, first.expected() + renamed)
        finally:
            await second.close()
        return first.expected(), renamed, stats

    before, after, stats = asyncio.run(scenario())
    assert stats.resets == 2
    assert field.stored() == set(before + after), differences(field.stored(), before + after)
    assert field.row_count() == len(before) + len(after)


def test_clock_offset_is_journaled_once_per_decoder_per_connection(field: Field) -> None:
    """GET_TIME on connect: track time (local wall clock) = decoder RTC + offset."""
    started = now_us()
    _run(field)
    with field.engine.connect() as conn:
        readings = decoder_clocks(conn, field.event_id)
    assert [r.decoder for r in readings] == ["D0000C01", "D0000C02"]
    first_passing = min(p.time_us for p in field.passings)
    for reading in readings:
        assert reading.track_us == reading.rtc_us + reading.offset_us
        assert started <= reading.track_us <= now_us()
        assert first_passing - 2_000_000 <= reading.rtc_us < first_passing + 60_000_000
    stored_times = {p.time_us for p in field.stored()}
    assert stored_times == {p.time_us for p in field.passings}, "passing times are the raw RTC"


def test_on_passing_sees_only_committed_passings(field: Field) -> None:
    seen: list[Passing] = []
    not_stored: list[Passing] = []

    def publish(passing: Passing) -> None:
        query = select(passings.c.id).where(passings.c.decoder == passing.decoder,
                                            passings.c.passing_number == passing.passing_number)
        with field.engine.connect() as conn:
            if conn.execute(query).first() is None:
                not_stored.append(passing)
        seen.append(passing)

    _run(field, Faults(duplicate_passings=0.3, drop_passings=0.1, seed=4), on_passing=publish)
    assert not not_stored
    assert sorted(seen) == sorted(field.stored()), "each stored passing published once"


def test_client_waits_for_a_decoder_that_is_not_there_yet(
    field: Field, caplog: pytest.LogCaptureFixture
) -> None:
    """Nothing listening: the client retries with backoff, then connects when it appears."""
    caplog.set_level(logging.INFO, logger="trackside.live.decoder_recorder")

    def refused() -> int:
        return sum("cannot connect" in r.getMessage() for r in caplog.records)

    async def scenario() -> ClientStats:
        placeholder = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        port = placeholder.sockets[0].getsockname()[1]
        placeholder.close()
        await placeholder.wait_closed()
        stop = asyncio.Event()
        simulator = DecoderSimulator(field.passings, **FAST)
        client = asyncio.create_task(run_decoder_client(
            field.engine, field.event_id, "127.0.0.1", port, stop=stop,
            loops=simulator.decoder_loops, **CLIENT))
        assert await wait_until(lambda: refused() >= 2), "the client did not try again"
        await simulator.start("127.0.0.1", port)
        await simulator.finished.wait()
        await wait_until(lambda: field.stored() == set(simulator.expected()))
        stop.set()
        stats = await client
        await simulator.close()
        return stats

    stats = asyncio.run(scenario())
    assert stats.connections == 1
    assert stats.passings == len(field.passings)


def test_unknown_event_is_refused_before_connecting(field: Field) -> None:
    from trackside.errors import InputError

    async def scenario() -> None:
        await run_decoder_client(field.engine, "no-such-event", "127.0.0.1", 1,
                                 stop=asyncio.Event())

    with pytest.raises(InputError, match="no event 'no-such-event'"):
        asyncio.run(scenario())
