"""The timing-light recorder: a serial timer (pyserial's `serial_for_url`: a device path,
`rfc2217://`, `socket://`), every raw line journaled with its trips as it comes, one small
transaction per line, committed before `on_trip` hears of it (docs/lights.md).

A lost port (the USB cable unplugged, the timer switched off) is reported and retried with
exponential back-off; noise, battery and error records are reported with the raw line. The
reader's state (device clock offset, cars on course) lives across reconnections: a timer that
kept its clock continues, one that was reset is noticed by the clock."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from trackside.services.lights import record_light_line, session_date
from trackside.store.journal import now_us
from trackside.timing.lights.reader import BAUD, PAUSE_ENDS_RECORD, LightsReader

log = logging.getLogger("trackside.live.lights_recorder")

READ_TIMEOUT_S = 0.1
"""Also the pause that ends a record of a protocol whose records carry no end (FarmTek)."""
MAX_LINE = 256
"""A line longer than this without CR or LF is noise: it is journaled and cut there."""

OnTrip = Callable[[str, int], object]
"""Called with (channel, track time) of each stored trip."""
OnEvent = Callable[[str], object]
"""Called with one line for the operator (a report, a connection, a loss of it)."""


@dataclass(slots=True)
class LightsStats:
    connections: int = 0
    disconnects: int = 0
    lines: int = 0
    trips: int = 0
    reports: int = 0


async def record_lights(
    engine: Engine, event_id: str, session_id: str, port: str, protocol: str, *,
    stop: asyncio.Event, baudrate: int | None = None, first_trip_at_us: int | None = None,
    backoff: tuple[float, float] = (0.2, 5.0), on_trip: OnTrip | None = None,
    on_event: OnEvent | None = None, track_clock: Callable[[], int] = now_us,
) -> LightsStats:
    """Follow the timer on `port` until `stop` is set; returns what was done."""
    date = await asyncio.to_thread(session_date, engine, event_id, session_id, "argument SESSION")
    link = _Link(engine, event_id, session_id, port, protocol,
                 LightsReader(protocol, date, first_trip_at_us=first_trip_at_us),
                 baudrate or BAUD[protocol], stop, on_trip, on_event, track_clock)
    await asyncio.to_thread(link.run, backoff)
    return link.stats


class _Link:
    def __init__(self, engine, event_id, session_id, port, protocol, reader, baudrate, stop,  # type: ignore[no-untyped-def]
                 on_trip, on_event, track_clock) -> None:
        self.engine, self.event_id, self.session_id = engine, event_id, session_id
        self.port, self.protocol, self.reader, self.baudrate = port, protocol, reader, baudrate
        self.stop, self.on_trip, self.on_event = stop, on_trip, on_event
        self.track_clock = track_clock
        self.stats = LightsStats()

    def tell(self, message: str) -> None:
        log.info("%s", message)
        if self.on_event is not None:
            try:
                self.on_event(message)
            except Exception:
                log.exception("on_event failed")

    def run(self, backoff: tuple[float, float]) -> None:
        delay = backoff[0]
        while not self.stop.is_set():
            if self.follow():
                delay = backoff[0]
            if self.stop.is_set():
                break
            self.tell(f"port {self.port}: reconnecting in {delay:.1f} s")
            deadline = time.monotonic() + delay
            while time.monotonic() < deadline and not self.stop.is_set():
                time.sleep(0.05)
            delay = min(delay * 2, backoff[1])

    def follow(self) -> bool:
        """Open the port and read lines until it is lost or `stop`; True if a line came."""
        import serial

        try:
            device = serial.serial_for_url(self.port, baudrate=self.baudrate,
                                           timeout=READ_TIMEOUT_S)
        except (serial.SerialException, OSError, ValueError) as err:
            self.tell(f"port {self.port}: cannot open: {err}")
            return False
        self.stats.connections += 1
        self.tell(f"port {self.port}: connected ({self.protocol}, {self.baudrate} baud)")
        got_line = False
        pending = b""
        pending_at: int | None = None  # when `pending` began arriving (PAUSE_ENDS_RECORD only)
        pause_ends = self.protocol in PAUSE_ENDS_RECORD
        try:
            while not self.stop.is_set():
                data = device.read(512)
                if not data:
                    if pause_ends and pending:  # the line went quiet: the record is whole
                        if pending.strip(b"\x00 "):
                            self.line(pending.decode("latin-1"), pending_at)
                            got_line = True
                        pending, pending_at = b"", None
                    continue
                now = self.track_clock() if pause_ends else None
                began = pending_at if pending else now
                pending += data
                *lines, pending = _split(pending)
                for index, chunk in enumerate(lines):
                    if chunk.strip(b"\x00 "):
                        self.line(chunk.decode("latin-1"), began if index == 0 else now)
                        got_line = True
                pending_at = (now if lines else began) if pending else None
        except (serial.SerialException, OSError) as err:
            self.stats.disconnects += 1
            self.tell(f"port {self.port}: lost ({err or type(err).__name__})")
        finally:
            if pending.strip(b"\x00 "):
                self.line(pending.decode("latin-1"), pending_at)
            with contextlib.suppress(serial.SerialException, OSError):
                device.close()
        return got_line

    def line(self, raw: str, received_us: int | None = None) -> None:
        """Journal the line and its trips (committed), then tell the listeners; the line arrived
        at `received_us` (None: now)."""
        received = self.track_clock() if received_us is None else received_us
        line = self.reader.read(raw, received)
        source = f"port {self.port}"
        report = record_light_line(self.engine, self.event_id, self.session_id, self.protocol,
                                   source, raw, received, line)
        self.stats.lines += 1
        self.stats.trips += report.trips_added
        self.stats.reports += len(report.reports)
        for text in report.reports:
            self.tell(text)
        if self.on_trip is not None:
            for channel, time_us in line.trips:
                try:
                    self.on_trip(str(channel), time_us)
                except Exception:
                    log.exception("on_trip failed")


def _split(data: bytes) -> list[bytes]:
    """Lines ended by CR, LF or both; the last item is what has no end yet (cut at
    MAX_LINE)."""
    parts = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    tail = parts[-1]
    while len(tail) > MAX_LINE:
        parts.insert(-1, tail[:MAX_LINE])
        tail = parts[-1] = tail[MAX_LINE:]
    return parts
