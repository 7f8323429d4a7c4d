"""`kill -9` of `trackside decoder connect` mid-session (issue 3, Reliability): every passing the
journal acknowledged is still there after the kill, and the restarted client catches up by
RESEND until the journal holds exactly what the decoders reported."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from tests.decoder_field import Field, differences, make_field, wait_until
from trackside.store.decoders import decoder_clocks
from trackside.timing.p3.simulator import DecoderSimulator

TRACKSIDE = str(Path(sys.executable).with_name("trackside"))
PLAY_S = 3.0
"""Wall-clock seconds the simulated field takes, so that the kill lands mid-stream."""
UNATTENDED = 5
"""Passings the decoders detect, after the kill, before the client is started again."""
WAIT_S = 60.0
"""Deadline for anything the test waits on (a process starting on a loaded machine): waits end
as soon as their condition holds, so this only bounds a failing run."""


def _speed_for(field: Field, seconds: float, max_gap_s: float) -> float:
    """The clock speed at which the field's passings (idle gaps capped) take ``seconds``."""
    times = sorted(p.time_us for p in field.passings)
    track_us = sum(min(b - a, max_gap_s * 1e6) for a, b in zip(times, times[1:], strict=False))
    return track_us / 1e6 / seconds


async def _client(
    field: Field, port: int, simulator: DecoderSimulator
) -> asyncio.subprocess.Process:
    loops = [f"--loop={d}={loop}" for d, loop in simulator.decoder_loops.items() if loop]
    return await asyncio.create_subprocess_exec(
        TRACKSIDE, "--db", field.url, "decoder", "connect", field.event_id, f"127.0.0.1:{port}",
        *loops, "--echo", "--clock", "decoder",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


async def _acknowledged(
    process: asyncio.subprocess.Process, done: Callable[[list[str]], bool]
) -> list[str]:
    """Read the client's output until the passings it reported stored satisfy ``done``."""
    assert process.stdout is not None
    stored: list[str] = []
    while not done(stored):
        line = (await asyncio.wait_for(process.stdout.readline(), WAIT_S)).decode()
        assert line, "the client stopped early"
        if line.startswith("stored "):
            stored.append(line)
    return stored


def _identities(lines: list[str]) -> set[tuple[str, int]]:
    """``stored D0000C01 17 1234567 2026-05-16T09:03:12.345 SF`` -> ("D0000C01", 17)."""
    return {(parts[1], int(parts[2])) for parts in (line.split() for line in lines)}


def test_kill_9_mid_stream_then_restart_catches_up(tmp_path: Path) -> None:
    field = make_field(tmp_path)
    max_gap_s = 2.0
    speed = _speed_for(field, PLAY_S, max_gap_s)

    async def scenario() -> tuple[set[tuple[str, int]], set[tuple[str, int]], range]:
        simulator = DecoderSimulator(field.passings, speed=speed, max_gap_s=max_gap_s,
                                     heartbeat_s=0.2)
        port = await simulator.start("127.0.0.1", 0)
        try:
            first = await _client(field, port, simulator)
            # killed once it acknowledged something and the decoders are a third of the way
            # through, however far behind them a loaded machine keeps the client
            third = len(simulator.plan) // 3
            acknowledged = await _acknowledged(
                first, lambda stored: bool(stored) and simulator.detected >= third)
            first.send_signal(signal.SIGKILL)
            rest, _ = await first.communicate()
            acknowledged += [ln for ln in rest.decode().splitlines() if ln.startswith("stored ")]
            assert first.returncode == -signal.SIGKILL
            after_kill = {(p.decoder, p.passing_number) for p in field.stored()}
            killed_at, resent_before = simulator.detected, simulator.resent
            assert await wait_until(lambda: simulator.detected >= killed_at + UNATTENDED,
                                    WAIT_S), "the decoders detected nothing more after the kill"
            second = await _client(field, port, simulator)
            assert await wait_until(lambda: simulator.connections == 2, WAIT_S)
            unattended = range(killed_at, simulator.detected)
            expected = set(simulator.expected())
            await asyncio.wait_for(simulator.finished.wait(), WAIT_S)
            caught_up = await wait_until(lambda: field.stored() == expected, WAIT_S)
            second.send_signal(signal.SIGINT)
            output, errors = await asyncio.wait_for(second.communicate(), WAIT_S)
            assert caught_up, differences(field.stored(), expected)
            assert second.returncode == 0, errors.decode()
            assert "passings:" in output.decode().splitlines()[-1]
            assert "(catching up)" in output.decode()
            assert simulator.resent > resent_before
            return _identities(acknowledged), after_kill, unattended
        finally:
            await simulator.close()

    acknowledged, after_kill, unattended = asyncio.run(scenario())
    assert acknowledged, "nothing was acknowledged before the kill"
    assert acknowledged <= after_kill, "an acknowledged passing was lost by kill -9"
    assert len(unattended) >= UNATTENDED, "passings detected while no client was running"
    expected = DecoderSimulator(field.passings).expected()
    assert set(expected[unattended.start:unattended.stop]) <= field.stored()
    assert field.stored() == set(expected)
    assert field.row_count() == len(expected)
    with field.engine.connect() as conn:
        readings = decoder_clocks(conn, field.event_id)
    assert {r.decoder for r in readings} == {"D0000C01", "D0000C02"}
    assert len(readings) >= 4, "a clock reading per decoder on each of the two connections"
