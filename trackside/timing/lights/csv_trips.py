"""The plain `csv` protocol: a file with a header naming `time` and `channel` (tracksprint.md,
"Commands"); a time is ISO 8601 local time or a time of day on the event's date, a channel
`start` or `finish`. Unlike a timer's stream, a bad row refuses the whole file, naming
file:line:field; a journaled row read again (`lights replay`) is parsed by `parse`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trackside.core.records import LightChannel
from trackside.errors import shown
from trackside.timing.csv_table import read_csv_table, read_text
from trackside.timing.lights.records import Parsed, Reading, Report
from trackside.timing.time_text import EXPECTED, parse_time

NAME = "csv"
MODULUS_US: int | None = None
TRACK_TIME = True
"""The times are track time already: no clock to map."""
CHANNELS = ", ".join(c.value for c in LightChannel)


@dataclass(frozen=True, slots=True)
class CsvTrip:
    line: int
    raw: str
    reading: Reading


def read_trips_csv(path: Path, date: str) -> list[CsvTrip]:
    """Every row of the file as a trip on track time; InputError naming file:line:field."""
    table = read_csv_table(path, limits={"time": 40, "channel": 16})
    table.require("time", "channel")
    lines = read_text(path).splitlines()
    trips = []
    for record in table.records:
        values = record.values
        channel = _channel(values["channel"])
        if channel is None:
            raise table.error(record, "channel",
                              f"expected {CHANNELS}, got {shown(values['channel'])}")
        time_us = table.time(record, date)
        raw = lines[record.line - 1] if record.line <= len(lines) else ""
        trips.append(CsvTrip(record.line, raw, Reading(channel, time_us)))
    return trips


def parse(raw: str, date: str) -> Parsed:
    """One journaled row `time,channel` (either order of the two is not guessed)."""
    cells = [cell.strip() for cell in raw.split(",")]
    if len(cells) < 2:
        return Report("noise", "expected time,channel")
    channel = _channel(cells[1])
    if channel is None:
        return Report("noise", f"channel: expected {CHANNELS}")
    try:
        return Reading(channel, parse_time(cells[0], date))
    except ValueError:
        return Report("noise", f"time: expected {EXPECTED}")


def _channel(text: str) -> LightChannel | None:
    try:
        return LightChannel(text.strip().lower())
    except ValueError:
        return None
