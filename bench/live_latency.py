"""Benchmark: live timing latency and server memory (issue 3, "Speed").

A real `trackside serve` (its own process, SQLite file) follows a 300-car Time Attack session.
Passings leave the source one at a time: `--source journal` commits each to the journal from this
process (as `trackside decoder connect` in another process does), `--source simulator` has the
P3 decoder simulator send them to the server's own decoder client. 100 Server-Sent Events
clients on loopback (raw asyncio streams; one in ten filtered to a class) watch the live board.

Latency is measured per client and per lap, from the passing leaving the source (just before its
commit; the simulator's send) to the patch carrying that car's new lap count arriving at the
client. Prints p50/p99/max, the server's RSS, and the server's CPU time per passing (read from
/proc: store, engine, boards, patches and sockets together, a figure the machine's other load
does not inflate as it does latency). Targets: p99 < 100 ms, RSS < 200 MB. Bounded: `--seconds`
of passings at `--rate` per second, then a short drain; stops by itself.

`--format race` follows a race session instead (issue 10, the live race path): the same cars
lapping in a 4-hour race, the board by laps with gaps and intervals (every row behind a car
that crossed may change). `--profile FILE` runs the server under cProfile (`python -m pstats
FILE` to read where its time went).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from trackside.core.clock import at_time_of_day
from trackside.core.records import Passing
from trackside.store import open_engine
from trackside.store.journal import append_passings
from trackside.timing.p3.sim_plan import WirePassing
from trackside.timing.p3.simulator import DecoderSimulator

EVENT_ID = "bench-live"
SESSION = "TA1"
DATE = "2026-05-16"
CLASSES = ["U1", "M2", "S2", "T3", "T4", "S4"]
FIRST_TRANSPONDER = 100_001
DRAIN_S = 3.0


@dataclass
class Figures:
    sent: dict[tuple[str, int], float] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    patches: int = 0
    bytes: int = 0
    dropped_clients: int = 0
    server_cpu_s: float = 0.0
    """The server's CPU time from the first passing to the end of the drain."""


# --- the event ---------------------------------------------------------------------------


def write_event(folder: Path, cars: int, race: bool = False) -> tuple[Path, Path, Path]:
    """A 30-minute Time Attack session, or (`race`) a 4-hour race, green a second before the
    first car crosses the line (every car's first crossing is its start)."""
    event = folder / "event.toml"
    session = ('format = "race"\nduration_min = 240\nmandatory_stops = 1\n' if race
               else "duration_min = 30\n")  # fmt: skip
    green = "08:59:59" if race else "08:59:00"
    event.write_text(f"""[event]
id = "{EVENT_ID}"
name = "Live latency bench"
date = "{DATE}"
min_lap_s = 20.0

[track]
name = "Bench raceway"
start_finish_loop = "SF"

[[session]]
id = "{SESSION}"
name = "{'Race' if race else 'Time Attack'}, {cars} cars"
groups = ["A"]
{session}""")
    entries = folder / "entries.csv"
    rows = ["number,first_name,last_name,class,group,transponder"]
    rows += [f"{n},Driver,{n},{CLASSES[n % len(CLASSES)]},A,{FIRST_TRANSPONDER + n}"
             for n in range(1, cars + 1)]
    entries.write_text("\n".join(rows) + "\n")
    flags = folder / "flags.csv"
    flags.write_text(f"session,state,time\n{SESSION},green,{DATE}T{green}.000\n")
    return event, entries, flags


def crossings(cars: int, count: int, seed: int = 7, gap_us: int = 400_000
              ) -> list[tuple[str, int, Passing]]:  # fmt: skip
    """(car number, lap it completes, passing): every car once across the line (`gap_us`
    apart), then laps of 90-130 s in time order, until `count` passings."""
    rng = random.Random(seed)
    start = at_time_of_day(DATE, "09:00")
    pace = {n: rng.uniform(90, 130) for n in range(1, cars + 1)}
    out = []
    laps = count // cars + 2
    for n in range(1, cars + 1):
        time_us = start + n * gap_us
        for lap in range(laps):
            out.append((str(n), lap, Passing(time_us, str(FIRST_TRANSPONDER + n), "SF")))
            time_us += round(pace[n] * rng.uniform(0.98, 1.03) * 1e6)
    out.sort(key=lambda item: item[2].time_us)
    return out


def import_event_files(db_url: str, folder: Path, cars: int, first: list[Passing],
                       race: bool = False) -> None:  # fmt: skip
    from trackside.services import import_entries, import_event, import_flags

    engine = open_engine(db_url)
    event, entries, flags = write_event(folder, cars, race)
    import_event(engine, event)
    import_entries(engine, EVENT_ID, entries)
    import_flags(engine, EVENT_ID, flags)
    with engine.begin() as conn:
        append_passings(conn, EVENT_ID, [(p, None) for p in first])
    engine.dispose()


# --- the server --------------------------------------------------------------------------


def start_server(db_url: str, *extra: str, profile: str | None = None
                 ) -> tuple[subprocess.Popen, str]:  # fmt: skip
    """`trackside serve` in its own process (under cProfile, written to `profile` on exit)."""
    code = "from trackside.cli import main; main()"
    if profile:  # `python -m cProfile` takes no `-c`: the same call under cProfile.run
        code = ("import cProfile, sys; from trackside.cli import main; sys.argv[0] = 'trackside'; "
                f"cProfile.run('main()', {profile!r})")
    command = [sys.executable, "-c", code, "--db", db_url,
               "serve", "--port", "0", "--event", EVENT_ID, "--rmonitor-port", "0", *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)  # fmt: skip
    assert process.stdout is not None
    for line in process.stdout:
        found = re.search(r"serving http://([\d.]+):(\d+)/", line)
        if found:
            threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
            return process, f"{found.group(1)}:{found.group(2)}"
    raise SystemExit("trackside serve did not start")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of a process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
    return int(values["VmRSS"]) / 1024, int(values["VmHWM"]) / 1024


# --- the clients -------------------------------------------------------------------------


async def sse_client(address: str, path: str, figures: Figures, ready: asyncio.Event,
                     stop: asyncio.Event) -> None:  # fmt: skip
    host, port = address.split(":")
    reader, writer = await asyncio.open_connection(host, int(port), limit=1 << 22)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n"
                 .encode())  # fmt: skip
    await writer.drain()
    await reader.readuntil(b"\r\n\r\n")
    try:
        while not stop.is_set():
            line = await reader.readline()
            if not line:
                figures.dropped_clients += 1
                return
            if not line.startswith(b"data: "):
                continue
            arrived = time.perf_counter()
            figures.bytes += len(line)
            _record(json.loads(line[6:]), arrived, figures, ready)
    finally:
        writer.close()


def _record(doc: dict, arrived: float, figures: Figures, ready: asyncio.Event) -> None:
    if "rows" in doc and isinstance(doc["rows"], list):  # the whole board, first
        ready.set()
        return
    figures.patches += 1
    for number, fields in doc.get("rows", {}).items():
        sent = figures.sent.get((number, fields.get("laps", -1)))
        if sent is not None:
            figures.latencies.append(arrived - sent)


# --- the sources -------------------------------------------------------------------------


def journal_writer(db_url: str, plan: list[tuple[str, int, Passing]], rate: float,
                   figures: Figures) -> None:  # fmt: skip
    """Commit one passing at a time to the journal, `rate` a second."""
    engine = open_engine(db_url, migrate=False)
    start = time.perf_counter()
    for index, (number, lap, passing) in enumerate(plan):
        delay = start + index / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        figures.sent[(number, lap)] = time.perf_counter()
        with engine.begin() as conn:
            append_passings(conn, EVENT_ID, [(passing, None)])
    engine.dispose()


def simulated_decoder(
    plan: list[tuple[str, int, Passing]], rate: float, figures: Figures
) -> DecoderSimulator:
    """The P3 simulator, speeded up so that passings go out about `rate` a second; each one's
    send time is noted (instrumented through the simulator's detection step)."""
    lap_of = {(p.transponder, p.time_us): (number, lap) for number, lap, p in plan}
    span_s = (plan[-1][2].time_us - plan[0][2].time_us) / 1e6
    speed = max(1.0, span_s * rate / max(len(plan) - 1, 1))

    class Timed(DecoderSimulator):
        def _detect(self, passing: WirePassing) -> None:
            key = lap_of.get((str(passing.transponder), passing.true_us))
            if key is not None:
                figures.sent[key] = time.perf_counter()
            super()._detect(passing)

    return Timed([p for _, _, p in plan], speed=speed)


# --- the run -----------------------------------------------------------------------------


async def run(args: argparse.Namespace) -> tuple[Figures, tuple[float, float], int]:
    folder = Path(tempfile.mkdtemp(prefix="trackside-bench-live-"))
    db_url = f"sqlite:///{folder / 'live.db'}"
    count = round(args.rate * args.seconds)
    race = args.format == "race"
    plan = crossings(args.cars, count + args.cars, gap_us=50_000 if race else 400_000)
    first = [p for _, lap, p in plan if lap == 0]
    laps = [item for item in plan if item[1] > 0][:count]
    import_event_files(db_url, folder, args.cars, first, race)
    figures = Figures()
    simulator = None
    extra: tuple[str, ...] = ()
    if args.source == "simulator":
        simulator = simulated_decoder(laps, args.rate, figures)
        decoder_port = free_port()
        extra = ("--decoder", f"127.0.0.1:{decoder_port}", "--loop", "D0000C01=SF",
                 "--clock", "decoder")
    server, address = start_server(db_url, *extra, profile=args.profile)
    stop = asyncio.Event()
    try:
        readies = [asyncio.Event() for _ in range(args.clients)]
        clients = [asyncio.create_task(sse_client(address, _path(i), figures, readies[i], stop))
                   for i in range(args.clients)]  # fmt: skip
        await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 60)
        figures.server_cpu_s = -cpu_s(server.pid)
        if simulator is None:
            await asyncio.to_thread(journal_writer, db_url, laps, args.rate, figures)
        else:  # only now: the simulator's clock starts when the server's client connects
            await simulator.start("127.0.0.1", decoder_port)
            await asyncio.wait_for(simulator.finished.wait(), args.seconds * 3 + 60)
        await asyncio.sleep(DRAIN_S)
        figures.server_cpu_s += cpu_s(server.pid)
        memory = rss_mb(server.pid)
        stop.set()
        for client in clients:
            client.cancel()
        await asyncio.gather(*clients, return_exceptions=True)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        if simulator is not None:
            await simulator.close()
        shutil.rmtree(folder, ignore_errors=True)  # the server has exited: its database goes
    return figures, memory, len(laps)


def _path(index: int) -> str:
    query = f"session={SESSION}"
    if index % 10 == 9:
        query += f"&class={CLASSES[index % len(CLASSES)]}"
    return f"/api/events/{EVENT_ID}/live/stream?{query}"


def report(args: argparse.Namespace, figures: Figures, memory: tuple[float, float],
           laps: int) -> None:  # fmt: skip
    values = sorted(figures.latencies)
    if not values:
        raise SystemExit("no update reached a client")
    ms = [v * 1000 for v in values]
    p50 = statistics.median(ms)
    p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
    cpu_ms = figures.server_cpu_s * 1000 / laps
    print(f"live latency, {args.source}, {args.format}: {args.cars} cars, {args.clients} SSE "
          f"clients, {laps} laps at {args.rate:g}/s; load {os.getloadavg()[0]:.1f}")
    print(f"  deliveries measured: {len(ms)}  patches: {figures.patches}  "
          f"bytes: {figures.bytes / 1e6:.1f} MB  clients dropped: {figures.dropped_clients}")
    print(f"  latency p50 {p50:.1f} ms  p99 {p99:.1f} ms  max {ms[-1]:.1f} ms  "
          f"(target p99 < 100 ms: {'met' if p99 < 100 else 'MISSED'})")
    print(f"  server CPU {cpu_ms:.1f} ms per passing (store, engine, boards, patches, "
          f"sockets; whatever the load)")
    print(f"  server RSS {memory[0]:.0f} MB, peak {memory[1]:.0f} MB "
          f"(target < 200 MB: {'met' if memory[1] < 200 else 'MISSED'})")
    print(f"live_latency: p50_ms={p50:.1f} p99_ms={p99:.1f} rss_mb={memory[0]:.0f} "
          f"peak_rss_mb={memory[1]:.0f} server_cpu_ms_per_passing={cpu_ms:.2f} "
          f"load={os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", choices=("journal", "simulator"), default="journal")
    parser.add_argument("--cars", type=int, default=300)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--rate", type=float, default=20.0, help="passings a second")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--format", choices=("time-attack", "race"), default="time-attack",
                        help="the session followed: Time Attack, or a race (its board by laps)")
    parser.add_argument("--profile", metavar="FILE",
                        help="run the server under cProfile, its stats written to FILE")
    args = parser.parse_args()
    figures, memory, laps = asyncio.run(run(args))
    report(args, figures, memory, laps)


if __name__ == "__main__":
    main()
