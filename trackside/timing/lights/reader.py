"""One session's timer lines turned into trips on track time and reports for the operator:
the protocol's parser, the device clock and the cars on course, line after line. Pure: the
same lines with the same arrival times give the same trips (`lights replay`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import ModuleType

from trackside.core.records import LightChannel
from trackside.errors import one_line
from trackside.timing.lights import csv_trips, jac_chrono, jac_normal, polaris, tlink
from trackside.timing.lights.clock import DeviceClock
from trackside.timing.lights.records import Elapsed, Reading, Report
from trackside.timing.time_text import parse_time

PROTOCOLS: dict[str, ModuleType] = {
    m.NAME: m for m in (csv_trips, jac_normal, jac_chrono, tlink, polaris)
}
"""Protocol name -> its parser module, in the order `--help` lists them."""
BAUD = {"jac-normal": 9600, "jac-chrono": 9600, "tlink": 9600, "polaris": 1200, "csv": 9600}
"""Each timer's serial speed (8 data bits, no parity, 1 stop bit)."""
PAUSE_ENDS_RECORD = frozenset({"polaris"})
"""Protocols whose records carry no end: the FarmTek console sends CR before a time and nothing
after it, so the recorder ends a record when the line goes quiet (docs/lights.md)."""
_ARRIVAL = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2}[T ])?[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?\t")


@dataclass(frozen=True, slots=True)
class Line:
    """What one raw line gave: trips (channel, track time) and notes for the operator."""

    trips: tuple[tuple[LightChannel, int], ...] = ()
    reports: tuple[Report, ...] = ()


@dataclass(slots=True)
class LightsReader:
    protocol: str
    date: str
    clock: DeviceClock = field(init=False)
    on_course: int = 0

    first_trip_at_us: int | None = None
    offset_us: int | None = None

    def __post_init__(self) -> None:
        module = PROTOCOLS[self.protocol]
        self.clock = DeviceClock(module.MODULUS_US, self.offset_us, self.first_trip_at_us)

    def read(self, raw: str, received_us: int | None = None) -> Line:
        """The trips and reports of one raw line that arrived at `received_us` (None: unknown,
        unless the line begins with its arrival time and a tab, as captures may)."""
        raw, received_us = split_arrival(raw, self.date, received_us)
        if received_us is not None:  # trips are to the millisecond (tracksprint.md, Facts)
            received_us -= received_us % 1000
        module = PROTOCOLS[self.protocol]
        parsed = (module.parse(raw, self.date) if module is csv_trips else module.parse(raw))
        if isinstance(parsed, Report):
            return Line(reports=(parsed,))
        if isinstance(parsed, Elapsed):
            if received_us is None:
                return Line(reports=(Report("error", "a run time with no arrival time: "
                                                     "cannot place its trips"),))
            trips = ((LightChannel.START, received_us - parsed.elapsed_us),
                     (LightChannel.FINISH, received_us))
            return Line(trips=trips)
        return self._reading(parsed, received_us, module is csv_trips)

    def _reading(self, reading: Reading, received_us: int | None, track_time: bool) -> Line:
        notes: list[Report] = []
        if track_time:
            time_us: int | None = reading.device_us
        else:
            time_us, note = self.clock.place(reading.device_us, received_us)
            if note:
                notes.append(Report("reset" if time_us is not None else "error", note))
            if time_us is None:
                return Line(reports=tuple(notes))
        if reading.channel is LightChannel.START:
            self.on_course += 1
        elif self.on_course == 0:
            notes.append(Report("info", "a finish with no car on course (kept: an orphan "
                                        "finish unless a start was missed)"))
        else:
            self.on_course -= 1
        return Line(trips=((reading.channel, time_us),), reports=tuple(notes))


def split_arrival(raw: str, date: str, received_us: int | None) -> tuple[str, int | None]:
    """A captured line `TIME<TAB>RECORD` gives its own arrival time."""
    match = _ARRIVAL.match(raw)
    if match is None:
        return raw, received_us
    try:
        return raw[match.end():], parse_time(match.group()[:-1], date)
    except ValueError:
        return raw, received_us


def report_text(report: Report, raw: str) -> str:
    """One line for the operator: what it is and the raw line it came from."""
    return one_line(f"{report.kind}: {report.message}: raw {raw!r}")
