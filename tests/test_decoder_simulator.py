"""The P3 decoder simulator: how it numbers a field, what it says on the wire (real TCP), its
fault switches, and `trackside decoder simulate` driving a real client."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import pytest

from tests.decoder_field import CLIENT, make_field, wait_until
from trackside.core.records import Passing
from trackside.live.decoder_recorder import run_decoder_client
from trackside.services import import_passings
from trackside.store import read_passings
from trackside.timing.p3 import RecordType, StreamDecoder, encode, get_time_request
from trackside.timing.p3.addressed import resend
from trackside.timing.p3.decoder_frames import status_frame
from trackside.timing.p3.faults import Faults, corrupted
from trackside.timing.p3.fields import GetTimeField, PassingField
from trackside.timing.p3.sim_plan import RESET_JUMP_US, assign_decoders, plan_wire
from trackside.timing.p3.simulator import DecoderSimulator

S = 1_000_000
NINE = 1778922000 * S
TRACKSIDE = str(Path(sys.executable).with_name("trackside"))


def _field() -> list[Passing]:
    """Three SF crossings and one PIT crossing, a second apart."""
    return [Passing(NINE, "101", "SF"), Passing(NINE + S, "102", "PIT"),
            Passing(NINE + 2 * S, "101", "SF"), Passing(NINE + 3 * S, "102", "SF")]


def test_one_decoder_per_loop_busiest_first() -> None:
    assert assign_decoders(_field()) == {"SF": "D0000C01", "PIT": "D0000C02"}
    assert assign_decoders([Passing(NINE, "1")]) == {None: "D0000C01"}


def test_each_decoder_numbers_its_passings_from_1() -> None:
    plan = plan_wire(_field(), assign_decoders(_field()))
    assert [(p.decoder, p.number, p.transponder) for p in plan] == [
        ("D0000C01", 1, 101), ("D0000C02", 1, 102), ("D0000C01", 2, 101), ("D0000C01", 3, 102)]
    assert [p.rtc_us for p in plan] == [p.time_us for p in _field()]


def test_a_reset_restarts_the_numbers_and_sets_the_clock_back() -> None:
    plan = plan_wire(_field(), assign_decoders(_field()), reset_after=2)
    assert [(p.decoder, p.epoch, p.number) for p in plan] == [
        ("D0000C01", 0, 1), ("D0000C02", 0, 1), ("D0000C01", 1, 1), ("D0000C01", 1, 2)]
    assert plan[2].rtc_us == plan[2].true_us - RESET_JUMP_US


def test_expected_passings_name_the_epoch() -> None:
    simulator = DecoderSimulator(_field(), faults=Faults(reset_after=2))
    assert [(p.decoder, p.passing_number, p.loop) for p in simulator.expected()] == [
        ("D0000C01", 1, "SF"), ("D0000C02", 1, "PIT"), ("D0000C01#1", 1, "SF"),
        ("D0000C01#1", 2, "SF")]


def test_a_transponder_a_decoder_cannot_send_is_refused() -> None:
    with pytest.raises(ValueError, match="transponder 'PV-38463'"):
        DecoderSimulator([Passing(NINE, "PV-38463")])


@pytest.mark.parametrize("option", [
    {"drop_passings": 1.5}, {"duplicate_passings": -0.1}, {"corrupt_every": 0},
    {"drop_connection_every": 0}, {"reset_after": 0}])
def test_fault_switches_are_checked(option: dict) -> None:
    with pytest.raises(ValueError):
        Faults(**option)


def test_a_corrupted_frame_fails_its_crc_and_the_stream_stays_in_step() -> None:
    status = status_frame("D0000C01")
    stream = StreamDecoder()
    records = stream.feed(corrupted(status) + status + corrupted(status)[:5])
    assert [r.record_type for r in records] == [RecordType.STATUS]
    assert stream.bad_crc == 1


async def _exchange(port: int, request: bytes, expect: int) -> list:
    """Connect, send ``request``, collect ``expect`` records other than STATUS heartbeats."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    stream, records = StreamDecoder(), []
    while len(records) < expect:
        data = await asyncio.wait_for(reader.read(65536), 5)
        assert data, "the simulator closed the connection"
        records += [r for r in stream.feed(data) if r.record_type != RecordType.STATUS]
    writer.close()
    return records


def test_on_the_wire_heartbeats_clock_and_resend_from_memory() -> None:
    async def scenario() -> None:
        simulator = DecoderSimulator(_field(), speed=100, heartbeat_s=0.05)
        port = await simulator.start("127.0.0.1", 0)
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            stream = StreamDecoder()
            first = stream.feed(await asyncio.wait_for(reader.read(65536), 5))
            assert {r.record_type for r in first} == {RecordType.STATUS}
            writer.close()
            clocks = await _exchange(port, get_time_request(), 2)
            assert [r.record_type for r in clocks] == [RecordType.GET_TIME] * 2
            assert NINE - 2 * S <= clocks[0].number(GetTimeField.RTC_TIME) <= NINE + 4 * S
            await asyncio.wait_for(simulator.finished.wait(), 5)
            again = await _exchange(port, resend("D0000C01", 2, 3), 2)
            assert [r.number(PassingField.PASSING_NUMBER) for r in again] == [2, 3]
            everyone = encode(RecordType.RESEND, {1: 1, 2: 1})
            both = await _exchange(port, everyone, 2)
            assert {r.fields[0x81].hex().upper() for r in both} == {"D0000C01", "D0000C02"}
        finally:
            await simulator.close()

    asyncio.run(scenario())


def test_trackside_decoder_simulate_replays_an_event_to_a_client(tmp_path: Path) -> None:
    """`trackside decoder simulate EVENT` plays the event's stored passings; a client given the
    printed --loop mapping stores them; Ctrl-C ends the simulator cleanly."""
    source = make_field(tmp_path / "source")
    import_passings(source.engine, source.event_id, tmp_path / "source/event/passings.csv")
    played = read_passings(source.engine, source.event_id)
    target = make_field(tmp_path / "target")
    expected = set(DecoderSimulator(played).expected())

    async def scenario() -> str:
        process = await asyncio.create_subprocess_exec(
            TRACKSIDE, "--db", source.url, "decoder", "simulate", source.event_id, "--port", "0",
            "--speed", "200", "--max-gap", "2", stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        assert process.stdout is not None
        banner = ""
        while "follow it with" not in banner:
            banner += (await asyncio.wait_for(process.stdout.readline(), 60)).decode()
        port = int(re.search(r"127\.0\.0\.1:(\d+)", banner).group(1))
        loops = dict(re.findall(r"--loop (\w+)=(\w+)", banner))
        stop = asyncio.Event()
        client = asyncio.create_task(run_decoder_client(
            target.engine, target.event_id, "127.0.0.1", port, stop=stop, loops=loops, **CLIENT))
        await wait_until(lambda: target.stored() == expected)
        stop.set()
        await client
        process.send_signal(signal.SIGINT)
        output, _ = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 0
        return banner + output.decode()

    output = asyncio.run(scenario())
    assert target.stored() == expected
    assert "decoders D0000C01 = SF, D0000C02 = PIT" in output
    assert f"simulator: {len(played)} of {len(played)} passings detected" in output
