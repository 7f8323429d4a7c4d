"""Decoder RTC to track time (issue 3, "Clock: map the decoder's RTC to track time ... keep the
offset in the journal"): one offset pinned per decoder epoch, lap times untouched, the raw clock
kept beside the track time. Real TCP to the simulator, a real SQLite file."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.decoder_field import CLIENT, FAST, Field, make_field, wait_until
from trackside.core.records import Passing
from trackside.live.decoder_recorder import run_decoder_client
from trackside.store.decoders import decoder_clocks
from trackside.store.schema import passings
from trackside.timing.p3.clock_map import TOLERANCE_US, ClockMap, ClockMode
from trackside.timing.p3.clock_reading import DecoderClock
from trackside.timing.p3.epochs import qualified
from trackside.timing.p3.sim_plan import RESET_JUMP_US
from trackside.timing.p3.simulator import DecoderSimulator, Faults

HOURS_3 = 3 * 3_600_000_000
LOCAL = {**CLIENT, "clock": ClockMode.LOCAL}


@pytest.fixture
def field(tmp_path: Path) -> Field:
    return make_field(tmp_path)


def _rows(field: Field) -> dict[tuple[str, int], tuple[int, int | None]]:
    """(decoder, number) -> (time_us, rtc_us) of every stored passing."""
    query = select(passings.c.decoder, passings.c.passing_number, passings.c.time_us,
                   passings.c.rtc_us)  # fmt: skip
    with field.engine.connect() as conn:
        return {(d, n): (t, r) for d, n, t, r in conn.execute(query)}


def _follow(field: Field, faults: Faults | None, track_offset_us: int) -> DecoderSimulator:
    """Run the simulator and a LOCAL-mode client whose track clock is the simulator's true
    clock plus `track_offset_us` (the decoders were set that far from track time)."""

    async def scenario() -> DecoderSimulator:
        simulator = DecoderSimulator(field.passings, faults=faults, **FAST)
        port = await simulator.start("127.0.0.1", 0)

        def track_clock() -> int:
            return simulator.rtc_us() + simulator.epoch * RESET_JUMP_US + track_offset_us

        stop = asyncio.Event()
        client = asyncio.create_task(run_decoder_client(
            field.engine, field.event_id, "127.0.0.1", port, stop=stop,
            loops=simulator.decoder_loops, track_clock=track_clock, **LOCAL))  # fmt: skip
        try:
            await simulator.finished.wait()
            want = len(simulator.expected())
            await wait_until(lambda: len(_rows(field)) == want)
        finally:
            stop.set()
            await client
            await simulator.close()
        return simulator

    return asyncio.run(scenario())


def _raw(simulator: DecoderSimulator) -> dict[tuple[str, int], Passing]:
    return {(p.decoder, p.passing_number): p for p in simulator.expected()}


def test_a_decoder_set_to_track_time_is_stored_exactly_as_it_reports(field: Field) -> None:
    simulator = _follow(field, None, 0)
    rows, raw = _rows(field), _raw(simulator)
    assert rows.keys() == raw.keys()
    assert all(rows[k] == (p.time_us, p.time_us) for k, p in raw.items())
    readings = decoder_clocks(field.engine.connect(), field.event_id)
    assert readings and all(abs(r.offset_us) < TOLERANCE_US for r in readings)


def test_a_decoder_three_hours_off_is_mapped_with_one_offset_and_lap_times_unchanged(
    field: Field,
) -> None:
    simulator = _follow(field, None, HOURS_3)
    rows, raw = _rows(field), _raw(simulator)
    with field.engine.connect() as conn:
        first = {}
        for reading in decoder_clocks(conn, field.event_id):
            first.setdefault(reading.decoder, reading.offset_us)
    for decoder, offset in first.items():
        assert abs(offset - HOURS_3) < TOLERANCE_US
        mine = sorted(k for k in raw if k[0] == decoder)
        assert {rows[k][0] - rows[k][1] for k in mine} == {offset}  # one pinned offset
        assert all(rows[k][1] == raw[k].time_us for k in mine)  # the raw clock is kept
        track = [rows[k][0] for k in mine]
        reported = [raw[k].time_us for k in mine]
        assert [b - a for a, b in zip(track, track[1:], strict=False)] == [
            b - a for a, b in zip(reported, reported[1:], strict=False)
        ]


def test_a_reset_that_sets_the_clock_back_lands_at_the_right_track_time(field: Field) -> None:
    """The simulated reset sets every decoder clock back an hour; unmapped, the passings after
    it would fall an hour early (outside their session). Mapped, each epoch has its own pin and
    every passing lands within the tolerance of when it happened."""
    simulator = _follow(field, Faults(reset_after=30, seed=3), 0)
    rows, raw = _rows(field), _raw(simulator)
    assert any(k[0] == qualified("D0000C01", 1) for k in rows)
    for key, passing in raw.items():
        epoch = 1 if "#" in key[0] else 0
        happened = passing.time_us + epoch * RESET_JUMP_US
        assert abs(rows[key][0] - happened) < TOLERANCE_US, key
        assert rows[key][1] == passing.time_us


def _passing(decoder: str, number: int, time_us: int) -> Passing:
    return Passing(time_us, "1001", "SF", decoder, number, "p3")


def _reading(decoder: str, offset_us: int) -> DecoderClock:
    return DecoderClock(decoder, 1_000, 1_000 + offset_us, offset_us, 0)


def test_passings_wait_for_their_decoder_clock_then_take_the_first_reading() -> None:
    clock_map = ClockMap(wait_s=10)
    assert clock_map.place([_passing("D1", 1, 5_000)], now=0.0) == []
    clock_map.read(_reading("D1", HOURS_3))
    clock_map.read(_reading("D1", HOURS_3 + 250_000))  # a later reading never moves the pin
    assert clock_map.release(now=1.0) == [(_passing("D1", 1, 5_000 + HOURS_3), 5_000)]
    assert clock_map.place([_passing("D1", 2, 9_000)], now=2.0) == [
        (_passing("D1", 2, 9_000 + HOURS_3), 9_000)
    ]


def test_a_decoder_that_never_answers_is_stored_at_its_own_clock_after_the_wait() -> None:
    clock_map = ClockMap(wait_s=10)
    clock_map.place([_passing("D1", 1, 5_000)], now=0.0)
    assert clock_map.release(now=9.9) == []
    assert clock_map.release(now=10.0) == [(_passing("D1", 1, 5_000), 5_000)]


def test_a_restarted_client_keeps_the_journalled_pin_and_decoder_mode_trusts_clocks() -> None:
    journal = [_reading("D1", HOURS_3), _reading("D1", 0), _reading("D1#1", 400_000)]
    resumed = ClockMap.resume(journal)
    assert resumed.offset("D1") == HOURS_3
    assert resumed.offset("D1#1") == 0  # within a second: set to track time
    trusting = ClockMap.resume(journal, mode=ClockMode.DECODER)
    assert trusting.offset("D1") == 0 and trusting.offset("D9") == 0
