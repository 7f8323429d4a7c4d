"""A real `trackside serve` for the web tests: its own process on a free loopback port, over a
SQLite file the test writes to from outside (as a decoder client or an official would)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from trackside.core.clock import parse_local_time
from trackside.core.records import Passing
from trackside.services import import_entries, import_event, import_flags
from trackside.store import open_engine
from trackside.store.journal import append_passings

STARTUP_S = 30.0
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def at(clock: str) -> int:
    return parse_local_time(f"2026-05-16T{clock}")


@dataclass
class LiveServer:
    url: str
    db_url: str
    event_id: str
    process: subprocess.Popen

    def get(self, path: str, **params: str) -> httpx.Response:
        return httpx.get(self.url + path, params=params or None, timeout=10)

    def store(self, *crossings: tuple[str, str]) -> None:
        """Passings (time of day, transponder) on the timing line, committed to the journal."""
        engine = open_engine(self.db_url, migrate=False)
        try:
            with engine.begin() as conn:
                rows = [(Passing(at(c), t, "SF"), None) for c, t in crossings]
                append_passings(conn, self.event_id, rows)
        finally:
            engine.dispose()


def load_scenario(db_url: str, scenario: Any, *, passings: bool = False) -> str:
    engine = open_engine(db_url)
    try:
        import_event(engine, scenario.event)
        import_entries(engine, scenario.event_id, scenario.entries)
        import_flags(engine, scenario.event_id, scenario.flags)
        if passings:
            from trackside.services import import_passings

            import_passings(engine, scenario.event_id, scenario.passings)
    finally:
        engine.dispose()
    return scenario.event_id


@contextmanager
def live_server(db_url: str, event_id: str, *extra: str) -> Iterator[LiveServer]:
    """`trackside --db DB serve --port 0 --event ID ...` until the block ends (then Ctrl-C)."""
    command = [sys.executable, "-c", "from trackside.cli import main; main()", "--db", db_url,
               "serve", "--port", "0", "--event", event_id, *extra]
    if "--rmonitor-port" not in extra:
        command += ["--rmonitor-port", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url = _wait_for_url(process)
        yield LiveServer(url, db_url, event_id, process)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_url(process: subprocess.Popen) -> str:
    lines: list[str] = []
    deadline = time.monotonic() + STARTUP_S
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        found = re.search(r"serving (http://\S+?)/?$", line.strip())
        if found:
            threading.Thread(target=_drain, args=(process,), daemon=True).start()
            return found.group(1)
    raise AssertionError("trackside serve did not start:\n" + "".join(lines))


def _drain(process: subprocess.Popen) -> None:
    """Keep reading the server's output so that it never blocks on a full pipe."""
    assert process.stdout is not None
    for _ in process.stdout:
        pass


@dataclass
class SseEvent:
    kind: str
    id: str
    data: dict


class SseReader:
    """A Server-Sent Events client on a background thread (httpx, streamed)."""

    def __init__(self, url: str) -> None:
        self.events: list[SseEvent] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(url,), daemon=True)
        self._thread.start()

    def _read(self, url: str) -> None:
        with httpx.stream("GET", url, timeout=httpx.Timeout(10, read=60)) as response:
            kind = event_id = ""
            for line in response.iter_lines():
                if self._stop.is_set():
                    return
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("id: "):
                    event_id = line[4:]
                elif line.startswith("data: "):
                    with self._lock:
                        self.events.append(SseEvent(kind, event_id, json.loads(line[6:])))

    def wait_for(self, count: int, timeout: float = 10.0) -> list[SseEvent]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.events) >= count:
                    return list(self.events)
            time.sleep(0.01)
        raise AssertionError(f"{len(self.events)} events arrived, expected {count}")

    def close(self) -> None:
        self._stop.set()


class SimulatorThread:
    """The P3 decoder simulator on its own event loop, started and stopped from a test."""

    def __init__(self, passings: Sequence[Passing], port: int, speed: float = 1.0) -> None:
        self._passings, self._port, self._speed = passings, port, speed
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def start(self) -> SimulatorThread:
        from trackside.timing.p3.simulator import run_simulator

        self._thread.start()
        self._stop = asyncio.Event()
        asyncio.run_coroutine_threadsafe(self._stop_event(), self._loop).result(5)
        self._future = asyncio.run_coroutine_threadsafe(
            run_simulator(self._passings, "127.0.0.1", self._port, speed=self._speed,
                          stop=self._stop, on_ready=lambda *_: self._ready.set()),
            self._loop)  # fmt: skip
        assert self._ready.wait(10), "the simulator did not start"
        return self

    async def _stop_event(self) -> None:
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._future.result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)


def wait_until(check: Callable[[], T], timeout: float = 10.0, every: float = 0.05) -> T:
    """Call `check()` until it returns something true; that value, or AssertionError."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError("timed out waiting")
