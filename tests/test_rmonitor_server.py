"""The RMonitor output server (`serve_rmonitor`): real TCP clients on loopback receive a feed
that our own reader (`read_feed`) parses back to the same entries, best laps, laps and flags;
a slow or dead client is dropped and never holds up the others (docs/rmonitor.md)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace

from trackside.core.records import (
    Entry,
    EventDef,
    EventFacts,
    Flag,
    FlagState,
    Passing,
    SessionDef,
    SessionFormat,
)
from trackside.core.scoring import Scored
from trackside.live.rmonitor_board import board_of
from trackside.live.rmonitor_lines import changed_lines
from trackside.live.rmonitor_server import RMonitorServer, serve_rmonitor
from trackside.live.scoreboard_clients import ClientLimits
from trackside.rules import scored
from trackside.timing.rmonitor import RMonitorFeed, read_feed
from trackside.timing.rmonitor.times import at, time_of_day_us

DATE = "2026-05-16"
SECOND = 1_000_000


def t(clock: str) -> int:
    return at(DATE, time_of_day_us(clock))


ENTRIES = (
    Entry("21", "Ann", "Lee", "S2", "A", "1001"),
    Entry("22", "Zoë", "Ünal", "S2", "A", "1002"),
    Entry("33", "Cy", "Dee", "S4", "A", "1003"),
    Entry("7", "Di", "Fox", "S4", "A", "1007"),
    Entry("12X", "John", "Johnson", "Formula 3000", "A", "52474"),
    Entry("99", "No", "Laps", "S2", "A", "1099"),
)
FLAGS = (
    Flag("TA1", FlagState.GREEN, t("09:00:00")),
    Flag("TA1", FlagState.YELLOW, t("09:04:10.250")),
    Flag("TA1", FlagState.GREEN, t("09:05:00.500")),
    Flag("TA1", FlagState.CHECKERED, t("09:12:00")),
)
EVENT = EventDef(
    "club", "Club TT", DATE, min_lap_us=20_000_000,
    sessions=(
        SessionDef("TA1", "Time Attack 1", SessionFormat.TIME_ATTACK, True, ("A",),
                   duration_min=12),
        SessionDef("TA2", "Time Attack 2", SessionFormat.TIME_ATTACK, True, ("A",)),
    ),
)


def passings() -> list[Passing]:
    """Five cars lapping from 09:00:30 on, each at its own pace (milliseconds), till 09:13."""
    found = []
    for index, entry in enumerate(ENTRIES[:5]):
        time_us = t("09:00:30") + index * 7_123_000
        lap = 0
        while time_us < t("09:13:00"):
            found.append(Passing(time_us, entry.transponder, "SF", source="test"))
            lap += 1
            time_us += 100_000_000 + index * 1_317_000 + (lap * 2_711_000) % 9_000_000
    return sorted(found)


PASSINGS = passings()


def facts_at(time_us: int, flags: tuple[Flag, ...] = FLAGS) -> EventFacts:
    return EventFacts(
        EVENT, ENTRIES, tuple(p for p in PASSINGS if p.time_us <= time_us),
        tuple(f for f in flags if f.time_us <= time_us), (),
    )


@dataclass
class Clock:
    """Track time for the server, moved by the replay."""

    now_us: int = t("08:59:00")

    def __call__(self) -> int:
        return self.now_us


async def replay(clock: Clock, step_s: int = 20, end: str = "09:14:00",
                 pause_s: float = 0.002) -> AsyncIterator[tuple[EventFacts, Scored]]:
    """A snapshot every `step_s` of track time, from 08:59 (before the green) to `end`."""
    time_us = t("08:59:00")
    while time_us <= t(end):
        clock.now_us = time_us
        facts = facts_at(time_us)
        yield facts, scored(facts)
        await asyncio.sleep(pause_s)
        time_us += step_s * SECOND


@dataclass
class Scoreboard:
    """A real client: everything it received, until the server closed the connection."""

    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    data: bytearray = field(default_factory=bytearray)

    @classmethod
    async def connect(cls, port: int) -> Scoreboard:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    async def read_until_closed(self) -> bytes:
        while chunk := await self.reader.read(65536):
            self.data += chunk
        self.writer.close()
        return bytes(self.data)

    async def read_until(self, done: Callable[[list[bytes]], bool], timeout: float = 10.0) -> bytes:
        """Everything received once the complete lines so far satisfy `done`; TimeoutError if
        they do not within `timeout` (a deadline, never a measure of what arrived in time)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not done(self.data[:self.data.rfind(b"\r\n") + 2].split(b"\r\n")[:-1]):
            if (left := deadline - loop.time()) <= 0:
                raise TimeoutError(f"not there after {timeout} s; received {bytes(self.data)!r}")
            with contextlib.suppress(TimeoutError):
                chunk = await asyncio.wait_for(self.reader.read(65536), left)
                if not chunk:
                    raise ConnectionError(f"closed early; received {bytes(self.data)!r}")
                self.data += chunk
        return bytes(self.data[:self.data.rfind(b"\r\n") + 2])


def full_state_sent(lines: list[bytes], run: int = 1) -> bool:
    """Run `run`'s full state has arrived: its `$B` line and, after it, the `$F` that ends it."""
    starts = [i for i, line in enumerate(lines) if line.startswith(b"$B,%d," % run)]
    return bool(starts) and any(line.startswith(b"$F,") for line in lines[starts[0]:])


def lines_of(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert not any(b"\n" in line or b"\r" in line for line in lines)
    return lines


def read_back(data: bytes) -> RMonitorFeed:
    feed = read_feed(lines_of(data), "readback", DATE)
    assert feed.warnings == ()
    return feed


def floor_second(time_us: int) -> int:
    return time_us // SECOND * SECOND


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_and_collect(clients: int = 2, heartbeat_s: float = 0.02) -> list[bytes]:
    """`serve_rmonitor` on a free port; `clients` scoreboards connected before the first
    snapshot read until the server stops after the replay."""
    port = free_port()
    clock = Clock()

    async def scenario() -> list[bytes]:
        stop = asyncio.Event()
        ready = asyncio.Event()

        async def snapshots() -> AsyncIterator[tuple[EventFacts, Scored]]:
            await ready.wait()
            async for snapshot in replay(clock):
                yield snapshot
            await asyncio.sleep(0.1)
            stop.set()

        server = asyncio.create_task(serve_rmonitor(snapshots(), "127.0.0.1", port,
                                                    heartbeat_s=heartbeat_s, stop=stop,
                                                    clock=clock))
        boards = [await connect_when_listening(port) for _ in range(clients)]
        ready.set()
        received = await asyncio.gather(*(b.read_until_closed() for b in boards))
        await asyncio.wait_for(server, 10)
        return received

    return asyncio.run(scenario())


async def connect_when_listening(port: int) -> Scoreboard:
    for _ in range(200):
        try:
            return await Scoreboard.connect(port)
        except OSError:
            await asyncio.sleep(0.01)
    raise TimeoutError("server not listening")


# --- what scoreboards receive reads back as the same results ---------------------------------


def test_clients_receive_a_feed_that_reads_back_as_the_same_entries_laps_and_flags() -> None:
    final = facts_at(t("09:14:00"))
    expected = scored(final).sessions["TA1"]
    for data in serve_and_collect(clients=2):
        feed = read_back(data)
        assert [r.session_id for r in feed.runs] == ["run1"]
        assert feed.run("run1").description == "Time Attack 1"
        assert {(e.number, e.driver, e.car_class, e.transponder) for e in feed.entries} == {
            (e.number, e.driver, e.car_class, e.transponder) for e in ENTRIES}
        best = {b.number: (b.lap, b.time_us) for b in feed.run("run1").best_laps}
        assert best == {
            row.number: (row.best_lap.lap, row.best_lap.time_us) if row.best_lap else (0, None)
            for row in expected.entries
        }
        assert [(f.state, f.time_us) for f in feed.flags] == [
            (f.state, floor_second(f.time_us)) for f in FLAGS]
        laps = {row.number: [lap.time_us for lap in row.laps]
                for row in scored(feed.facts()).sessions["run1"].entries}
        assert laps == {row.number: [lap.time_us for lap in row.laps] for row in expected.entries}


def test_positions_are_trackside_running_order() -> None:
    """`$H` (and `$G`) positions are trackside's order by best valid lap, 1 to n, the car
    without a time last."""
    (data,) = serve_and_collect(clients=1)
    last_h: dict[bytes, bytes] = {}
    for line in lines_of(data):
        if line.startswith(b"$H,"):
            last_h[line.split(b",")[2]] = line
    expected = scored(facts_at(t("09:14:00"))).sessions["TA1"].entries
    assert [int(last_h[f'"{row.number}"'.encode()].split(b",")[1]) for row in expected] == list(
        range(1, len(expected) + 1))


def test_lines_are_cp1252_with_cr_lf_and_the_run_starts_with_its_full_state() -> None:
    (data,) = serve_and_collect(clients=1)
    lines = lines_of(data)
    assert [line.split(b",")[0] for line in lines[:3]] == [b"$I", b"$B", b"$C"]
    assert b'$A,"22","22",1002,"Zo\xeb","\xdcnal","",1' in lines
    assert lines[1] == b'$B,1,"Time Attack 1"'
    kinds = {line.split(b",")[0] for line in lines}
    assert kinds == {b"$I", b"$B", b"$C", b"$A", b"$COMP", b"$G", b"$H", b"$J", b"$F"}


def test_each_new_lap_is_one_j_and_each_flag_change_one_f_at_its_time() -> None:
    (data,) = serve_and_collect(clients=1)
    lines = lines_of(data)
    rows = scored(facts_at(t("09:14:00"))).sessions["TA1"].entries
    crossings = sum(len(row.laps) + 1 for row in rows if row.laps)
    assert sum(1 for line in lines if line.startswith(b"$J,")) == crossings
    assert b'$F,9999,"00:07:49","09:04:10","00:04:10","Yellow"' in lines


def test_a_heartbeat_every_period_carries_the_session_clock_and_flag() -> None:
    """Between snapshots the clients still get `$F` each `heartbeat_s`: time to go, time of day
    and race time (from the first green), and the flag."""
    clock = Clock(t("09:03:00"))

    async def scenario() -> bytes:
        server = RMonitorServer("127.0.0.1", 0, heartbeat_s=0.05, clock=clock)
        port = await server.start()
        board = await Scoreboard.connect(port)
        facts = facts_at(clock.now_us)
        server.publish(facts, scored(facts))
        data = await board.read_until(lambda lines: sum(
            1 for line in lines if line.startswith(b"$F,")) >= 5)
        await server.close()
        return data

    lines = lines_of(asyncio.run(scenario()))
    beats = [line for line in lines if line.startswith(b"$F,")]
    assert len(beats) >= 5
    assert set(beats) == {b'$F,9999,"00:09:00","09:03:00","00:03:00","Green "'}


def test_a_client_connecting_late_gets_the_full_state_at_once() -> None:
    """`$I`, `$B`, `$C`, `$A`/`$COMP`, `$G`, `$H` and the current `$F`: the same entries and
    best laps as of now (not the history of laps and flags)."""
    clock = Clock()

    async def scenario() -> bytes:
        server = RMonitorServer("127.0.0.1", 0, heartbeat_s=10, clock=clock)
        port = await server.start()
        async for facts, results in replay(clock, step_s=60, end="09:08:00", pause_s=0):
            server.publish(facts, results)
        late = await Scoreboard.connect(port)
        data = await late.read_until(full_state_sent)
        await server.close()
        return data

    feed = read_back(asyncio.run(scenario()))
    expected = scored(facts_at(t("09:08:00"))).sessions["TA1"]
    assert len(feed.entries) == len(ENTRIES)
    assert {b.number: b.time_us for b in feed.run("run1").best_laps} == {
        row.number: row.best_lap.time_us if row.best_lap else None for row in expected.entries}
    assert [(f.state, f.time_us) for f in feed.flags] == [(FlagState.GREEN, t("09:08:00"))]


def test_a_new_session_resets_the_board() -> None:
    """TA2 goes green: `$I` and the full state of run 2."""
    clock = Clock(t("09:20:00"))
    flags = (*FLAGS, Flag("TA2", FlagState.GREEN, t("09:20:00")))

    async def scenario() -> bytes:
        server = RMonitorServer("127.0.0.1", 0, heartbeat_s=10, clock=clock)
        port = await server.start()
        board = await Scoreboard.connect(port)
        for facts in (facts_at(t("09:14:00")), facts_at(t("09:20:00"), flags)):
            server.publish(facts, scored(facts))
        data = await board.read_until(lambda lines: full_state_sent(lines, run=2))
        await server.close()
        return data

    feed = read_back(asyncio.run(scenario()))
    assert [(r.session_id, r.unique_number, r.description) for r in feed.runs] == [
        ("run1", 1, "Time Attack 1"), ("run2", 2, "Time Attack 2")]


def test_only_what_changed_is_sent_again() -> None:
    """A renamed driver: her `$A`/`$COMP` again, nobody else's; one new crossing: one `$J`
    and the `$G`/`$H` lines that changed."""
    before = facts_at(t("09:03:30"))
    renamed = (replace(ENTRIES[0], first_name="Annie"), *ENTRIES[1:])
    after = replace(facts_at(t("09:04:00")), entries=renamed)
    new_crossings = [p for p in PASSINGS if t("09:03:30") < p.time_us <= t("09:04:00")]
    lines = changed_lines(board_of(before, scored(before)), board_of(after, scored(after)),
                          t("09:04:00"))
    kinds = [line.split(",")[0] for line in lines]
    assert [line for line in lines if line.startswith(("$A", "$COMP"))] == [
        '$A,"21","21",1001,"Annie","Lee","",1', '$COMP,"21","21",1,"Annie","Lee","",""']
    assert kinds.count("$J") == len(new_crossings) == 1
    assert "$I" not in kinds and "$C" not in kinds and "$F" not in kinds


# --- slow and dead clients --------------------------------------------------------------------


def test_a_slow_client_is_dropped_and_never_holds_up_the_others() -> None:
    """A client that stops reading fills its socket and then its queue: it is dropped, while
    a client that reads gets every line."""
    limits = ClientLimits(max_backlog_bytes=20_000, write_timeout_s=30, send_buffer_bytes=8192)
    snapshots = [facts_at(t("09:14:00")),
                 facts_at(t("09:20:00"), (*FLAGS, Flag("TA2", FlagState.GREEN, t("09:20:00"))))]
    results = [scored(f) for f in snapshots]

    async def scenario() -> tuple[RMonitorServer, bytes, str]:
        server = RMonitorServer("127.0.0.1", 0, heartbeat_s=10, limits=limits)
        port = await server.start()
        stuck = stuck_client(port)
        reader = await Scoreboard.connect(port)
        reading = asyncio.create_task(reader.read_until_closed())
        await wait_until(lambda: len(server.clients) == 2)
        (slow,) = [c for c in server.clients if c.peer[1] == stuck.getsockname()[1]]
        for round_ in range(200):
            index = round_ % 2
            server.publish(snapshots[index], results[index])
            await asyncio.sleep(0.001)
        await wait_until(lambda: slow.dropped)
        left = len(server.clients)
        await server.close()
        data = await asyncio.wait_for(reading, 10)
        stuck.close()
        return left, data, slow.reason

    left, data, reason = asyncio.run(scenario())
    assert left == 1
    assert reason.startswith("too slow: over 20000 bytes waiting")
    assert sum(1 for line in lines_of(data) if line.startswith(b"$I,")) == 200


def stuck_client(port: int) -> socket.socket:
    """A scoreboard that connects with a tiny receive window and never reads."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", port))
    return sock


def test_a_dead_client_is_dropped_and_the_others_go_on() -> None:
    """A client that vanishes (connection reset) is noticed and forgotten."""
    clock = Clock()

    async def scenario() -> tuple[int, bytes]:
        server = RMonitorServer("127.0.0.1", 0, heartbeat_s=0.02, clock=clock)
        port = await server.start()
        dead = socket.create_connection(("127.0.0.1", port))
        alive = await Scoreboard.connect(port)
        await wait_until(lambda: len(server.clients) == 2)
        dead.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        dead.close()  # RST
        async for facts, results in replay(clock, step_s=60):
            server.publish(facts, results)
        await wait_until(lambda: len(server.clients) == 1)
        data = await alive.read_until(lambda lines: all_best_laps(lines, len(ENTRIES)))
        await server.close()
        return len(server.clients), data

    left, data = asyncio.run(scenario())
    assert left == 0
    assert len(read_back(data).run("run1").best_laps) == len(ENTRIES)


def all_best_laps(lines: list[bytes], count: int) -> bool:
    """The feed so far reads back with a best lap for `count` cars in run 1."""
    try:
        return len(read_back(b"".join(line + b"\r\n" for line in lines)).run("run1")
                   .best_laps) >= count
    except (AssertionError, KeyError, LookupError, ValueError):
        return False


async def wait_until(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.01)
