"""`trackside rmonitor connect EVENT HOST[:PORT]`: a live RMonitor feed followed over TCP into
the journal. An Orbits stand-in on loopback plays the Sebring recording; what is stored equals
what `trackside rmonitor import` stores of the same file (docs/rmonitor.md)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from trackside.core.clock import format_local_time
from trackside.live.rmonitor_feed_client import Backoff, parse_address
from trackside.live.rmonitor_recorder import RecorderStats, record_feed
from trackside.rules import scored
from trackside.services.rmonitor_import import import_rmonitor
from trackside.store import load_facts
from trackside.store.journal import count_passings

SEBRING = Path(__file__).resolve().parents[2] / "shared/data/rmonitor" / (
    "sebring-2009-alms-session4.txt"
)
DATE = "2009-01-27"
FAST = Backoff(0.05, 0.2)

sebring = pytest.mark.skipif(not SEBRING.exists(), reason=f"feed not found: {SEBRING}")


class OrbitsStandIn:
    """A TCP server on loopback playing feed lines, as Orbits' RMonitor server does.

    Each connection gets the lines not yet sent. `cut_at` ends the first connection after that
    many lines and half of the next one (which the next connection sends again, whole). After
    the last line the connection is closed and `done` is set.
    """

    def __init__(self, lines: list[bytes], cut_at: int | None = None) -> None:
        self.lines = lines
        self.cut_at = cut_at
        self.sent = 0
        self.connections = 0
        self.done = asyncio.Event()
        self.server: asyncio.Server | None = None

    async def start(self, port: int = 0) -> int:
        self.server = await asyncio.start_server(self._play, "127.0.0.1", port)
        return self.server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()

    async def _play(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        end = len(self.lines)
        if self.cut_at is not None and self.connections == 1:
            end = self.cut_at
        while self.sent < end:
            chunk = self.lines[self.sent : min(end, self.sent + 200)]
            writer.write(b"".join(chunk))
            self.sent += len(chunk)
            await writer.drain()
        if self.sent < len(self.lines) and self.connections == 1:
            writer.write(self.lines[self.sent][:20])
        else:
            self.done.set()
        await writer.drain()
        writer.close()


async def follow_until_done(
    engine: Engine, event_id: str, stand_in: OrbitsStandIn, port: int, events: list[str],
    date: str = DATE,
) -> RecorderStats:
    """Follow the stand-in until it has played every line and hung up, then stop."""
    stop = asyncio.Event()
    closes_wanted = stand_in.connections + (2 if stand_in.cut_at else 1)

    def heard(message: str) -> None:
        events.append(message)
        closes = sum(1 for e in events if e.endswith("closed"))
        if message.endswith("closed") and stand_in.done.is_set() and closes >= closes_wanted:
            stop.set()

    follow = record_feed(engine, event_id, "127.0.0.1", port, stop=stop, date=date,
                         backoff=FAST, on_event=heard)
    return await asyncio.wait_for(follow, 120)


def stored_facts(engine: Engine, event_id: str):  # type: ignore[no-untyped-def]
    """What is stored of an event, comparable between two events."""
    facts = load_facts(engine, event_id)
    return (
        [(s.id, s.name, s.groups) for s in facts.event.sessions],
        sorted((e.number, e.driver, e.car_class, e.group, e.transponder) for e in facts.entries),
        sorted((f.session_id, f.state, f.time_us) for f in facts.flags),
        sorted((p.time_us, p.transponder, p.loop) for p in facts.passings),
        {sid: [(r.number, r.best_lap) for r in result.entries]
         for sid, result in scored(facts).sessions.items()},
    )


@sebring
@pytest.mark.parametrize("cut_at", [None, 8000], ids=["one-connection", "cut-mid-line"])
def test_following_sebring_live_stores_what_importing_it_stores(
    engine: Engine, cut_at: int | None
) -> None:
    """Every passing, flag, entry and session, and so every result, equal the import's, also
    when the connection is lost in the middle of a line (the half line is dropped, the
    client reconnects and the feed goes on)."""
    lines = SEBRING.read_bytes().splitlines(keepends=True)
    events: list[str] = []

    async def scenario() -> RecorderStats:
        stand_in = OrbitsStandIn(lines, cut_at)
        port = await stand_in.start()
        try:
            return await follow_until_done(engine, "live", stand_in, port, events)
        finally:
            await stand_in.close()

    stats = asyncio.run(scenario())
    import_rmonitor(engine, SEBRING, "recorded", date=DATE)
    assert stored_facts(engine, "live") == stored_facts(engine, "recorded")
    assert (stats.lines, stats.passings, stats.flags, stats.entries) == (len(lines), 377, 6, 26)
    connected = [e for e in events if e.startswith("connected to")]
    assert len(connected) == (2 if cut_at else 1)
    if cut_at:
        assert any("a line cut off by the lost connection was dropped" in e for e in events)
    assert not [e for e in events if "line skipped" in e]


FEED = [
    b'$I,"08:00:00","16 May 26"\r\n',
    b'$B,7,"Time Attack 1"\r\n',
    b'$C,1,"S2"\r\n',
    b'$A,"21","21",1001,"Ann","Lee","",1\r\n',
    b'$F,0,"00:00:00","09:00:00","00:00:00","Green "\r\n',
    b'$L,"21","SF","SF","05/16/2026","09:01:00.000"\r\n',
    b'$J,"21","00:00:00.000","00:01:00.000"\r\n',
    b'$L,"21","SF","SF","05/16/2026","09:03:02.500"\r\n',
    b'$J,"21","00:02:02.500","00:03:02.500"\r\n',
]


def test_a_feed_that_is_not_up_yet_is_retried_until_it_is(engine: Engine) -> None:
    """Connection refused: the client waits (backoff) and tries again; once the feed is up it
    follows it, and each passing is in the journal as soon as its `$J` is read."""
    events: list[str] = []

    async def scenario() -> None:
        stand_in = OrbitsStandIn(FEED)
        port = await stand_in.start()
        await stand_in.close()  # the port is free again: connections are refused
        stop = asyncio.Event()
        follow = asyncio.create_task(record_feed(engine, "club", "127.0.0.1", port, stop=stop,
                                                 backoff=FAST, on_event=events.append))
        await wait_for(lambda: sum("cannot connect" in e for e in events) >= 2)
        await stand_in.start(port)
        await wait_for(lambda: stored_passings(engine, "club") == 2)
        stop.set()
        await asyncio.wait_for(follow, 10)
        await stand_in.close()

    asyncio.run(scenario())
    waits = [e.rsplit(" in ", 1)[1] for e in events if e.startswith("reconnecting")]
    assert waits[:2] == ["0.1 s", "0.2 s"]
    facts = load_facts(engine, "club")
    assert [(s.id, s.name) for s in facts.event.sessions] == [("run1", "Time Attack 1")]
    assert facts.event.date == date.today().isoformat()  # created live: dated today
    assert [format_local_time(p.time_us) for p in facts.passings] == [
        "2026-05-16T09:01:00.000", "2026-05-16T09:03:02.500"]  # placed on the $I date
    assert [e.number for e in facts.entries] == ["21"]


def stored_passings(engine: Engine, event_id: str) -> int:
    with engine.connect() as conn:
        return count_passings(conn, event_id)


async def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.02)


def test_the_command_follows_until_interrupted(db_url: str, tmp_path: Path) -> None:
    """The real command in its own process: it prints each passing as it is stored, and a
    summary when stopped with Ctrl-C (SIGINT)."""
    trackside = Path(sys.executable).parent / "trackside"

    async def scenario() -> tuple[int, str, str]:
        stand_in = OrbitsStandIn(FEED)
        port = await stand_in.start()
        process = await asyncio.create_subprocess_exec(
            str(trackside), "--db", db_url, "rmonitor", "connect", "club", f"127.0.0.1:{port}",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            await asyncio.wait_for(stand_in.done.wait(), 30)
            first = await asyncio.wait_for(process.stdout.readline(), 30)
            second = await asyncio.wait_for(process.stdout.readline(), 30)
            process.send_signal(signal.SIGINT)
            rest, errors = await asyncio.wait_for(process.communicate(), 30)
        finally:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await stand_in.close()
        return process.returncode, (first + second + rest).decode(), errors.decode()

    code, output, errors = asyncio.run(scenario())
    assert code == 0, errors
    assert output.splitlines() == [
        "passing 2026-05-16T09:01:00.000 SF transponder 1001",
        "passing 2026-05-16T09:03:02.500 SF transponder 1001",
        "rmonitor: 9 lines; stored 2 passings, 1 flags, 1 entries; 0 warnings",
    ]
    assert "connected to 127.0.0.1" in errors


@pytest.mark.parametrize(
    ("text", "expected"),
    [("orbits", ("orbits", 50000)), ("10.0.0.5:50001", ("10.0.0.5", 50001)),
     ("[::1]", ("::1", 50000)), ("[::1]:7", ("::1", 7))],
)
def test_addresses_default_to_port_50000(text: str, expected: tuple[str, int]) -> None:
    assert parse_address(text) == expected


@pytest.mark.parametrize("text", ["orbits:", "orbits:http", "orbits:70000", ":50000", "[::1]x"])
def test_a_bad_address_is_a_one_line_error(trackside, text: str) -> None:  # type: ignore[no-untyped-def]
    result = trackside("rmonitor", "connect", "club", text)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: argument HOST[:PORT]: expected HOST[:PORT]")


def test_a_restarted_follower_continues_the_last_run(engine: Engine) -> None:
    """Followed again after a restart: the same `$B` is the same session, its green (already
    stored) no second flag; a new `$B` is session run2."""
    later = [
        b'$F,0,"00:00:00","09:04:00","00:04:00","Green "\r\n',
        b'$B,7,"Time Attack 1"\r\n',
        b'$A,"21","21",1001,"Ann","Lee","",1\r\n',
        b'$L,"21","SF","SF","05/16/2026","09:05:04.000"\r\n',
        b'$J,"21","00:02:01.500","00:05:04.000"\r\n',
        b'$F,0,"00:00:00","09:10:00","00:10:00","Finish"\r\n',
        b'$B,8,"Time Attack 2"\r\n',
        b'$F,0,"00:00:00","09:30:00","00:00:00","Green "\r\n',
    ]

    async def follow_once(lines: list[bytes]) -> None:
        stand_in = OrbitsStandIn(lines)
        port = await stand_in.start()
        try:
            await follow_until_done(engine, "club", stand_in, port, [], "2026-05-16")
        finally:
            await stand_in.close()

    asyncio.run(follow_once(FEED))
    asyncio.run(follow_once(later))
    facts = load_facts(engine, "club")
    assert [(s.id, s.name) for s in facts.event.sessions] == [
        ("run1", "Time Attack 1"), ("run2", "Time Attack 2")]
    assert [(f.session_id, str(f.state), format_local_time(f.time_us))
            for f in facts.flags] == [
        ("run1", "green", "2026-05-16T09:00:00.000"),
        ("run1", "checkered", "2026-05-16T09:10:00.000"),
        ("run2", "green", "2026-05-16T09:30:00.000"),
    ]
    assert len(facts.passings) == 3 and [e.number for e in facts.entries] == ["21"]
